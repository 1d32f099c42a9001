// Custom header values with `{{webhookId}}` and `{{type}}`: an idempotency key that is the same on
// every attempt of a message, and a tag per template type.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { mayBeCredential } from '../endpoint.js';
import { boundedMemo } from '../memo.js';

import { piecesOf, type Piece } from './placeholders.js';

/** Printable ASCII, space and tab: what Node's HTTP client sends as it is (see src/types.ts). */
const validHeaderValue = /^[\t\u0020-\u007E]*$/;

/**
 * The secrets a credential's header value holds: the value; the credential after a scheme
 * (`Bearer …`, `Token …`), which an endpoint may echo alone; and for `Basic`, the `user:password`
 * it encodes and the password alone, which a gateway may echo decoded. In any header value but
 * `authorization` (which is a credential), what follows a first word is hunted alone only when it
 * may be a credential: `transactional email` must not make every answer's "email" a secret.
 */
export const credentialSecrets = (value: string | undefined, isCredential = true): string[] => {
  if (!value) {
    return [];
  }
  const afterScheme = value.replace(/^\S+\s+/, '');
  const basic = /^basic\s+([\w+/=-]+)\s*$/i.exec(value);
  const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  return [
    value,
    ...(isCredential || mayBeCredential(afterScheme) ? [afterScheme] : []),
    ...(colon === -1 ? [] : [decoded, decoded.slice(colon + 1)]),
  ];
};

/** The shortest fixed text beside a placeholder that counts as a secret of its own: no key is shorter. */
const fixedTextSecretMinimum = 8;

type HeaderEntry = {
  /** Lower-cased: the guard refuses names that differ only in case. */
  name: string;
  value: string;
  pieces: Piece[] | undefined;
};

export type CustomHeaders = {
  /** The headers of one message, in the config's order. */
  render: (type: string, webhookId: string) => Record<string, string>;
  /** What of them must never be shown (src/failure/redact.ts) beside the rendered values. */
  secrets: (rendered: Record<string, string>) => string[];
  /**
   * A header carries the webhook-id, as an idempotency key: the service then answers a repeat it is
   * still processing with 409, which is worth another attempt like a 503.
   */
  carriesWebhookId: boolean;
};

const compile = (headers: Record<string, string>): CustomHeaders => {
  const entries: HeaderEntry[] = Object.entries(headers).map(([name, value]) => ({
    name: name.toLowerCase(),
    value,
    pieces: piecesOf(value),
  }));
  const templated = entries.some(({ pieces }) => pieces);
  const usesType = entries.some(({ pieces }) => pieces?.some((piece) => 'name' in piece && piece.name === 'type'));
  // An Accept value says what the client reads, and a value of placeholders only holds the id or
  // the type: neither is a secret, and hunting them would shred an answer that names its type.
  const secretEntries = entries.filter(
    ({ name, pieces }) =>
      name !== 'accept' && !pieces?.every((piece) => 'name' in piece || piece.text.trim() === '')
  );
  const fixed = Object.fromEntries(entries.map(({ name, value }) => [name, value]));

  return {
    render: templated
      ? (type, webhookId) => {
          if (usesType && !validHeaderValue.test(type)) {
            throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
              message: 'Nothing was sent: the message type cannot go into a header value.',
            });
          }
          // No prototype: a header named __proto__ stays a header.
          const rendered = Object.create(null) as Record<string, string>;
          for (const { name, value, pieces } of entries) {
            rendered[name] = pieces
              ? pieces
                  .map((piece) => ('text' in piece ? piece.text : piece.name === 'type' ? type : webhookId))
                  .join('')
              : value;
          }
          return rendered;
        }
      : () => fixed,
    secrets: (rendered) =>
      secretEntries.flatMap(({ name, pieces }) => [
        // A value with a placeholder is hunted whole, never after its scheme: that part may be the
        // webhook-id (`Bearer {{webhookId}}`), which is no secret.
        ...(pieces ? [rendered[name]!] : credentialSecrets(rendered[name], name === 'authorization')),
        // The fixed text beside a placeholder is hunted alone only when it could be a credential:
        // `Bearer ` or `logto-` alone would shred every answer that says them.
        ...(pieces ?? []).flatMap((piece) =>
          'text' in piece && piece.text.trim().length >= fixedTextSecretMinimum ? credentialSecrets(piece.text.trim(), false) : []
        ),
      ]),
    carriesWebhookId: entries.some(({ pieces }) =>
      pieces?.some((piece) => 'name' in piece && piece.name === 'webhookId')
    ),
  };
};

const none: CustomHeaders = { render: () => ({}), secrets: () => [], carriesWebhookId: false };
const compiledHeaders = boundedMemo<CustomHeaders>(16);

/** The custom headers of a config the guard has accepted, compiled once per distinct `headers`. */
export const customHeadersOf = (headers: Record<string, string> | undefined): CustomHeaders => {
  if (headers === undefined) {
    return none;
  }
  for (const _name in headers) {
    return compiledHeaders(JSON.stringify(headers), () => compile(headers));
  }
  return none;
};
