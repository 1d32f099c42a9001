import { createHmac, randomBytes } from 'node:crypto';

/** Bounds of a decoded signing key, in bytes (Standard Webhooks: 24 to 64). */
export const signingKeyBytes = { min: 24, max: 64 } as const;

const prefix = 'whsec_';
const base64 = /^[\d+/A-Za-z]+={0,2}$/;

/** The secrets of a `signingSecret` value: whitespace-separated words. */
export const splitSigningSecrets = (value: string): string[] =>
  value.split(/\s+/).filter(Boolean);

/**
 * What is wrong with one secret, or undefined when it is a valid `whsec_<base64>` secret whose key
 * has 24 to 64 bytes. Never quotes the secret.
 */
export const signingSecretProblem = (secret: string): string | undefined => {
  if (!secret.startsWith(prefix)) {
    return 'does not start with whsec_';
  }
  const encoded = secret.slice(prefix.length);
  if (!base64.test(encoded) || encoded.length % 4 !== 0) {
    return 'is not whsec_ followed by base64';
  }
  // The decoded length, without decoding: three bytes per four characters, less the padding.
  const bytes = (encoded.length / 4) * 3 - (encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0);
  if (bytes < signingKeyBytes.min || bytes > signingKeyBytes.max) {
    return `has a key of ${bytes} bytes; it must have ${signingKeyBytes.min} to ${signingKeyBytes.max}`;
  }
};

/** The texts of secrets that must never appear in an error: each whole, and its base64 key. */
export const signingSecretTexts = (secrets: string[]): string[] =>
  secrets.flatMap((secret) => [secret, secret.slice(prefix.length)]);

/** The HMAC keys of valid secrets: the base64-decoded part after `whsec_`. */
export const signingKeys = (secrets: string[]): Buffer[] =>
  secrets.map((secret) => Buffer.from(secret.slice(prefix.length), 'base64'));

/**
 * Standard Webhooks v1: for each key, `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`,
 * space-separated. An endpoint that knows any one of the secrets verifies the request, which is
 * what makes rotation without downtime possible.
 */
export const signatureHeaders =
  (keys: Buffer[]) =>
  (webhookId: string, timestamp: number, body: string): Record<string, string> => {
    const signed = `${webhookId}.${timestamp}.${body}`;
    return {
      'webhook-signature': keys
        .map((key) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`)
        .join(' '),
    };
  };

/** A fresh secret of 32 random bytes, in the form `signingSecret` takes. */
export const newSigningSecret = (): string => `${prefix}${randomBytes(32).toString('base64')}`;
