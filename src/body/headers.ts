// Custom header values with `{{webhookId}}` and `{{type}}`: an idempotency key that is the same on
// every attempt of a message, and a tag per template type.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { boundedMemo } from '../memo.js';

import { piecesOf, type Piece } from './placeholders.js';

/** Printable ASCII, space and tab: what Node's HTTP client sends as it is (see src/types.ts). */
const validHeaderValue = /^[\t\u0020-\u007E]*$/;

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
        rendered[name]!,
        ...(pieces ?? []).flatMap((piece) => ('text' in piece ? [piece.text] : [])),
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
