import { describeForAdmin, answerForAdmin } from './admin.js';
import type { DeliveryFailure } from './record.js';
import type { Redact } from './redact.js';

/**
 * JSON-quoted, and escaped further where JSON leaves a character as it is that a log viewer or a
 * terminal would take for a line break (U+2028, U+2029, U+0085) or that reorders or hides text (C1
 * controls, bidirectional overrides, zero-width characters): the endpoint's answer cannot forge a
 * second line or disguise this one.
 */
const quoted = (answer: string) =>
  JSON.stringify(answer).replaceAll(
    /[\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );

/**
 * The one line a failed real send prints to Logto's log: Logto prints nothing of a connector error
 * in production, so this is where the admin finds what the end user was not told. JSON-quoted
 * answer, so that it stays on one line.
 */
export const failureLogLine = (failure: DeliveryFailure, redact: Redact) => {
  const answer = answerForAdmin(failure, redact);
  return `[connector-http-email] email not delivered, webhook-id ${failure.webhookId}: ${describeForAdmin(failure)}${answer === undefined ? '' : ` Answer: ${quoted(answer)}`}`;
};
