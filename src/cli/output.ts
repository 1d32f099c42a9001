// What `check` prints. Built from statuses, timings, codes and the endpoint's origin only: never
// from the config's values, so no secret, path or query can reach a line.
import { STATUS_CODES } from 'node:http';

import { describeRefusal } from '../address-guard.js';
import type { Attempt } from '../transport.js';

/** holds: as it must be. warning: not a hole, but worth fixing. fails: the check fails (exit 1). */
export type Verdict = 'holds' | 'warning' | 'fails';

/** How one probe came out: what the endpoint did, and what that means when it does not hold. */
export type Judgement = { verdict: Verdict; did: string; consequence?: string };

/**
 * A judgement with the code the probe's email carried, to tell the test emails apart, whether the
 * endpoint took it (2xx), and whether a connection to it was made at all.
 */
export type ProbeResult = Judgement & { code: string; accepted: boolean; reached: boolean };

export type ProbeOutcome = {
  number: number;
  sent: string;
  must: string;
  /** Whether the endpoint had to accept it: the codes of those it took are the emails expected. */
  accept: boolean;
  result: ProbeResult;
};

const verdictWidth = 'warning'.length;
const indent = ' '.repeat(verdictWidth + 2);

/** What an attempt came to, in the connector's words. */
export const describeAttempt = (attempt: Attempt, budgetMs: number) => {
  switch (attempt.kind) {
    case 'answer': {
      const name = STATUS_CODES[attempt.status];
      return `answered ${attempt.status}${name ? ` ${name}` : ''}`;
    }
    case 'timeout': {
      return attempt.sent
        ? `did not answer within the ${budgetMs / 1000} s budget`
        : `could not be reached within the ${budgetMs / 1000} s budget (no connection)`;
    }
    case 'unreachable': {
      return `could not be reached (${attempt.reason})`;
    }
    case 'invalid-answer': {
      return attempt.reason;
    }
    case 'refused-address': {
      return `was not contacted: ${describeRefusal(attempt.refusal)}`;
    }
  }
};

const loopbackHost = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1])$/i;

/** A warning for plain http: to another machine, whose traffic anyone on the way reads. */
export const plainHttpWarning = (endpoint: string): string | undefined => {
  const { protocol, hostname } = new URL(endpoint);
  if (protocol === 'http:' && !loopbackHost.test(hostname)) {
    return `${'warning'.padEnd(verdictWidth)}  the endpoint is plain http: on another machine: every code and address crosses the network unencrypted, and anyone on the way can read them. Use https:.`;
  }
};

/** The probe's one line, and for one that does not hold, a line on what it means. */
export const probeLines = (
  { number, sent, must, result }: ProbeOutcome,
  total: number
): string[] => [
  `${result.verdict.padEnd(verdictWidth)}  ${number}/${total} ${sent} (code ${result.code}): must ${must}; ${result.did}.`,
  ...(result.consequence ? [`${indent}${result.consequence}`] : []),
];

const count = (number: number, word: string) => `${number} ${word}${number === 1 ? '' : 's'}`;

/** The last line: the verdict of the check, and what the admin should find in the mailbox. */
export const summaryLine = (
  outcomes: ProbeOutcome[],
  { to, extraWarnings }: { to: string; extraWarnings: number }
) => {
  const failed = outcomes.filter(({ result }) => result.verdict === 'fails').length;
  const warnings = outcomes.filter(({ result }) => result.verdict === 'warning').length + extraWarnings;
  const withWarnings = warnings > 0 ? `, ${count(warnings, 'warning')}` : '';
  if (failed > 0) {
    const firstRefused = outcomes[0]?.result.verdict === 'fails';
    return `check failed: ${failed} of ${outcomes.length} probes fail${withWarnings}. Fix the endpoint before Logto sends through it.${
      firstRefused ? ' It did not accept a correctly signed message, so its refusals of the others prove nothing yet.' : ''
    }`;
  }
  const expected = [
    ...new Set(outcomes.filter(({ accept, result }) => accept && result.accepted).map(({ result }) => result.code)),
  ];
  const mailbox = `${to} should have received ${count(expected.length, 'test email')} (code ${expected.join(', code ')}), no more.`;
  return warnings > 0
    ? `check passed with ${count(warnings, 'warning')}: no probe fails, but read the warnings above. ${mailbox}`
    : `check passed: all ${outcomes.length} probes hold. ${mailbox}`;
};

/** The last line when the first probe could not connect: the check stops there. */
export const unreachedLine = (notSent: number) =>
  `check failed after the first probe: the other ${notSent} were not sent. Check the URL, and that the endpoint runs and can be reached from here.`;
