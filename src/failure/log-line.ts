import { describeForAdmin, answerForAdmin } from './admin.js';
import type { DeliveryFailure } from './record.js';
import type { Redact } from './redact.js';

/**
 * JSON-quoted, in ASCII: every other character as a \u escape. A log viewer or a terminal takes
 * some for line breaks (U+2028, U+0085), and others reorder or hide text (bidirectional overrides,
 * zero-width and tag characters): the endpoint's answer can neither forge a second line nor hide
 * anything in this one.
 */
const quoted = (answer: string) =>
  JSON.stringify(answer).replaceAll(
    /[^\u0020-\u007E]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );

const lead = (webhookId: string) => `[connector-http-email] email not delivered, webhook-id ${webhookId}: `;

/**
 * The one line a failed real send prints to Logto's log: Logto prints nothing of a connector error
 * in production, so this is where the admin finds what the end user was not told. JSON-quoted
 * answer, so that it stays on one line.
 */
export const failureLogLine = (failure: DeliveryFailure, redact: Redact) => {
  const answer = answerForAdmin(failure, redact);
  return `${lead(failure.webhookId)}${describeForAdmin(failure)}${answer === undefined ? '' : ` Answer: ${quoted(answer)}`}`;
};

/**
 * The one line of a real send refused before anything was sent: the error's code and the reason,
 * in the connector's own words (never a value of the config or the message), kept to one line.
 */
export const refusedLogLine = (webhookId: string, code: string, reason: string) =>
  `${lead(webhookId)}nothing was sent (${code}): ${quoted(reason).slice(1, -1)}.`;
