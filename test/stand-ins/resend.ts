// A stand-in of Resend's "Send Email" endpoint. Each rule names the reference page it comes from:
//   [send]   https://resend.com/docs/api-reference/emails/send-email ("Send Email")
//   [intro]  https://resend.com/docs/api-reference/introduction ("Introduction": base URL, auth)
//   [errors] https://resend.com/docs/api-reference/errors ("Errors": error names and statuses)
//   [rate]   https://resend.com/docs/api-reference/rate-limit ("Rate Limit")
//   [idem]   https://resend.com/docs/dashboard/emails/idempotency-keys ("Idempotency Keys")
import { createHash } from 'node:crypto';

import {
  isObject,
  namedAddress,
  startStandIn,
  unknownFields,
  type Answer,
  type Problem,
  type ReadResult,
  type StandIn,
} from './service.js';

const apiKey = 're_standin_0123456789abcdef';

// [send]: the body parameters of POST /emails.
const documentedFields = [
  'from', 'to', 'subject', 'bcc', 'cc', 'scheduled_at', 'reply_to', 'html', 'text', 'headers',
  'attachments', 'tags', 'template', 'topic_id',
] as const;

/** [send]: `to`, `cc`, `bcc` and `reply_to` are `string | string[]`; `to` holds at most 50. */
const addressList = (value: unknown): string[] | undefined => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > 50) {
    return;
  }
  const addresses = list.map((item) => namedAddress(item));
  return addresses.every((address) => address !== undefined) ? (list as string[]) : undefined;
};

// [errors]: a field of the wrong kind is `validation_error` 422/400 with a message naming it; a
// missing required field is `missing_required_field` 422.
const invalid = (field: string, message: string): Problem => ({
  status: 422,
  code: 'validation_error',
  field,
  message,
});

const read = (body: unknown): ReadResult => {
  if (!isObject(body)) {
    return { problem: invalid('body', 'The body must be a JSON object.') };
  }
  const unknown = unknownFields(body, documentedFields);
  if (unknown.length > 0) {
    return { problem: invalid(unknown[0]!, `Unknown field: ${unknown[0]}.`) };
  }
  const missing = (['from', 'to', 'subject'] as const).filter((field) => body[field] === undefined);
  if (missing.length > 0) {
    return {
      problem: {
        status: 422,
        code: 'missing_required_field',
        message: `Missing \`${missing.join('`, `')}\` field.`,
      },
    };
  }
  // [send]: `from` is a string, "Your Name <sender@domain.com>" to include a name.
  if (namedAddress(body.from) === undefined) {
    return { problem: invalid('from', 'Invalid `from` field: an address, or a name and an address as `Name <sender@domain.com>`.') };
  }
  const to = addressList(body.to);
  if (!to) {
    return { problem: invalid('to', 'Invalid `to` field: an address or a list of 1 to 50 addresses.') };
  }
  if (typeof body.subject !== 'string' || body.subject === '') {
    return { problem: invalid('subject', 'The `subject` field must be a non-empty string.') };
  }
  for (const field of ['html', 'text'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      return { problem: invalid(field, `The \`${field}\` field must be a string.`) };
    }
  }
  const replyTo = body.reply_to === undefined ? undefined : addressList(body.reply_to);
  if (body.reply_to !== undefined && !replyTo) {
    return { problem: invalid('reply_to', 'Invalid `reply_to` field: an address or a list of addresses.') };
  }
  return {
    email: {
      from: body.from as string,
      to,
      subject: body.subject,
      ...(typeof body.html === 'string' && { html: body.html }),
      ...(typeof body.text === 'string' && { text: body.text }),
      ...(replyTo && { replyTo }),
    },
  };
};

// [errors]: every error answers `{ statusCode, name, message }`.
const refusal = (problem: Problem): Answer => {
  const name =
    problem.code ??
    { 401: 'missing_api_key', 403: 'invalid_api_key', 404: 'not_found', 405: 'method_not_allowed', 429: 'rate_limit_exceeded' }[
      problem.status
    ] ??
    'validation_error';
  return { status: problem.status, body: { statusCode: problem.status, name, message: problem.message } };
};

