import { execFileSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';

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

import { newSigningKeyPair, signatureHeaders, signingKeys } from './signing.js';

const newSecret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;

/** Verifies one v1a signature with node:crypto and a `whpk_` key, as an endpoint would. */
const verifiesV1a = (publicKey: string, signed: string, signature: string) =>
  verify(
    null,
    Buffer.from(signed),
    createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey.slice(5), 'base64').toString('base64url') },
      format: 'jwk',
    }),
    Buffer.from(signature, 'base64')
  );

/** The v1a entries of a webhook-signature header, without their `v1a,`. */
const v1aSignatures = (header = '') =>
  header.split(' ').flatMap((entry) => (entry.startsWith('v1a,') ? [entry.slice(4)] : []));

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

// Python's `cryptography` package: an ed25519 implementation independent of Node's OpenSSL.
const hasPythonCryptography = (() => {
  try {
    execFileSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** For each seed and message: Python's signature, its public key, and whether it verifies ours. */
const pythonEd25519 = (cases: Array<{ seed: string; signed: string; signature: string }>) =>
  JSON.parse(
    execFileSync(
      'python3',
      [
        '-c',
        `import base64, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.exceptions import InvalidSignature
out = []
for case in json.load(sys.stdin):
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(case["seed"]))
    message = case["signed"].encode()
    try:
        key.public_key().verify(base64.b64decode(case["signature"]), message)
        verified = True
    except InvalidSignature:
        verified = False
    out.append({"signature": base64.b64encode(key.sign(message)).decode(), "publicKey": base64.b64encode(key.public_key().public_bytes_raw()).decode(), "verified": verified})
print(json.dumps(out))`,
      ],
      { input: JSON.stringify(cases) }
    ).toString()
  ) as Array<{ signature: string; publicKey: string; verified: boolean }>;

describe('v1a signatures (ed25519, whsk_ keys)', () => {
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1_614_265_330;
  const payload = '{"test": 2432232314}';
  const signed = `${id}.${timestamp}.${payload}`;
  const signatureOf = (signingSecret: string) =>
    signatureHeaders(signingKeys(signingSecret.split(' ')))(id, timestamp, payload)['webhook-signature']!;

  // The JavaScript pull request's fixture (standard-webhooks #308): the seed 0x01 repeated, its
  // whsk_ the 64 bytes of seed and public key, and the signature its test expects.
  const seedOfOnes = Buffer.alloc(32, 1);
  const publicOfOnes = 'iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=';
  const expectedOfOnes =
    'v1a,Ykcu7AtGZGmZxFEH1Gaa2Nd7feY/CTuruoL4fqgnKwfbHU4DhemoVHZdvGfIvKvn4BIgwktLGGPGIr/i9nK7AA==';

  it("gives the JavaScript pull request's expected signature, from its 64-byte key and from the seed alone", () => {
    const sixtyFour = `whsk_${Buffer.concat([seedOfOnes, Buffer.from(publicOfOnes, 'base64')]).toString('base64')}`;
    expect(signatureOf(sixtyFour)).toBe(expectedOfOnes);
    expect(signatureOf(`whsk_${seedOfOnes.toString('base64')}`)).toBe(expectedOfOnes);
    expect(verifiesV1a(`whpk_${publicOfOnes}`, signed, expectedOfOnes.slice(4))).toBe(true);
  });

  // The Go pull request's fixed key (standard-webhooks #253): a 32-byte seed. Its test signs at the
  // current time, so it publishes no signature: Python's `cryptography` gives the expected one.
  const goSeed = 'V0VCSE9PS0FTWU1NRVRSSUNURVNUUFJJVkFURUtFWTE=';

  it.skipIf(!hasPythonCryptography)(
    "agrees with Python's cryptography on the Go pull request's key and on random keys",
    () => {
      const seeds = [goSeed, seedOfOnes.toString('base64'), ...Array.from({ length: 5 }, () => randomBytes(32).toString('base64'))];
      const cases = seeds.map((seed, index) => {
        const body = index < 2 ? payload : JSON.stringify({ to: 'ü@example.com', n: index, text: randomBytes(40).toString('latin1') });
        const message = `${id}.${timestamp}.${body}`;
        const header = signatureHeaders(signingKeys([`whsk_${seed}`]))(id, timestamp, body)['webhook-signature']!;
        return { seed, signed: message, signature: header.slice(4) };
      });
      const python = pythonEd25519(cases);
      expect(python.map(({ signature }) => `v1a,${signature}`)).toEqual(cases.map(({ signature }) => `v1a,${signature}`));
      expect(python.every(({ verified }) => verified)).toBe(true);
      expect(python[1]!.publicKey).toBe(publicOfOnes);
      // And a signature over other bytes does not verify there.
      expect(pythonEd25519([{ ...cases[0]!, signed: `${cases[0]!.signed} ` }])[0]!.verified).toBe(false);
    }
  );

  it('signs with every key and secret, in the order given, each on its own', () => {
    const { secretKey, publicKey } = newSigningKeyPair();
    const secret = newSecret();
    const header = signatureOf(`${secret} ${secretKey}`);
    const [v1, v1a] = header.split(' ');
    expect(v1).toBe(signatureOf(secret));
    expect(v1a).toMatch(/^v1a,[\d+/A-Za-z]{86}==$/);
    expect(verifiesV1a(publicKey, signed, v1a!.slice(4))).toBe(true);
    expect(signatureOf(`${secretKey} ${secret}`)).toBe(`${v1a} ${v1}`);
    expect(verifiesV1a(newSigningKeyPair().publicKey, signed, v1a!.slice(4))).toBe(false);
  });

  it('the standardwebhooks library, which knows only v1, verifies a whsec_ + whsk_ request by its v1 entry', () => {
    const { secretKey } = newSigningKeyPair();
    const secret = newSecret();
    const at = Math.floor(Date.now() / 1000);
    const headers = (signingSecret: string) => ({
      'webhook-id': id,
      'webhook-timestamp': String(at),
      ...signatureHeaders(signingKeys(signingSecret.split(' ')))(id, at, payload),
    });
    expect(verifies(secret, payload, headers(`${secretKey} ${secret}`))).toBe(true);
    expect(verifies(secret, payload, headers(`${secret} ${secretKey}`))).toBe(true);
    // A v1a entry is no v1 signature to it: whsk_ alone verifies with no whsec_.
    expect(verifies(secret, payload, headers(secretKey))).toBe(false);
  });

  it('a real send carries a v1a signature per attempt, each verifying with the public key', async () => {
    const { secretKey, publicKey } = newSigningKeyPair();
    let count = 0;
    const endpoint = await endpointWith((_request, response) => {
      count += 1;
      response.writeHead(count === 1 ? 503 : 204, { 'retry-after': '0' }).end();
    });
    const result = await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: ` ${secretKey}\n` });
    expect(result).toMatchObject({ attempts: 2 });
    for (const request of endpoint.requests) {
      const headers = headersOf(request);
      const [signature, ...more] = v1aSignatures(headers['webhook-signature']);
      expect(more).toEqual([]);
      const message = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${request.body.toString()}`;
      expect(verifiesV1a(publicKey, message, signature!)).toBe(true);
      expect(verifiesV1a(publicKey, `${message} `, signature!)).toBe(false);
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
    ['a public key', { signingSecret: newSigningKeyPair().publicKey }, /the first secret starts with whpk_, and this is a public key: it belongs to the endpoint/],
    ['a whsk_ of 16 bytes', { signingSecret: `whsk_${randomBytes(16).toString('base64')}` }, /first secret is a whsk_ key of 16 bytes; it must have 32 \(the ed25519 seed\) or 64/],
    ['a whsk_ of 48 bytes', { signingSecret: `whsk_${randomBytes(48).toString('base64')}` }, /whsk_ key of 48 bytes/],
    ['a whsk_ not base64', { signingSecret: 'whsk_not*base64!!' }, /is not whsk_ followed by base64/],
    ['a whsk_ in base64url', { signingSecret: `whsk_${Buffer.alloc(32, 0xfb).toString('base64url')}` }, /is not whsk_ followed by base64: it uses the URL-safe alphabet \(- and _\); write it in standard base64/],
    ['a whsk_ without its padding', { signingSecret: `whsk_${randomBytes(32).toString('base64').replace(/=+$/, '')}` }, /is not whsk_ followed by base64: its = padding is missing/],
    ['a whsec_ without its padding', { signingSecret: `whsec_${randomBytes(32).toString('base64').replace(/=+$/, '')}` }, /is not whsec_ followed by base64: its = padding is missing/],
    ['a whsk_ of 64 bytes whose public half is another key', { signingSecret: `whsk_${randomBytes(64).toString('base64')}` }, /second half is not the public key of its first/],
    ['a bad whsk_ after a good one', { signingSecret: `${good} ${newSigningKeyPair().secretKey}x` }, /second secret is not whsk_ followed by base64/],
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

  it('a whsk_ of 32 bytes, or of 64 (seed, then public key), is valid beside whsec_ secrets', async () => {
    const endpoint = await endpointWith();
    const { secretKey, publicKey } = newSigningKeyPair();
    const sixtyFour = `whsk_${Buffer.concat([Buffer.from(secretKey.slice(5), 'base64'), Buffer.from(publicKey.slice(5), 'base64')]).toString('base64')}`;
    await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: `${sixtyFour} ${secretOf24} ${secretKey}` });
    const entries = String(endpoint.requests[0]!.headers['webhook-signature']).split(' ');
    expect(entries.map((entry) => entry.split(',')[0])).toEqual(['v1a', 'v1', 'v1a']);
    // ed25519 is deterministic: the same key gives the same signature, whichever form it came in.
    expect(entries[2]).toBe(entries[0]);
  });

  it('the bounds of a key, 24 and 64 bytes, are valid', async () => {
    const endpoint = await endpointWith();
    await send(signInMessage(), { endpoint: endpoint.origin, signingSecret: `${secretOf24} ${newSecret(64)}` });
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('a whsk_ key in an error', () => {
  it('is redacted, whole and its base64 part, however the endpoint came to echo it', async () => {
    const { secretKey } = newSigningKeyPair();
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(400).end(`${secretKey} | ${secretKey.slice(5)} | ${encodeURIComponent(secretKey)}`);
    });
    const error = await rejection(send(signInMessage(), { endpoint: endpoint.origin, signingSecret: secretKey }), 'general');
    expect((error.data as { body: string }).body).toContain('[redacted]');
    expectClean(error, [secretKey, secretKey.slice(5), encodeURIComponent(secretKey)]);
  });
});
