import { z } from 'zod';

import { bodyProblems } from './body/index.js';
import { isHeaderName, piecesOf } from './body/placeholders.js';
import { reservedHeaders, retriesBounds, timeoutBounds } from './constant.js';
import type { ConfigTemplate } from './email-text/index.js';
import { isPlainObject } from './plain-object.js';
import { signingSecretProblem, splitSigningSecrets } from './signing.js';

// What Node's HTTP client sends as it is: printable ASCII, space and tab. Anything else (a line
// break, a control character, an emoji, U+2028) it refuses or mangles at send time, after the
// sign-in has started: checked here, it is a config error at once instead.
const validHeaderValue = /^[\t\u0020-\u007E]*$/;
const headerValueRule = 'may only contain printable ASCII characters, spaces and tabs';

/** What is wrong with an endpoint URL, or undefined. Never quotes it: its path may be a credential. */
const endpointProblem = (value: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'endpoint must be an absolute http: or https: URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'endpoint must be an absolute http: or https: URL';
  }
  if (!url.hostname) {
    return 'endpoint must name a host';
  }
  // The URL parser refuses ports above 65535; port 0 it keeps, and no connection can be made to it.
  if (url.port === '0') {
    return 'endpoint must have a port from 1 to 65535';
  }
};

const hasCredentials = (endpoint: string) => {
  try {
    const { username, password } = new URL(endpoint);
    return Boolean(username || password);
  } catch {
    return false;
  }
};

// RFC 9110 token: the characters a header name may have.
const headerName = /^[!#$%&'*+.^`|~\w-]+$/;

const ordinal = (position: number) =>
  position === 1 ? 'first' : position === 2 ? 'second' : position === 3 ? 'third' : `#${position}`;

/**
 * `headers` is checked as it is, own keys and all: a record guard's output would drop a key such as
 * `__proto__`, which the request would still send. Header names may hold what the admin meant as a
 * value (`X-Api-Key: key_…` typed as a name), so messages name a header by its place, never quote it.
 */
const headersGuard = z.unknown().superRefine((value, context) => {
  if (!isPlainObject(value)) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'headers must be an object of header names to string values',
    });
    return;
  }
  const seen = new Set<string>();
  for (const [index, [name, headerValue]] of Object.entries(value).entries()) {
    const header = `the ${ordinal(index + 1)} header`;
    const issue = (message: string) => {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `headers: ${message}` });
    };
    const lowerCase = name.toLowerCase();
    if (!headerName.test(name)) {
      issue(`${header} does not have a valid header name`);
    } else if (reservedHeaders.has(lowerCase)) {
      issue(`${lowerCase} is set by the connector and cannot be configured`);
    } else if (seen.has(lowerCase)) {
      issue(`${header} has a name given before (header names ignore case)`);
    }
    seen.add(lowerCase);
    if (typeof headerValue !== 'string') {
      issue(`each header value must be a string; ${header}'s is not`);
    } else if (!validHeaderValue.test(headerValue)) {
      issue(`the value of ${header} ${headerValueRule}`);
    } else if (piecesOf(headerValue)?.some((piece) => 'name' in piece && !isHeaderName(piece.name))) {
      issue(`the value of ${header} may use only the placeholders {{webhookId}} and {{type}}`);
    }
  }
}) as z.ZodType<Record<string, string>>;

/** An object with no own keys: what Console saves for a Json field left empty. */
const isEmptyObject = (value: unknown) => isPlainObject(value) && Object.keys(value).length === 0;

/** null or "": Logto's save removes such a value, so the Console test treats it as absent too. */
const isRemovedBySave = (value: unknown) => value === null || value === '';

const bodyGuard = z.unknown().superRefine((value, context) => {
  if (isRemovedBySave(value)) {
    return;
  }
  for (const message of bodyProblems(value)) {
    context.addIssue({ code: z.ZodIssueCode.custom, message });
  }
}) as z.ZodType<Record<string, unknown>>;

const contentTypes = /^text\/(?:html|plain)\s*(?:;.*)?$/i;

/**
 * `templates`, as Logto's SMTP connector takes them. `{}` (Console's empty Json field) and `[]` mean
 * none. Empty strings count as missing, since Logto's save removes them. Entries are named by their
 * place: their values are the admin's texts.
 */
