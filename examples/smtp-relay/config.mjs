// The relay's settings from environment variables (see README.md beside this file): read and
// checked here, without side effects, so that main.mjs only starts what this returns.
import { readFileSync } from 'node:fs';

import { publicKeyProblem } from './public-keys.mjs';

// nodemailer waits minutes by default; a Logto sign-in waits seconds. These bound one SMTP send, and
// a send that ends is never left holding its webhook-id.
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export class ConfigError extends Error {}

/**
 * How long the Standard Webhooks library accepts a signature's timestamp: 5 minutes either way. A
 * delivered webhook-id must be remembered as long as its signature can still be accepted, or a
 * request captured on its way can be replayed after the id was forgotten, and sends a second
 * email: up to twice that, when Logto's clock is ahead of the relay's (a request stamped 5 minutes
 * ahead is accepted at once, and for 10 minutes).
 */
const signatureToleranceSeconds = 5 * 60;

/**
 * A whole number of seconds from `min`: Redis takes a TTL in whole milliseconds, and 16.1 s times
 * 1000 is not one in floating point. Names the variable, never its value.
 */
const seconds = (env, name, fallback, { min = 1, max, why = '' } = {}) => {
  const raw = env[name] ?? fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= (max ?? value))) {
    const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`${name} must be a whole number of seconds, ${range}${why}`);
  }
  return value;
};

/** The relay's TTLs: their defaults and bounds. */
const ttlSettings = {
  DEDUP_TTL_SECONDS: {
    fallback: '600',
    min: 2 * signatureToleranceSeconds,
    why: " (as long as a signature can be accepted, 5 minutes either side of the relay's clock, so that a replayed request is always dropped)",
  },
  // A claim covers one SMTP send, which the timeouts above end within a minute; renewed on a
  // timer, it must stay within what Node's timers take.
  CLAIM_TTL_SECONDS: { fallback: '10', max: 3600 },
};

const ttlSeconds = (env, name) => {
  const { fallback, ...bounds } = ttlSettings[name];
  return seconds(env, name, fallback, bounds);
};

/** A Standard Webhooks secret, as the connector takes it: whsec_ and the base64 of a 24–64 byte key. */
const isSigningSecret = (secret) => {
  const match = /^whsec_([\d+/A-Za-z]+={0,2})$/.exec(secret);
  const keyBytes = match && match[1].length % 4 === 0 ? Buffer.from(match[1], 'base64').length : 0;
  return keyBytes >= 24 && keyBytes <= 64;
};

const hasProtocol = (url, protocols) => URL.canParse(url) && protocols.includes(new URL(url).protocol);

/**
 * Refuses, before anything starts, every setting the relay could not use, rather than failing on
 * the first email. Each problem names its variable and never its value: a value may be a secret.
 *
 * @throws {ConfigError} one line per problem
 */
export const checkSettings = (env) => {
  const { SMTP_URL, LOGTO_EMAIL_SECRET, LOGTO_EMAIL_PUBLIC_KEY, MAIL_FROM, RELAY_PORT, REDIS_URL } = env;
  const problems = [];
  if (!SMTP_URL) {
    problems.push('set SMTP_URL, e.g. smtp://user:password@smtp.example.com:587');
  } else if (!hasProtocol(SMTP_URL, ['smtp:', 'smtps:'])) {
    problems.push('SMTP_URL must be an smtp: or smtps: URL, e.g. smtp://user:password@smtp.example.com:587');
  }
  const secrets = (LOGTO_EMAIL_SECRET ?? '').split(/\s+/).filter(Boolean);
  const publicKeys = (LOGTO_EMAIL_PUBLIC_KEY ?? '').split(/\s+/).filter(Boolean);
  if (secrets.length === 0 && publicKeys.length === 0) {
    problems.push(
      "set LOGTO_EMAIL_SECRET to the connector's signing secret (whsec_…), or LOGTO_EMAIL_PUBLIC_KEY to the public key (whpk_…) of its whsk_ key"
    );
  }
  secrets.forEach((secret, index) => {
    if (!isSigningSecret(secret)) {
      const hint = /^wh[ps]k_/.test(secret) ? '; a v1a key goes to LOGTO_EMAIL_PUBLIC_KEY, as its whpk_ public key' : '';
      problems.push(`LOGTO_EMAIL_SECRET: secret ${index + 1} is not a signing secret (whsec_ and base64)${hint}`);
    }
  });
  publicKeys.forEach((key, index) => {
    const problem = publicKeyProblem(key);
    if (problem) {
      problems.push(`LOGTO_EMAIL_PUBLIC_KEY: key ${index + 1} ${problem}`);
    }
  });
  if (!MAIL_FROM) {
    problems.push('set MAIL_FROM, e.g. "Acme <no-reply@acme.example>"');
  }
  if (RELAY_PORT !== undefined && !(/^\d{1,5}$/.test(RELAY_PORT) && Number(RELAY_PORT) <= 65_535)) {
    problems.push('RELAY_PORT must be a port number, 0 to 65535');
  }
  for (const name of Object.keys(ttlSettings)) {
    try {
      ttlSeconds(env, name);
    } catch (error) {
      problems.push(error.message);
    }
  }
  if (REDIS_URL && !hasProtocol(REDIS_URL, ['redis:', 'rediss:'])) {
    problems.push('REDIS_URL must be a redis: or rediss: URL, e.g. redis://127.0.0.1:6379');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.join('\n'));
  }
};


