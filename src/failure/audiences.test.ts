// A failed send has two readers. A real send (no config passed) fails with an error whose data Logto
// hands to the anonymous end user: it must say nothing of the endpoint. The admin's detail goes to
// Logto's log as one line on stderr. The Console test (config passed) shows the admin the detail.
// Real endpoints on 127.0.0.1 that fail in every way, and echo the request in every encoding.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ConnectorError, ConnectorErrorCodes, type SendMessageData } from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { connector, endpointsClosedAfterEach, rejection, runNode, send } from '../../test/helpers.js';
import { closedPort, type Handler, type TestEndpoint } from '../../test/server.js';

const endpointWith = endpointsClosedAfterEach();

const authorization = 'Bearer tok_live_7Hq2Zx9Lm4';
const apiKey = 'key_3e8d1f0a9b';
const signingSecret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const pathToken = 'c4tch7ok3n9921';
const querySecret = 'qs_5e1f2a8d';
const internal = 'upstream mail relay error: internal-host-db01 failed (ECONNREFUSED 10.0.3.7:5432)';

const message = () => {
  const code = String(100_000 + Math.floor(Math.random() * 900_000));
  const link = `https://auth.example.com/verify?ticket=lnk${code}x&lang=fr&next=/café`;
  const data = { to: 'ada@example.com', type: 'SignIn', payload: { code, link, locale: 'en' } } as SendMessageData;
  return { data, code, link };
};

const unicodeEscape = (upper: boolean) => (char: string) => {
  const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? hex.toUpperCase() : hex}`;
};

/** How endpoints in several languages echo what they received. */
const encodings: Record<string, (text: string) => string> = {
  raw: (text) => text,
  json: (text) => JSON.stringify(text),
  php: (text) => JSON.stringify(text).replaceAll('/', '\\/').replaceAll(/[^\u0000-\u007F]/g, unicodeEscape(false)),
  python: (text) => JSON.stringify(text).replaceAll(/[^\u0000-\u007F]/g, unicodeEscape(false)),
  go: (text) => JSON.stringify(text).replaceAll(/[<>&]/g, unicodeEscape(false)),
  html: (text) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;').replaceAll('/', '&#x2F;'),
  percent: (text) => encodeURIComponent(text).replaceAll(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
  form: (text) => new URLSearchParams({ x: text }).toString().slice(2),
};

/** An answer that repeats the whole request in every encoding, after something internal. */
const echo =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (request, response) => {
    const dump = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body.toString()}`;
    const encoded = Object.entries(encodings).map(([name, encode]) => `${name}: ${encode(dump)}`);
    response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`${internal}\n${encoded.join('\n')}`);
  };

const configFor = (origin: string, extra: Record<string, unknown> = {}) => ({
  endpoint: `${origin}/hooks/catch/${pathToken}/?sig=${querySecret}`,
  authorization,
  signingSecret,
  headers: { 'X-Api-Key': apiKey, 'X-Version': '5' },
  ...extra,
});

/** Each secret, and each form an endpoint may echo it in. */
const secretForms = (secrets: string[]) =>
  secrets.flatMap((secret) => Object.values(encodings).map((encode) => encode(secret).replace(/^"|"$/g, '')));

const secretsOf = ({ code, link }: { code: string; link: string }) => [
  code,
  link,
  `lnk${code}x`,
  authorization,
  authorization.slice(7),
  apiKey,
  signingSecret,
  signingSecret.slice(6),
  pathToken,
  querySecret,
];

/** What Logto's error handler sends to the end user: the data, and the message built from it. */
const publicView = (error: ConnectorError) => `${error.message}\n${JSON.stringify(error.data)}`;

let stderr: MockInstance<typeof process.stderr.write>;
const stderrLines = () =>
  stderr.mock.calls
    .map(([chunk]) => String(chunk))
    .join('')
    .split('\n')
    .filter(Boolean);

beforeEach(() => {
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
});

