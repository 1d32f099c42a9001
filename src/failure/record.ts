import { ConnectorErrorCodes } from '@logto/connector-kit';

import type { AddressRefusal } from '../address-guard.js';

/** Why the last attempt of a failed send failed. */
export type FailureCause =
  /**
   * A final answer that is neither 2xx nor worth another attempt: `text` is the start of it as
   * read, raw; `complete` tells whether that was all of it.
   */
  | { kind: 'status'; status: number; text: string; complete: boolean }
  | { kind: 'timeout' }
  /** `reason` names the failure by its error code (src/transport.ts), never by its text. */
  | { kind: 'unreachable'; reason: string }
  | { kind: 'invalid-answer'; reason: string }
  /** Nothing was sent: the endpoint's address is one this Logto does not send to. */
  | { kind: 'refused-address'; refusal: AddressRefusal };

/**
 * One failed send, as it happened: rendered once for the end user (src/failure/public.ts), and for
 * the admin (src/failure/admin.ts, src/failure/log-line.ts). Nothing here is redacted yet, and
 * nothing here may reach the end user but through public.ts.
 */
export type DeliveryFailure = {
  webhookId: string;
  /** The endpoint's scheme, host and port. */
  origin: string;
  cause: FailureCause;
  attempts: number;
  elapsedMs: number;
  budgetMs: number;
  /** Set when the connector stopped with retries left, because the next attempt would not fit. */
  stopped?: { kind: 'retry-after'; waitMs: number; leftMs: number } | { kind: 'budget' };
};

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A time spent: milliseconds below a second, where "0 s" would say nothing. */
export const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : seconds(ms));

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A refused address is the config's mistake (or the operator's rule), not a failed delivery. */
export const failureCode = (failure: DeliveryFailure) =>
  failure.cause.kind === 'refused-address'
    ? ConnectorErrorCodes.InvalidConfig
    : lastStatus(failure) === 429
      ? ConnectorErrorCodes.RateLimitExceeded
      : ConnectorErrorCodes.General;

/** The status of the last answer, when there was one. */
export const lastStatus = ({ cause }: DeliveryFailure) =>
  cause.kind === 'status' ? cause.status : undefined;
