// The relay's settings from environment variables (see README.md beside this file): read and
// checked here, without side effects, so that main.mjs only starts what this returns.
import { readFileSync } from 'node:fs';

import { Webhook } from 'standardwebhooks';

// nodemailer waits minutes by default; a Logto sign-in waits seconds. These bound one SMTP send, and
// a send that ends is never left holding its webhook-id.
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export class ConfigError extends Error {}

/**
 * How long the Standard Webhooks library accepts a signature's timestamp: 5 minutes either way. A
 * delivered webhook-id must be remembered at least that long, or a request captured on its way can
 * be replayed after the id was forgotten, and sends a second email.
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
 * @returns {{ host: string, port: number, signingSecrets: string[], from: string,
 *   dedupTtlMs: number, claimTtlMs: number, redisUrl?: string, smtp: object, warnings: string[] }}
 */
export const relayConfig = (env) => {
  const {
    RELAY_PORT = '8080',
    RELAY_HOST = '127.0.0.1',
    LOGTO_EMAIL_SECRET,
    MAIL_FROM,
    REDIS_URL,
  } = env;
  const smtp = smtpTransportOptions(env);
  if (!LOGTO_EMAIL_SECRET) {
    throw new ConfigError("set LOGTO_EMAIL_SECRET to the connector's signing secret (whsec_…)");
  }
  if (!MAIL_FROM) {
    throw new ConfigError('set MAIL_FROM, e.g. "Acme <no-reply@acme.example>"');
  }
  const signingSecrets = LOGTO_EMAIL_SECRET.split(/\s+/).filter(Boolean);
  signingSecrets.forEach((secret, index) => {
    try {
      new Webhook(secret); // Only to check that it decodes.
    } catch {
      // Which one, never its value: the log is not the place for a secret.
      throw new ConfigError(
        `LOGTO_EMAIL_SECRET: secret ${index + 1} is not a signing secret (whsec_ and base64)`
      );
    }
  });
  const port = Number(RELAY_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`RELAY_PORT must be a port number, not ${JSON.stringify(RELAY_PORT)}`);
  }
  return {
    host: RELAY_HOST,
    port,
    signingSecrets,
    from: MAIL_FROM,
    dedupTtlMs:
      seconds(env, 'DEDUP_TTL_SECONDS', '600', {
        min: signatureToleranceSeconds,
        why: ' (as long as a signature is accepted, so that a replayed request is always dropped)',
      }) * 1000,
    // A claim covers one SMTP send, which the timeouts above end within a minute; renewed on a
    // timer, it must stay within what Node's timers take.
    claimTtlMs: seconds(env, 'CLAIM_TTL_SECONDS', '10', { max: 3600 }) * 1000,
    redisUrl: REDIS_URL || undefined,
    smtp: smtp.options,
    warnings: smtp.warnings,
  };
};