/** A real send: the config is Logto's saved one, read with getConfig. */
const realSend = async (data: SendMessageData, config: unknown) =>
  (await connector(async () => config)).sendMessage(data);

type Failure = [string, () => Promise<{ origin: string; config?: Record<string, unknown> }>, string, RegExp];

const failures: Failure[] = [
  ['503, with retries', async () => ({ origin: (await endpointWith(echo(503))).origin }), 'general', /answered HTTP 503 \(3 attempts\)/],
  ['429 with a Retry-After past the budget', async () => ({ origin: (await endpointWith(echo(429, { 'retry-after': '600' }))).origin }), 'rate_limit_exceeded', /answered HTTP 429 \(1 attempt\)/],
  ['a hung endpoint', async () => ({ origin: (await endpointWith(() => undefined)).origin, config: { timeout: 1000, retries: 1 } }), 'general', /did not answer in time \(2 attempts\)/],
  ['a refused connection', async () => ({ origin: `http://127.0.0.1:${await closedPort()}`, config: { retries: 1 } }), 'general', /could not be reached \(2 attempts\)/],
  ['a redirect', async () => ({ origin: (await endpointWith(echo(302, { location: 'http://127.0.0.1:1/elsewhere' }))).origin }), 'general', /answered HTTP 302 \(1 attempt\)/],
  ['a 5 MB answer', async () => ({ origin: (await endpointWith((_request, response) => {
    response.writeHead(500).end(`${internal} ${'x'.repeat(5 * 1024 * 1024)}`);
  })).origin, config: { retries: 0 } }), 'general', /answered HTTP 500 \(1 attempt\)/],
];

describe('a real send that fails: what the end user sees', () => {
  it.each(failures)('%s: a sentence and a reference, nothing of the endpoint', async (_name, start, code, sentence) => {
    const { origin, config } = await start();
    const sent = message();
    const error = await rejection(realSend(sent.data, configFor(origin, config)), code);
    const view = publicView(error);
    const { webhookId } = error.data as { webhookId: string };

    expect(Object.keys(error.data as object).sort()).toEqual(
      expect.arrayContaining(['attempts', 'errorDescription', 'webhookId'])
    );
    expect(Object.keys(error.data as object).every((key) => ['attempts', 'errorDescription', 'status', 'webhookId'].includes(key))).toBe(true);
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      new RegExp(`^The email could not be sent: the email service ${sentence.source}\\. Reference: ${webhookId}\\.$`)
    );
    expect(webhookId).toMatch(/^msg_[\da-f]{32}$/);
    expect(view).toContain(webhookId);
    const { port } = new URL(origin);
    for (const part of ['127.0.0.1', `:${port}`, 'hooks', pathToken, 'sig=', querySecret, 'internal-host-db01', 'upstream', ...secretForms(secretsOf(sent))]) {
      expect(view, `the end user would see ${JSON.stringify(part)}`).not.toContain(part);
    }
  });
});

