// `check`: audits an endpoint the way an attacker would probe it. Each probe is a
// request built by the connector's own code (prepareRequest, attemptHeaders) and sent as one
// attempt of a real send (sendAttempt), then altered only where the probe says so.
import { randomInt } from 'node:crypto';

import type { SendMessageData } from '@logto/connector-kit';

import { describeRefusal } from '../address-guard.js';
import { timeoutBounds } from '../constant.js';
import { resolveEndpoint } from '../endpoint.js';
import { createRedactor } from '../failure/redact.js';
import { attemptHeaders, prepareRequest, type PreparedRequest } from '../request.js';
import { newSigningSecretLike, splitSigningSecrets } from '../signing.js';
import { sendAttempt, type Attempt, type OutgoingRequest } from '../transport.js';
import type { HttpEmailConfig } from '../types.js';

import { configFromOptions, endpointOptions, endpointOptionsHelp, parseOptions, SettingError, UsageError } from './options.js';
import {
  describeAttempt,
  plainHttpWarning,
  probeLines,
  summaryLine,
  unreachedLine,
  type Judgement,
  type ProbeOutcome,
  type ProbeResult,
  type Verdict,
} from './output.js';

/**
 * An answer within this share of the budget is never cut short (docs/delivery.md); past it, a busy
 * Logto may cut it short and retry.
 */
const slowShare = 0.6;
/** How much of a refusal's answer a probe's line quotes. */
const answerQuotedChars = 200;
/** How old the replayed timestamp is: twice the 5 minutes Standard Webhooks libraries accept. */
const replayAgeSeconds = 10 * 60;

export const checkHelp = `check: audits the endpoint's security the way an attacker would probe it. Sends 7 requests
(8 with both a whsec_ and a whsk_), each built as the connector builds a real one, and prints one
line per probe: what was sent, what the endpoint must do, what it did, and whether that holds.
  logto-http-email check --endpoint <url> --signing-secret <whsec|whsk> --to <address> [options]
${endpointOptionsHelp.endpoint}
  --signing-secret <key>    the whsec_ secret or whsk_ key Logto signs with (required); repeat the
                            flag for several
  --to <address>            where the test emails go: your own address (required)
${endpointOptionsHelp.authorization}
${endpointOptionsHelp.header}
  --timeout <ms>            the budget a real send gets, 500 to 60000 (default 10000): each probe
                            waits this long, and the first one's time is weighed against it
The probes, in order:
  1 a correctly signed message                      must be accepted (2xx), within 60 % of the budget
  2 the same message, same webhook-id, re-signed    must be accepted (2xx), and not sent twice
  3 a correctly signed message written differently  must be accepted: verify the raw body, not
    (whitespace, \\u00e9, \\/ escapes)                 re-serialized JSON
  4 a wrong signature (of each kind configured:     must be refused (4xx)
    v1 for whsec_, v1a for whsk_)
  5 no webhook-signature header                     must be refused (4xx)
  6 a correct signature, timestamp 10 minutes old   must be refused (4xx): a replay
  7 a body changed after signing                    must be refused (4xx)
  8 with both a whsec_ secret and a whsk_ key: the  must be accepted (2xx): while switching to a key
    v1a signature right, the v1 one wrong           pair, the endpoint must verify v1a too
Every probe is a Generic message with its own random code, to --to. A correct endpoint sends 2 test
emails (probes 1 and 3; 3 with probe 8); a careless endpoint will send up to 5 test emails to --to
besides. When the first probe cannot connect to the endpoint, the check stops there.
Exit status: 0 every probe holds (warnings allowed), 1 a probe fails, 2 bad usage or configuration.`;

/** What the probes share: the checked config, the recipient, and the first message, for the retry. */
type Session = {
  config: HttpEmailConfig;
  to: string;
  /** Set by the first probe. */
  first?: { request: PreparedRequest; webhookId: string; timestamp: number; code: string };
  /** Whether the endpoint accepted the first message: when not, later refusals say nothing new. */
  firstAccepted?: boolean;
};

/** One request of a probe, and the code its email would carry. */
type Built = { request: OutgoingRequest; code: string; prepared: PreparedRequest };

type Probe = {
  /** What was sent, for the line. */
  sent: string;
  /** Whether the endpoint must accept it (2xx) or refuse it (4xx). */
  expects: 'accept' | 'refuse';
  /** What the endpoint must do, for the line. */
  must: string;
  /** Builds the request, with a webhook-id of its own unless it repeats a message. */
  build: (session: Session) => Built;
  /**
   * For a probe that must be refused: what anyone could do, given that the endpoint accepted it.
   * For one that must be accepted: what refusing it means.
   */
  consequence: (abuser: string) => string;
  /** For a probe that must be accepted: how much a refusal weighs. */
  refusal?: Verdict;
  /** What holds looks like, when it needs more than "answered 2xx". */
  afterAccepted?: (session: Session, built: Built, elapsedMs: number, budgetMs: number) => Judgement | undefined;
  /** Only for configs it says something about; every probe runs when absent. */
  applies?: (config: HttpEmailConfig) => boolean;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);
