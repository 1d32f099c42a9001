import type { ConnectorError } from '@logto/connector-kit';

import { adminError } from './admin.js';
import { failureLogLine } from './log-line.js';
import { publicError } from './public.js';
import type { DeliveryFailure } from './record.js';
import { createRedactor } from './redact.js';

export type { DeliveryFailure } from './record.js';

/**
 * Who reads the error: Logto hands the same ConnectorError to the end user of a real send and to
 * the admin in the Console test (docs/architecture.md, docs/delivery.md "Two readers").
 */
export type Reader = 'end-user' | 'admin';

/**
 * The error a failed send rejects with. A real send's error is for the end user, in their language
 * (`locale`, the message's `payload.locale`), and carries nothing of the endpoint; the admin's
 * detail goes to Logto's log as one line on stderr instead.
 */
export const failureError = (
  failure: DeliveryFailure,
  reader: Reader,
  secrets: Iterable<unknown>,
  locale?: unknown
): ConnectorError => {
  const redact = createRedactor(secrets);
  if (reader === 'admin') {
    return adminError(failure, redact);
  }
  process.stderr.write(`${failureLogLine(failure, redact)}\n`);
  return publicError(failure, locale);
};
