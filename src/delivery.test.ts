// The fault suite: real endpoints on 127.0.0.1 that misbehave in one way each, driven through the
// connector's sendMessage. Time is asserted against the budget with generous margins.
import { once } from 'node:events';
import net, { type Socket } from 'node:net';

import type { SendMessageData } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  endpointsClosedAfterEach,
  expectClean,
  randomCode,
  rejection,
  send,
} from '../test/helpers.js';
import { closedPort, stalledPort, type Handler, type TestEndpoint } from '../test/server.js';

const token = 'Bearer tk_9f8e7d6c5b4a';
const querySecret = 'qs-5e1f2a';

const endpointWith = endpointsClosedAfterEach();

/** Answers each request with the next handler of the list, the last one from then on. */
const inTurn = (...handlers: Handler[]): Handler => {
  let count = 0;
  return (request, response, incoming) => {
    handlers[Math.min(count++, handlers.length - 1)]!(request, response, incoming);
  };
};

const status =
  (code: number, headers: Record<string, string> = {}, body = ''): Handler =>
  (_request, response) => {
    response.writeHead(code, headers).end(body);
  };

const hang: Handler = () => undefined;

const message = () => {
  const code = randomCode();
  const link = `https://auth.example.com/verify?ticket=lnk${code}x`;
  const data = {
    to: 'ada@example.com',
    type: 'SignIn',
    payload: { code, link, locale: 'en' },
  } as SendMessageData;
  return { data, secrets: [code, link, `lnk${code}x`, token, token.slice(7), querySecret] };
};

const configFor = (endpoint: TestEndpoint | string, extra: Record<string, unknown> = {}) => ({
  endpoint: `${typeof endpoint === 'string' ? endpoint : endpoint.origin}/email?key=${querySecret}`,
  authorization: token,
  ...extra,
});

const timed = async <T>(promise: Promise<T>) => {
  const start = performance.now();
  const result = await promise;
  return { result, elapsed: performance.now() - start };
};

const ids = (endpoint: TestEndpoint) =>
  new Set(endpoint.requests.map(({ headers }) => headers['webhook-id']));

describe('an endpoint that does not answer in time', () => {
  it('never answers: a second attempt inside the budget, then general, one id', async () => {
    const endpoint = await endpointWith(hang);
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { timeout: 3000, retries: 2 })), 'general')
    );
    // The first attempt waits until the reserve (a fifth of the budget) is left; the second
    // gets the reserve; no time is left for a third.
    expect(elapsed).toBeGreaterThan(2900);
    expect(elapsed).toBeLessThan(3000 + 500);
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.requests[1]!.at - endpoint.requests[0]!.at).toBeGreaterThan(2000);
    expect(ids(endpoint).size).toBe(1);
    expect(error.data).toMatchObject({ attempts: 2, webhookId: endpoint.requests[0]!.headers['webhook-id'] });
    const { message: text } = error.data as { message: string };
    expect(text).toMatch(
      /did not answer in time; 2 attempts in 3(\.\d)? s of the 3 s budget, then stopped: no time left for another attempt\.$/
    );
    expect(text.match(/budget/g)).toHaveLength(1);
    expectClean(error, secrets);
  });

  it('never answers, no retries: one attempt gets the whole budget', async () => {
    const endpoint = await endpointWith(hang);
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { timeout: 800, retries: 0 })), 'general')
    );
    expect(elapsed).toBeGreaterThan(700);
    expect(elapsed).toBeLessThan(800 + 1000);
    expect(endpoint.requests).toHaveLength(1);
    expectClean(error, secrets);
  });

  it('sends 200 and stalls the body: delivered at once, the body is not waited for', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('accepted, and then nothing more…');
    });
    const { data } = message();
    const { result, elapsed } = await timed(send(data, configFor(endpoint, { timeout: 5000 })));
    expect(result).toMatchObject({ status: 200, attempts: 1 });
    expect(elapsed).toBeLessThan(2500);
  });

  it('sends 500 and stalls the body: fails within the budget with what arrived', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.write('partial error page');
    });
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { timeout: 1000, retries: 0 })), 'general')
    );
    expect(elapsed).toBeLessThan(1000 + 1000);
    expect(error.data).toMatchObject({ status: 500, body: 'partial error page', attempts: 1 });
    expectClean(error, secrets);
  });
});

