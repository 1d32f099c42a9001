import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import ky from 'ky';

import {
  backoff,
  errorBodyKeptChars,
  errorBodyReadBytes,
  minimumAttemptMs,
  retriedStatuses,
} from './constant.js';
import { nodeFetch } from './transport.js';

/** One message, ready to go: everything `deliver` needs and nothing it must work out. */
export type Delivery = {
  url: string;
  /** Origin and path of the endpoint, the only part of it an error names. */
  location: string;
  /** Headers of every attempt; `deliver` adds the Standard Webhooks ones. */
  headers: Record<string, string>;
  body: string;
  /** Milliseconds for the whole send: attempts, waits and reading an error answer. */
  timeout: number;
  retries: number;
  /** Signature headers for one attempt, when the message is signed. */
  signatureHeaders?: (webhookId: string, timestamp: number, body: string) => Record<string, string>;
  /** Applied to everything that goes into an error, which Logto may show to the end user. */
  redact: (text: string) => string;
};

export type Delivered = { status: number; attempts: number; webhookId: string };

type Attempt =
  | { kind: 'answer'; response: Response }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; reason: string };

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/**
 * Names a network failure by its error code only: the error's own text may quote the request, and
 * nothing of the request may reach an error.
 */
const describeNetworkError = (error: unknown): string => {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      return networkReasons[code] ?? code;
    }
    current = current.cause;
  }
  return 'network error';
};

const send = async (
  delivery: Delivery,
  headers: Record<string, string>,
  timeout: number
): Promise<Attempt> => {
  try {
    const response = await ky.post(delivery.url, {
      timeout,
      // ky builds the request and keeps its timeout; node:http sends it with these headers and
      // body (src/transport.ts).
      fetch: nodeFetch(headers, delivery.body),
      // Retries are ours (see README, "Delivery, retries and errors"): ky's retry logic differs
      // across the ky 1.x versions that Logto hosts ship and knows no budget across attempts.
      retry: 0,
      throwHttpErrors: false,
      // Following a redirect would POST the message, code included, wherever Location points.
      // node:http follows none; this says so to ky too.
      redirect: 'manual',
    });
    return { kind: 'answer', response };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { kind: 'timeout' };
    }
    return { kind: 'unreachable', reason: describeNetworkError(error) };
  }
};

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
const parseRetryAfter = (value: string | null): number | undefined => {
  const trimmed = value?.trim();
  if (!trimmed) {
    return;
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
};

/** The wait before the next attempt, or undefined when this outcome is not worth another one. */
const nextWait = (attempt: Attempt, attemptNumber: number) => {
  if (attempt.kind === 'answer') {
    if (!retriedStatuses.has(attempt.response.status)) {
      return;
    }
    const retryAfter = parseRetryAfter(attempt.response.headers.get('retry-after'));
    if (retryAfter !== undefined) {
      return { ms: retryAfter, retryAfter: true };
    }
  }
  // Exponential backoff with "equal jitter": half fixed, half random, so that a burst of
  // failed sends does not come back at the same instant.
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (attemptNumber - 1));
  return { ms: ceiling / 2 + (Math.random() * ceiling) / 2, retryAfter: false };
};

/** Reads at most `errorBodyReadBytes` of an answer, and stops at the deadline or a reset. */
const readLimited = async (response: Response, deadline: number): Promise<string> => {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const timer = new AbortController();
  const expired = sleep(Math.max(0, deadline - performance.now()), undefined, {
    signal: timer.signal,
  }).catch(() => undefined);
  let text = '';
  let bytes = 0;

  try {
    while (bytes < errorBodyReadBytes) {
      // eslint-disable-next-line no-await-in-loop
      const chunk = await Promise.race([reader.read(), expired]);
      if (!chunk || chunk.done) {
        break;
      }
      const piece = chunk.value.subarray(0, errorBodyReadBytes - bytes);
      bytes += piece.byteLength;
      text += decoder.decode(piece, { stream: true });
    }
  } catch {
    // The connection broke mid-answer: keep what arrived.
  } finally {
    timer.abort();
    reader.cancel().catch(() => undefined);
  }

  return text + decoder.decode();
};