describe("a real send that fails: Logto's log", () => {
  it.each(failures)('%s: exactly one line, with the detail and no secret', async (_name, start, code) => {
    const { origin, config } = await start();
    const sent = message();
    const error = await rejection(realSend(sent.data, configFor(origin, config)), code);
    const { webhookId, status, attempts } = error.data as { webhookId: string; status?: number; attempts: number };

    const lines = stderrLines();
    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).toContain(`webhook-id ${webhookId}`);
    expect(line).toContain(`HTTP email endpoint ${origin} `);
    expect(line).toMatch(new RegExp(`; ${attempts} attempts? in [\\d.]+ m?s of the [\\d.]+ s budget`));
    if (status === undefined) {
      expect(line).not.toContain('Answer:');
    } else {
      expect(line).toContain(`answered ${status}`);
      expect(line).toContain('internal-host-db01');
      const answer = JSON.parse(line.slice(line.indexOf('Answer: ') + 8)) as string;
      expect(answer.length).toBeLessThanOrEqual(1024);
    }
    for (const part of ['hooks', pathToken, 'sig=', querySecret, ...secretForms(secretsOf(sent))]) {
      expect(line, `the log line holds ${JSON.stringify(part)}`).not.toContain(part);
    }
  });

  it('a one-character header value does not shred the line', async () => {
    const endpoint = await endpointWith(echo(503));
    await rejection(realSend(message().data, configFor(endpoint.origin, { retries: 0 })), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('answered 503 Service Unavailable; 1 attempt');
    // The answer is JSON-quoted on the line: the echoed header reads \"x-version\":\"5\".
    expect(line).toContain(String.raw`\"x-version\":\"5\"`);
  });

  it('a numeric code is redacted too', async () => {
    const endpoint = await endpointWith(echo(400));
    const data = { to: 'ada@example.com', type: 'SignIn', payload: { code: 735_902 } } as unknown as SendMessageData;
    await rejection(realSend(data, configFor(endpoint.origin)), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('735902');
  });

  it('a 40 000-character authorization token: redacted, no failure of its own', async () => {
    const endpoint = await endpointWith(echo(503));
    const token = `Bearer ${'Zq7'.repeat(13_334)}`;
    const error = await rejection(
      realSend(message().data, { ...configFor(endpoint.origin, { retries: 0 }), authorization: token }),
      'general'
    );
    const [line] = stderrLines() as [string];
    expect(line).not.toContain('Zq7Zq7Zq7');
    expect(publicView(error)).not.toContain('Zq7Zq7');
  });

  it('a long token echoed past the 64 KiB read: no part of it, though whole copies shrink to the placeholder', async () => {
    // 70 copies make 72 KB, so the read stops inside one; the redactor reads only as far as a
    // secret that starts in the 1024 characters kept can run, and stops inside another.
    const token = `Zq7${'k'.repeat(997)}`;
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(401).end(Array.from({ length: 70 }, () => `token ${request.headers.authorization}`).join('\n'));
    });
    const error = await rejection(
      realSend(message().data, { ...configFor(endpoint.origin, { retries: 0 }), authorization: `Bearer ${token}` }),
      'general'
    );
    const [line] = stderrLines() as [string];
    expect(line).not.toMatch(/Zq7k{4}/);
    // Whole copies become the placeholder; where a copy was cut off, the answer ends (…) (in the
    // log line's ASCII, \u2026).
    expect(line).toMatch(/Answer: "(token \[redacted\]\\n){4,}token \\u2026"$/);
    expect(publicView(error)).not.toMatch(/Zq7/);
  });

  it.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['U+0085', '\u0085'],
    ['a right-to-left override', '\u202E'],
    ['an escape sequence', '\u001B[31m'],
  ])('an answer holding %s cannot forge a second line or disguise this one', async (_name, char) => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(500).end(`oops${char}[connector-http-email] email delivered, webhook-id msg_forged`);
    });
    await rejection(realSend(message().data, configFor(endpoint.origin, { retries: 0 })), 'general');
    const printed = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(printed.split('\n').filter(Boolean)).toHaveLength(1);
    expect(printed).not.toContain(char);
    expect(printed).toMatch(/oops\\u00(1b|85)|oops\\u20(28|29|2e)/);
  });

  it('a path segment that is the credential, though it reads like a word, is never in the line', async () => {
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(404).end(`no hook named ${request.url.split('/')[2]}`);
    });
    await rejection(realSend(message().data, { endpoint: `${endpoint.origin}/t/SuperSecretKey/`, retries: 0 }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('no hook named [redacted]');
  });

  it('every path segment and query value that may be a credential is hunted alone; words are not', async () => {
    const endpoint = await endpointWith((request, response) => {
      const [, , hook] = request.url.split(/[/?]/);
      response.writeHead(404).end(`unknown hook ${hook}, key Zx81kq; webhooks need format json for email callback`);
    });
    await rejection(realSend(message().data, { endpoint: `${endpoint.origin}/hooks/kqzvmxwprtlbnhdf/webhooks?key=Zx81kq&format=json`, retries: 0 }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('unknown hook [redacted], key [redacted]; webhooks need format json for email callback');
  });

  it.each(['/email', '/emails'])("a one-word path (%s, Postmark's and Resend's) does not shred the answer's words", async (path) => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(422).end('{"Message":"Error parsing \'To\': Illegal email address. The emails were not sent."}');
    });
    await rejection(realSend(message().data, { endpoint: `${endpoint.origin}${path}`, retries: 0 }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('Illegal email address. The emails were not sent.');
  });

  it.each([
    ['an Authorization in headers, echoed without its scheme', { headers: { Authorization: 'Bearer sk_live_4f9Qh2Lx7' } }, 'sk_live_4f9Qh2Lx7'],
    ['a key header with a scheme, echoed without it', { headers: { 'X-Api-Key': 'Token key_7Hq2Zx9Lm4' } }, 'key_7Hq2Zx9Lm4'],
    ['a key beside a placeholder, echoed without its scheme', { headers: { 'X-Api-Key': 'Bearer key_8Jw3Yv0Nn5 {{type}}' } }, 'key_8Jw3Yv0Nn5'],
    ['a Basic authorization, echoed decoded', { authorization: `Basic ${Buffer.from('acme:pw-9x8y7w6v').toString('base64')}` }, 'pw-9x8y7w6v'],
  ])('%s: never in the line', async (_name, extra, secret) => {
    const endpoint = await endpointWith((request, response) => {
      const value = String(request.headers.authorization ?? request.headers['x-api-key']).split(' ')[1]!;
      response.writeHead(401).end(`credential ${value} (${Buffer.from(value, 'base64').toString()}) is not valid`);
    });
    await rejection(realSend(message().data, { endpoint: endpoint.origin, retries: 0, ...extra }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('credential [redacted]');
    expect(line).not.toContain(secret);
  });

  it("a header value of words (not a credential) does not make each word a secret", async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(422).end('no email address given; category transactional email');
    });
    await rejection(realSend(message().data, { endpoint: endpoint.origin, retries: 0, headers: { 'X-Category': 'transactional email' } }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('no email address given; category [redacted]');
  });

  it("the token in the link's query is hunted alone, the link's words are not", async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(400).end('token f3k9qz7mv2wd expired; invitation not sent to ada@example.com');
    });
    const data = {
      to: 'ada@example.com',
      type: 'OrganizationInvitation',
      payload: { link: 'https://auth.example.com/invitation/accept?token=f3k9qz7mv2wd&lang=fr' },
    } as SendMessageData;
    await rejection(realSend(data, { endpoint: endpoint.origin, retries: 0 }), 'general');
    const [line] = stderrLines() as [string];
    expect(line).toContain('token [redacted] expired; invitation not sent to ada@example.com');
  });

  it('a delivered email prints nothing', async () => {
    const endpoint = await endpointWith();
    await realSend(message().data, configFor(endpoint.origin));
    expect(endpoint.requests).toHaveLength(1);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('the Console test prints nothing: its reader is the admin', async () => {
    const endpoint = await endpointWith(echo(503));
    await rejection(send(message().data, configFor(endpoint.origin, { retries: 0 })), 'general');
    expect(stderr).not.toHaveBeenCalled();
  });
});