describe('a slow endpoint is not a failed one', () => {
  it('answers after 4 s with the default budget: delivered, received once', async () => {
    const endpoint = await endpointWith((_request, response) => {
      setTimeout(() => response.writeHead(200).end(), 4000);
    });
    const { data } = message();
    const result = await send(data, configFor(endpoint));
    expect(result).toMatchObject({ status: 200, attempts: 1 });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('answers after 700 ms with a 1.5 s budget and 2 retries: delivered, received once', async () => {
    const endpoint = await endpointWith((_request, response) => {
      setTimeout(() => response.writeHead(202).end(), 700);
    });
    const { data } = message();
    const result = await send(data, configFor(endpoint, { timeout: 1500, retries: 2 }));
    expect(result).toMatchObject({ status: 202, attempts: 1 });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('a connection never made is given up at the connect limit and retried promptly, nothing sent', async () => {
    const stalled = await stalledPort();
    try {
      const { data, secrets } = message();
      const { result: error, elapsed } = await timed(
        rejection(send(data, configFor(`http://127.0.0.1:${stalled.port}`, { timeout: 3000, retries: 1 })), 'general')
      );
      // The connect limit is a fifth of the budget: two attempts of 0.6 s, well inside 3 s.
      expect(elapsed).toBeGreaterThan(1100);
      expect(elapsed).toBeLessThan(2500);
      expect(error.data).toMatchObject({ attempts: 2 });
      expect((error.data as { message: string }).message).toMatch(/could not be reached \(no connection within 0\.6 s\); 2 attempts/);
      expectClean(error, secrets);
    } finally {
      await stalled.close();
    }
  });

  it('a refused connection is retried promptly: every attempt within a second', async () => {
    const port = await closedPort();
    const { data } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(`http://127.0.0.1:${port}`, { retries: 3 })), 'general')
    );
    expect(error.data).toMatchObject({ attempts: 4 });
    expect(elapsed).toBeLessThan(1500);
  });
});

describe('the smallest budgets', () => {
  for (const timeout of [500, 510, 520, 530]) {
    it(`${timeout} ms, a hung endpoint, retries 1: a second attempt, then general`, async () => {
      const endpoint = await endpointWith(hang);
      const { data } = message();
      const error = await rejection(send(data, configFor(endpoint, { timeout, retries: 1 })), 'general');
      expect(error.data).toMatchObject({ attempts: 2 });
      expect(endpoint.requests).toHaveLength(2);
      expect(ids(endpoint).size).toBe(1);
    });

    it(`${timeout} ms, an endpoint that answers at 60 % of it, retries 2: delivered, received once`, async () => {
      const endpoint = await endpointWith((_request, response) => {
        setTimeout(() => response.writeHead(200).end(), timeout * 0.6);
      });
      const { data } = message();
      const result = await send(data, configFor(endpoint, { timeout, retries: 2 }));
      expect(result).toMatchObject({ status: 200, attempts: 1 });
      expect(endpoint.requests).toHaveLength(1);
    });
  }
});

describe('an answer that is not valid HTTP for a request', () => {
  /** A raw TCP endpoint that answers every request with `raw` and closes. */
  const rawEndpoint = async (raw: string) => {
    const requests: string[] = [];
    const server = net.createServer((socket) => {
      socket.once('data', (chunk) => {
        requests.push(chunk.toString());
        socket.end(raw);
      });
      socket.on('error', () => undefined);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    return { origin: `http://127.0.0.1:${port}`, requests, close: () => server.close() };
  };

  it.each([
    ['101 to a plain request', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n', /answered 101 Switching Protocols to a plain request/],
    ['199 and no final answer', 'HTTP/1.1 199 Odd\r\n\r\n', /answered 199, an informational status, and no final answer/],
    ['a status of 600', 'HTTP/1.1 600 Odd\r\nContent-Length: 0\r\n\r\n', /answered with status 600, which is not a valid final HTTP status/],
    ['a status of 99', 'HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n', /answered with status 99, which is not a valid final HTTP status/],
    ['something that is not HTTP', 'SMTP ready\r\n\r\n', /answered with something that is not HTTP/],
  ])('%s: named for what it is, not retried', async (_name, raw, expected) => {
    const endpoint = await rawEndpoint(raw);
    try {
      const { data, secrets } = message();
      const { result: error, elapsed } = await timed(
        rejection(send(data, configFor(endpoint.origin, { retries: 2 })), 'general')
      );
      expect(endpoint.requests).toHaveLength(1);
      expect(elapsed).toBeLessThan(2000);
      expect(error.data).toMatchObject({ attempts: 1 });
      expect(error.data).not.toHaveProperty('status');
      const { message: text } = error.data as { message: string };
      expect(text).toMatch(expected);
      expect(text).not.toMatch(/in time|could not be reached/);
      expectClean(error, secrets);
    } finally {
      endpoint.close();
    }
  });
});

describe('an endpoint that fails for a moment', () => {
  it('resets the connection mid-answer: retried and delivered, one id', async () => {
    const endpoint = await endpointWith(
      inTurn(
        (_request, _response, incoming) => {
          const socket = incoming.socket as Socket;
          socket.write('HTTP/1.1 200 OK\r\nContent-Ty');
          socket.destroy();
        },
        status(202)
      )
    );
    const { data } = message();
    const result = await send(data, configFor(endpoint));
    expect(result).toMatchObject({ status: 202, attempts: 2 });
    expect(endpoint.requests).toHaveLength(2);
    expect(ids(endpoint).size).toBe(1);
  });

  it('503, 503, 200: delivered on the third attempt, one id, each attempt timestamped', async () => {
    const endpoint = await endpointWith(inTurn(status(503), status(503), status(200)));
    const { data } = message();
    const result = await send(data, configFor(endpoint));
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    expect(endpoint.requests).toHaveLength(3);
    expect(ids(endpoint).size).toBe(1);
    const [id] = ids(endpoint);
    expect(id).toMatch(/^msg_[\w-]{16,}$/);
    expect(result).toMatchObject({ webhookId: id });
    const now = Date.now() / 1000;
    for (const { headers, body } of endpoint.requests) {
      expect(Math.abs(Number(headers['webhook-timestamp']) - now)).toBeLessThan(30);
      expect(body.toString()).toBe(JSON.stringify(data));
    }
    // Backoff between attempts.
    const [first, second, third] = endpoint.requests;
    expect(second!.at - first!.at).toBeGreaterThan(100);
    expect(third!.at - second!.at).toBeGreaterThan(200);
  });

  it.each([0, 1, 3])('503 forever with retries %i: retries + 1 attempts, then general', async (retries) => {
    const endpoint = await endpointWith(status(503, {}, 'maintenance'));
    const { data, secrets } = message();
    const error = await rejection(send(data, configFor(endpoint, { retries })), 'general');
    expect(endpoint.requests).toHaveLength(retries + 1);
    expect(error.data).toMatchObject({ status: 503, body: 'maintenance', attempts: retries + 1 });
    const { message: text } = error.data as { message: string };
    expect(text).toContain(`${endpoint.origin} answered 503`);
    expect(text).not.toContain('/email');
    expect(text).toContain(`${retries + 1} attempt`);
    expectClean(error, secrets);
  });

  it('500, 502, 504 and 408 are retried too', async () => {
    const endpoint = await endpointWith(inTurn(status(500), status(502), status(504), status(408), status(200)));
    const { data } = message();
    const result = await send(data, configFor(endpoint, { retries: 4 }));
    expect(result).toMatchObject({ status: 200, attempts: 5 });
  });
});

describe('Retry-After', () => {
  it('429 with Retry-After: 1 waits a second, then delivers', async () => {
    const endpoint = await endpointWith(inTurn(status(429, { 'retry-after': '1' }), status(200)));
    const { data } = message();
    const result = await send(data, configFor(endpoint));
    expect(result).toMatchObject({ status: 200, attempts: 2 });
    const [first, second] = endpoint.requests;
    expect(second!.at - first!.at).toBeGreaterThan(900);
    expect(second!.at - first!.at).toBeLessThan(3000);
  });

  it('429 with Retry-After as an HTTP date waits until then, then delivers', async () => {
    const endpoint = await endpointWith(
      inTurn((_request, response) => {
        const when = new Date(Date.now() + 2000).toUTCString();
        response.writeHead(429, { 'retry-after': when }).end();
      }, status(200))
    );
    const { data } = message();
    const result = await send(data, configFor(endpoint));
    expect(result).toMatchObject({ status: 200, attempts: 2 });
    const [first, second] = endpoint.requests;
    // The date has a resolution of one second.
    expect(second!.at - first!.at).toBeGreaterThan(900);
    expect(second!.at - first!.at).toBeLessThan(4000);
  });

  it('429 with a Retry-After past the budget fails at once as rate_limit_exceeded', async () => {
    const endpoint = await endpointWith(status(429, { 'retry-after': '120' }, 'slow down'));
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { timeout: 10_000 })), 'rate_limit_exceeded')
    );
    expect(elapsed).toBeLessThan(2000);
    expect(endpoint.requests).toHaveLength(1);
    expect(error.data).toMatchObject({ status: 429, body: 'slow down', attempts: 1 });
    expect((error.data as { message: string }).message).toMatch(/retry after 120 s/);
    expectClean(error, secrets);
  });

  it('503 with a Retry-After past the budget fails at once as general', async () => {
    const endpoint = await endpointWith(status(503, { 'retry-after': '3600' }));
    const { data } = message();
    const { result: error, elapsed } = await timed(rejection(send(data, configFor(endpoint)), 'general'));
    expect(elapsed).toBeLessThan(2000);
    expect(error.data).toMatchObject({ status: 503, attempts: 1 });
  });
});