const templatesGuard = z.unknown().superRefine((value, context) => {
  if (isRemovedBySave(value) || isEmptyObject(value)) {
    return;
  }
  if (!Array.isArray(value)) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'templates must be an array of { usageType, subject, content, contentType?, replyTo?, sendFrom? }',
    });
    return;
  }
  for (const [index, entry] of value.entries()) {
    const name = `the ${ordinal(index + 1)} entry`;
    const issue = (message: string) => {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `templates: ${message}` });
    };
    if (!isPlainObject(entry)) {
      issue(`${name} must be an object`);
      continue;
    }
    for (const key of ['usageType', 'subject', 'content'] as const) {
      if (entry[key] === undefined || entry[key] === null || entry[key] === '') {
        issue(`${name} needs ${key}`);
      } else if (typeof entry[key] !== 'string') {
        issue(`${name}'s ${key} must be a string`);
      }
    }
    for (const key of ['contentType', 'replyTo', 'sendFrom'] as const) {
      if (entry[key] !== undefined && entry[key] !== null && typeof entry[key] !== 'string') {
        issue(`${name}'s ${key} must be a string`);
      }
    }
    if (typeof entry.contentType === 'string' && entry.contentType && !contentTypes.test(entry.contentType)) {
      issue(`${name}'s contentType must be text/html or text/plain`);
    }
  }
}) as z.ZodType<ConfigTemplate[] | Record<string, never>>;

/**
 * One check, so that a value that breaks several of its parts (Infinity is neither whole nor at
 * most the maximum) is told the rule once.
 */
const integerIn = (key: string, { min, max }: { min: number; max: number }, unit = '') => {
  const rule = `${key} must be a whole number from ${min} to ${max}${unit}`;
  return z
    .number({ invalid_type_error: rule })
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, rule);
};

/**
 * The connector's config as Logto Console stores it. Validation only: no transforms, so that what
 * Logto saves is what the admin entered. Unknown keys are ignored. Messages name the key and never
 * repeat a value, since values may be secret.
 */
export const httpEmailConfigGuard = z
  .object({
    endpoint: z
      .string({
        required_error: 'endpoint is required',
        invalid_type_error: 'endpoint must be a string',
      })
      .superRefine((value, context) => {
        const problem = endpointProblem(value);
        if (problem) {
          context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        }
      }),
    authorization: z
      .string({ invalid_type_error: 'authorization must be a string' })
      .refine((value) => validHeaderValue.test(value), `authorization ${headerValueRule}`)
      .optional(),
    signingSecret: z
      .string({ invalid_type_error: 'signingSecret must be a string' })
      .superRefine((value, context) => {
        const secrets = splitSigningSecrets(value);
        if (secrets.length === 0) {
          // Not "unsigned": an admin who pasted nothing but spaces meant to sign.
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'signingSecret holds no secret; remove the key to send unsigned requests',
          });
        }
        for (const [index, secret] of secrets.entries()) {
          const problem = signingSecretProblem(secret);
          if (problem) {
            context.addIssue({
              code: z.ZodIssueCode.custom,
              message: `signingSecret: the ${ordinal(index + 1)} secret ${problem}`,
            });
          }
        }
      })
      .optional(),
    headers: headersGuard.optional(),
    includeTemplate: z
      .boolean({ invalid_type_error: 'includeTemplate must be true or false' })
      .optional(),
    timeout: integerIn('timeout', timeoutBounds, ' (milliseconds)').optional(),
    retries: integerIn('retries', retriesBounds).optional(),
    body: bodyGuard.optional(),
    templates: templatesGuard.optional(),
  })
  .superRefine((config, context) => {
    const credentials = hasCredentials(config.endpoint);
    if (config.authorization && credentials) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['authorization'],
        message:
          'authorization cannot be combined with credentials in the endpoint URL: they would both set the Authorization header',
      });
    }

    const authorizationHeader = Object.keys(config.headers ?? {}).some(
      (name) => name.toLowerCase() === 'authorization'
    );
    if (authorizationHeader && (config.authorization || credentials)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['headers'],
        message: 'headers: Authorization cannot be set here as well as by authorization or URL credentials',
      });
    }
  });

export type HttpEmailConfig = z.infer<typeof httpEmailConfigGuard>;
