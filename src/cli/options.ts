// The options every command that talks to an endpoint shares, and the config they make.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { httpEmailConfigGuard, type HttpEmailConfig } from '../types.js';

/** Bad usage or an invalid configuration: exit status 2. Its message never quotes a value. */
export class UsageError extends Error {}

/**
 * A setting the options are well formed for but that cannot be used here, such as an endpoint at an
 * address this Logto does not send to: exit status 2 too, without pointing to the usage.
 */
export class SettingError extends UsageError {}

/** The options that make the connector's config, as `send` and `check` take them. */
export const endpointOptions = {
  endpoint: { type: 'string' },
  authorization: { type: 'string' },
  'signing-secret': { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  timeout: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Help lines for `endpointOptions`, in the order they are listed. */
export const endpointOptionsHelp = {
  endpoint: '  --endpoint <url>          the endpoint URL (required)',
  authorization: '  --authorization <value>   sent verbatim as the Authorization header',
  header: '  --header "Name: value"    an extra header; repeat the flag for several',
} as const;

/**
 * How an option is named in a message: as typed when it looks like a flag (letters and dashes),
 * else by its position, since it may be a secret pasted one place too far.
 */
const optionName = (rawName: string, position: number) =>
  /^--?[a-z][a-z-]{0,29}$/i.test(rawName) ? rawName : `the ${ordinal(position)} option`;

/**
 * Parses a command's options, with messages in this command's words. parseArgs checks nothing
 * here (`strict: false`): its own messages quote what was typed, a value included, and a stray
 * argument is often a secret pasted one place too far. Every token is checked below instead.
 */
export const parseOptions = <Options extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: Options
) => {
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const [index, token] of tokens.filter((token) => token.kind === 'option').entries()) {
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    const name = optionName(token.rawName, index + 1);
    if (!option) {
      throw new UsageError(`${command} does not know ${name.startsWith('-') ? `the option ${name}` : name}`);
    }
    if (option.type === 'string' && token.value === undefined) {
      throw new UsageError(`${name} needs a value`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw new UsageError(`${name} takes no value`);
    }
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `${command} takes only options; ${positionals.length === 1 ? 'one argument is' : `${positionals.length} arguments are`} not an option's value (options take one value each: quote values with spaces)`
    );
  }
  // Typed as in strict mode, which is what the checks above make them.
  return values as ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true }>>['values'];
};

/** `Name: value`; names the flag by its position only, since the value may be a credential. */
const parseHeader = (text: string, position: number): [string, string] => {
  const colon = text.indexOf(':');
  if (colon <= 0) {
    throw new UsageError(`--header takes "Name: value"; the ${ordinal(position)} --header has no name before a colon`);
  }
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trimStart()];
};

const ordinal = (position: number) =>
  position === 1 ? 'first' : position === 2 ? 'second' : position === 3 ? 'third' : `#${position}`;

// Numbers go to the guard as numbers; anything else as given, for the guard to name.
export const numberOrText = (text: string | undefined) =>
  text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

type EndpointValues = {
  endpoint?: string;
  authorization?: string;
  'signing-secret'?: string[];
  header?: string[];
  timeout?: string;
};

/**
 * The connector's config from the options, checked with the connector's own guard, whose messages
 * name the key and never repeat its value. `extra` holds keys only some commands take. Over a
 * `base` config (send --config), each option given replaces its key, and each --header the header
 * of its name.
 */
export const configFromOptions = (
  command: string,
  values: EndpointValues,
  extra: Record<string, unknown> = {},
  base: Record<string, unknown> = {}
): HttpEmailConfig => {
  if (!values.endpoint && base.endpoint === undefined) {
    throw new UsageError(`${command} needs --endpoint`);
  }
  const given = Object.fromEntries(
    Object.entries({
      endpoint: values.endpoint,
      authorization: values.authorization,
      signingSecret: values['signing-secret']?.join(' '),
      timeout: numberOrText(values.timeout),
      ...extra,
    }).filter(([, value]) => value !== undefined)
  );
  const headers = (values.header ?? []).map((header, index) => parseHeader(header, index + 1));
  const replaced = new Set(headers.map(([name]) => name.toLowerCase()));
  const baseHeaders =
    typeof base.headers === 'object' && base.headers !== null && !Array.isArray(base.headers)
      ? Object.entries(base.headers).filter(([name]) => !replaced.has(name.toLowerCase()))
      : undefined;
  const config = {
    ...base,
    ...given,
    headers: baseHeaders ? Object.fromEntries([...baseHeaders, ...headers]) : (base.headers ?? Object.fromEntries(headers)),
  };
  const parsed = httpEmailConfigGuard.safeParse(config);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map(({ message }) => message).join('\n'));
  }
  return parsed.data;
};
