// A stand-in of Brevo's "Send a transactional email" endpoint. Each rule names the reference page it
// comes from:
//   [send]   https://developers.brevo.com/reference/sendtransacemail ("Send a transactional email")
//   [limits] https://developers.brevo.com/docs/limit-headers ("Rate limit headers")
//   [model]  Brevo's API v3 OpenAPI definition, as its official client libraries carry it
//            (getbrevo/brevo-node): the ErrorModel `{ code, message }` and the response codes
import {
  domainOf,
  isBareAddress,
  isObject,
  startStandIn,
  unknownFields,
  type Answer,
  type Problem,
  type ReadResult,
  type StandIn,
} from './service.js';

const apiKey = 'xkeysib-standin0123456789abcdef-Brevo01';

// [send]: the body parameters of POST /v3/smtp/email.
const documentedFields = [
  'sender', 'to', 'bcc', 'cc', 'htmlContent', 'textContent', 'subject', 'replyTo', 'attachment',
  'headers', 'templateId', 'params', 'messageVersions', 'tags', 'scheduledAt', 'batchId',
] as const;

const invalid = (message: string): Problem => ({ status: 400, code: 'invalid_parameter', message });

/**
 * [send]: a contact is an object with a bare `email` and an optional `name` (sender, to, cc, bcc,
 * replyTo); "Name <address>" is not an email address there.
 */
const contact = (value: unknown): { email: string; name?: string } | undefined => {
  if (!isObject(value) || !isBareAddress(value.email)) {
    return;
  }
  if (value.name !== undefined && typeof value.name !== 'string') {
    return;
  }
  const extra = Object.keys(value).filter((key) => key !== 'email' && key !== 'name');
  return extra.length === 0 ? (value as { email: string; name?: string }) : undefined;
};

const display = ({ email, name }: { email: string; name?: string }) => (name ? `${name} <${email}>` : email);

const read = (body: unknown): ReadResult => {
  if (!isObject(body)) {
    return { problem: invalid('Input must be a JSON object') };
  }
  const unknown = unknownFields(body, documentedFields);
  if (unknown.length > 0) {
    return { problem: invalid(`${unknown[0]} is not a valid parameter`) };
  }
  // [send]: without templateId, sender and subject are required, and htmlContent (textContent is
  // optional); `sender` is `{ name?, email }` or `{ id }`.
  if (body.sender === undefined) {
    return { problem: { status: 400, code: 'missing_parameter', message: 'sender is missing' } };
  }
  const sender = contact(body.sender);
  if (!sender) {
    return { problem: invalid('sender.email: a bare email address is required, with an optional name') };
  }
  // [send]: `to` is a list of contacts.
  if (!Array.isArray(body.to) || body.to.length === 0) {
    return { problem: { status: 400, code: 'missing_parameter', message: 'to is missing' } };
  }
  const to = body.to.map((item) => contact(item));
  if (to.some((item) => item === undefined)) {
    return { problem: invalid('to: each recipient needs a bare email address and an optional name') };
  }
  for (const field of ['subject', 'htmlContent'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') {
      return { problem: { status: 400, code: 'missing_parameter', message: `${field} is missing` } };
    }
  }
  if (body.textContent !== undefined && typeof body.textContent !== 'string') {
    return { problem: invalid('textContent must be a string') };
  }
  // [send]: replyTo is one contact, its email required.
  const replyTo = body.replyTo === undefined ? undefined : contact(body.replyTo);
  if (body.replyTo !== undefined && !replyTo) {
    return { problem: invalid('replyTo.email: a bare email address is required') };
  }
  return {
    email: {
      from: display(sender),
      to: to.map((item) => item!.email),
      subject: body.subject as string,
      html: body.htmlContent as string,
      ...(typeof body.textContent === 'string' && { text: body.textContent }),
      ...(replyTo && { replyTo: [replyTo.email] }),
    },
  };
};

// [model]: errors answer `{ code, message }`.
const refusal = (problem: Problem): Answer => ({
  status: problem.status,
  body: {
    code:
      problem.code ??
      { 401: 'unauthorized', 404: 'document_not_found', 405: 'method_not_allowed', 429: 'too_many_requests' }[
        problem.status
      ] ??
      'bad_request',
    message: problem.message,
  },
});

export const startBrevo = async (): Promise<StandIn> =>
  startStandIn({
    // [send]: POST https://api.brevo.com/v3/smtp/email.
    documentedUrl: 'https://api.brevo.com/v3/smtp/email',
    apiKey,
    // [send]: the key goes in the `api-key` request header; [model]: 401 without a valid one.
    checkHeaders: (headers, key) => {
      if (headers['api-key'] !== key) {
        return { status: 401, code: 'unauthorized', message: 'Key not found' };
      }
    },
    read,
    refusal,
    // [send]: 201 with the message's id.
    accepted: (id) => ({ status: 201, body: { messageId: `<${id}@smtp-relay.standin>` } }),
    // [send]: the sender must be one of the account's senders (a verified address or domain).
    unverifiedSender: (address) =>
      invalid(`Sender ${address} is not valid: ${domainOf(address)} is not a verified sender or domain of this account`),
    // [limits]: 429 with x-sib-ratelimit-* headers, the reset in seconds. Brevo names no
    // Retry-After; the stand-in adds it so that a test can see the connector honour it.
    rateLimited: (retryAfterSeconds) => ({
      ...refusal({ status: 429, message: 'Too many requests' }),
      headers: {
        'x-sib-ratelimit-limit': '1000',
        'x-sib-ratelimit-remaining': '0',
        'x-sib-ratelimit-reset': String(retryAfterSeconds),
        'retry-after': String(retryAfterSeconds),
      },
    }),
  });
