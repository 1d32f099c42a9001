// The reference endpoint for Logto's HTTP email connector: it verifies the Standard Webhooks
// signature, drops a message it has already delivered, builds the email and hands it to an SMTP
// server. It answers 2xx only once the SMTP server has accepted the email.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { Webhook } from 'standardwebhooks';

import { composeEmail } from './emails.mjs';
import { importPublicKey, verifiesV1a } from './public-keys.mjs';
import { createMemoryStore } from './store.mjs';

const maxBodyBytes = 1024 * 1024;

const answer = (response, status, body, headers = {}) => {
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
};

const errorText = (error) => String(error?.message ?? error);

/** The error a promise rejects with, or undefined once it resolves. */
const errorOf = async (promise) =>
  promise.then(
    () => undefined,
    (error) => error
  );

// How often a retry that found its id in flight asks the store again.
const inFlightPollMs = 50;

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        // Stop reading, but keep the connection until the 413 has gone out.
        request.pause();
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** One address, as Logto sends it: a list (`a@x, b@y`) would have nodemailer mail each. */
const singleAddress = /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/;

const isMessage = (value) =>
  typeof value === 'object' &&
  value !== null &&
  typeof value.to === 'string' &&
  singleAddress.test(value.to) &&
  typeof value.type === 'string' &&
  typeof value.payload === 'object' &&
  value.payload !== null &&
  !Array.isArray(value.payload);

/**
 * @param {object} options
 * @param {string[]} [options.signingSecrets] `whsec_…` secrets; a request signed with any one passes.
 * @param {string[]} [options.publicKeys] `whpk_…` keys: a request with a v1a signature that one of
 *   them verifies passes too. At least one secret or key.
 * @param {{ sendMail: (mail: object) => Promise<{ messageId?: string }> }} options.transport A
 *   nodemailer transport (or anything with its `sendMail`).
 * @param {string} options.from The sender when Logto's template does not name one.
 * @param {number} [options.inFlightWaitMs] How long a retry whose id is being sent by another
 *   attempt waits for that attempt before it is answered 503 (come back).
 * @param {ReturnType<typeof createMemoryStore>} [options.store] Where the ids live (store.mjs). Its
 *   claims are renewed every third of their TTL while the send goes on.
 * @param {number} [options.dedupTtlMs] With no `store`: how long a delivered id is remembered.
 * @param {number} [options.claimTtlMs] With no `store`: how long a claim lives without a renewal.
 * @param {(event: object) => void} [options.onEvent] Called once per request with what happened.
 */
export const createRelay = ({
  signingSecrets = [],
  publicKeys = [],
  transport,
  from,
  dedupTtlMs = 10 * 60 * 1000,
  claimTtlMs = 10 * 1000,
  inFlightWaitMs = 3000,
  store = createMemoryStore({ dedupTtlMs, claimTtlMs }),
  onEvent = (event) => console.log(JSON.stringify(event)),
}) => {
  if (signingSecrets.length === 0 && publicKeys.length === 0) {
    throw new Error('The relay needs at least one signing secret (whsec_…) or public key (whpk_…).');
  }
  const webhooks = signingSecrets.map((secret) => new Webhook(secret));
  const keys = publicKeys.map(importPublicKey);

  const verify = (body, headers) =>
    verifiesV1a(keys, body, headers) ||
    webhooks.some((webhook) => {
      try {
        webhook.verify(body, headers);
        return true;
      } catch (error) {
        // The library parses the body once the signature holds: a body that is not JSON is a
        // verified request with a malformed body (400 below), not a bad signature.
        return error instanceof SyntaxError;
      }
    });

  // Told to come back in a second: sooner would find the same state.
  const comeBack = (extra) => ({
    status: 503,
    headers: { 'retry-after': '1' },
    ...extra,
  });

  /** Claims the id, or waits a while for the attempt that is sending it, here or on another copy. */
  const claim = async (id) => {
    const deadline = Date.now() + inFlightWaitMs;
    for (;;) {
      const claimed = await store.claim(id);
      if (claimed.state !== 'in-flight' || Date.now() >= deadline) {
        return claimed;
      }
      await delay(inFlightPollMs);
    }
  };

  const deliver = async (id, message) => {
    let claimed;
    try {
      claimed = await claim(id);
    } catch (error) {
      // Without the store, a send could be a duplicate: 503, and the connector tries again.
      return comeBack({ body: { error: 'the relay cannot reach its store' }, storeError: error });
    }
    if (claimed.state === 'delivered') {
      return { status: 200, body: { delivered: true, duplicate: true } };
    }
    if (claimed.state === 'in-flight') {
      // 2xx only once the email is accepted: the connector retries a 503 after Retry-After.
      return comeBack({ body: { error: 'another attempt is sending this message' }, inFlight: true });
    }

    const { token } = claimed;
    const keepClaim = setInterval(() => {
      store.renew(id, token).catch(() => undefined);
    }, store.claimTtlMs / 3);
    let messageId;
    try {
      ({ messageId } = await transport.sendMail(composeEmail(message, from)));
    } catch (error) {
      // The SMTP server is down or refused the mail: free the id so that the retry, on whichever
      // copy, sends it; 503 makes the connector try again.
      clearInterval(keepClaim);
      const storeError = await errorOf(store.release(id, token));
      return {
        status: 503,
        body: { error: 'the SMTP server did not accept the email' },
        smtpError: error,
        storeError,
      };
    }
    clearInterval(keepClaim);
    // The email is accepted, so the answer is 200 even if the store cannot record it: a 503 would
    // bring a retry that sends it again.
    const storeError = await errorOf(store.markDelivered(id));
    return { status: 200, body: { delivered: true, messageId }, storeError };
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
      response.once('finish', () => request.destroy());
      return answer(
        response,
        error.status ?? 400,
        { error: error.status === 413 ? 'the body is larger than 1 MiB' : 'could not read the body' },
        { connection: 'close' }
      );
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
      ...(outcome.inFlight && { inFlight: true }),
      ...(outcome.smtpError && { smtpError: errorText(outcome.smtpError) }),
      ...(outcome.storeError && { storeError: errorText(outcome.storeError) }),
    });
    answer(response, outcome.status, outcome.body, outcome.headers);
  });
};