/**
 * Reads an answer we have no use for to its end (within the same limits as an error answer) and
 * drops it, without waiting: a body read to the end gives the connection back to the pool for the
 * next send, where cancelling it would close it.
 */
const discardBody = (attempt: Attempt, deadline: number) => {
  if (attempt.kind === 'answer') {
    void readLimited(attempt.response, deadline);
  }
};

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const fail = async (
  delivery: Delivery,
  attempt: Attempt,
  attempts: number,
  webhookId: string,
  deadline: number,
  stopReason?: string
): Promise<ConnectorError> => {
  const tried = `${plural(attempts, 'attempt')}${stopReason ? `, ${stopReason}` : ''}`;
  let message: string;
  let answer = {};

  if (attempt.kind === 'answer') {
    const { status } = attempt.response;
    const name = STATUS_CODES[status];
    const advice =
      status >= 300 && status < 400
        ? ' Redirects are not followed: configure the final URL as the endpoint.'
        : '';
    message = `answered ${status}${name ? ` ${name}` : ''}; ${tried}.${advice}`;
    const body = await readLimited(attempt.response, deadline);
    answer = { status, body: delivery.redact(body).slice(0, errorBodyKeptChars) };
  } else if (attempt.kind === 'timeout') {
    message = `did not answer in time; ${tried} within the ${seconds(delivery.timeout)} budget.`;
  } else {
    message = `could not be reached (${attempt.reason}); ${tried}.`;
  }

  const code =
    attempt.kind === 'answer' && attempt.response.status === 429
      ? ConnectorErrorCodes.RateLimitExceeded
      : ConnectorErrorCodes.General;

  return new ConnectorError(code, {
    message: delivery.redact(`HTTP email endpoint ${delivery.location} ${message}`),
    ...answer,
    attempts,
    webhookId,
  });
};

/**
 * Sends one message: attempts until one is answered 2xx, the answer is not worth another attempt,
 * the retries are used up, or the next attempt would not fit in the budget. Each attempt gets an
 * equal share of the time that is left, so that a hung endpoint still leaves time for a retry.
 */
export const deliver = async (delivery: Delivery): Promise<Delivered> => {
  // One id per message, the same on every attempt: the endpoint drops what it has seen. A UUID's
  // 122 random bits, drawn from Node's buffered entropy (randomBytes would ask the kernel each time).
  const webhookId = `msg_${randomUUID().replaceAll('-', '')}`;
  const deadline = performance.now() + delivery.timeout;
  const maxAttempts = delivery.retries + 1;

  for (let attemptNumber = 1; ; attemptNumber++) {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      ...delivery.headers,
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      ...delivery.signatureHeaders?.(webhookId, timestamp, delivery.body),
    };
    const share = (deadline - performance.now()) / (maxAttempts - attemptNumber + 1);
    // eslint-disable-next-line no-await-in-loop
    const attempt = await send(delivery, headers, Math.max(1, share));

    if (attempt.kind === 'answer' && attempt.response.ok) {
      discardBody(attempt, deadline);
      return { status: attempt.response.status, attempts: attemptNumber, webhookId };
    }

    const wait = attemptNumber < maxAttempts ? nextWait(attempt, attemptNumber) : undefined;
    if (!wait) {
      throw await fail(delivery, attempt, attemptNumber, webhookId, deadline);
    }
    const left = deadline - performance.now();
    if (wait.ms + minimumAttemptMs > left) {
      const stopReason = wait.retryAfter
        ? `stopped: it asked to retry after ${seconds(wait.ms)}, more than the ${seconds(left)} left of the ${seconds(delivery.timeout)} budget`
        : `stopped: no time left of the ${seconds(delivery.timeout)} budget for another attempt`;
      throw await fail(delivery, attempt, attemptNumber, webhookId, deadline, stopReason);
    }

    discardBody(attempt, deadline);
    // eslint-disable-next-line no-await-in-loop
    await sleep(wait.ms);
  }
};