/**
 * nodemailer transport options from `SMTP_URL`, and the opt-ins for an SMTP server whose
 * certificate no public CA signed: `SMTP_TLS_CA` (a PEM file of CAs to trust) or
 * `SMTP_TLS_INSECURE=1` (no check at all; for tests only).
 *
 * @returns {{ options: object, warnings: string[] }}
 */
export const smtpTransportOptions = (env) => {
  const { SMTP_URL, SMTP_TLS_CA, SMTP_TLS_INSECURE } = env;
  if (!SMTP_URL) {
    throw new ConfigError('set SMTP_URL, e.g. smtp://user:password@smtp.example.com:587');
  }
  const tls = {};
  const warnings = [];
  if (SMTP_TLS_CA) {
    try {
      tls.ca = readFileSync(SMTP_TLS_CA, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read SMTP_TLS_CA ${SMTP_TLS_CA}: ${error.code ?? error.message}`);
    }
  }
  if (SMTP_TLS_INSECURE === '1') {
    tls.rejectUnauthorized = false;
    warnings.push(
      "SMTP_TLS_INSECURE=1: the SMTP server's certificate is not checked, so anyone between the relay and it can read every code and link. For tests only; use SMTP_TLS_CA instead."
    );
  } else if (SMTP_TLS_INSECURE !== undefined && SMTP_TLS_INSECURE !== '' && SMTP_TLS_INSECURE !== '0') {
    throw new ConfigError('SMTP_TLS_INSECURE must be 1 or unset');
  }
  return { options: { url: SMTP_URL, ...smtpTimeouts, tls }, warnings };
};

/**
 * @returns {{ host: string, port: number, signingSecrets: string[], publicKeys: string[], from: string,
 *   dedupTtlMs: number, claimTtlMs: number, redisUrl?: string, smtp: object, warnings: string[] }}
 */
export const relayConfig = (env) => {
  const {
    RELAY_PORT = '8080',
    RELAY_HOST = '127.0.0.1',
    LOGTO_EMAIL_SECRET = '',
    LOGTO_EMAIL_PUBLIC_KEY = '',
    MAIL_FROM,
    REDIS_URL,
  } = env;
  checkSettings(env);
  const smtp = smtpTransportOptions(env);
  const signingSecrets = LOGTO_EMAIL_SECRET.split(/\s+/).filter(Boolean);
  const publicKeys = LOGTO_EMAIL_PUBLIC_KEY.split(/\s+/).filter(Boolean);
  const port = Number(RELAY_PORT);
  return {
    host: RELAY_HOST,
    port,
    signingSecrets,
    publicKeys,
    from: MAIL_FROM,
    dedupTtlMs: ttlSeconds(env, 'DEDUP_TTL_SECONDS') * 1000,
    claimTtlMs: ttlSeconds(env, 'CLAIM_TTL_SECONDS') * 1000,
    redisUrl: REDIS_URL || undefined,
    smtp: smtp.options,
    warnings: smtp.warnings,
  };
};
