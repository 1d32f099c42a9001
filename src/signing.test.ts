import { randomBytes } from 'node:crypto';

import type { SendMessageData } from '@logto/connector-kit';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import {
  endpointsClosedAfterEach,
  expectClean,
  rejection,
  send,
  signInMessage,
} from '../test/helpers.js';
import type { Handler, ReceivedRequest } from '../test/server.js';

import { signatureHeaders, signingKeys } from './signing.js';

const newSecret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;

const endpointWith = endpointsClosedAfterEach();

/** An endpoint that verifies with the Standard Webhooks reference library, as an author would. */
const verifyingEndpoint = async (secret: string, then?: Handler) => {
  const verdicts: Array<'verified' | 'rejected'> = [];
  const endpoint = await endpointWith((request, response, incoming) => {
    try {
      new Webhook(secret).verify(request.body, headersOf(request));
      verdicts.push('verified');
    } catch (error) {
      verdicts.push('rejected');
      response.writeHead(error instanceof WebhookVerificationError ? 401 : 500).end();
      return;
    }
    if (then) {
      then(request, response, incoming);
    } else {
      response.writeHead(204).end();
    }
  });
  return { endpoint, verdicts };
};

const headersOf = ({ headers }: ReceivedRequest): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : []
    )
  );

const verifies = (secret: string, body: Buffer | string, headers: Record<string, string>) => {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
};

describe('the signature scheme', () => {
  // The example of the Standard Webhooks specification: fixed secret, id, timestamp and payload.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1_614_265_330;
  const payload = '{"test": 2432232314}';

  it("gives the specification's published signature", () => {
    expect(signatureHeaders(signingKeys([secret]))(id, timestamp, payload)).toEqual({
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('agrees with the reference library for random secrets and bodies', () => {
    for (let round = 0; round < 20; round++) {
      const secrets = [newSecret(24 + round), newSecret(64 - round)];
      const body = JSON.stringify({ to: 'ü@example.com', n: round, text: randomBytes(40).toString('latin1') });
      const header = signatureHeaders(signingKeys(secrets))(id, timestamp, body)['webhook-signature'];
      const expected = secrets
        .map((one) => new Webhook(one).sign(id, new Date(timestamp * 1000), body))
        .join(' ');
      expect(header).toBe(expected);
    }
  });
});

describe('signed requests, verified by the standardwebhooks library', () => {
  it('one secret: the request verifies', async () => {
    const secret = newSecret();
    const { endpoint, verdicts } = await verifyingEndpoint(secret);
    await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: secret });
    expect(verdicts).toEqual(['verified']);
    expect(endpoint.requests[0]!.headers['webhook-signature']).toMatch(/^v1,[\d+/A-Za-z]{43}=$/);
  });

  it('two secrets (rotation): each one verifies the request on its own', async () => {
    const old = newSecret();
    const next = newSecret(48);
    const { endpoint } = await verifyingEndpoint(old);
    await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: `${old}\n  ${next} ` });
    const [request] = endpoint.requests;
    const headers = headersOf(request!);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifies(old, request!.body, headers)).toBe(true);
    expect(verifies(next, request!.body, headers)).toBe(true);
    expect(verifies(newSecret(), request!.body, headers)).toBe(false);
  });

  it('a retried message is signed afresh: its own timestamp, the same id', async () => {
    const secret = newSecret();
    let count = 0;
    const { endpoint, verdicts } = await verifyingEndpoint(secret, (_request, response) => {
      count += 1;
      if (count === 1) {
        response.writeHead(429, { 'retry-after': '1' }).end();
      } else {
        response.writeHead(200).end();
      }
    });
    const result = await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: secret });
    expect(result).toMatchObject({ attempts: 2 });
    expect(verdicts).toEqual(['verified', 'verified']);
    const [first, second] = endpoint.requests.map((request) => headersOf(request));
    expect(second!['webhook-id']).toBe(first!['webhook-id']);
    expect(Number(second!['webhook-timestamp'])).toBeGreaterThan(Number(first!['webhook-timestamp']));
    expect(second!['webhook-signature']).not.toBe(first!['webhook-signature']);
  });

  it('a tampered body, a shifted timestamp, another id or a wrong secret are rejected', async () => {
    const secret = newSecret();
    const { endpoint } = await verifyingEndpoint(secret);
    await send(signInMessage('123456'), { endpoint: endpoint.origin, signingSecret: secret });
    const [request] = endpoint.requests;
    const headers = headersOf(request!);
    const body = request!.body.toString();
    expect(verifies(secret, body, headers)).toBe(true);

    expect(verifies(secret, body.replace('123456', '654321'), headers)).toBe(false);
    const shifted = String(Number(headers['webhook-timestamp']) + 1);
    expect(verifies(secret, body, { ...headers, 'webhook-timestamp': shifted })).toBe(false);
    expect(verifies(secret, body, { ...headers, 'webhook-id': 'msg_other' })).toBe(false);
    expect(verifies(newSecret(), body, headers)).toBe(false);
  });

  it('without signingSecret: no webhook-signature, but webhook-id and webhook-timestamp', async () => {
    const endpoint = await endpointWith();
    await send(signInMessage(), { endpoint: endpoint.origin });
    const { headers } = endpoint.requests[0]!;
    expect(headers['webhook-signature']).toBeUndefined();
    expect(headers['webhook-id']).toMatch(/^msg_/);
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
  });
});

