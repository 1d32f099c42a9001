import { z } from 'zod';

import { reservedHeaders, retriesBounds, timeoutBounds } from './constant.js';
import { signingSecretProblem, splitSigningSecrets } from './signing.js';

// Header values must stay on their own line: CR or LF would start a new header, NUL is refused by
// every HTTP stack. Checked here so that a bad value is a config error, not a failed send.
const headerBreaking = /[\r\n\0]/;

const isHttpUrl = (value: string) => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
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

const headersGuard = z.record(
  z.string(),
  z.string({ invalid_type_error: 'headers: each header value must be a string' }),
  { invalid_type_error: 'headers must be an object of header names to string values' }
);

const integerIn = (key: string, { min, max }: { min: number; max: number }, unit = '') => {
  const rule = `${key} must be a whole number from ${min} to ${max}${unit}`;
  return z.number({ invalid_type_error: rule }).int(rule).min(min, rule).max(max, rule);
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
      .refine(isHttpUrl, 'endpoint must be an absolute http: or https: URL'),
    authorization: z
      .string({ invalid_type_error: 'authorization must be a string' })
      .refine(
        (value) => !headerBreaking.test(value),
        'authorization must not contain a line break (CR, LF) or NUL'
      )
      .optional(),
    signingSecret: z
      .string({ invalid_type_error: 'signingSecret must be a string' })
      .superRefine((value, context) => {
        for (const [index, secret] of splitSigningSecrets(value).entries()) {
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

    const seen = new Set<string>();
    for (const [name, value] of Object.entries(config.headers ?? {})) {
      const issue = (message: string) => {
        context.addIssue({ code: z.ZodIssueCode.custom, path: ['headers', name], message });
      };
      const lowerCase = name.toLowerCase();
      if (!headerName.test(name)) {
        issue(`headers: '${name}' is not a valid header name`);
      } else if (reservedHeaders.has(lowerCase)) {
        issue(`headers: ${name} is set by the connector and cannot be configured`);
      } else if (lowerCase === 'authorization' && (config.authorization || credentials)) {
        issue(
          'headers: Authorization cannot be set here as well as by authorization or URL credentials'
        );
      } else if (seen.has(lowerCase)) {
        issue(`headers: ${name} is named twice (header names ignore case)`);
      }
      seen.add(lowerCase);
      if (headerBreaking.test(value)) {
        issue(`headers: the value of ${name} must not contain a line break (CR, LF) or NUL`);
      }
    }
  });

export type HttpEmailConfig = z.infer<typeof httpEmailConfigGuard>;
