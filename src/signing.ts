import { createHmac, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';

/** Bounds of a decoded `whsec_` key, in bytes (Standard Webhooks: 24 to 64). */
export const signingKeyBytes = { min: 24, max: 64 } as const;

const secretPrefix = 'whsec_';
const privateKeyPrefix = 'whsk_';
const publicKeyPrefix = 'whpk_';
const base64 = /^[\d+/A-Za-z]+={0,2}$/;

// The fixed DER framing of an ed25519 key: PKCS#8 around a 32-byte seed, SPKI around a 32-byte
// public key. Node imports a raw ed25519 key only inside one of these.
const pkcs8Ed25519Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiEd25519Bytes = 44;

/** The secrets of a `signingSecret` value: whitespace-separated words. */
export const splitSigningSecrets = (value: string): string[] =>
  value.split(/\s+/).filter(Boolean);

/** The ed25519 private key of a 32-byte seed. */
const privateKeyOf = (seed: Buffer) =>
  createPrivateKey({ key: Buffer.concat([pkcs8Ed25519Prefix, seed]), format: 'der', type: 'pkcs8' });

/** The 32 raw bytes of an ed25519 key's public half. */
const publicBytesOf = (privateKey: KeyObject) =>
  createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(spkiEd25519Bytes - 32);

/** The decoded length of valid base64, without decoding: three bytes per four characters, less the padding. */
const decodedBytes = (encoded: string) =>
  (encoded.length / 4) * 3 - (encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0);

const isBase64 = (encoded: string) => base64.test(encoded) && encoded.length % 4 === 0;

/**
 * Why `encoded` is not standard base64, with a hint where a tool commonly writes another form: the
 * URL-safe alphabet, or no `=` padding.
 */
const base64Problem = (prefix: string, encoded: string) => {
  const hint = /^[\w-]+=*$/.test(encoded) && /[_-]/.test(encoded)
    ? ': it uses the URL-safe alphabet (- and _); write it in standard base64 (+ and /)'
    : base64.test(encoded) && !encoded.endsWith('=') && encoded.length % 4 !== 0
      ? ': its = padding is missing'
      : '';
  return `is not ${prefix} followed by base64${hint}`;
};

/**
 * What is wrong with a `whsk_` key, or undefined: base64 of the 32-byte ed25519 seed (as the
 * Standard Webhooks pull requests for Python and Go read it) or of 64 bytes, the seed and then its
 * public key (as the JavaScript one does), whose public half must be the seed's.
 */
const privateKeyProblem = (encoded: string): string | undefined => {
  if (!isBase64(encoded)) {
    return base64Problem(privateKeyPrefix, encoded);
  }
  const bytes = decodedBytes(encoded);
  if (bytes !== 32 && bytes !== 64) {
    return `is a whsk_ key of ${bytes} bytes; it must have 32 (the ed25519 seed) or 64 (the seed, then its public key)`;
  }
  const decoded = Buffer.from(encoded, 'base64');
  if (bytes === 64 && !publicBytesOf(privateKeyOf(decoded.subarray(0, 32))).equals(decoded.subarray(32))) {
    return 'is a whsk_ key of 64 bytes whose second half is not the public key of its first';
  }
};

/**
 * What is wrong with one secret, or undefined when it is a valid `whsec_<base64>` secret whose key
 * has 24 to 64 bytes, or a valid `whsk_` ed25519 key. Never quotes the secret.
 */
export const signingSecretProblem = (secret: string): string | undefined => {
  if (secret.startsWith(publicKeyPrefix)) {
    return 'starts with whpk_, and this is a public key: it belongs to the endpoint; Logto signs with the secret key (whsk_)';
  }
  if (secret.startsWith(privateKeyPrefix)) {
    return privateKeyProblem(secret.slice(privateKeyPrefix.length));
  }
  if (!secret.startsWith(secretPrefix)) {
    return 'does not start with whsec_ or whsk_';
  }
  const encoded = secret.slice(secretPrefix.length);
  if (!isBase64(encoded)) {
    return base64Problem(secretPrefix, encoded);
  }
  const bytes = decodedBytes(encoded);
  if (bytes < signingKeyBytes.min || bytes > signingKeyBytes.max) {
    return `has a key of ${bytes} bytes; it must have ${signingKeyBytes.min} to ${signingKeyBytes.max}`;
  }
};

/** The base64 part of a secret or key, after its `whsec_` or `whsk_` prefix. */
const encodedPart = (secret: string) => secret.slice(secret.indexOf('_') + 1);

/** The texts of secrets that must never appear in an error: each whole, and its base64 part. */
export const signingSecretTexts = (secrets: string[]): string[] =>
  secrets.flatMap((secret) => [secret, encodedPart(secret)]);

/** How one secret signs: HMAC-SHA256 with a `whsec_` key (v1), ed25519 with a `whsk_` key (v1a). */
export type SigningKey = { version: 'v1'; hmacKey: Buffer } | { version: 'v1a'; privateKey: KeyObject };

/** The keys of valid secrets, in the order given. Made once per config: a private key is not free. */
export const signingKeys = (secrets: string[]): SigningKey[] =>
  secrets.map((secret) => {
    const decoded = Buffer.from(encodedPart(secret), 'base64');
    return secret.startsWith(privateKeyPrefix)
      ? { version: 'v1a', privateKey: privateKeyOf(decoded.subarray(0, 32)) }
      : { version: 'v1', hmacKey: decoded };
  });

/**
 * Standard Webhooks: for each key, over `"<id>.<timestamp>.<body>"`, `v1,<base64 HMAC-SHA256>` or
 * `v1a,<base64 ed25519 signature>`, space-separated in the order of the keys. An endpoint that
 * holds any one of the secrets, or the public key of any one `whsk_` key, verifies the request,
 * which is what makes rotation without downtime possible.
 */
export const signatureHeaders =
  (keys: SigningKey[]) =>
  (webhookId: string, timestamp: number, body: string): Record<string, string> => {
    const signed = `${webhookId}.${timestamp}.${body}`;
    // Encoded once, and only for v1a: createHmac takes the string itself.
    let signedBytes: Buffer | undefined;
    return {
      'webhook-signature': keys
        .map((key) =>
          key.version === 'v1'
            ? `v1,${createHmac('sha256', key.hmacKey).update(signed).digest('base64')}`
            : `v1a,${sign(null, (signedBytes ??= Buffer.from(signed)), key.privateKey).toString('base64')}`
        )
        .join(' '),
    };
  };

/** A fresh secret of 32 random bytes, in the form `signingSecret` takes. */
export const newSigningSecret = (): string => `${secretPrefix}${randomBytes(32).toString('base64')}`;

/** A fresh ed25519 key pair: `whsk_` and the 32-byte seed for Logto, `whpk_` and the public key for the endpoint. */
export const newSigningKeyPair = (): { secretKey: string; publicKey: string } => {
  const seed = randomBytes(32);
  return {
    secretKey: `${privateKeyPrefix}${seed.toString('base64')}`,
    publicKey: `${publicKeyPrefix}${publicBytesOf(privateKeyOf(seed)).toString('base64')}`,
  };
};

/** A fresh secret of the same kind as `secret`: what a wrong signature of that kind is made with. */
export const newSigningSecretLike = (secret: string): string =>
  secret.startsWith(privateKeyPrefix) ? newSigningKeyPair().secretKey : newSigningSecret();
