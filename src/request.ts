import { randomUUID } from 'node:crypto';

import type { EmailTemplateDetails, SendMessageData } from '@logto/connector-kit';

import { bodyTemplateOf, type BodyTemplate } from './body/index.js';
import { credentialSecrets, customHeadersOf } from './body/headers.js';
import { userAgent } from './constant.js';
import { emailText, type EmailText } from './email-text/index.js';
import { credentialParts, resolveEndpoint, type ResolvedEndpoint } from './endpoint.js';
import { boundedMemo } from './memo.js';
import { requestBody } from './message.js';
import { signatureHeaders, signingKeys, signingSecretTexts, splitSigningSecrets } from './signing.js';
import type { OutgoingRequest } from './transport.js';
import type { HttpEmailConfig } from './types.js';

/** One message, ready to go: everything an attempt needs but its Standard Webhooks headers. */
export type PreparedRequest = OutgoingRequest & {
  /** The message's id: the same on every attempt, and in the body or headers that use it. */
  webhookId: string;
  /** A header carries the webhook-id as an idempotency key: a 409 is then worth another attempt. */
  retriesConflict: boolean;
  /** The endpoint's origin: the only part of the endpoint that anything the admin reads names. */
  origin: string;
  /** The signature headers of one attempt, when the message is signed. */
  sign?: (webhookId: string, timestamp: number, body: string) => Record<string, string>;
  /** What must never appear in an error or a log line, in any form: see src/failure/redact.ts. */
  secrets: unknown[];
};

/**
 * The link's own credentials: a sign-in or invitation link carries its token in its path or query,
 * and an endpoint may echo that alone.
 */
const linkParts = (link: unknown) => {
  if (typeof link !== 'string' || !URL.canParse(link)) {
    return [];
  }
  return credentialParts(new URL(link));
};

/**
 * What a config's endpoint and signing secrets come to, worked out once per distinct value rather
 * than for every email: a URL parse and base64 decoding that give the same answer every time.
 */
const configParts = boundedMemo<{
  endpoint: ResolvedEndpoint;
  secretTexts: string[];
  sign?: PreparedRequest['sign'];
}>(16);

const partsOf = (endpointUrl: string, signingSecret = '') =>
  // JSON of the pair: a key no two different pairs share.
  configParts(JSON.stringify([endpointUrl, signingSecret]), () => {
    const secrets = splitSigningSecrets(signingSecret);
    return {
      endpoint: resolveEndpoint(endpointUrl),
      secretTexts: signingSecretTexts(secrets),
      sign: secrets.length > 0 ? signatureHeaders(signingKeys(secrets)) : undefined,
    };
  });

/**
 * The request body: the config's `body` template rendered for this message, or, without one, the
 * usual `{ to, type, payload, ip }` with Logto's template, as 0.4.x sent it.
 */
const bodyOf = (
  bodyTemplate: BodyTemplate | undefined,
  config: HttpEmailConfig,
  data: SendMessageData,
  webhookId: string,
  template: EmailTemplateDetails | undefined
) => {
  if (!bodyTemplate) {
    return requestBody(data, template);
  }
  let text: EmailText | undefined;
  return bodyTemplate.render({
    data,
    webhookId,
    text: () => (text ??= emailText(data, template, Array.isArray(config.templates) ? config.templates : undefined)),
  });
};

/** Builds the request of one message from a config the guard has accepted. */
export const prepareRequest = (
  config: HttpEmailConfig,
  data: SendMessageData,
  template?: EmailTemplateDetails,
  webhookId = newWebhookId()
): PreparedRequest => {
  const { endpoint, secretTexts, sign } = partsOf(config.endpoint, config.signingSecret);
  const authorization = config.authorization || endpoint.basicAuthorization;
  const custom = customHeadersOf(config.headers);
  const bodyTemplate = bodyTemplateOf(config.body);
  // Lower-cased names (the guard has refused names that differ only in case): a custom User-Agent
  // replaces ours instead of joining it.
  const customHeaders = custom.render(data.type, webhookId);
  const body = bodyOf(bodyTemplate, config, data, webhookId, template);
  // Read here, before the wire, as every other part of the message is.
  const { code, link } = data.payload;
  let secrets: unknown[] | undefined;

  return {
    url: endpoint.url,
    origin: endpoint.origin,
    webhookId,
    retriesConflict: custom.carriesWebhookId,
    headers: {
      'content-type': 'application/json',
      ...(authorization && { authorization }),
      'user-agent': userAgent,
      ...customHeaders,
    },
    body,
    sign,
    // Read only when a send fails or is shown: a delivered email parses no link for them.
    get secrets() {
      secrets ??= [
        ...endpoint.secrets,
        ...credentialSecrets(config.authorization),
        ...secretTexts,
        ...custom.secrets(customHeaders),
        ...(bodyTemplate?.secrets ?? []),
        code,
        link,
        ...linkParts(link),
      ];
      return secrets;
    },
  };
};

/**
 * One id per message, the same on every attempt: the endpoint drops what it has seen. A UUID's 122
 * random bits, drawn from Node's buffered entropy (randomBytes would ask the kernel each time).
 */
export const newWebhookId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * The headers of one attempt: the prepared ones and the Standard Webhooks ones, signed over
 * `signedBody` (the body sent, except when `logto-http-email check` tampers with it on purpose).
 */
export const attemptHeaders = (
  request: PreparedRequest,
  webhookId: string,
  timestamp: number,
  signedBody = request.body
): Record<string, string> => ({
  ...request.headers,
  'webhook-id': webhookId,
  'webhook-timestamp': String(timestamp),
  ...request.sign?.(webhookId, timestamp, signedBody),
});