describe('custom headers', () => {
  it('arrive verbatim beside Authorization; a custom User-Agent replaces ours', async () => {
    const endpoint = await endpointWith();
    await send(signInMessage(), {
      endpoint: endpoint.origin,
      authorization: 'Bearer abc',
      headers: { 'X-Api-Key': 'k-1 2;3', 'x-tenant': 'acme', 'User-Agent': 'acme-logto', 'X-Empty': '' },
    });
    const { headers } = endpoint.requests[0]!;
    expect(headers.authorization).toBe('Bearer abc');
    expect(headers['x-api-key']).toBe('k-1 2;3');
    expect(headers['x-tenant']).toBe('acme');
    expect(headers['x-empty']).toBe('');
    expect(headers['user-agent']).toBe('acme-logto');
    expect(headers['content-type']).toBe('application/json');
  });

  it('may carry Authorization when authorization is not set', async () => {
    const endpoint = await endpointWith();
    await send(signInMessage(), { endpoint: endpoint.origin, headers: { Authorization: 'Token t' } });
    expect(endpoint.requests[0]!.headers.authorization).toBe('Token t');
  });

  it('never appear in an error, also not when echoed', async () => {
    const endpoint = await endpointWith((request, response) => {
      response.writeHead(400).end(JSON.stringify(request.headers));
    });
    const secret = newSecret();
    const error = await rejection(
      send(signInMessage(), {
        endpoint: endpoint.origin,
        signingSecret: secret,
        headers: { 'X-Api-Key': 'hdr-value-77' },
      }),
      'general'
    );
    expect((error.data as { body: string }).body).toContain('webhook-signature');
    expectClean(error, ['hdr-value-77', secret, secret.slice(6)]);
  });
});

