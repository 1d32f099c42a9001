// The request body as the admin's JSON template (`body`), rendered for each message on the parsed
// value, never on JSON text: a value, whatever it holds, stays one value (docs/request.md).
import { ConnectorError, ConnectorErrorCodes, type SendMessageData } from '@logto/connector-kit';

import type { EmailText } from '../email-text/index.js';
import { boundedMemo } from '../memo.js';
import { isPlainObject } from '../plain-object.js';

import { isBodyName, piecesOf, shownPlaceholder, type EmailTextName } from './placeholders.js';

/** What a body template may draw on for one message. */
export type MessageValues = {
  data: SendMessageData;
  webhookId: string;
  /** The email's text, worked out on first use: only templates that use `template.*` pay for it. */
  text: () => EmailText;
};

/** A template compiled once per config, rendered once per message. */
export type BodyTemplate = {
  render: (values: MessageValues) => string;
  /** Whether it uses `template.*`: only then is the email's text needed, Logto's template included. */
  usesText: boolean;
  /** Values written under a key that names a credential (`api_key`, `token`, …): never shown. */
  secrets: string[];
};

/** Stands for a value that is not there: its key or array element is left out. */
const missing = Symbol('missing');
type Rendered = unknown;
type Render = (values: MessageValues) => Rendered;
/** A compiled part of the template: a value without placeholders, or a function that renders one. */
type Compiled = { literal: unknown } | { render: Render } | undefined;