const randomCode = () => String(randomInt(100_000, 1_000_000));

/** A clearly labeled test message: Generic, a random code, and what it is for. */
const testMessage = (to: string, probe: string): SendMessageData =>
  ({
    to,
    type: 'Generic',
    payload: { code: randomCode(), check: `logto-http-email check, probe: ${probe}. A test of this endpoint, not a real sign-in.` },
  }) as SendMessageData;

const codeOf = (data: SendMessageData) => String(data.payload.code);

/** A prepared message as it goes out, with the headers of one attempt and, if altered, its body. */
const outgoing = (prepared: PreparedRequest, code: string, headers: Record<string, string>, body = prepared.body): Built => ({
  prepared,
  code,
  request: { url: prepared.url, headers, body },
});

/** A message as the connector sends it: its own webhook-id, signed at `timestamp`. */
const signedMessage = (config: HttpEmailConfig, data: SendMessageData, timestamp = nowSeconds()): Built => {
  const prepared = prepareRequest(config, data);
  return outgoing(prepared, codeOf(data), attemptHeaders(prepared, prepared.webhookId, timestamp));
};

/**
 * The body as other JSON writers may write it: indented, `/` as `\/`, `é` as `\u00e9`. The same
 * JSON value in bytes that no common re-serializer (JavaScript, PHP, Python, Go) gives back, so a
 * verifier that signs its own re-serialization computes another HMAC. Both characters occur only
 * inside strings in JSON text, so the replacements keep it valid and its value unchanged.
 */
const writtenDifferently = (body: string) =>
  JSON.stringify(JSON.parse(body) as unknown, undefined, 1)
    .replaceAll('/', '\\/')
    .replaceAll('é', '\\u00e9');

const inTime = (elapsedMs: number, budgetMs: number) => {
  const share = Math.round((elapsedMs / budgetMs) * 100);
  return `in ${(elapsedMs / 1000).toFixed(2)} s, ${share} % of the ${budgetMs / 1000} s budget`;
};

const allProbes: Probe[] = [
  {
    sent: 'a correctly signed message',
    expects: 'accept',
    must: 'accept it (2xx)',
    build: (session) => {
      const timestamp = nowSeconds();
      const data = testMessage(session.to, 'a correctly signed message');
      const built = signedMessage(session.config, data, timestamp);
      session.first = {
        request: built.prepared,
        webhookId: built.request.headers['webhook-id']!,
        timestamp,
        code: built.code,
      };
      return built;
    },
    refusal: 'fails',
    consequence: () =>
      'The endpoint refuses what the connector sends: every email would fail. Check that it has the same signing secret, and that it verifies the raw body (not re-serialized JSON).',
    afterAccepted: (_session, _built, elapsedMs, budgetMs) =>
      elapsedMs > budgetMs * slowShare
        ? {
            verdict: 'warning',
            did: `accepted, but slowly: ${inTime(elapsedMs, budgetMs)}`,
            consequence: `Past ${slowShare * 100} % of the budget a busy Logto may cut the answer short and retry: a failed sign-in and a second email. Answer sooner (e.g. queue the email, then answer 2xx).`,
          }
        : undefined,
  },
  {
    sent: 'the same message again, same webhook-id, re-signed with a fresh timestamp (a retry)',
    expects: 'accept',
    must: 'accept it (2xx) and not send it twice',
    build: (session) => {
      const first = session.first!;
      // A second later at least, so that the signature differs too, as a real retry's may.
      const timestamp = Math.max(nowSeconds(), first.timestamp + 1);
      return outgoing(first.request, first.code, attemptHeaders(first.request, first.webhookId, timestamp));
    },
    refusal: 'warning',
    consequence: () =>
      'A retry of a message the endpoint already took must get 2xx: when the first answer is lost, the connector retries, and this answer fails the sign-in though the email went out.',
    afterAccepted: (session, built) => ({
      verdict: 'holds',
      did: `accepted; ${session.to} must have received the code ${built.code} once, not twice: the endpoint must drop a webhook-id it has delivered`,
    }),
  },
  {
    sent: 'a correctly signed message, its JSON written differently (indented, \\u00e9, \\/)',
    expects: 'accept',
    must: 'accept it (2xx)',
    build: (session) => {
      const data = testMessage(session.to, 'JSON written differently: café/crème');
      const prepared = prepareRequest(session.config, data);
      const body = writtenDifferently(prepared.body);
      // Signed over the bytes sent, as a sender with another JSON writer would sign them.
      return outgoing(prepared, codeOf(data), attemptHeaders(prepared, prepared.webhookId, nowSeconds(), body), body);
    },
    refusal: 'warning',
    consequence: () =>
      'The endpoint seems to verify re-serialized JSON, not the bytes it received: a correctly signed request whose JSON is written another way fails. Verify the raw body before parsing it, as Standard Webhooks requires.',
  },
  {
    sent: 'a message signed with another secret',
    expects: 'refuse',
    must: 'refuse it (4xx)',
    // Wrong keys of the kinds configured: a whsk_ key brings a wrong v1a signature, which an
    // endpoint that ignores v1a entries, or only looks for one, accepts.
    build: (session) =>
      signedMessage(
        {
          ...session.config,
          signingSecret: splitSigningSecrets(session.config.signingSecret ?? '').map(newSigningSecretLike).join(' '),
        },
        testMessage(session.to, 'a wrong signature')
      ),
    consequence: (abuser) =>
      `The signature was not checked: ${abuser} can send email as you, to anyone, with any content.`,
  },
  {
    sent: 'a message with no webhook-signature header',
    expects: 'refuse',
    must: 'refuse it (4xx)',
    build: (session) =>
      signedMessage({ ...session.config, signingSecret: undefined }, testMessage(session.to, 'no signature')),
    consequence: (abuser) =>
      `A request without a signature passes: ${abuser} can send email as you by leaving the signature out.`,
  },
  {
    sent: `a correctly signed message with a timestamp ${replayAgeSeconds / 60} minutes old (a replay)`,
    expects: 'refuse',
    must: 'refuse it (4xx)',
    build: (session) =>
      signedMessage(session.config, testMessage(session.to, 'a replay'), nowSeconds() - replayAgeSeconds),
    consequence: () =>
      'The timestamp (webhook-timestamp) is not checked: anyone who captures one request, from a log or a proxy, can replay it forever and send that email again.',
  },
  {
    sent: 'a message whose body was changed after signing (another code)',
    expects: 'refuse',
    must: 'refuse it (4xx)',
    build: (session) => {
      const signed = testMessage(session.to, 'a body changed after signing');
      const changed = testMessage(session.to, 'a body changed after signing');
      const prepared = prepareRequest(session.config, changed);
      const original = prepareRequest(session.config, signed);
      return outgoing(prepared, codeOf(changed), attemptHeaders(prepared, prepared.webhookId, nowSeconds(), original.body));
    },
    consequence: () =>
      'The signature is not checked against the body: anyone who captures one request can change its recipient and content and send email as you.',
  },
];

