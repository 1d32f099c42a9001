// `logto-http-email check` against real endpoints on 127.0.0.1, each verifying (or not) the way
// endpoint authors do, run as a child process from lib/. Every run is checked for secrets.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';

import nodemailer from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { startMailCatcher } from '../demo/mail-catcher.mjs';
import { createRelay } from '../examples/smtp-relay/relay.mjs';
import { plainHttpWarning } from '../src/cli/output.js';

import { newSigningKeyPair } from '../src/signing.js';

import { runCli } from './cli-run.js';
import { endpointsClosedAfterEach } from './helpers.js';
import { closedPort, stalledPort, type ReceivedRequest } from './server.js';

const endpointWith = endpointsClosedAfterEach();
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map(async (close) => close()));
});

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** A path and query that hold a token, as webhook URLs do: neither may appear in any line. */
const secretPath = '/hooks/catch/4471/Zk3q9vXaP2?token=tok-8812-secret';

/** Runs check with the options an admin gives, credentials included. */
const runCheck = async (origin: string, secret: string, extra: string[] = []) =>
  runCli([
    'check',
    '--endpoint', `${origin}${secretPath}`,
    '--signing-secret', secret,
    '--authorization', 'Bearer chk-auth-9931',
    '--header', 'X-Api-Key: chk-header-5520',
    '--to', 'ada@example.com',
    ...extra,
  ]);

/** The probe lines, by number: `holds    3/7 …`. */
const probeLines = (stdout: string) => stdout.split('\n').filter((line) => /^(holds|warning|fails) +\d\/[78] /.test(line));
const verdicts = (stdout: string) => probeLines(stdout).map((line) => line.split(' ')[0]);

type Verifier = (request: ReceivedRequest) => boolean;

/**
 * An endpoint that verifies with `verify`, answers 401 when it fails, and otherwise "sends the
 * email": once per webhook-id, answering 200 to a duplicate (or `duplicateStatus`).
 */
const verifyingEndpoint = async (verify: Verifier, { duplicateStatus = 200, delayMs = 0 } = {}) => {
  const sent: ReceivedRequest[] = [];
  const seen = new Set<string>();
  const endpoint = await endpointWith((request, response) => {
    if (!verify(request)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid signature"}');
      return;
    }
    const id = String(request.headers['webhook-id']);
    if (seen.has(id)) {
      response.writeHead(duplicateStatus).end();
      return;
    }
    seen.add(id);
    sent.push(request);
    setTimeout(() => response.writeHead(200).end('{"sent":true}'), delayMs);
  });
  return { ...endpoint, sent };
};

const headersOf = (request: ReceivedRequest) => request.headers as Record<string, string>;

/** Verifies as Standard Webhooks says: the raw body, the signature and the timestamp. */
const withStandardWebhooks = (secret: string): Verifier => (request) => {
  try {
    new Webhook(secret).verify(request.body, headersOf(request));
    return true;
  } catch {
    return false;
  }
};

const codeIn = (request: ReceivedRequest) =>
  (JSON.parse(request.body.toString()) as { payload: { code: string } }).payload.code;

/**
 * The reference relay on 127.0.0.1, verifying with `keys`, sending into a local mail catcher; both
 * closed after the test. Returns its origin, the mailbox and the relay's events.
 */
const startRelayWith = async (keys: { signingSecrets?: string[]; publicKeys?: string[] }) => {
  const mailbox = await startMailCatcher();
  closers.push(mailbox.close);
  const events: Array<{ status: number; duplicate?: boolean }> = [];
  const relay: Server = createRelay({
    ...keys,
    transport: nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true }),
    from: 'Acme <no-reply@acme.test>',
    onEvent: (event: object) => {
      events.push(event as { status: number; duplicate?: boolean });
    },
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  closers.push(async () => {
    relay.closeAllConnections();
    relay.close();
  });
  const { port } = relay.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, mailbox, events };
};

