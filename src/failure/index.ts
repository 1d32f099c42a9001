import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { configProblems } from '../config.js';

import { adminError } from './admin.js';
import { failureLogLine, refusedLogLine } from './log-line.js';
import { publicError, refusedPublicError } from './public.js';
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

/**
 * Why a send was refused before anything went out, as the admin's log line may say it: the
 * guard's problems (each names its key, never a value), or the connector's own message of a
 * refusal, which quotes nothing it was given. Nothing of another error's text, which might.
 */
const refusalReason = (error: unknown) => {
  const problems = configProblems(error);
  if (problems) {
    return `the saved config is invalid: ${problems}`;
  }
  const { message } = (error instanceof ConnectorError && error.data) as { message?: unknown };
  return typeof message === 'string'
    ? message.replace(/^Nothing was sent: /, '').replace(/\.$/, '')
    : 'an unexpected error while preparing the request';
};

/**
 * The user's language, when the message has one: it may be malformed, which is why it was refused,
 * and reading it may throw again (a getter): then English, not that error.
 */
const localeOf = (message: unknown): unknown => {
  try {
    return (message as { payload?: { locale?: unknown } } | undefined)?.payload?.locale;
  } catch {
    return undefined;
  }
};

/**
 * Runs what comes before the wire (reading and checking the config and the message, preparing the
 * request), and gives its failure to its reader. The admin in the Console test reads the error as
 * it is (the guard's message names the key), or, when it is not a ConnectorError, the reason. A
 * real send's end user gets a sentence in their language and the reference, of the same code, and
 * Logto's log its one line: the reference, the code, the reason.
 */
export const beforeTheWire = async <Prepared>(
  reader: Reader,
  webhookId: string,
  message: unknown,
  prepare: () => Promise<Prepared>
): Promise<Prepared> => {
  try {
    return await prepare();
  } catch (error: unknown) {
    if (reader === 'admin') {
      throw error instanceof ConnectorError
        ? error
        : new ConnectorError(ConnectorErrorCodes.General, { message: `Nothing was sent: ${refusalReason(error)}.` });
    }
    const code = error instanceof ConnectorError ? error.code : ConnectorErrorCodes.General;
    process.stderr.write(`${refusedLogLine(webhookId, code, refusalReason(error))}\n`);
    throw refusedPublicError(code, webhookId, localeOf(message));
  }
};