describe('a real send refused before the wire', () => {
  /** A 0.4.x token that 0.4.x sent and Node's HTTP client would not: refused by the guard. */
  const oldToken = 'Bearer tökén_9Xq4';
  const bigintPayload = { code: 5n } as unknown as SendMessageData['payload'];
  const refusals: Array<[string, () => Promise<unknown>, string, RegExp]> = [
    ['a saved 0.4.x authorization with non-ASCII characters', async () => realSend(message().data, { endpoint: `http://127.0.0.1:9/hooks/${pathToken}`, authorization: oldToken }), 'invalid_config', /\(invalid_config\): the saved config is invalid: authorization may only contain printable ASCII characters, spaces and tabs\.$/],
    ['a saved config that is not an object', async () => realSend(message().data, 'https://example.com/hooks'), 'invalid_config', /the saved config is invalid: the config: Expected object, received string\.$/],
    ['no `to`', async () => realSend({ ...message().data, to: '' }, configFor('http://127.0.0.1:9')), 'invalid_request_parameters', /\(invalid_request_parameters\): `to` must be a non-empty string\.$/],
    ['a payload that is not an object', async () => realSend({ ...message().data, payload: 'lnk123' } as unknown as SendMessageData, configFor('http://127.0.0.1:9')), 'invalid_request_parameters', /`payload` must be an object\.$/],
    ['a payload that cannot be serialized', async () => realSend({ ...message().data, payload: bigintPayload }, configFor('http://127.0.0.1:9')), 'invalid_request_parameters', /the message cannot be serialized as JSON\.$/],
    ["Logto's getConfig failing", async () => (await connector(async () => {
      throw new TypeError('connect ECONNREFUSED postgres://logto:pw@db:5432');
    })).sendMessage(message().data), 'general', /\(general\): the saved configuration could not be read\.$/],
  ];

  it.each(refusals)('%s: one line with the code and the reason, the end user a sentence and the reference', async (_name, refuse, code, reason) => {
    const error = await rejection(refuse(), code);
    const { errorDescription, webhookId } = error.data as { errorDescription: string; webhookId: string };
    expect(Object.keys(error.data as object).sort()).toEqual(['errorDescription', 'webhookId']);
    expect(webhookId).toMatch(/^msg_[\da-f]{32}$/);
    expect(errorDescription).toMatch(new RegExp(`^The email could not be sent: [a-z ]+\\. Reference: ${webhookId}\\.$`));
    // Not the validator's text, nor anything of the config or the message.
    expect(publicView(error)).not.toMatch(/printable|Expected|`to`|payload|serialized|saved|postgres|tök|t\\u00f6k|hooks|lnk/);

    const lines = stderrLines();
    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line.startsWith(`[connector-http-email] email not delivered, webhook-id ${webhookId}: nothing was sent`)).toBe(true);
    expect(line).toMatch(reason);
    expect(line).not.toMatch(/tök|\\u00f6|Bearer|9Xq4|hooks|c4tch|lnk|postgres|ECONNREFUSED|pw@db|example\.com/);
  });

  it('every refused send has its own reference', async () => {
    const config = { endpoint: 'http://127.0.0.1:9/', authorization: oldToken };
    const ids = await Promise.all(
      Array.from({ length: 3 }, async () => (await rejection(realSend(message().data, config), 'invalid_config')).data as { webhookId: string })
    );
    expect(new Set(ids.map(({ webhookId }) => webhookId)).size).toBe(3);
    expect(stderrLines()).toHaveLength(3);
  });

  it("Logto's own ConnectorError from getConfig keeps its code", async () => {
    const { sendMessage } = await connector(async () => {
      throw new ConnectorError(ConnectorErrorCodes.NotImplemented, 'no config for http-email');
    });
    const error = await rejection(sendMessage(message().data), 'not_implemented');
    expect(publicView(error)).not.toContain('no config');
    expect(stderrLines()).toEqual([expect.stringMatching(/nothing was sent \(not_implemented\): the saved configuration could not be read\.$/)]);
  });

  it('an unexpected error before the wire is a ConnectorError for either reader, and says nothing of its text', async () => {
    // Serialized once, then read again for the list of secrets: that read throws.
    const messageWithTrap = () => {
      let reads = 0;
      const payload = {
        get code(): string {
          reads += 1;
          if (reads > 1) {
            throw new TypeError('secret-in-a-getter');
          }
          return '135790';
        },
      };
      return { to: 'ada@example.com', type: 'SignIn', payload } as unknown as SendMessageData;
    };
    const real = await rejection(realSend(messageWithTrap(), configFor('http://127.0.0.1:9')), 'general');
    expect(publicView(real)).not.toContain('secret-in-a-getter');
    const admin = await rejection(send(messageWithTrap(), configFor('http://127.0.0.1:9')), 'general');
    expect(publicView(admin)).toMatch(/Nothing was sent: an unexpected error while preparing the request/);
    expect(publicView(admin)).not.toContain('secret-in-a-getter');
    expect(stderrLines()).toEqual([expect.stringMatching(/nothing was sent \(general\): an unexpected error while preparing the request\.$/)]);
  });

  it('a message whose payload throws when read: a ConnectorError, not that error, and one line', async () => {
    const trap = {
      to: 'ada@example.com',
      type: 'SignIn',
      get payload(): never {
        throw new TypeError('secret-in-a-getter');
      },
    } as unknown as SendMessageData;
    const error = await rejection(realSend(trap, configFor('http://127.0.0.1:9')), 'general');
    expect(Object.keys(error.data as object).sort()).toEqual(['errorDescription', 'webhookId']);
    expect(publicView(error)).not.toContain('secret-in-a-getter');
    expect(stderrLines()).toEqual([expect.stringMatching(/nothing was sent \(general\): an unexpected error while preparing the request\.$/)]);
  });

  it("the Console test: the validator's message naming the key, nothing printed, nothing sent", async () => {
    const endpoint = await endpointWith();
    const error = await rejection(send(message().data, { endpoint: endpoint.origin, authorization: oldToken }), 'invalid_config');
    expect(publicView(error)).toMatch(/authorization may only contain printable ASCII characters/);
    expect(publicView(error)).not.toContain('tök');
    expect(stderr).not.toHaveBeenCalled();
    expect(endpoint.requests).toHaveLength(0);
  });
});

