// Starts the relay from environment variables. See README.md beside this file.
import nodemailer from 'nodemailer';

import { createRelay } from './relay.mjs';

const fail = (message) => {
  console.error(`smtp-relay: ${message}`);
  process.exit(2);
};

const {
  RELAY_PORT = '8080',
  RELAY_HOST = '127.0.0.1',
  SMTP_URL,
  LOGTO_EMAIL_SECRET,
  MAIL_FROM,
  DEDUP_TTL_SECONDS = '600',
} = process.env;

if (!SMTP_URL) fail('set SMTP_URL, e.g. smtp://user:password@smtp.example.com:587');
if (!LOGTO_EMAIL_SECRET) fail("set LOGTO_EMAIL_SECRET to the connector's signing secret (whsec_…)");
if (!MAIL_FROM) fail('set MAIL_FROM, e.g. "Acme <no-reply@acme.example>"');

const relay = createRelay({
  signingSecrets: LOGTO_EMAIL_SECRET.split(/\s+/).filter(Boolean),
  transport: nodemailer.createTransport(SMTP_URL),
  from: MAIL_FROM,
  dedupTtlMs: Number(DEDUP_TTL_SECONDS) * 1000,
});

relay.on('error', (error) => fail(`cannot listen on ${RELAY_HOST}:${RELAY_PORT}: ${error.message}`));
relay.listen(Number(RELAY_PORT), RELAY_HOST, () => {
  console.log(`smtp-relay: listening on http://${RELAY_HOST}:${RELAY_PORT}, relaying to SMTP`);
});