describe('answers that are final', () => {
  it.each([400, 401, 403, 404, 409, 413, 422, 501])('%i is never retried', async (code) => {
    const endpoint = await endpointWith(status(code, { 'retry-after': '1' }, `error ${code}`));
    const { data, secrets } = message();
    const error = await rejection(send(data, configFor(endpoint)), 'general');
    expect(endpoint.requests).toHaveLength(1);
    expect(error.data).toMatchObject({ status: code, body: `error ${code}`, attempts: 1 });
    expectClean(error, secrets);
  });

  it.each([301, 302, 303, 307, 308])('%i is not followed: the target receives nothing', async (code) => {
    const target = await endpointWith(status(200));
    const endpoint = await endpointWith(status(code, { location: `${target.origin}/stolen` }));
    const { data, secrets } = message();
    const error = await rejection(send(data, configFor(endpoint)), 'general');
    expect(target.requests).toHaveLength(0);
    expect(endpoint.requests).toHaveLength(1);
    expect(error.data).toMatchObject({ status: code, attempts: 1 });
    const { message: text } = error.data as { message: string };
    expect(text).toContain(String(code));
    expect(text).toMatch(/Redirects are not followed: configure the final URL as the endpoint/);
    expectClean(error, secrets);
  });
});

describe('an endpoint that cannot be reached', () => {
  it('a closed port: every attempt made, then general', async () => {
    const port = await closedPort();
    const { data, secrets } = message();
    const error = await rejection(
      send(data, configFor(`http://127.0.0.1:${port}`, { retries: 2 })),
      'general'
    );
    expect(error.data).toMatchObject({ attempts: 3 });
    expect(error.data).not.toHaveProperty('status');
    expect((error.data as { message: string }).message).toMatch(/could not be reached \(connection refused\)/);
    expectClean(error, secrets);
  });

  it('a port that fetch would refuse (6000, on its "bad ports" list) is reached, as 0.4.x reached it', async () => {
    const endpoint = await endpointWith(status(204));
    const { data } = message();
    // The test endpoint is not on port 6000; what matters is that the transport is node:http, which
    // has no such list: sending to a closed port 6000 fails with "connection refused", not earlier.
    const error = await rejection(send(data, configFor('http://127.0.0.1:6000', { retries: 0 })), 'general');
    expect((error.data as { message: string }).message).toMatch(/connection refused/);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('an unresolvable host (*.invalid): general, within the budget', async () => {
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor('http://mail.logto-test.invalid', { timeout: 3000, retries: 1 })), 'general')
    );
    expect(elapsed).toBeLessThan(3000 + 1000);
    expect((error.data as { message: string }).message).toMatch(
      /http:\/\/mail\.logto-test\.invalid (could not be reached|did not answer)/
    );
    expectClean(error, secrets);
  });
});

