import { STATUS_CODES } from 'node:http';

import { ConnectorError } from '@logto/connector-kit';

import { describeRefusal } from '../address-guard.js';
import { errorBodyKeptChars } from '../constant.js';

import { duration, failureCode, lastStatus, plural, seconds, type DeliveryFailure } from './record.js';
import type { Redact } from './redact.js';

const whatHappened = ({ cause }: DeliveryFailure) => {
  switch (cause.kind) {
    case 'status': {
      const name = STATUS_CODES[cause.status];
      return `answered ${cause.status}${name ? ` ${name}` : ''}`;
    }
    case 'timeout': {
      return 'did not answer in time';
    }
    case 'unreachable': {
      return `could not be reached (${cause.reason})`;
    }
    case 'invalid-answer': {
      return cause.reason;
    }
    case 'refused-address': {
      return `was not contacted: ${describeRefusal(cause.refusal)}`;
    }
  }
};

const whyItStopped = ({ stopped }: DeliveryFailure) =>
  stopped?.kind === 'retry-after'
    ? `, then stopped: it asked to retry after ${seconds(stopped.waitMs)}, more than the ${seconds(stopped.leftMs)} left`
    : stopped?.kind === 'budget'
      ? ', then stopped: no time left for another attempt'
      : '';

const advice = ({ cause }: DeliveryFailure) =>
  cause.kind === 'status' && cause.status >= 300 && cause.status < 400
    ? ' Redirects are not followed: configure the final URL as the endpoint.'
    : '';

/**
 * What failed, for the admin: the endpoint's origin (never its path, query or credentials), what
 * happened, the attempts against the budget, and why it stopped early if it did. Composed from the
 * record's own fields, none of which holds a secret.
 */
export const describeForAdmin = (failure: DeliveryFailure) =>
  `HTTP email endpoint ${failure.origin} ${whatHappened(failure)}; ${plural(failure.attempts, 'attempt')} in ${duration(failure.elapsedMs)} of the ${seconds(failure.budgetMs)} budget${whyItStopped(failure)}.${advice(failure)}`;

/** The endpoint's answer as the admin may read it: redacted first, then cut. */
export const answerForAdmin = (failure: DeliveryFailure, redact: Redact) =>
  failure.cause.kind === 'status'
    ? redact(failure.cause.text, { cut: !failure.cause.complete, keep: errorBodyKeptChars }).slice(0, errorBodyKeptChars)
    : undefined;

/** The error of a send whose reader is the admin: the Console test and the command line. */
export const adminError = (failure: DeliveryFailure, redact: Redact): ConnectorError => {
  const status = lastStatus(failure);
  const body = answerForAdmin(failure, redact);
  return new ConnectorError(
    failureCode(failure),
    {
      message: describeForAdmin(failure),
      ...(status !== undefined && { status, body }),
      attempts: failure.attempts,
      webhookId: failure.webhookId,
    }
  );
};
