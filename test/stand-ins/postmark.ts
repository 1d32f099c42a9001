// A stand-in of Postmark's "Send a single email" endpoint. Each rule names the reference page it
// comes from:
//   [email]    https://postmarkapp.com/developer/api/email-api ("Email API": POST /email, headers, body)
//   [overview] https://postmarkapp.com/developer/api/overview ("Overview": auth, HTTP codes, API error codes)
//   [guide]    https://postmarkapp.com/developer/user-guide/send-email-with-api ("Sending email with API")
//   [422]      https://postmarkapp.com/support/article/troubleshooting-422-unprocessable-entity-errors
import {
  domainOf,
  isObject,
  namedAddress,
  startStandIn,
  unknownFields,
  type Answer,
  type Problem,
  type ReadResult,
  type StandIn,
} from './service.js';

const apiKey = 'standin-0000-4000-8000-postmark0001';

// [email]: the body format of POST /email.
const documentedFields = [
  'From', 'To', 'Cc', 'Bcc', 'Subject', 'Tag', 'HtmlBody', 'TextBody', 'ReplyTo', 'Metadata',
  'Headers', 'TrackOpens', 'TrackLinks', 'Attachments', 'MessageStream',
] as const;

// [overview] API error codes: 300 invalid email request, 400 sender signature not found,
// 10 bad or missing API token, 429 rate limit exceeded; each with HTTP 422 (401 for the token).
const invalidRequest = (message: string): Problem => ({ status: 422, code: '300', message });

/** [email]: `To`, `Cc`, `Bcc` and `ReplyTo` are one string, addresses separated by commas, at most 50. */
const commaSeparated = (value: unknown): string[] | undefined => {
  if (typeof value !== 'string') {
    return;
  }
  const addresses = value.split(',').map((part) => part.trim());
  return addresses.length <= 50 && addresses.every((address) => namedAddress(address) !== undefined)
    ? addresses
    : undefined;
};

const read = (body: unknown): ReadResult => {
  if (!isObject(body)) {
    return { problem: { status: 422, code: '402', message: 'Received invalid JSON input.' } };
  }
  const unknown = unknownFields(body, documentedFields);
  if (unknown.length > 0) {
    return { problem: invalidRequest(`Unknown field '${unknown[0]}'.`) };
  }
  // [email]: From is required, "Full Name <sender@domain.com>" to include a name.
  if (namedAddress(body.From) === undefined) {
    return { problem: invalidRequest("Invalid 'From' address: give an address or 'Name <address>'.") };
  }
  const to = commaSeparated(body.To);
  if (!to) {
    return { problem: invalidRequest("Invalid 'To' address: give up to 50 addresses, separated by commas.") };
  }
  for (const field of ['Subject', 'HtmlBody', 'TextBody', 'Tag', 'MessageStream'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      return { problem: invalidRequest(`'${field}' must be a string.`) };
    }
  }
  // [email]: HtmlBody is required when there is no TextBody and the other way round; [guide]: both
  // make a multipart email.
  if (!body.HtmlBody && !body.TextBody) {
    return { problem: invalidRequest('Provide either email TextBody or HtmlBody or both.') };
  }
  if (typeof body.Tag === 'string' && body.Tag.length > 1000) {
    return { problem: invalidRequest("'Tag' may have at most 1000 characters.") };
  }
  const replyTo = body.ReplyTo === undefined ? undefined : commaSeparated(body.ReplyTo);
  if (body.ReplyTo !== undefined && !replyTo) {
    return { problem: invalidRequest("Invalid 'ReplyTo' address.") };
  }
  return {
    email: {
      from: body.From as string,
      to,
      subject: typeof body.Subject === 'string' ? body.Subject : '',
      ...(typeof body.HtmlBody === 'string' && { html: body.HtmlBody }),
      ...(typeof body.TextBody === 'string' && { text: body.TextBody }),
      ...(replyTo && { replyTo }),
    },
  };
};

// [overview], [422]: errors answer `{ ErrorCode, Message }`.
const refusal = (problem: Problem): Answer => ({
  status: problem.status,
  body: { ErrorCode: Number(problem.code ?? (problem.status === 401 ? 10 : 0)), Message: problem.message },
});

export const startPostmark = async (): Promise<StandIn> =>
  startStandIn({
    // [overview]: https://api.postmarkapp.com; [email]: POST /email.
    documentedUrl: 'https://api.postmarkapp.com/email',
    apiKey,
    // [email]: `Accept: application/json` and `X-Postmark-Server-Token` are required request
    // headers; [overview]: a wrong or missing token is 401. The stand-in answers a missing Accept
    // with 406, its HTTP meaning.
    checkHeaders: (headers, key) => {
      if (headers['x-postmark-server-token'] !== key) {
        return { status: 401, code: '10', message: 'Request does not contain a valid Server API token.' };
      }
      if (!/(^|,)\s*application\/json\s*(;|,|$)/i.test(headers.accept ?? '')) {
        return { status: 406, code: '0', message: 'The Accept header must allow application/json.' };
      }
    },
    read,
    refusal,
    // [email]: 200 with To, SubmittedAt, MessageID, ErrorCode 0 and Message "OK".
    accepted: (id, email) => ({
      status: 200,
      body: { To: email.to.join(', '), SubmittedAt: new Date().toISOString(), MessageID: id, ErrorCode: 0, Message: 'OK' },
    }),
    // [email]: From must have a registered and confirmed Sender Signature; [overview] error 400.
    unverifiedSender: (address) => ({
      status: 422,
      code: '400',
      message: `The 'From' address you supplied (${address}) is not a Sender Signature on your account (${domainOf(address)} is not verified).`,
    }),
    // [overview]: 429 "Rate Limit Exceeded". Postmark's pages name no header for when to come back;
    // the stand-in adds the standard Retry-After so that a test can see the connector honour it.
    rateLimited: (retryAfterSeconds) => ({
      ...refusal({ status: 429, code: '429', message: 'Rate Limit Exceeded' }),
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  });