describe('what goes into an error', () => {
  it('a 5 MB error page: at most 1024 characters of it, quickly', async () => {
    const page = `<html>${'x'.repeat(5 * 1024 * 1024)}</html>`;
    const endpoint = await endpointWith(status(500, { 'content-type': 'text/html' }, page));
    const { data } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { retries: 0 })), 'general')
    );
    const { body } = error.data as { body: string };
    expect(body).toHaveLength(1024);
    expect(body).toBe(page.slice(0, 1024));
    expect(elapsed).toBeLessThan(2000);
  });

  it('an endpoint that echoes headers and body: every secret redacted', async () => {
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: 'could not send',
          url: request.url,
          headers: request.headers,
          body: request.body.toString(),
          encoded: encodeURIComponent(request.body.toString()),
        })
      );
    });
    const { data, secrets } = message();
    const error = await rejection(send(data, configFor(endpoint, { retries: 0 })), 'general');
    const { body } = error.data as { body: string };
    expect(body).toContain('could not send');
    expect(body).toContain('[redacted]');
    expectClean(error, secrets);
  });

  it('URL credentials: neither the raw, the decoded nor the Basic form', async () => {
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(401).end(`bad credentials: ${request.headers.authorization}`);
    });
    const { data, secrets } = message();
    const host = new URL(endpoint.origin).host;
    const error = await rejection(
      send(data, { endpoint: `http://rel%40y:s%3Acret@${host}/in?x=${querySecret}` }),
      'general'
    );
    expectClean(error, [
      ...secrets,
      'rel%40y',
      'rel@y',
      's%3Acret',
      's:cret',
      Buffer.from('rel@y:s:cret').toString('base64'),
    ]);
  });
});

