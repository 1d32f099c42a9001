import { setTimeout as sleep } from 'node:timers/promises';

import {
  backoff,
  deliveryPolicy,
  errorBodyReadBytes,
  errorBodyReadMs,
  minimumAttemptMs,
  retriedStatuses,
} from './constant.js';
import type { DeliveryFailure, FailureCause } from './failure/record.js';
import { attemptHeaders, type PreparedRequest } from './request.js';
import { sendAttempt, type Attempt } from './transport.js';

export type Delivered = { status: number; attempts: number; webhookId: string };

export type DeliveryOutcome = { ok: true; delivered: Delivered } | { ok: false; failure: DeliveryFailure };

export type Budget = {
  /** performance.now() when the send began: the template lookup counts against the budget too. */
  start: number;
  /** The whole budget of the send, in milliseconds. */
  timeout: number;
  retries: number;
};

/**
 * The three forms of an HTTP date (RFC 9110 §5.6.7): IMF-fixdate, RFC 850 and asctime. Date.parse
 * alone takes `1.5` or `-5` for dates long past, which would cancel the backoff.
 */
const httpDate =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when it is neither. */
const parseRetryAfter = (value: string | undefined): number | undefined => {
  const trimmed = value?.trim();
  if (!trimmed) {
    return;
  }
  if (/^\d+$/.test(trimmed)) {
    // A day is more than any budget: longer waits need not be told apart.
    return Math.min(Number(trimmed), 86_400) * 1000;
  }
  const date = httpDate.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
};

/** Exponential backoff with "equal jitter": half fixed, half random, so a burst does not return at once. */
const jittered = (baseMs: number, attemptNumber: number) => {
  const ceiling = Math.min(backoff.capMs, baseMs * 2 ** (attemptNumber - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
};

type Wait = { ms: number; retryAfter: boolean };

/** The wait before the next attempt, or undefined when this outcome is not worth another one. */
const nextWait = (attempt: Attempt, attemptNumber: number, request: PreparedRequest): Wait | undefined => {
  switch (attempt.kind) {
    case 'answer': {
      // With an idempotency key, 409 is the service still working on the same message.
      if (!retriedStatuses.has(attempt.status) && !(attempt.status === 409 && request.retriesConflict)) {
        return;
      }
      const retryAfter = parseRetryAfter(attempt.header('retry-after'));
      return retryAfter === undefined
        ? { ms: jittered(backoff.baseMs, attemptNumber), retryAfter: false }
        : { ms: retryAfter, retryAfter: true };
    }
    case 'invalid-answer': {
      return;
    }
    case 'timeout': {
      // Nothing sent: try again at once. Sent: the time is spent already, and only what the reserve
      // left decides whether another attempt is worth it.
      return { ms: attempt.sent ? 0 : jittered(backoff.promptBaseMs, attemptNumber), retryAfter: false };
    }
    case 'unreachable': {
      return {
        ms: jittered(attempt.sent ? backoff.baseMs : backoff.promptBaseMs, attemptNumber),
        retryAfter: false,
      };
    }
  }
};

const toCause = async (attempt: Attempt, deadline: number): Promise<FailureCause> => {
  switch (attempt.kind) {
    case 'answer': {
      return {
        kind: 'status',
        status: attempt.status,
        // An answer whose body stalls keeps the user a moment at most: the verdict is known.
        ...(await attempt.read(errorBodyReadBytes, Math.min(deadline, performance.now() + errorBodyReadMs))),
      };
    }
    case 'timeout': {
      // A limit that ran out before a connection was made: nothing was sent, nothing answered.
      return attempt.sent ? { kind: 'timeout' } : { kind: 'unreachable', reason: 'no connection in time' };
    }
    default: {
      return attempt;
    }
  }
};

/**
 * Sends one message until an attempt is answered 2xx, an answer is not worth another attempt, the
 * retries are used up, or the next attempt would not fit in the budget (docs/delivery.md).
 *
 * An attempt that got no answer was still received, so cutting it short risks a duplicate email and
 * a failed sign-in: an attempt may wait for its answer until only the reserve is left, and the
 * reserve is for one more attempt after a silent one. Failures before anything was sent are retried
 * promptly. The last attempt may use all that is left.
 */
export const deliver = async (request: PreparedRequest, budget: Budget): Promise<DeliveryOutcome> => {
  const { webhookId } = request;
  const deadline = budget.start + budget.timeout;
  const reserve = budget.timeout * deliveryPolicy.retryReserveShare;
  const connectTimeout = Math.min(
    deliveryPolicy.connectMaxMs,
    Math.max(deliveryPolicy.connectMinMs, budget.timeout * deliveryPolicy.connectShare)
  );
  const maxAttempts = budget.retries + 1;

  for (let attemptNumber = 1; ; attemptNumber++) {
    const left = deadline - performance.now();
    // Keep the reserve for a later attempt only while there can be one.
    const withReserve = left - reserve;
    const limit = attemptNumber < maxAttempts && withReserve >= minimumAttemptMs ? withReserve : left;
    const headers = attemptHeaders(request, webhookId, Math.floor(Date.now() / 1000));
    // eslint-disable-next-line no-await-in-loop
    const attempt = await sendAttempt(
      { url: request.url, headers, body: request.body },
      { timeout: Math.max(1, limit), connectTimeout: Math.min(connectTimeout, limit) }
    );

    if (attempt.kind === 'answer' && attempt.status >= 200 && attempt.status < 300) {
      attempt.discard(deadline);
      return { ok: true, delivered: { status: attempt.status, attempts: attemptNumber, webhookId } };
    }

    const wait = attemptNumber < maxAttempts ? nextWait(attempt, attemptNumber, request) : undefined;
    const timeLeft = deadline - performance.now();
    const fits = wait !== undefined && wait.ms + minimumAttemptMs <= timeLeft;
    if (!fits) {
      // eslint-disable-next-line no-await-in-loop
      const cause = await toCause(attempt, deadline);
      return {
        ok: false,
        failure: {
          webhookId,
          origin: request.origin,
          cause,
          attempts: attemptNumber,
          elapsedMs: performance.now() - budget.start,
          budgetMs: budget.timeout,
          stopped:
            wait === undefined
              ? undefined
              : wait.retryAfter
                ? { kind: 'retry-after', waitMs: wait.ms, leftMs: timeLeft }
                : { kind: 'budget' },
        },
      };
    }

    if (attempt.kind === 'answer') {
      attempt.discard(deadline);
    }
    // eslint-disable-next-line no-await-in-loop
    await sleep(wait.ms);
  }
};
