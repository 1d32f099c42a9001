// A stand-in of MailerSend's "Send an email" endpoint. Each rule names the reference page it comes from:
//   [email]   https://developers.mailersend.com/api/v1/email.html ("Sending an Email")
//   [general] https://developers.mailersend.com/general.html ("General API resources": auth, HTTP
//             codes, validation errors)
//   [limits]  https://www.mailersend.com/help/rate-limits-how-to-reduce-403-422-429-errors ("403, 422, & 429 errors")
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

const apiKey = 'mlsn.standin0123456789abcdef0123456789abcdef';

// [email]: the request parameters of POST /v1/email.
const documentedFields = [
  'from', 'to', 'cc', 'bcc', 'reply_to', 'subject', 'text', 'html', 'attachments', 'template_id',
  'tags', 'personalization', 'precedence_bulk', 'send_at', 'in_reply_to', 'references', 'settings',
  'headers', 'list_unsubscribe',
] as const;

const invalid = (field: string, message: string): Problem => ({ status: 422, field, message });

/** [email]: `{ email, name? }`; a recipient's name may not contain `;` or `,`. */
const recipient = (value: unknown): { email: string; name?: string } | undefined => {
  if (!isObject(value) || !isBareAddress(value.email)) {
    return;
  }
  if (value.name !== undefined && (typeof value.name !== 'string' || /[;,]/.test(value.name))) {
    return;
  }
  return value as { email: string; name?: string };
};

const read = (body: unknown): ReadResult => {
  if (!isObject(body)) {
    return { problem: invalid('body', 'The request body must be a JSON object.') };
  }
  const unknown = unknownFields(body, documentedFields);
  if (unknown.length > 0) {
    return { problem: invalid(unknown[0]!, `The ${unknown[0]} field is not a valid field.`) };
  }
  // [email]: from.email is required and a bare address; from.name optional.
  const from = recipient(body.from);
  if (!from) {
    return { problem: invalid('from.email', 'The from.email must be a valid email address.') };
  }
  // [email]: `to` is a list of 1 to 50 recipients.
  if (!Array.isArray(body.to) || body.to.length === 0 || body.to.length > 50) {
    return { problem: invalid('to', 'The to field is required and holds 1 to 50 recipients.') };
  }
  const to = body.to.map((item) => recipient(item));
  if (to.some((item) => item === undefined)) {
    return { problem: invalid('to.0.email', 'The to.*.email must be a valid email address.') };
  }
  // [email]: subject, and text and html, are required without a template_id.
  for (const field of ['subject', 'text', 'html'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') {
      return { problem: invalid(field, `The ${field} field is required when template_id is not present.`) };
    }
  }
  // [email]: reply_to is one `{ email, name? }`.
  const replyTo = body.reply_to === undefined ? undefined : recipient(body.reply_to);
  if (body.reply_to !== undefined && !replyTo) {
    return { problem: invalid('reply_to.email', 'The reply_to.email must be a valid email address.') };
  }
  return {
    email: {
      from: from.name ? `${from.name} <${from.email}>` : from.email,
      to: to.map((item) => item!.email),
      subject: body.subject as string,
      html: body.html as string,
      text: body.text as string,
      ...(replyTo && { replyTo: [replyTo.email] }),
    },
  };
};

// [general]: a validation error is 422 `{ message, errors: { field: [messages] } }`; other errors
// carry a `message`.
const refusal = (problem: Problem): Answer => ({
  status: problem.status,
  body: {
    message: problem.message,
    ...(problem.field && { errors: { [problem.field]: [problem.message] } }),
  },
});

export const startMailerSend = async (): Promise<StandIn> =>
  startStandIn({
    // [email]: POST https://api.mailersend.com/v1/email.
    documentedUrl: 'https://api.mailersend.com/v1/email',
    apiKey,
    // [general]: `Authorization: Bearer <token>`; an invalid token is 401.
    checkHeaders: (headers, key) => {
      if (headers.authorization !== `Bearer ${key}`) {
        return { status: 401, message: 'Unauthenticated.' };
      }
    },
    read,
    refusal,
    // [email]: 202 with an empty body and the message's id in X-Message-Id.
    accepted: (id) => ({ status: 202, headers: { 'x-message-id': id } }),
    // [email]: from.email must belong to a verified domain; [limits]: that is a 422.
    unverifiedSender: (address) =>
      invalid('from.email', `The from.email domain must be verified in your account to send emails (${domainOf(address)} is not).`),
    // [general], [limits]: 429 when there were too many requests. The stand-in sends the standard
    // Retry-After with it.
    rateLimited: (retryAfterSeconds) => ({
      ...refusal({ status: 429, message: 'Too Many Attempts.' }),
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '0' },
    }),
  });
