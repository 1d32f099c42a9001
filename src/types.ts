import { z } from 'zod';

import { retriesBounds, timeoutBounds } from './constant.js';

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
    timeout: integerIn('timeout', timeoutBounds, ' (milliseconds)').optional(),
    retries: integerIn('retries', retriesBounds).optional(),
  })
  .superRefine((config, context) => {
    if (config.authorization && hasCredentials(config.endpoint)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['authorization'],
        message:
          'authorization cannot be combined with credentials in the endpoint URL: they would both set the Authorization header',
      });
    }
  });

export type HttpEmailConfig = z.infer<typeof httpEmailConfigGuard>;
