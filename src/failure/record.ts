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
  | { kind: 'invalid-answer'; reason: string };

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

/** The status of the last answer, when there was one. */
export const lastStatus = ({ cause }: DeliveryFailure) =>
  cause.kind === 'status' ? cause.status : undefined;
