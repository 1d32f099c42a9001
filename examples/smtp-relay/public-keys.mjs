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
 * Whether a key is a point of small order (the identity, and the few points that 8 times over are
 * it): such a key verifies a signature nobody made, the identity point with a zero scalar, for one
 * message in 8 at least; a forger needs only a few tries. No key generator makes one; a mistake or
 * a planted value can. Found by trying that forgery over 64 messages: a small-order key lets at
 * least one through (every such encoding is tested), a real key none.
 */
const hasSmallOrder = (key) => {
  const forged = Buffer.concat([Buffer.from([1]), Buffer.alloc(63)]);
  return Array.from({ length: 64 }, (_, index) => Buffer.from(`small-order probe ${index}`)).some((message) =>
    verify(null, message, key, forged)
  );
};

/** What is wrong with one key, or undefined for `whpk_` and the base64 of 32 bytes. Never quotes it. */
export const publicKeyProblem = (key) => {
  if (key.startsWith('whsk_')) {
    return "is a secret key (whsk_): it belongs in the connector's signingSecret; the relay takes its public key (whpk_)";
  }
  if (!/^whpk_[\d+/A-Za-z]{43}=$/.test(key)) {
    return 'is not a public key (whpk_ and the base64 of 32 bytes)';
  }
  let imported;
  try {
    imported = importPublicKey(key);
  } catch {
    return 'is not an ed25519 public key';
  }
  if (hasSmallOrder(imported)) {
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