describe('timeout and retries config', () => {
  const timeoutRule = /timeout must be a whole number from 500 to 60000 \(milliseconds\)/;
  const retriesRule = /retries must be a whole number from 0 to 5/;
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['timeout below 500', { timeout: 499 }, timeoutRule],
    ['timeout above 60000', { timeout: 60_001 }, timeoutRule],
    ['timeout fractional', { timeout: 1000.5 }, timeoutRule],
    ['timeout a string', { timeout: '10000' }, timeoutRule],
    ['timeout negative', { timeout: -1 }, timeoutRule],
    ['timeout null', { timeout: null }, timeoutRule],
    ['retries below 0', { retries: -1 }, retriesRule],
    ['retries above 5', { retries: 6 }, retriesRule],
    ['retries fractional', { retries: 1.5 }, retriesRule],
    ['retries a boolean', { retries: true }, retriesRule],
  ];

  it.each(bad)('%s → invalid_config naming the key, nothing sent', async (_name, extra, expected) => {
    const endpoint = await endpointWith(status(200));
    const { data, secrets } = message();
    const error = await rejection(send(data, configFor(endpoint, extra)), 'invalid_config');
    expect(error.message).toMatch(expected);
    expect(endpoint.requests).toHaveLength(0);
    expectClean(error, secrets);
  });

  it('the bounds themselves are valid', async () => {
    const endpoint = await endpointWith(status(200));
    const { data } = message();
    await send(data, configFor(endpoint, { timeout: 500, retries: 0 }));
    await send(data, configFor(endpoint, { timeout: 60_000, retries: 5 }));
    expect(endpoint.requests).toHaveLength(2);
  });
});

/**
 * A raw endpoint that answers the first request of a connection and keeps the connection open, then
 * closes it when the next request arrives on it, as a server's idle timeout racing the reuse would.
 */