describe('signingSecret and headers config errors', () => {
  const good = newSecret();
  const secretOf24 = newSecret(24);
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a secret without the whsec_ prefix', { signingSecret: good.slice(6) }, /first secret does not start with whsec_/],
    ['a wrong prefix', { signingSecret: `whsek_${good.slice(6)}` }, /does not start with whsec_/],
    ['bad base64', { signingSecret: 'whsec_not*base64!!' }, /is not whsec_ followed by base64/],
    ['base64 of a wrong length', { signingSecret: `${good}A` }, /is not whsec_ followed by base64/],
    ['a key under 24 bytes', { signingSecret: newSecret(23) }, /key of 23 bytes; it must have 24 to 64/],
    ['a key over 64 bytes', { signingSecret: newSecret(65) }, /key of 65 bytes/],
    ['a junk word beside a good secret', { signingSecret: `${good} junk` }, /second secret does not start with whsec_/],
    ['a number', { signingSecret: 5 }, /signingSecret must be a string/],
    ['a header name with a space', { headers: { 'X Key': 'v' } }, /headers: the first header does not have a valid header name/],
    ['a header name with a colon', { headers: { 'X-Key:': 'v' } }, /the first header does not have a valid header name/],
    ['an empty header name', { headers: { '': 'v' } }, /the first header does not have a valid header name/],
    ['a value typed into the name', { headers: { 'X-Api-Key: key_3e8d1f0a9b': '' } }, /the first header does not have a valid header name/],
    ['a __proto__ header with a line break', { headers: JSON.parse('{"__proto__": "x\\r\\nInjected: 1"}') as Record<string, string> }, /the value of the first header may only contain printable ASCII/],
    ['CR LF in a value', { headers: { 'X-Key': 'v\r\nX-Evil: 1' } }, /value of the first header may only contain printable ASCII/],
    ['NUL in a value', { headers: { 'X-Key': 'v\0' } }, /value of the first header may only contain printable ASCII/],
    ['a control character in a value', { headers: { 'X-Key': 'v\u0007alue' } }, /value of the first header may only contain printable ASCII/],
    ['an emoji in a value', { headers: { 'X-Key': 'value🙂' } }, /value of the first header may only contain printable ASCII/],
    ['U+2028 in a value', { headers: { 'X-Key': 'val\u2028ue' } }, /value of the first header may only contain printable ASCII/],
    ['a signingSecret of spaces only', { signingSecret: '   ' }, /signingSecret holds no secret/],
    ['an empty signingSecret', { signingSecret: '' }, /signingSecret holds no secret/],
    ['a number as value', { headers: { 'X-Key': 1 } }, /each header value must be a string; the first header's is not/],
    ['an object as value', { headers: { 'X-A': 'a', 'X-Key': { a: 1 } } }, /each header value must be a string; the second header's is not/],
    ['an array', { headers: ['X-Key: v'] }, /headers must be an object/],
    ['a string', { headers: 'X-Key: v' }, /headers must be an object/],
    ['a name twice', { headers: { 'X-Key': 'a', 'x-key': 'b' } }, /the second header has a name given before/],
    ['Authorization beside authorization', { authorization: 'Bearer a', headers: { Authorization: 'Bearer b' } }, /Authorization cannot be set here/],
  ];
  const reserved = [
    'content-type', 'Content-Length', 'HOST', 'Transfer-Encoding', 'connection',
    'Webhook-Id', 'webhook-timestamp', 'WEBHOOK-SIGNATURE',
  ];
  for (const name of reserved) {
    bad.push([`reserved ${name}`, { headers: { [name]: 'x' } }, new RegExp(`${name.toLowerCase()} is set by the connector`)]);
  }

  const isHeaders = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

  it.each(bad)('%s → invalid_config naming the key, without the secret', async (_name, extra, expected) => {
    const endpoint = await endpointWith();
    const error = await rejection(
      send(signInMessage() as SendMessageData, { endpoint: endpoint.origin, ...extra }),
      'invalid_config'
    );
    expect(error.message).toMatch(expected);
    expect(endpoint.requests).toHaveLength(0);
    const values = Object.values(extra).flatMap((value) =>
      typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value).map(String) : []
    );
    // A header name is quoted nowhere either: an admin may have typed a value into it.
    const names = isHeaders(extra.headers) ? Object.keys(extra.headers).filter((name) => name.includes('key_')) : [];
    expectClean(error, [good, good.slice(6), ...names, ...values.filter((value) => value.length > 3 && value !== 'Bearer a')]);
  });

  it('the bounds of a key, 24 and 64 bytes, are valid', async () => {
    const endpoint = await endpointWith();
    await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: `${secretOf24} ${newSecret(64)}` });
    expect(endpoint.requests).toHaveLength(1);
  });
});