/** The value at `path` in the payload, through its own properties only: `constructor` is not one. */
const ownPath = (value: unknown, path: readonly string[]) => {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

const valueOf = (name: string): Render => {
  switch (name) {
    case 'to': {
      return ({ data }) => data.to;
    }
    case 'type': {
      return ({ data }) => data.type;
    }
    case 'ip': {
      return ({ data }) => data.ip;
    }
    case 'webhookId': {
      return ({ webhookId }) => webhookId;
    }
    default: {
      if (name.startsWith('template.')) {
        const key = name.slice('template.'.length) as EmailTextName;
        return ({ text }) => text()[key];
      }
      const path = name.split('.').slice(1);
      return ({ data }) => ownPath(data.payload, path);
    }
  }
};

/** Absent, null or "": Logto's save removes such values from a config, so they count as missing. */
const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/** A value inside a longer string: its text, a number's digits, an object's JSON, nothing when missing. */
const textOf = (value: unknown): string =>
  isMissing(value) ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

/** An object that JSON shows with every own key, `__proto__` included, and nothing inherited. */
const bareObject = () => Object.create(null) as Record<string, unknown>;

type Compilation = { problems: Set<string>; usesText: boolean; secrets: string[]; depth: number };

/** Deeper than any email API's request: a template nested further is a mistake, not a stack overflow. */
const maxDepth = 64;

/** Keys whose values are credentials, for services that take their key in the body. */
const credentialKey = /key|token|secret|passw|pass$|pwd|credential|^auth(?:orization)?$/i;

const compileString = (text: string, state: Compilation): Compiled => {
  if (text === '') {
    return;
  }
  const pieces = piecesOf(text);
  if (!pieces) {
    return { literal: text };
  }
  for (const piece of pieces) {
    if ('name' in piece) {
      if (!isBodyName(piece.name)) {
        state.problems.add(`body: ${shownPlaceholder(piece.name)} names no value`);
      }
      state.usesText ||= piece.name.startsWith('template.');
    }
  }
  const [only] = pieces;
  if (pieces.length === 1 && only && 'name' in only) {
    // Exactly one placeholder: the value with its own JSON type, or nothing.
    const value = valueOf(only.name);
    return {
      render: (values) => {
        const rendered = value(values);
        return isMissing(rendered) ? missing : rendered;
      },
    };
  }
  const parts = pieces.map((piece) => ('name' in piece ? valueOf(piece.name) : piece.text));
  return {
    render: (values) => {
      let result = '';
      for (const part of parts) {
        result += typeof part === 'string' ? part : textOf(part(values));
      }
      return result;
    },
  };
};

const renderOf = (compiled: NonNullable<Compiled>): Render =>
  'render' in compiled ? compiled.render : () => compiled.literal;

const compileArray = (items: unknown[], state: Compilation): Compiled => {
  const compiled = items.map((item) => compileValue(item, state)).filter((item) => item !== undefined);
  if (compiled.length === 0) {
    return;
  }
  if (compiled.every((item) => 'literal' in item)) {
    return { literal: compiled.map((item) => (item as { literal: unknown }).literal) };
  }
  const renders = compiled.map((item) => renderOf(item));
  return {
    render: (values) => {
      const result: unknown[] = [];
      for (const render of renders) {
        const value = render(values);
        if (value !== missing) {
          result.push(value);
        }
      }
      // An array that every value left: left out in turn.
      return result.length > 0 ? result : missing;
    },
  };
};

const compileObject = (object: Record<string, unknown>, state: Compilation): Compiled => {
  const entries: Array<[string, NonNullable<Compiled>]> = [];
  for (const [key, value] of Object.entries(object)) {
    if (piecesOf(key)) {
      state.problems.add('body: placeholders stand in string values, never in keys');
    }
    const compiled = compileValue(value, state);
    if (compiled) {
      entries.push([key, compiled]);
    }
    if (typeof value === 'string' && credentialKey.test(key)) {
      state.secrets.push(value);
    }
  }
  if (entries.length === 0) {
    return;
  }
  if (entries.every(([, compiled]) => 'literal' in compiled)) {
    const literal = bareObject();
    for (const [key, compiled] of entries) {
      literal[key] = (compiled as { literal: unknown }).literal;
    }
    return { literal };
  }
  const renders = entries.map(([key, compiled]) => [key, renderOf(compiled)] as const);
  return {
    render: (values) => {
      const result = bareObject();
      let empty = true;
      for (const [key, render] of renders) {
        const value = render(values);
        if (value !== missing) {
          result[key] = value;
          empty = false;
        }
      }
      // `"reply_to": {"email": "{{template.replyTo}}"}` without a reply-to disappears whole.
      return empty ? missing : result;
    },
  };
};

/** Empty strings, arrays and objects and nulls the admin wrote are left out, as Logto's save does. */
function compileValue(value: unknown, state: Compilation): Compiled {
  if (typeof value === 'string') {
    return compileString(value, state);
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    return nested(value, state);
  }
  return value === null || value === undefined ? undefined : { literal: value };
}

function nested(value: unknown[] | Record<string, unknown>, state: Compilation): Compiled {
  if (state.depth >= maxDepth) {
    state.problems.add(`body: nested deeper than ${maxDepth} levels`);
    return;
  }
  state.depth++;
  try {
    return Array.isArray(value) ? compileArray(value, state) : compileObject(value, state);
  } finally {
    state.depth--;
  }
}

/**
 * Exactly one address: no list, no name and angle brackets, no line break. A `to` with a comma or
 * a second @ could add a recipient in a service that reads lists.
 */
const oneAddress = /^[^\s@,;<>()[\]"\\:\u0000-\u001F\u007F]+@[^\s@,;<>()[\]"'\\:\u0000-\u001F\u007F]+$/u;

const renderWith =
  (render: Render) =>
  (values: MessageValues): string => {
    // \s leaves out U+0085, a line break to some readers.
    if (!oneAddress.test(values.data.to) || values.data.to.includes('\u0085')) {
      throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
        message: 'Nothing was sent: `to` must be exactly one email address.',
      });
    }
    try {
      const body = render(values);
      return JSON.stringify(body === missing ? {} : body);
    } catch {
      // A BigInt, a cycle or a throwing toJSON in the payload. The error's own text may quote it.
      throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
        message: 'Nothing was sent: the message cannot be serialized as JSON.',
      });
    }
  };

const compile = (body: Record<string, unknown>) => {
  const state: Compilation = { problems: new Set(), usesText: false, secrets: [], depth: 0 };
  const compiled = compileObject(body, state);
  return { compiled, state };
};

/** What is wrong with a `body`, for the config guard; empty when nothing is. Never quotes a value. */
export const bodyProblems = (body: unknown): string[] => {
  if (!isPlainObject(body)) {
    return ['body must be a JSON object: the request body, with {{placeholders}} in its string values'];
  }
  return [...compile(body).state.problems];
};

const bodyTemplates = boundedMemo<BodyTemplate | undefined>(16);

/**
 * The compiled template of a `body` the guard has accepted, or undefined for the usual body:
 * absent, `{}`, or nothing but empty values. Compiled once per distinct body.
 */
export const bodyTemplateOf = (body: unknown): BodyTemplate | undefined => {
  if (!isPlainObject(body)) {
    // Absent, or null or "", which Logto's save removes.
    return;
  }
  // Console's empty Json field, on the path of every default send: no JSON key made for it.
  for (const _key in body) {
    return bodyTemplates(JSON.stringify(body), () => {
      const { compiled, state } = compile(body);
      return compiled && { render: renderWith(renderOf(compiled)), usesText: state.usesText, secrets: state.secrets };
    });
  }
};
