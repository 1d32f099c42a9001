// Standard Webhooks v1a: ed25519 signatures, verified with the connector's public keys (whpk_) and
// node:crypto alone, since the standardwebhooks package verifies only v1. A relay that holds only
// public keys holds nothing that could sign a request.
import { createPublicKey, verify } from 'node:crypto';

/** How far `webhook-timestamp` may be from this clock, as the standardwebhooks package allows. */
const toleranceSeconds = 5 * 60;

/** A `whpk_` key as node:crypto takes it. */
export const importPublicKey = (key) =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.slice(5), 'base64').toString('base64url') },
    format: 'jwk',
  });

/**
 * The points of small order (the identity, and the few points that 8 times over are it), written
 * with the sign bit clear: p - 1 and 0 (orders 2 and 4), the two of order 8, and the identity as 1,
 * p and p + 1. Such a key verifies a signature nobody made for one message in 8 at least, on an
 * OpenSSL that does not refuse it itself (Node 22's does not). No key generator makes one; a mistake
 * or a planted value can.
 */
const smallOrderPoints = [
  `01${'00'.repeat(31)}`,
  `ec${'ff'.repeat(30)}7f`,
  '00'.repeat(32),
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  `ed${'ff'.repeat(30)}7f`,
  `ee${'ff'.repeat(30)}7f`,
];

/** Whether 32 key bytes encode a point of small order, whatever their sign bit. */
const hasSmallOrder = (bytes) => {
  const unsigned = Buffer.from(bytes);
  unsigned[31] &= 0x7f;
  return smallOrderPoints.includes(unsigned.toString('hex'));
};

/** What is wrong with one key, or undefined for `whpk_` and the base64 of 32 bytes. Never quotes it. */
export const publicKeyProblem = (key) => {
  if (key.startsWith('whsk_')) {
    return "is a secret key (whsk_): it belongs in the connector's signingSecret; the relay takes its public key (whpk_)";
  }
  if (!/^whpk_[\d+/A-Za-z]{43}=$/.test(key)) {
    return 'is not a public key (whpk_ and the base64 of 32 bytes)';
  }
  try {
    importPublicKey(key);
  } catch {
    return 'is not an ed25519 public key';
  }
  if (hasSmallOrder(Buffer.from(key.slice(5), 'base64'))) {
    return 'is a degenerate ed25519 point that would accept forged signatures; use the whpk_ that secret --asymmetric printed';
  }
};

/**
 * Whether one `v1a,` entry of `webhook-signature` verifies with one of `keys` over
 * `<webhook-id>.<webhook-timestamp>.<raw body>`, at a timestamp within 5 minutes of this clock.
 */
export const verifiesV1a = (keys, body, headers) => {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (
    typeof id !== 'string' ||
    !/^\d+$/.test(timestamp ?? '') ||
    Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds
  ) {
    return false;
  }
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]);
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some(
      (entry) =>
        entry.startsWith('v1a,') &&
        keys.some((key) => verify(null, signed, key, Buffer.from(entry.slice(4), 'base64')))
    );
};