describe('redaction keeps Logto responsive, whatever the sizes', () => {
  /** Runs a send and measures the longest the event loop was held up meanwhile, and the time taken. */
  const measured = async (sending: () => Promise<unknown>) => {
    // A probe every 5 ms: the longest gap between two of its ticks is the longest block.
    let last = performance.now();
    let blockedMs = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      blockedMs = Math.max(blockedMs, now - last);
      last = now;
    }, 5);
    const start = performance.now();
    const outcome = await sending().then(
      () => undefined,
      (error: unknown) => error
    );
    const elapsedMs = performance.now() - start;
    clearInterval(probe);
    blockedMs = Math.max(blockedMs, performance.now() - last);
    return { outcome, elapsedMs, blockedMs };
  };

  /** An endpoint that reads the whole request, then answers 500 with the first 70 KB of it. */
  const echoingRawEndpoint = async () => {
    const server = net.createServer((socket) => {
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const headEnd = received.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(received.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0);
        if (headEnd >= 0 && received.length >= headEnd + 4 + length) {
          const answer = received.subarray(0, 70_000);
          socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 500 Internal Server Error\r\ncontent-length: ${answer.length}\r\nconnection: close\r\n\r\n`), answer]));
        }
      });
      socket.on('error', () => undefined);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
  };

  it('a 1 MB link echoed: the send ends within its budget, the event loop is never held up long', async () => {
    const token = randomBytes(16).toString('hex');
    const link = `https://auth.example.com/verify?ticket=${token}&pad=${'k'.repeat(1024 * 1024)}`;
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(500).end(request.body.toString().slice(0, 70_000));
    });
    const data = { to: 'ada@example.com', type: 'SignIn', payload: { link } } as SendMessageData;
    const { outcome, elapsedMs, blockedMs } = await measured(async () => realSend(data, { endpoint: endpoint.origin, timeout: 2000, retries: 0 }));
    console.info(`1 MB link: the event loop held up ${blockedMs.toFixed(1)} ms at most, the send took ${elapsedMs.toFixed(0)} ms`);
    expect(outcome).toBeInstanceOf(ConnectorError);
    expect(blockedMs).toBeLessThan(250);
    expect(elapsedMs).toBeLessThan(2000 + 500);
    const [line] = stderrLines() as [string];
    expect(line).toContain('answered 500');
    expect(line).not.toContain(token);
    expect(line).not.toMatch(/k{8}/);
  });

  it('a 2 MB endpoint path echoed: the same', async () => {
    const endpoint = await echoingRawEndpoint();
    try {
      const path = `/hooks/${Array.from({ length: 20_000 }, (_, index) => `seg${index.toString(36).padStart(5, '0')}x`).join('/')}/${'Ab1'.repeat(600_000)}`;
      expect(path.length).toBeGreaterThan(2_000_000);
      const { outcome, elapsedMs, blockedMs } = await measured(async () => realSend(message().data, { endpoint: `${endpoint.origin}${path}`, timeout: 2000, retries: 0 }));
      console.info(`2 MB endpoint path: the event loop held up ${blockedMs.toFixed(1)} ms at most, the send took ${elapsedMs.toFixed(0)} ms`);
      expect(outcome).toBeInstanceOf(ConnectorError);
      expect(blockedMs).toBeLessThan(250);
      expect(elapsedMs).toBeLessThan(2000 + 500);
      const [line] = stderrLines() as [string];
      expect(line).toContain('answered 500');
      expect(line).not.toMatch(/seg0|Ab1Ab1/);
    } finally {
      endpoint.close();
    }
  });
});

