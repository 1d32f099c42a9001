// The node:http(s) transport under ky: HTTPS with a trusted and an untrusted certificate, and the
// attempt it reports: answers, failures before and after anything was sent.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import https from 'node:https';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rejection, runNode, send, signInMessage } from '../test/helpers.js';
import { closedPort, stalledPort, startEndpoint } from '../test/server.js';

import { agentsFor } from './address-guard.js';
import { sendAttempt } from './transport.js';

const cert = readFileSync(new URL('../test/fixtures/localhost-cert.pem', import.meta.url));
const key = readFileSync(new URL('../test/fixtures/localhost-key.pem', import.meta.url));

describe('a 2xx whose body never ends, on an otherwise idle loop', () => {
  it('is cut off at the deadline, not when some later event wakes the loop', async () => {
    // In a child process whose loop has nothing else to do but a timer 4 s away: the cut-off once
    // waited for that timer (an unref'd immediate does not wake the loop).
    const script = `
      import http from 'node:http';
      const { default: createConnector } = await import(${JSON.stringify(new URL('../lib/index.js', import.meta.url).href)});
      let closedAt;
      const start = performance.now();
      const server = http.createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          request.socket.on('close', () => { closedAt = performance.now() - start; });
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.write('never ends');
        });
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const connector = await createConnector({ getConfig: async () => ({}) });
      await connector.sendMessage(
        { to: 'a@example.com', type: 'SignIn', payload: { code: '123456' } },
        { endpoint: 'http://127.0.0.1:' + server.address().port + '/', timeout: 1000, retries: 0 }
      );
      setTimeout(() => { console.log(JSON.stringify({ closedAt: closedAt ?? null })); process.exit(0); }, 4000);
    `;
    const { code, stdout, stderr } = await runNode(['--input-type=module', '-e', script]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { closedAt } = JSON.parse(stdout) as { closedAt: number | null };
    expect(closedAt).not.toBeNull();
    expect(closedAt).toBeLessThan(3000);
  });
});

describe('HTTPS', () => {
  let server: https.Server;
  let origin: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = https.createServer({ cert, key }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        response.writeHead(202).end('queued');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('refuses a certificate it does not trust, and says so', async () => {
    const error = await rejection(send(signInMessage(), { endpoint: origin, retries: 0 }), 'general');
    expect((error.data as { message: string }).message).toMatch(/could not be reached \(its TLS certificate is self-signed\)/);
    expect(bodies).toHaveLength(0);
  });

  it('delivers over a trusted certificate', async () => {
    const agents = agentsFor(false);
    const { ca } = agents.https.options;
    // Trust the test certificate for new connections of the connector's agent only, as an admin
    // would with NODE_EXTRA_CA_CERTS.
    agents.https.options.ca = cert;
    try {
      const data = signInMessage('555111');
      const result = await send(data, { endpoint: `${origin}/tls` });
      expect(result).toMatchObject({ status: 202, attempts: 1 });
      expect(bodies).toEqual([JSON.stringify(data)]);
    } finally {
      agents.https.options.ca = ca;
      agents.https.destroy();
    }
  });
});

describe('an https: URL to a plain HTTP server', () => {
  it('is named for what it is, nothing sent', async () => {
    const endpoint = await startEndpoint();
    try {
      const error = await rejection(
        send(signInMessage(), { endpoint: endpoint.origin.replace('http:', 'https:'), retries: 0 }),
        'general'
      );
      expect((error.data as { message: string }).message).toContain(
        'could not be reached (the endpoint does not speak TLS here: is it http:?)'
      );
      expect(endpoint.requests).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});

describe('one attempt', () => {
  it('sends the given headers and body; gives status, headers and the answer read within its limit', async () => {
    const endpoint = await startEndpoint((request, response) => {
      const status = Number(request.url.slice(1));
      response.writeHead(status, [
        ['X-Multi', 'a'],
        ['X-Multi', 'b'],
        ['Retry-After', '7'],
      ]);
      response.end(status === 204 || status === 304 ? undefined : `status ${status} `.repeat(100));
    });
    try {
      for (const status of [200, 204, 304, 418, 503]) {
        // eslint-disable-next-line no-await-in-loop
        const attempt = await sendAttempt(
          { url: `${endpoint.origin}/${status}`, headers: { 'x-sent': 'yes' }, body: '{}' },
          { timeout: 2000 }
        );
        if (attempt.kind !== 'answer') {
          throw new Error(`expected an answer, got ${attempt.kind}`);
        }
        expect(attempt.status).toBe(status);
        expect(attempt.header('x-multi')).toBe('a, b');
        expect(attempt.header('retry-after')).toBe('7');
        // eslint-disable-next-line no-await-in-loop
        const read = await attempt.read(20, performance.now() + 1000);
        expect(read).toEqual(
          status === 204 || status === 304
            ? { text: '', complete: true }
            : { text: `status ${status} `.repeat(100).slice(0, 20), complete: false }
        );
      }
      expect(endpoint.requests.map(({ body }) => body.toString())).toEqual(Array.from({ length: 5 }, () => '{}'));
      expect(endpoint.requests.every(({ headers }) => headers['x-sent'] === 'yes')).toBe(true);
    } finally {
      await endpoint.close();
    }
  });

  it('tells a failure before anything was sent from one after', async () => {
    const refused = await sendAttempt(
      { url: `http://127.0.0.1:${await closedPort()}/`, headers: {}, body: '{}' },
      { timeout: 2000 }
    );
    expect(refused).toEqual({ kind: 'unreachable', reason: 'connection refused', sent: false });

    const hung = await startEndpoint(() => undefined);
    try {
      const start = performance.now();
      const timedOut = await sendAttempt({ url: hung.origin, headers: {}, body: '{}' }, { timeout: 300 });
      expect(timedOut).toEqual({ kind: 'timeout', sent: true });
      expect(performance.now() - start).toBeLessThan(1000);
      expect(hung.requests).toHaveLength(1);
    } finally {
      await hung.close();
    }
  });

  it('gives up on a connection that is not made within the connect limit, with nothing sent', async () => {
    const stalled = await stalledPort();
    try {
      const start = performance.now();
      const attempt = await sendAttempt(
        { url: `http://127.0.0.1:${stalled.port}/`, headers: {}, body: '{}' },
        { timeout: 3000, connectTimeout: 300 }
      );
      expect(attempt).toEqual({ kind: 'unreachable', reason: 'no connection within 0.3 s', sent: false });
      expect(performance.now() - start).toBeLessThan(1500);
    } finally {
      await stalled.close();
    }
  });
});