type Remembered = { bodyHash: string; answer: Answer; processing: boolean };

/**
 * [idem]: a key is kept 24 hours. The same key again with the same payload gets the first answer and
 * sends nothing; with a different payload it is `invalid_idempotent_request` 409; while the first
 * request is still being processed it is `concurrent_idempotent_requests` 409; a key outside 1–256
 * characters is `invalid_idempotency_key` 400. (The stand-in lives far shorter than a day.)
 */
const idempotency = () => {
  const keys = new Map<string, Remembered>();
  let slowNext = false;
  const check = (request: { headers: Record<string, unknown>; body: Buffer }, accept: () => Answer): Answer | undefined => {
    const key = request.headers['idempotency-key'];
    if (key === undefined) {
      return;
    }
    if (typeof key !== 'string' || key.length === 0 || key.length > 256) {
      return refusal({ status: 400, code: 'invalid_idempotency_key', message: 'The key must be between 1-256 chars.' });
    }
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    const remembered = keys.get(key);
    if (remembered && remembered.bodyHash !== bodyHash) {
      return refusal({
        status: 409,
        code: 'invalid_idempotent_request',
        message: 'Same idempotency key used with a different request payload.',
      });
    }
    if (remembered?.processing) {
      // Finished once this answer is given: the next request with the key gets the first answer.
      remembered.processing = false;
      return refusal({
        status: 409,
        code: 'concurrent_idempotent_requests',
        message: 'Same idempotency key used while original request is still in progress.',
      });
    }
    if (remembered) {
      return remembered.answer;
    }
    const answer = accept();
    keys.set(key, { bodyHash, answer, processing: slowNext });
    slowNext = false;
    return answer;
  };
  return {
    check,
    /** The next new key stays "in progress" until one more request with it has been answered. */
    stillProcessingNext: () => {
      slowNext = true;
    },
  };
};

export type ResendStandIn = StandIn & {
  /** The next accepted key is still being processed when the next request with it arrives. */
  stillProcessingNext: () => void;
};

export const startResend = async (): Promise<ResendStandIn> => {
  const keys = idempotency();
  const standIn = await startStandIn(
    {
      // [intro]: base URL https://api.resend.com; [send]: POST /emails.
      documentedUrl: 'https://api.resend.com/emails',
      apiKey,
      // [intro]: `Authorization: Bearer re_…`; [errors]: none is 401 `missing_api_key`, a wrong one
      // 403 `invalid_api_key`.
      checkHeaders: (headers, key) => {
        if (!headers.authorization) {
          return { status: 401, message: 'Missing API key in the authorization header.' };
        }
        if (headers.authorization !== `Bearer ${key}`) {
          return { status: 403, message: 'API key is invalid.' };
        }
      },
      read,
      refusal,
      // [send]: 200 with the new email's id.
      accepted: (id) => ({ status: 200, body: { id } }),
      // [errors]: `validation_error` 403 when the `from` domain is not verified.
      unverifiedSender: (address) => ({
        status: 403,
        code: 'validation_error',
        message: `The ${address.slice(address.indexOf('@') + 1)} domain is not verified. Please, add and verify your domain.`,
      }),
      // [rate], [errors]: 429 `rate_limit_exceeded` with ratelimit-* headers and retry-after.
      rateLimited: (retryAfterSeconds) => ({
        ...refusal({ status: 429, message: 'Too many requests. Please limit the number of requests per second.' }),
        headers: {
          'ratelimit-limit': '2',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(retryAfterSeconds),
          'retry-after': String(retryAfterSeconds),
        },
      }),
    },
    (request, _body, accept) => keys.check(request, accept)
  );
  return { ...standIn, stillProcessingNext: keys.stillProcessingNext };
};