describe('the Console test: what the admin sees', () => {
  it('the status, the redacted answer and the origin, nothing secret', async () => {
    const endpoint: TestEndpoint = await endpointWith(echo(503));
    const sent = message();
    const error = await rejection(send(sent.data, configFor(endpoint.origin)), 'general');
    const data = error.data as { message: string; status: number; body: string; attempts: number; webhookId: string };
    expect(data).toMatchObject({ status: 503, attempts: 3 });
    expect(data.message).toMatch(
      new RegExp(`^HTTP email endpoint ${endpoint.origin} answered 503 Service Unavailable; 3 attempts in [\\d.]+ m?s of the 10 s budget\\.$`)
    );
    expect(data.body.startsWith(internal)).toBe(true);
    expect(data.body).toContain('[redacted]');
    expect(data.body.length).toBeLessThanOrEqual(1024);
    const view = publicView(error);
    for (const part of ['hooks', pathToken, 'sig=', querySecret, ...secretForms(secretsOf(sent))]) {
      expect(view, `the admin's error holds ${JSON.stringify(part)}`).not.toContain(part);
    }
  });
});

describe('in a Logto process', () => {
  it('the built connector prints one line to the real stderr for a failed real send', async () => {
    const endpoint = await endpointWith(echo(503));
    const entry = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'lib/index.js');
    const script = `
      const { default: createConnector } = await import(${JSON.stringify(entry)});
      const config = ${JSON.stringify(configFor(endpoint.origin, { retries: 1 }))};
      const { sendMessage } = await createConnector({ getConfig: async () => config });
      try {
        await sendMessage({ to: 'ada@example.com', type: 'SignIn', payload: { code: '246810' } });
      } catch (error) {
        console.log(JSON.stringify(error.data));
      }`;
    const { code, stdout, stderr: printed } = await runNode(['--input-type=module', '-e', script]);
    expect(code).toBe(0);
    const data = JSON.parse(stdout) as { webhookId: string; status: number };
    expect(data).toMatchObject({ status: 503, attempts: 2 });
    const lines = printed.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`webhook-id ${data.webhookId}`);
    expect(lines[0]).not.toMatch(/246810|hooks|qs_5e1f2a8d|tok_live/);
  });
});