/** The config's secrets, with those of `kind` replaced by fresh ones: their signatures become wrong. */
const withWrong = (config: HttpEmailConfig, kind: 'whsec_' | 'whsk_') =>
  splitSigningSecrets(config.signingSecret ?? '')
    .map((secret) => (secret.startsWith(kind) ? newSigningSecretLike(secret) : secret))
    .join(' ');

const signsBothWays = (config: HttpEmailConfig) => {
  const secrets = splitSigningSecrets(config.signingSecret ?? '');
  return secrets.some((secret) => secret.startsWith('whsec_')) && secrets.some((secret) => secret.startsWith('whsk_'));
};

// While Logto signs with a whsec_ secret and a whsk_ key (the switch to a key pair), an endpoint
// that checks only v1 passes every other probe, and fails every email once the secret is removed.
allProbes.push({
  sent: 'a message whose v1a signature (whsk_) is right and whose v1 signature (whsec_) is wrong',
  expects: 'accept',
  must: 'accept it (2xx): one valid signature is enough',
  applies: signsBothWays,
  build: (session) =>
    signedMessage(
      { ...session.config, signingSecret: withWrong(session.config, 'whsec_') },
      testMessage(session.to, 'v1a alone')
    ),
  refusal: 'warning',
  consequence: () =>
    'The endpoint does not verify v1a signatures: once the whsec_ secret is removed from Logto, every email fails. Give it the whpk_ public key (and check again) before removing the secret.',
});

/** Who can abuse an endpoint that does not verify: what it takes besides the signature. */
const abuserOf = (config: HttpEmailConfig) =>
  config.authorization || Object.keys(config.headers ?? {}).length > 0 || new URL(config.endpoint).username
    ? 'anyone who learns its URL and the credentials sent with it'
    : 'anyone who finds its URL';