const closingOnReuse = async () => {
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    let count = 0;
    socket.on('data', (chunk: Buffer) => {
      if (!chunk.includes('\r\n\r\n')) {
        return;
      }
      requests.push(chunk.toString());
      count += 1;
      if (count === 1) {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      } else {
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => server.close() };
};

/** Time for a delivered answer to be read to its end and its connection to go back to the pool. */
const untilPooled = async () =>
  new Promise((resolve) => {
    setTimeout(resolve, 50);
  });

describe('careless endpoints', () => {
  it('a 2xx whose body never ends: delivered, and its connection is closed by the deadline', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('x');
    });
    for (let index = 0; index < 20; index++) {
      // eslint-disable-next-line no-await-in-loop
      expect(await send(message().data, configFor(endpoint, { timeout: 500, retries: 0 }))).toMatchObject({ status: 200 });
    }
    await new Promise((resolve) => {
      setTimeout(resolve, 800);
    });
    expect(endpoint.openConnections()).toBe(0);
  });

  it('with no retries, a kept-alive connection closed under the request fails the send, named so', async () => {
    const { origin, close } = await closingOnReuse();
    try {
      await send(message().data, configFor(origin, { retries: 0 }));
      await untilPooled();
      const error = await rejection(send(message().data, configFor(origin, { retries: 0 })), 'general');
      expect(error.data).toMatchObject({ attempts: 1 });
      expect((error.data as { message: string }).message).toMatch(/it closed a kept-alive connection as the request went out on it/);
    } finally {
      close();
    }
  });

  it('a hung endpoint on a kept-alive connection: no copy goes out after the attempt ends', async () => {
    let count = 0;
    const endpoint = await endpointWith((_request, response) => {
      count += 1;
      if (count === 1) {
        response.writeHead(200).end();
      }
    });
    await send(message().data, configFor(endpoint, { retries: 0 }));
    await untilPooled();
    await rejection(send(message().data, configFor(endpoint, { timeout: 1000, retries: 0 })), 'general');
    await new Promise((resolve) => {
      setTimeout(resolve, 500);
    });
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.openConnections()).toBe(0);
  });

  it('a final answer whose body stalls: the send fails at once with what arrived, not at the deadline', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(429, { 'retry-after': '600', 'content-length': '100' });
      response.write('slow down');
    });
    const { data, secrets } = message();
    const { result: error, elapsed } = await timed(
      rejection(send(data, configFor(endpoint, { timeout: 5000, retries: 2 })), 'rate_limit_exceeded')
    );
    expect(elapsed).toBeLessThan(1500);
    expect(error.data).toMatchObject({ status: 429, attempts: 1 });
    // The answer was read only in part; its end is marked, and what arrived is there.
    expect((error.data as { body: string }).body).toBe('slow down');
    expectClean(error, secrets);
  });

  it.each(['1.5', '-5', '2, 3', 'soon'])('Retry-After: %s is neither seconds nor a date: the usual backoff', async (value) => {
    const endpoint = await endpointWith(status(503, { 'retry-after': value }, 'busy'));
    const { data } = message();
    const { elapsed } = await timed(rejection(send(data, configFor(endpoint, { timeout: 5000, retries: 2 })), 'general'));
    expect(endpoint.requests).toHaveLength(3);
    // Backoff: at least 125 ms, then at least 250 ms.
    expect(elapsed).toBeGreaterThan(350);
  });

  it('a kept-alive connection the endpoint closes as the next request goes out: a network failure, retried on a new one', async () => {
    const { origin, requests, close } = await closingOnReuse();
    try {
      expect(await send(message().data, configFor(origin, { retries: 0 }))).toMatchObject({ status: 200, attempts: 1 });
      await untilPooled();
      const second = await send(message().data, configFor(origin, { retries: 1 }));
      expect(second).toMatchObject({ status: 200, attempts: 2 });
      // The second message went out twice, once on the closing connection and once on a new one,
      // with one webhook-id: two attempts, as `retries` allows.
      expect(requests).toHaveLength(3);
      const ids = requests.slice(1).map((request) => /webhook-id: (\S+)/i.exec(request)?.[1]);
      expect(ids[0]).toBe(ids[1]);
    } finally {
      close();
    }
  });
});
