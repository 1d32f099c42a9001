import { describeForAdmin, answerForAdmin } from './admin.js';
import type { DeliveryFailure } from './record.js';
import type { Redact } from './redact.js';

/**
 * The one line a failed real send prints to Logto's log: Logto prints nothing of a connector error
 * in production, so this is where the admin finds what the end user was not told. JSON-quoted
 * answer, so that it stays on one line.
 */
export const failureLogLine = (failure: DeliveryFailure, redact: Redact) => {
  const answer = answerForAdmin(failure, redact);
  return `[connector-http-email] email not delivered, webhook-id ${failure.webhookId}: ${describeForAdmin(failure)}${answer === undefined ? '' : ` Answer: ${JSON.stringify(answer)}`}`;
};