/** Sends one probe as one attempt, no retries, and judges the answer. */
const runProbe = async (probe: Probe, session: Session, budgetMs: number): Promise<ProbeResult> => {
  const built = probe.build(session);
  const start = performance.now();
  const attempt = await sendAttempt(built.request, { timeout: budgetMs });
  if (attempt.kind === 'refused-address') {
    // The same for every probe, and nothing was sent: the configuration's mistake, said once.
    throw new SettingError(`endpoint: ${describeRefusal(attempt.refusal)}; no probe was sent`);
  }
  const elapsedMs = performance.now() - start;
  const judged = await judge(probe, session, built, attempt, elapsedMs, budgetMs);
  const accepted = attempt.kind === 'answer' && attempt.status >= 200 && attempt.status < 300;
  if (session.first?.webhookId === built.request.headers['webhook-id']) {
    session.firstAccepted ??= accepted;
  }
  return { ...judged, code: built.code, accepted, reached: !neverConnected(attempt) };
};

/** No connection was made: refused, no such host, no route, TLS refused, or none within the time. */
const neverConnected = (attempt: Attempt) =>
  (attempt.kind === 'unreachable' || attempt.kind === 'timeout') && !attempt.sent;

const redirectAdvice = 'Redirects are not followed: configure the final URL as the endpoint, and check that one.';

const judge = async (
  probe: Probe,
  session: Session,
  built: Built,
  attempt: Attempt,
  elapsedMs: number,
  budgetMs: number
): Promise<Judgement> => {
  if (attempt.kind !== 'answer') {
    return { verdict: 'fails', did: describeAttempt(attempt, budgetMs) };
  }
  // Read a little of every answer: it closes the connection, and a refusal can be quoted, redacted.
  const { text, complete } = await attempt.read(4096, performance.now() + 1000);
  const answer = createRedactor(built.prepared.secrets)(text, { cut: !complete, keep: answerQuotedChars }).trim();
  const answered = describeAttempt(attempt, budgetMs);
  const { status } = attempt;
  const accepted = status >= 200 && status < 300;
  const redirected = status >= 300 && status < 400;
  const abuser = abuserOf(session.config);

  if (probe.expects === 'accept') {
    if (accepted) {
      return (
        probe.afterAccepted?.(session, built, elapsedMs, budgetMs) ?? {
          verdict: 'holds',
          did: `${answered} ${inTime(elapsedMs, budgetMs)}`,
        }
      );
    }
    return {
      verdict: probe.refusal ?? 'fails',
      did: `${answered}${answer ? `: ${JSON.stringify(answer.slice(0, answerQuotedChars))}` : ''}`,
      consequence: redirected
        ? redirectAdvice
        : session.firstAccepted === false
          ? 'Refused like the first message: fix that first.'
          : probe.consequence(abuser),
    };
  }
  if (accepted) {
    return { verdict: 'fails', did: `${answered}: accepted it`, consequence: probe.consequence(abuser) };
  }
  if (redirected) {
    return { verdict: 'warning', did: `${answered}: a redirect, not a refusal`, consequence: redirectAdvice };
  }
  if (status >= 500) {
    return {
      verdict: 'warning',
      did: `${answered}: a server error, not a refusal`,
      consequence:
        'Refuse a bad request with 4xx (e.g. 401): a 5xx is retried by the connector, and a wrong secret looks like an outage.',
    };
  }
  return { verdict: 'holds', did: answered };
};

export const check = async (args: string[]): Promise<number> => {
  const values = parseOptions('check', args, { ...endpointOptions, to: { type: 'string' } });
  if (!values.to?.trim()) {
    throw new UsageError('check needs --to: your own address, where the test emails go');
  }
  if (!values['signing-secret']) {
    throw new UsageError('check needs --signing-secret: the whsec_ secret or whsk_ key Logto signs with');
  }
  const config = configFromOptions('check', values);
  const budgetMs = config.timeout ?? timeoutBounds.default;
  const session: Session = { config, to: values.to };
  const { origin } = resolveEndpoint(config.endpoint);
  const probes = allProbes.filter((probe) => probe.applies?.(config) ?? true);

  console.log(
    `logto-http-email check: ${probes.length} probes to ${origin}, each built as the connector builds a message to ${values.to}`
  );
  const warning = plainHttpWarning(config.endpoint);
  if (warning) {
    console.log(warning);
  }
  const outcomes: ProbeOutcome[] = [];
  for (const [index, probe] of probes.entries()) {
    // One after another: the retry must follow the message it repeats.
    // eslint-disable-next-line no-await-in-loop
    const result = await runProbe(probe, session, budgetMs);
    const outcome = { number: index + 1, sent: probe.sent, must: probe.must, accept: probe.expects === 'accept', result };
    outcomes.push(outcome);
    // Printed as it comes: a slow endpoint shows where it is slow.
    for (const line of probeLines(outcome, probes.length)) {
      console.log(line);
    }
    if (!result.reached) {
      // The other probes would only say the same, each after the same wait.
      console.log(unreachedLine(probes.length - outcomes.length));
      return 1;
    }
  }
  console.log(summaryLine(outcomes, { to: values.to, extraWarnings: warning ? 1 : 0 }));
  return outcomes.some(({ result }) => result.verdict === 'fails') ? 1 : 0;
};