describe('logto-http-email check', () => {
  it('an endpoint that verifies with the standardwebhooks library and drops duplicates: every probe holds, exit 0', async () => {
    const secret = newSecret();
    const endpoint = await verifyingEndpoint(withStandardWebhooks(secret));
    const { code, stdout, stderr } = await runCheck(endpoint.origin, secret);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(verdicts(stdout)).toEqual(Array.from({ length: 7 }, () => 'holds'));
    expect(stdout).toContain(`7 probes to ${endpoint.origin}, `);
    expect(stdout).toMatch(/1\/7 a correctly signed message \(code \d{6}\): must accept it \(2xx\); answered 200 OK in \d+\.\d\d s, \d+ % of the 10 s budget\./);
    // Two emails went out, and the retry of the first was dropped; the summary names their codes.
    expect(endpoint.sent.map((request) => codeIn(request))).toHaveLength(2);
    const [first, second] = endpoint.sent.map((request) => codeIn(request));
    expect(stdout).toContain(`check passed: all 7 probes hold. ada@example.com should have received 2 test emails (code ${first}, code ${second}), no more.`);
    expect(stdout).toContain(`must have received the code ${first} once, not twice`);

    // Every probe as a real send: the same headers, a webhook-id of its own but for the retry.
    const { requests } = endpoint;
    expect(requests).toHaveLength(7);
    const ids = requests.map((request) => request.headers['webhook-id']);
    expect(ids[1]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(6);
    expect(requests[1]!.body.equals(requests[0]!.body)).toBe(true);
    expect(requests[1]!.headers['webhook-signature']).not.toBe(requests[0]!.headers['webhook-signature']);
    for (const request of requests) {
      expect(request.url).toBe(secretPath);
      expect(request.headers).toMatchObject({
        authorization: 'Bearer chk-auth-9931',
        'x-api-key': 'chk-header-5520',
        'content-type': 'application/json',
        'user-agent': expect.stringMatching(/^logto-connector-http-email\//),
      });
      expect(JSON.parse(request.body.toString())).toMatchObject({ to: 'ada@example.com', type: 'Generic' });
    }
    expect(requests[0]!.body.toString()).toMatch(/^\{"to":"ada@example\.com","type":"Generic","payload":\{"code":"\d{6}","check":"logto-http-email check, [^"]*"\}\}$/);
  });

  it('an endpoint that accepts anything: the signature probes fail, exit 1, and it says the signature was not checked', async () => {
    const endpoint = await endpointWith();
    const { code, stdout } = await runCheck(endpoint.origin, newSecret());

    expect(code).toBe(1);
    expect(verdicts(stdout)).toEqual(['holds', 'holds', 'holds', 'fails', 'fails', 'fails', 'fails']);
    expect(stdout).toMatch(/fails +4\/7 a message signed with another secret .*answered 204 No Content: accepted it\.\n +The signature was not checked: anyone who learns its URL and the credentials sent with it can send email as you/);
    expect(stdout).toMatch(/fails +5\/7 a message with no webhook-signature header/);
    expect(stdout).toMatch(/check failed: 4 of 7 probes fail\./);
  });

  it('an endpoint that checks the HMAC but not the timestamp: only the replay fails, and it says so', async () => {
    const secret = newSecret();
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const endpoint = await verifyingEndpoint((request) => {
      const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures } = headersOf(request);
      const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body.toString()}`).digest();
      return (signatures ?? '').split(' ').some((signature) => {
        const given = Buffer.from(signature.replace(/^v1,/, ''), 'base64');
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
    });
    const { code, stdout } = await runCheck(endpoint.origin, secret);

    expect(code).toBe(1);
    expect(verdicts(stdout)).toEqual(['holds', 'holds', 'holds', 'holds', 'holds', 'fails', 'holds']);
    expect(stdout).toMatch(/fails +6\/7 a correctly signed message with a timestamp 10 minutes old \(a replay\) .*accepted it\.\n +The timestamp \(webhook-timestamp\) is not checked: anyone who captures one request, from a log or a proxy, can replay it forever/);
    expect(stdout).toContain('check failed: 1 of 7 probes fail.');
  });

  it('an endpoint that verifies re-serialized JSON (JavaScript): the raw-bytes probe warns, exit 0', async () => {
    const secret = newSecret();
    const webhook = new Webhook(secret);
    const endpoint = await verifyingEndpoint((request) => {
      try {
        // The mistake: an Express app signs JSON.stringify(req.body), not the bytes received.
        webhook.verify(JSON.stringify(JSON.parse(request.body.toString())), headersOf(request));
        return true;
      } catch {
        return false;
      }
    });
    const { code, stdout } = await runCheck(endpoint.origin, secret);

    // The connector's own bodies survive JavaScript's round trip byte for byte, so real sends work:
    // a warning, not a failure.
    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(['holds', 'holds', 'warning', 'holds', 'holds', 'holds', 'holds']);
    expect(stdout).toMatch(/warning +3\/7 a correctly signed message, its JSON written differently \(indented, \\u00e9, \\\/\) \(code \d{6}\): must accept it \(2xx\); answered 401 Unauthorized: "\{\\"error\\":\\"invalid signature\\"\}"\.\n +The endpoint seems to verify re-serialized JSON, not the bytes it received/);
    expect(stdout).toMatch(/check passed with 1 warning: .*should have received 1 test email \(code \d{6}\), no more\./);

    // The probe's body is the same JSON value as a real one, in other bytes, signed over them.
    const rawProbe = endpoint.requests[2]!;
    const raw = rawProbe.body.toString();
    expect(raw).toContain('\\u00e9');
    expect(raw).toContain('\\/');
    expect(JSON.stringify(JSON.parse(raw))).not.toBe(raw);
    expect(() => webhook.verify(raw, headersOf(rawProbe))).not.toThrow();
  });

  it('an endpoint that verifies re-serialized JSON with spaces after separators (as Python writes it): the first probe fails, with the hint', async () => {
    const secret = newSecret();
    const webhook = new Webhook(secret);
    const endpoint = await verifyingEndpoint((request) => {
      try {
        // json.dumps(json.loads(body)): ", " and ": " separators, non-ASCII escaped.
        const python = JSON.stringify(JSON.parse(request.body.toString()))
          .replaceAll(/"(,|:)(?=["{[\dtfn-])/g, '"$1 ')
          .replaceAll(/[^\u0000-\u007F]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
        webhook.verify(python, headersOf(request));
        return true;
      } catch {
        return false;
      }
    });
    const { code, stdout } = await runCheck(endpoint.origin, secret);

    expect(code).toBe(1);
    expect(verdicts(stdout)[0]).toBe('fails');
    expect(stdout).toMatch(/fails +1\/7 .*answered 401 Unauthorized.*\n +The endpoint refuses what the connector sends: every email would fail\. Check that it has the same signing secret, and that it verifies the raw body/);
    expect(stdout).toContain('so its refusals of the others prove nothing yet');
    // The differently written message is refused too, and not blamed on re-serialization.
    expect(stdout).toMatch(/3\/7 .*answered 401 Unauthorized.*\n +Refused like the first message: fix that first\./);
    expect(stdout).not.toContain('seems to verify re-serialized JSON');
  });

  it('the reference relay (examples/smtp-relay) with a real SMTP server: every probe holds, two emails, exit 0', async () => {
    const secret = newSecret();
    const { origin, mailbox, events } = await startRelayWith({ signingSecrets: [secret] });

    const { code, stdout } = await runCheck(origin, secret);

    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(Array.from({ length: 7 }, () => 'holds'));
    expect(events.map(({ status }) => status)).toEqual([200, 200, 200, 401, 401, 401, 401]);
    expect(events[1]).toMatchObject({ duplicate: true });
    expect(mailbox.messages).toHaveLength(2);
    const codes = [...stdout.matchAll(/\(code (\d{6})\)/g)].map(([, found]) => found);
    expect(mailbox.messages.map(({ to }: { to?: string }) => to)).toEqual(['ada@example.com', 'ada@example.com']);
    expect(mailbox.messages[0].text).toContain(codes[0]);
    expect(mailbox.messages[1].text).toContain(codes[2]);
  });

  it('the reference relay holding only LOGTO_EMAIL_PUBLIC_KEY, checked with the whsk_ key: every probe holds, exit 0', async () => {
    const { secretKey, publicKey } = newSigningKeyPair();
    const { origin, mailbox, events } = await startRelayWith({ publicKeys: [publicKey] });

    const { code, stdout } = await runCheck(origin, secretKey);

    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(Array.from({ length: 7 }, () => 'holds'));
    expect(events.map(({ status }) => status)).toEqual([200, 200, 200, 401, 401, 401, 401]);
    expect(mailbox.messages).toHaveLength(2);
  });

  it('with a whsk_ key, an endpoint that ignores signatures fails the signature probes, exit 1', async () => {
    const endpoint = await endpointWith();
    const { code, stdout } = await runCheck(endpoint.origin, newSigningKeyPair().secretKey);

    expect(code).toBe(1);
    expect(verdicts(stdout)).toEqual(['holds', 'holds', 'holds', 'fails', 'fails', 'fails', 'fails']);
    expect(endpoint.requests[3]!.headers['webhook-signature']).toMatch(/^v1a,[\d+/A-Za-z]{86}==$/);
  });

  it('an endpoint that verifies v1 but takes any v1a entry on trust: the wrong v1a signature is accepted, and the check fails', async () => {
    const secret = newSecret();
    const webhook = new Webhook(secret);
    const endpoint = await verifyingEndpoint((request) => {
      const headers = headersOf(request);
      if (/(^| )v1a,/.test(headers['webhook-signature'] ?? '')) {
        return true; // The mistake: a v1a entry it cannot check is taken as proof.
      }
      try {
        webhook.verify(request.body, headers);
        return true;
      } catch {
        return false;
      }
    });
    const { code, stdout } = await runCheck(endpoint.origin, secret, ['--signing-secret', newSigningKeyPair().secretKey]);

    expect(code).toBe(1);
    expect(verdicts(stdout)[3]).toBe('fails');
    expect(stdout).toMatch(/fails +4\/8 a message signed with another secret .*accepted it\.\n +The signature was not checked/);
    // The wrong signatures are one of each kind configured, in order.
    expect(String(endpoint.requests[3]!.headers['webhook-signature']).split(' ').map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1a']);
  });

  it('while switching to a key pair, an endpoint that verifies only v1: probe 8 warns that dropping the whsec_ secret would fail every email', async () => {
    const secret = newSecret();
    const endpoint = await verifyingEndpoint(withStandardWebhooks(secret));
    const { code, stdout } = await runCheck(endpoint.origin, secret, ['--signing-secret', newSigningKeyPair().secretKey]);

    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(['holds', 'holds', 'holds', 'holds', 'holds', 'holds', 'holds', 'warning']);
    expect(stdout).toMatch(/warning +8\/8 a message whose v1a signature \(whsk_\) is right and whose v1 signature \(whsec_\) is wrong/);
    expect(stdout).toContain('The endpoint does not verify v1a signatures: once the whsec_ secret is removed from Logto, every email fails.');
  });

  it('while switching to a key pair, the reference relay holding the secret and the public key: all 8 probes hold', async () => {
    const secret = newSecret();
    const { secretKey, publicKey } = newSigningKeyPair();
    const { origin } = await startRelayWith({ signingSecrets: [secret], publicKeys: [publicKey] });

    const { code, stdout } = await runCheck(origin, secret, ['--signing-secret', secretKey]);

    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(Array.from({ length: 8 }, () => 'holds'));
  });

  it('an endpoint that answers a duplicate with 409: a warning that the sign-in would fail, exit 0', async () => {
    const secret = newSecret();
    const endpoint = await verifyingEndpoint(withStandardWebhooks(secret), { duplicateStatus: 409 });
    const { code, stdout } = await runCheck(endpoint.origin, secret);

    expect(code).toBe(0);
    expect(verdicts(stdout)).toEqual(['holds', 'warning', 'holds', 'holds', 'holds', 'holds', 'holds']);
    expect(stdout).toMatch(/warning +2\/7 the same message again, same webhook-id, re-signed .*answered 409 Conflict\.\n +A retry of a message the endpoint already took must get 2xx/);
  });

  it('a slow endpoint: the first probe warns past 60 % of the budget', async () => {
    const secret = newSecret();
    const endpoint = await verifyingEndpoint(withStandardWebhooks(secret), { delayMs: 700 });
    const { code, stdout } = await runCheck(endpoint.origin, secret, ['--timeout', '1000']);

    expect(code).toBe(0);
    expect(verdicts(stdout)[0]).toBe('warning');
    expect(stdout).toMatch(/warning +1\/7 .*accepted, but slowly: in 0\.\d\d s, [6-9]\d % of the 1 s budget\.\n +Past 60 % of the budget/);
  });

  it('a redirect is named, not followed: the first probe fails', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(308, { location: 'https://elsewhere.example/hook' }).end();
    });
    const { code, stdout } = await runCheck(endpoint.origin, newSecret());

    expect(code).toBe(1);
    expect(endpoint.requests).toHaveLength(7);
    expect(stdout).toMatch(/fails +1\/7 .*answered 308 Permanent Redirect\.\n +Redirects are not followed: configure the final URL as the endpoint/);
    expect(stdout).toMatch(/warning +4\/7 .*answered 308 Permanent Redirect: a redirect, not a refusal\./);
  });

  it.each([
    ['refused', async () => ({ port: await closedPort(), close: async () => undefined }), /could not be reached \(connection refused\)/],
    ['never made', stalledPort, /could not be reached within the 0\.5 s budget \(no connection\)/],
  ])('an endpoint whose connection is %s: one probe, one line on it, and the check stops', async (_name, listen, reason) => {
    const port = await listen();
    closers.push(port.close);
    const { code, stdout } = await runCli([
      'check', '--endpoint', `http://127.0.0.1:${port.port}/hooks/Zk3q9vXaP2`, '--signing-secret', newSecret(),
      '--to', 'ada@example.com', '--timeout', '500',
    ]);

    expect(code).toBe(1);
    expect(verdicts(stdout)).toEqual(['fails']);
    expect(probeLines(stdout)[0]).toMatch(reason);
    expect(stdout.match(/could not be reached/g)).toHaveLength(1);
    expect(stdout.trim().split('\n').at(-1)).toBe(
      'check failed after the first probe: the other 6 were not sent. Check the URL, and that the endpoint runs and can be reached from here.'
    );
  });
});

describe('the plain http: warning', () => {
  it.each([
    ['http://mail.example.com/hook', true],
    ['http://10.0.3.7:8080/hook', true],
    ['https://mail.example.com/hook', false],
    ['http://127.0.0.1:8080/hook', false],
    ['http://localhost:8080/hook', false],
    ['http://[::1]:8080/hook', false],
  ])('%s: %s', (endpoint, warned) => {
    expect(plainHttpWarning(endpoint) !== undefined).toBe(warned);
  });
});

describe('logto-http-email check: bad usage and invalid configuration exit 2, naming the key, never the value', () => {
  const endpoint = 'http://127.0.0.1:1/hooks/Zk3q9vXaP2?token=tok-8812-secret';
  it.each([
    ['no --signing-secret', ['--endpoint', endpoint, '--to', 'a@example.com'], /check needs --signing-secret/],
    ['no --to', ['--endpoint', endpoint, '--signing-secret', newSecret()], /check needs --to/],
    ['no --endpoint', ['--signing-secret', newSecret(), '--to', 'a@example.com'], /check needs --endpoint/],
    ['a secret that is not whsec_', ['--endpoint', endpoint, '--signing-secret', 'sk_live_chk-not-whsec', '--to', 'a@example.com'], /signingSecret: the first secret does not start with whsec_/],
    ['a secret too short', ['--endpoint', endpoint, '--signing-secret', 'whsec_c2hvcnQta2V5', '--to', 'a@example.com'], /signingSecret: the first secret has a key of 9 bytes/],
    ['a bad header value', ['--endpoint', endpoint, '--signing-secret', newSecret(), '--to', 'a@example.com', '--header', 'X-Key: chk\u00e9-secret'], /headers: the value of the first header may only contain printable ASCII/],
    ['a reserved header', ['--endpoint', endpoint, '--signing-secret', newSecret(), '--to', 'a@example.com', '--header', 'webhook-id: msg_chk-fixed'], /headers: webhook-id is set by the connector/],
    ['a timeout out of range', ['--endpoint', endpoint, '--signing-secret', newSecret(), '--to', 'a@example.com', '--timeout', '90000'], /timeout must be a whole number from 500 to 60000/],
    ['an endpoint that is not http', ['--endpoint', 'ftp://files.example/hooks/Zk3q9vXaP2', '--signing-secret', newSecret(), '--to', 'a@example.com'], /endpoint must be an absolute http: or https: URL/],
    ['credentials and authorization', ['--endpoint', 'http://user:chk-pass-7@127.0.0.1:1/', '--authorization', 'Bearer chk-auth-9931', '--signing-secret', newSecret(), '--to', 'a@example.com'], /authorization cannot be combined with credentials/],
    ['--retries, which check does not take', ['--endpoint', endpoint, '--signing-secret', newSecret(), '--to', 'a@example.com', '--retries', '1'], /check does not know the option --retries/],
  ])('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(['check', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('chk-pass-7');
  });
});

describe('logto-http-email check: an endpoint this Logto does not send to', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is said once, as a configuration mistake (exit 2), not as seven failed probes', async () => {
    // Loopback refused by the operator's setting: were the guard broken, nothing would leave the host.
    vi.stubEnv('HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY', '1');
    const { code, stdout, stderr } = await runCli([
      'check',
      '--endpoint', 'http://127.0.0.1:1/hooks/Zk3q9vXaP2?token=tok-8812-secret',
      '--signing-secret', newSecret(),
      '--to', 'a@example.com',
    ]);
    expect(code).toBe(2);
    expect(probeLines(stdout)).toEqual([]);
    expect(stderr).toMatch(/endpoint: its host resolves to an address this Logto does not send to \(not publicly reachable.*\); no probe was sent/);
  });
});
