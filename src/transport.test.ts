// The node:http(s) transport under ky: HTTPS with a trusted and an untrusted certificate, and the
// Response it builds from node's answer.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import https from 'node:https';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rejection, send, signInMessage } from '../test/helpers.js';
import { startEndpoint } from '../test/server.js';

import { nodeFetch } from './transport.js';

const cert = readFileSync(new URL('../test/fixtures/localhost-cert.pem', import.meta.url));
const key = readFileSync(new URL('../test/fixtures/localhost-key.pem', import.meta.url));

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
    const { ca } = https.globalAgent.options;
    // Trust the test certificate for new connections of this process only, as an admin would with
    // NODE_EXTRA_CA_CERTS.
    https.globalAgent.options.ca = cert;
    try {
      const data = signInMessage('555111');
      const result = await send(data, { endpoint: `${origin}/tls` });
      expect(result).toMatchObject({ status: 202, attempts: 1 });
      expect(bodies).toEqual([JSON.stringify(data)]);
    } finally {
      https.globalAgent.options.ca = ca;
      https.globalAgent.destroy();
    }
  });
});

describe('the Response built from an answer', () => {
  it('sends the given headers and body; keeps status, repeated headers and body; null body for 204 and 304', async () => {
    const endpoint = await startEndpoint((request, response) => {
      const status = Number(request.url.slice(1));
      response.writeHead(status, [
        ['X-Multi', 'a'],
        ['X-Multi', 'b'],
        ['Set-Cookie', 'one=1'],
        ['Set-Cookie', 'two=2'],
      ]);
      response.end(status === 204 || status === 304 ? undefined : `status ${status}`);
    });
    try {
      for (const status of [200, 204, 304, 418, 503]) {
        const request = new Request(`${endpoint.origin}/${status}`, { method: 'POST' });
        // eslint-disable-next-line no-await-in-loop
        const response = await nodeFetch({ 'x-sent': 'yes' }, '{}')(request);
        expect(response.status).toBe(status);
        expect(response.headers.get('x-multi')).toBe('a, b');
        expect(response.headers.getSetCookie()).toEqual(['one=1', 'two=2']);
        // eslint-disable-next-line no-await-in-loop
        expect(await response.text()).toBe(status === 204 || status === 304 ? '' : `status ${status}`);
      }
      expect(endpoint.requests.map(({ body }) => body.toString())).toEqual(Array.from({ length: 5 }, () => '{}'));
      expect(endpoint.requests.every(({ headers }) => headers['x-sent'] === 'yes')).toBe(true);
    } finally {
      await endpoint.close();
    }
  });
});
