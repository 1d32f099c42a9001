// A stand-in of SendGrid's v3 "Mail Send" endpoint. Each rule names the reference page it comes from:
//   [send]   https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send ("Mail Send")
//   [errors] https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/errors ("Errors")
//   [rate]   https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits ("Rate Limits")
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

const apiKey = 'SG.standin0123456789.abcdefghijklmnopqrstuvwxyz0123456789';

// [send]: the request body's properties.
const documentedFields = [
  'personalizations', 'from', 'reply_to', 'reply_to_list', 'subject', 'content', 'attachments',
  'template_id', 'headers', 'categories', 'custom_args', 'send_at', 'batch_id', 'asm', 'ip_pool_name',
  'mail_settings', 'tracking_settings',
] as const;

const invalid = (field: string, message: string): Problem => ({ status: 400, field, message });

/** [send]: an email address object, `{ email, name? }`, the email bare. */
const emailObject = (value: unknown): { email: string; name?: string } | undefined => {
  if (!isObject(value) || !isBareAddress(value.email)) {
    return;
  }
  if (value.name !== undefined && typeof value.name !== 'string') {
    return;
  }
  return value as { email: string; name?: string };
};

const read = (body: unknown): ReadResult => {
  if (!isObject(body)) {
    return { problem: invalid('', 'Bad Request') };
  }
  const unknown = unknownFields(body, documentedFields);
  if (unknown.length > 0) {
    return { problem: invalid(unknown[0]!, `The ${unknown[0]} parameter is not a valid parameter.`) };
  }
  // [send]: `personalizations` (1 to 1000) and `from` are required; each personalization needs `to`.
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    return { problem: invalid('personalizations', 'The personalizations field is required and must have at least 1 personalization.') };
  }
  const to: string[] = [];
  for (const [index, personalization] of personalizations.entries()) {
    const list = isObject(personalization) ? personalization.to : undefined;
    if (!Array.isArray(list) || list.length === 0) {
      return { problem: invalid(`personalizations.${index}.to`, 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.') };
    }
    for (const recipient of list) {
      const address = emailObject(recipient);
      if (!address) {
        return { problem: invalid(`personalizations.${index}.to`, 'Each recipient needs a valid, bare email address.') };
      }
      to.push(address.email);
    }
  }
  const from = emailObject(body.from);
  if (!from) {
    return { problem: invalid('from.email', 'The from object must be provided for every email send. It is an object that requires the email parameter, a bare address.') };
  }
  // [send]: `subject` is required unless every personalization has one.
  if (typeof body.subject !== 'string' || body.subject === '') {
    return { problem: invalid('subject', 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.') };
  }
  // [send]: `content` is a list of `{ type, value }`, each at least 1 character; text/plain and
  // text/html, when included, must be the first entries, in that order.
  const content = body.content;
  if (!Array.isArray(content) || content.length === 0) {
    return { problem: invalid('content', 'Unless a valid template_id is provided, the content parameter is required.') };
  }
  for (const [index, part] of content.entries()) {
    if (!isObject(part) || typeof part.type !== 'string' || part.type === '' || typeof part.value !== 'string' || part.value === '') {
      return { problem: invalid(`content.${index}`, 'Each content entry needs a type and a value of at least 1 character.') };
    }
  }
  const types = content.map((part) => (part as { type: string }).type);
  const expectedOrder = ['text/plain', 'text/html'].filter((type) => types.includes(type));
  if (types.slice(0, expectedOrder.length).join() !== expectedOrder.join()) {
    return { problem: invalid('content', 'If present, text/plain and text/html may only be provided in order, at the start of the content array.') };
  }
  // [send]: `reply_to` is one email address object.
  const replyTo = body.reply_to === undefined ? undefined : emailObject(body.reply_to);
  if (body.reply_to !== undefined && !replyTo) {
    return { problem: invalid('reply_to.email', 'The reply_to email address must be a valid, bare email address.') };
  }
  const valueOf = (type: string) =>
    (content as Array<{ type: string; value: string }>).find((part) => part.type === type)?.value;
  const html = valueOf('text/html');
  const text = valueOf('text/plain');
  return {
    email: {
      from: from.name ? `${from.name} <${from.email}>` : from.email,
      to,
      subject: body.subject,
      ...(html !== undefined && { html }),
      ...(text !== undefined && { text }),
      ...(replyTo && { replyTo: [replyTo.email] }),
    },
  };
};

// [errors]: a failed request answers `{ errors: [{ field, message }] }` (Mail Send adds `help`).
const refusal = (problem: Problem): Answer => ({
  status: problem.status,
  body: { errors: [{ message: problem.message, field: problem.field ?? null, help: null }] },
});

export const startSendGrid = async (): Promise<StandIn> =>
  startStandIn({
    // [send]: POST https://api.sendgrid.com/v3/mail/send.
    documentedUrl: 'https://api.sendgrid.com/v3/mail/send',
    apiKey,
    // [send]: `Authorization: Bearer <API key>` is required; [errors]: 401 without it.
    checkHeaders: (headers, key) => {
      if (headers.authorization !== `Bearer ${key}`) {
        return { status: 401, message: 'The provided authorization grant is invalid, expired, or revoked' };
      }
    },
    read,
    refusal,
    // [send]: 202 with an empty body.
    accepted: () => ({ status: 202 }),
    // [send]: the from address must match a verified Sender Identity (403).
    unverifiedSender: (address) => ({
      status: 403,
      field: 'from',
      message: `The from address does not match a verified Sender Identity: ${domainOf(address)} is not verified.`,
    }),
    // [rate]: 429 with X-RateLimit-Limit, -Remaining and -Reset (a unix time). SendGrid names no
    // Retry-After; the stand-in adds it so that a test can see the connector honour it.
    rateLimited: (retryAfterSeconds) => ({
      ...refusal({ status: 429, message: 'too many requests' }),
      headers: {
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + retryAfterSeconds),
        'retry-after': String(retryAfterSeconds),
      },
    }),
  });
