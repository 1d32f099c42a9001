// The reference endpoint for Logto's HTTP email connector: it verifies the Standard Webhooks
// signature, drops a message it has already delivered, builds the email and hands it to an SMTP
// server. It answers 2xx only once the SMTP server has accepted the email.
import http from 'node:http';

import { Webhook } from 'standardwebhooks';

import { composeEmail } from './emails.mjs';

const maxBodyBytes = 1024 * 1024;

const answer = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const isMessage = (value) =>
  typeof value === 'object' &&
  value !== null &&
  typeof value.to === 'string' &&
  value.to !== '' &&
  typeof value.type === 'string' &&
  typeof value.payload === 'object' &&
  value.payload !== null &&
  !Array.isArray(value.payload);

/**
 * Remembers delivered message ids for a while. In memory, so only for one running copy: with
 * several copies behind a load balancer, keep the ids in a shared store instead (Redis
 * `SET webhook-id 1 NX EX 600`, or a unique key in your database).
 */
const createDeliveredIds = (ttlMs) => {
  const expiries = new Map();
  return {
    has(id) {
      const expiry = expiries.get(id);
      if (expiry !== undefined && expiry < Date.now()) {
        expiries.delete(id);
        return false;
      }
      return expiry !== undefined;
    },
    add(id) {
      const now = Date.now();
      // Forget expired ids as new ones come, so that the map does not grow without bound.
      for (const [known, expiry] of expiries) {
        if (expiry >= now) {
          break;
        }
        expiries.delete(known);
      }
      expiries.set(id, now + ttlMs);
    },
  };
};

/**
 * @param {object} options
 * @param {string[]} options.signingSecrets `whsec_…` secrets; a request signed with any one passes.
 * @param {{ sendMail: (mail: object) => Promise<{ messageId?: string }> }} options.transport A
 *   nodemailer transport (or anything with its `sendMail`).
 * @param {string} options.from The sender when Logto's template does not name one.
 * @param {number} [options.dedupTtlMs] How long a delivered id is remembered.
 * @param {(event: object) => void} [options.onEvent] Called once per request with what happened.
 */
export const createRelay = ({
  signingSecrets,
  transport,
  from,
  dedupTtlMs = 10 * 60 * 1000,
  onEvent = (event) => console.log(JSON.stringify(event)),
}) => {
  if (signingSecrets.length === 0) {
    throw new Error('The relay needs at least one signing secret (whsec_…).');
  }
  const webhooks = signingSecrets.map((secret) => new Webhook(secret));
  const delivered = createDeliveredIds(dedupTtlMs);
  // A retry can arrive while the first attempt is still talking to SMTP: it waits for that one.
  const inFlight = new Map();

  const verify = (body, headers) =>
    webhooks.some((webhook) => {
      try {
        webhook.verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });

  const deliver = async (id, message) => {
    if (delivered.has(id)) {
      return { status: 200, body: { delivered: true, duplicate: true } };
    }
    const pending = inFlight.get(id);
    if (pending) {
      await pending.catch(() => undefined);
      return deliver(id, message);
    }
    const sending = transport.sendMail(composeEmail(message, from));
    inFlight.set(id, sending);
    try {
      const { messageId } = await sending;
      delivered.add(id);
      return { status: 200, body: { delivered: true, messageId } };
    } catch (error) {
      // The SMTP server is down or refused the mail: 503 makes the connector try again.
      return { status: 503, body: { error: 'the SMTP server did not accept the email' }, error };
    } finally {
      inFlight.delete(id);
    }
  };

  return http.createServer(async (request, response) => {
    const webhookId = request.headers['webhook-id'];
    const report = (status, extra = {}) => onEvent({ webhookId, status, ...extra });

    if (request.method !== 'POST') {
      report(405);
      return answer(response, 405, { error: 'POST only' });
    }

    let body;
    try {
      body = await readBody(request);
    } catch (error) {
      report(error.status ?? 400);
      return answer(response, error.status ?? 400, { error: 'could not read the body' });
    }

    if (!verify(body, request.headers)) {
      report(401, { verified: false });
      return answer(response, 401, { error: 'invalid or missing signature' });
    }

    let message;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      message = undefined;
    }
    if (!isMessage(message)) {
      report(400, { verified: true });
      return answer(response, 400, { error: 'expected { to, type, payload }' });
    }

    const outcome = await deliver(webhookId, message);
    report(outcome.status, {
      verified: true,
      to: message.to,
      type: message.type,
      locale: message.payload.locale,
      duplicate: outcome.body.duplicate ?? false,
      ...(outcome.error && { smtpError: String(outcome.error.message ?? outcome.error) }),
    });
    answer(response, outcome.status, outcome.body);
  });
};
