import {
  ConnectorError,
  ConnectorErrorCodes,
  type EmailTemplateDetails,
  type SendMessageData,
} from '@logto/connector-kit';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks what Logto hands over before anything is sent. Any `type` string passes: new template
 * types come with new Logto releases.
 */
export function assertMessage(data: unknown): asserts data is SendMessageData {
  const problem = !isObject(data)
    ? 'the message must be an object'
    : typeof data.to !== 'string' || data.to.trim() === ''
      ? '`to` must be a non-empty string'
      : typeof data.type !== 'string' || data.type === ''
        ? '`type` must be a non-empty string'
        : isObject(data.payload)
          ? undefined
          : '`payload` must be an object';

  if (problem) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      message: `Nothing was sent: ${problem}.`,
    });
  }
}

/**
 * The request body: `{ to, type, payload, ip }` in this order, as 0.4.x serializes it, and Logto's
 * rendered template after them when there is one.
 */
export const requestBody = (
  { to, type, payload, ip }: SendMessageData,
  template?: EmailTemplateDetails
): string => {
  try {
    return JSON.stringify({ to, type, payload, ...(ip && { ip }), ...(template && { template }) });
  } catch {
    // A cycle, a BigInt, a throwing toJSON. The error's own text may quote the payload.
    throw new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      message: 'Nothing was sent: the message cannot be serialized as JSON.',
    });
  }
};
