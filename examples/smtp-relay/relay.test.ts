import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { SendMessageData } from '@logto/connector-kit';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';

import { startMailCatcher } from '../../demo/mail-catcher.mjs';
import { newSigningKeyPair, signatureHeaders, signingKeys } from '../../src/signing.js';

import { ConfigError, relayConfig, smtpTransportOptions } from './config.mjs';
import { composeEmail } from './emails.mjs';
import { importPublicKey, verifiesV1a } from './public-keys.mjs';
import {
  closedAfterEach,
  connectorSend,
  gate,
  mailFrom,
  signedPost,
  startRelay,
  startRelayProcess,
  startSmtpServer,
} from './test-support.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const closeAfterEach = closedAfterEach();

const setUp = async ({ isDown }: { isDown?: () => boolean } = {}) => {
  const mailbox = await startMailCatcher({ isDown });
  closeAfterEach(mailbox.close);
  const relay = await startRelay({
    secret,
    transport: nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true }),
  });
  closeAfterEach(relay.close);
  return { mailbox, events: relay.events, url: `${relay.origin}/logto/email` };
};

const payloadFor = (type: string, locale: string) => ({
  ...(type === 'OrganizationInvitation'
    ? { link: 'https://auth.acme.test/invite/xyz' }
    : { code: '246810' }),
  locale,
  application: { name: 'Portal' },
  organization: { name: 'Acme GmbH' },
  inviter: { name: 'Ada' },
  user: { name: 'Grace' },
});

describe('the relay with a real SMTP server, fed by the connector', () => {
  const expected: Array<[string, string, string, RegExp]> = [
    ['SignIn', 'en', 'Your sign-in code for Portal', /sign in to Portal is 246810/],
    ['SignIn', 'de', 'Ihr Anmeldecode für Portal', /Anmeldung bei Portal lautet 246810/],
    ['Register', 'en', 'Confirm your email address', /create your Portal account is 246810/],
    ['Register', 'de-AT', 'Bestätigen Sie Ihre E-Mail-Adresse', /Kontos bei Portal lautet 246810/],
    ['ForgotPassword', 'en', 'Reset your password', /reset your Portal password is 246810/],
    ['ForgotPassword', 'de', 'Passwort zurücksetzen', /Passworts bei Portal lautet 246810/],
    ['Generic', 'fr', 'Your verification code', /Your verification code is 246810/],
    ['Generic', 'de', 'Ihr Bestätigungscode', /lautet 246810/],
    ['OrganizationInvitation', 'en', 'You are invited to join Acme GmbH', /Ada invited you to join Acme GmbH[\s\S]*https:\/\/auth\.acme\.test\/invite\/xyz/],
    ['OrganizationInvitation', 'de', 'Einladung zu Acme GmbH', /Ada hat Sie eingeladen, Acme GmbH beizutreten[\s\S]*https:\/\/auth\.acme\.test\/invite\/xyz/],
    ['UserPermissionValidation', 'en', "Confirm that it's you", /246810/],
    ['UserPermissionValidation', 'de', 'Bestätigen Sie, dass Sie es sind', /246810/],
    ['BindNewIdentifier', 'en', 'Confirm your new email address', /246810/],
    ['BindNewIdentifier', 'de', 'Bestätigen Sie Ihre neue E-Mail-Adresse', /246810/],
    ['MfaVerification', 'en', 'Your two-step verification code', /finish signing in is 246810/],
    ['MfaVerification', 'de', 'Ihr Code für die Zwei-Faktor-Bestätigung', /246810/],
    ['BindMfa', 'en', 'Turn on email verification', /246810/],
    ['BindMfa', 'de', 'E-Mail-Bestätigung einschalten', /246810/],
    ['SomethingNew', 'en', 'Your verification code', /246810/],
  ];

  it.each(expected)('%s in %s: delivered with its own text', async (type, locale, subject, text) => {
    const { mailbox, events, url } = await setUp();
    const result = await connectorSend(
      { to: 'grace@example.com', type, payload: payloadFor(type, locale) } as SendMessageData,
      { endpoint: url, signingSecret: secret }
    );
    expect(result).toMatchObject({ attempts: 1 });
    expect(mailbox.messages).toHaveLength(1);
    const [mail] = mailbox.messages;
    expect(mail).toMatchObject({ from: 'Acme <no-reply@acme.test>', to: 'grace@example.com', subject });
    expect(mail!.text).toMatch(text);
    expect(events).toEqual([expect.objectContaining({ status: 200, verified: true, duplicate: false })]);
  });

  it("uses Logto's rendered template when the request carries one", async () => {
    const { mailbox, url } = await setUp();
    await connectorSend(
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '777888', locale: 'de', application: { name: 'Portal' } } } as SendMessageData,
      { endpoint: url, signingSecret: secret, includeTemplate: true },
      async () => ({
        subject: 'Anmeldung bei {{application.name}}',
        content: '<p>Code: <b>{{code}}</b></p>',
        contentType: 'text/html',
        replyTo: 'support@acme.test',
        sendFrom: 'Portal <portal@acme.test>',
      })
    );
    expect(mailbox.messages).toHaveLength(1);
    expect(mailbox.messages[0]).toMatchObject({
      from: 'Portal <portal@acme.test>',
      replyTo: 'support@acme.test',
      subject: 'Anmeldung bei Portal',
    });
    expect(mailbox.messages[0]!.html).toContain('<b>777888</b>');
  });

  it('delivers a duplicate webhook-id once, and answers 2xx both times', async () => {
    const { mailbox, events, url } = await setUp();
    const body = JSON.stringify({ to: 'ada@example.com', type: 'SignIn', payload: { code: '135790' } });
    const id = 'msg_duplicate_test_0001';
    const post = async () => signedPost(url, secret, id, body);
    const [first, second] = await Promise.all([post(), post()]);
    const third = await post();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(mailbox.messages).toHaveLength(1);
    expect(events.filter(({ duplicate }) => duplicate)).toHaveLength(2);
  });

  it('refuses a request signed with another secret: 401, no email, not retried', async () => {
    const { mailbox, events, url } = await setUp();
    const error = await connectorSend(
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '1' } } as SendMessageData,
      { endpoint: url, signingSecret: `whsec_${randomBytes(32).toString('base64')}` }
    ).catch((error: unknown) => error);
    expect(error).toMatchObject({ code: 'general', data: { status: 401, attempts: 1 } });
    expect(mailbox.messages).toHaveLength(0);
    expect(events).toEqual([expect.objectContaining({ status: 401, verified: false })]);
  });

  it('refuses an unsigned request with 401', async () => {
    const { mailbox, url } = await setUp();
    const response = await fetch(url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(mailbox.messages).toHaveLength(0);
  });

  it('refuses a signed body that is not a message with 400', async () => {
    const { mailbox, url } = await setUp();
    const body = JSON.stringify({ to: '', payload: 'x' });
    const response = await signedPost(url, secret, 'msg_bad', body);
    expect(response.status).toBe(400);
    expect(mailbox.messages).toHaveLength(0);
  });

  it.each([
    ['a signed body that is not JSON', 'not json {'],
    ['a list of recipients', JSON.stringify({ to: 'ada@example.com, eve@example.com', type: 'SignIn', payload: { code: '1' } })],
    ['a recipient with a display name', JSON.stringify({ to: 'Eve <eve@example.com>', type: 'SignIn', payload: { code: '1' } })],
  ])('refuses %s with 400, not as a bad signature', async (_name, body) => {
    const { mailbox, url } = await setUp();
    const response = await signedPost(url, secret, 'msg_malformed', body);
    expect(response.status).toBe(400);
    expect(mailbox.messages).toHaveLength(0);
  });

  it('answers a body over 1 MiB with 413, not a reset connection', async () => {
    const { mailbox, url } = await setUp();
    const response = await signedPost(url, secret, 'msg_large', 'x'.repeat(2 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(mailbox.messages).toHaveLength(0);
  });

  it("SMTP down: 503, and the connector's retry delivers once SMTP is back", async () => {
    let refusals = 0;
    const { mailbox, events, url } = await setUp({ isDown: () => refusals++ === 0 });
    const result = await connectorSend(
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '424242', locale: 'en' } } as SendMessageData,
      { endpoint: url, signingSecret: secret }
    );
    expect(result).toMatchObject({ attempts: 2 });
    expect(events.map(({ status }) => status)).toEqual([503, 200]);
    expect(new Set(events.map(({ webhookId }) => webhookId)).size).toBe(1);
    expect(mailbox.messages).toHaveLength(1);
    expect(mailbox.messages[0]!.text).toContain('424242');
  });
});

describe('v1a: the relay with LOGTO_EMAIL_PUBLIC_KEY, verifying ed25519 signatures', () => {
  const signIn = (code: string) =>
    ({ to: 'ada@example.com', type: 'SignIn', payload: { code, locale: 'en' } }) as SendMessageData;

  /** A request signed with `whsk_` keys by the connector's own signing code, at `at`, over `signedBody`. */
  const v1aPost = async (url: string, secretKey: string, body: string, { at = new Date(), signedBody = body } = {}) => {
    const id = `msg_v1a_${randomBytes(8).toString('hex')}`;
    const timestamp = Math.floor(at.getTime() / 1000);
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        ...signatureHeaders(signingKeys([secretKey]))(id, timestamp, signedBody),
      },
      body,
    });
  };

  it('public key only: delivers what the whsk_ key signed; refuses another key, a v1 signature, a replay and a changed body', async () => {
    const { secretKey, publicKey } = newSigningKeyPair();
    const mailbox = await startMailCatcher();
    closeAfterEach(mailbox.close);
    const relay = await startRelay({
      publicKeys: [newSigningKeyPair().publicKey, publicKey],
      transport: nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true }),
    });
    closeAfterEach(relay.close);

    expect(await connectorSend(signIn('515151'), { endpoint: relay.origin, signingSecret: secretKey })).toMatchObject({ attempts: 1 });
    for (const signingSecret of [newSigningKeyPair().secretKey, secret]) {
      const error = await connectorSend(signIn('1'), { endpoint: relay.origin, signingSecret }).catch((error: unknown) => error);
      expect(error).toMatchObject({ data: { status: 401, attempts: 1 } });
    }
    const body = JSON.stringify(signIn('626262'));
    expect((await v1aPost(relay.origin, secretKey, body, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401);
    expect((await v1aPost(relay.origin, secretKey, body, { signedBody: JSON.stringify(signIn('737373')) })).status).toBe(401);
    expect((await v1aPost(relay.origin, secretKey, body)).status).toBe(200);
    expect(mailbox.messages.map(({ text }) => /\d{6}/.exec(text ?? '')?.[0])).toEqual(['515151', '626262']);
    expect(relay.events.map(({ status }) => status)).toEqual([200, 401, 401, 401, 401, 200]);
  });

  it('rotating from whsec_ to whsk_ loses no email: every step of the switch delivers', async () => {
    const smtp = await startSmtpServer();
    closeAfterEach(smtp.close);
    const { secretKey, publicKey } = newSigningKeyPair();
    // Each step: what the relay holds (restarted with it, as an operator would) and what Logto signs with.
    const steps: Array<[Record<string, string>, string]> = [
      [{ LOGTO_EMAIL_SECRET: secret }, secret],
      [{ LOGTO_EMAIL_SECRET: secret }, `${secret} ${secretKey}`],
      [{ LOGTO_EMAIL_SECRET: secret, LOGTO_EMAIL_PUBLIC_KEY: publicKey }, `${secret} ${secretKey}`],
      [{ LOGTO_EMAIL_SECRET: secret, LOGTO_EMAIL_PUBLIC_KEY: publicKey }, secretKey],
      [{ LOGTO_EMAIL_PUBLIC_KEY: publicKey }, secretKey],
    ];
    for (const [index, [env, signingSecret]] of steps.entries()) {
      const relay = await startRelayProcess({ SMTP_URL: smtp.url, MAIL_FROM: mailFrom, ...env });
      closeAfterEach(relay.stop);
      const result = await connectorSend(signIn(`90000${index}`), { endpoint: relay.origin, signingSecret, retries: 0 });
      expect(result, `step ${index + 1}`).toMatchObject({ attempts: 1 });
      if (index === steps.length - 1) {
        // Done: the shared secret, which the relay no longer holds, signs nothing it accepts.
        const error = await connectorSend(signIn('1'), { endpoint: relay.origin, signingSecret: secret }).catch((error: unknown) => error);
        expect(error).toMatchObject({ data: { status: 401 } });
      }
      await relay.stop();
    }
    expect(smtp.messages.map(({ text }) => /90000\d/.exec(text ?? '')?.[0])).toEqual(['900000', '900001', '900002', '900003', '900004']);
  });

  it('an invalid LOGTO_EMAIL_PUBLIC_KEY stops the relay at start: exit 2, naming the variable, not the key', async () => {
    const { secretKey } = newSigningKeyPair();
    const started = await startRelayProcess({
      SMTP_URL: 'smtp://127.0.0.1:25',
      MAIL_FROM: mailFrom,
      LOGTO_EMAIL_PUBLIC_KEY: secretKey,
    }).catch((error: unknown) => error);
    expect(String(started)).toMatch(/main\.mjs exited with 2 before listening/);
    expect(String(started)).toContain('LOGTO_EMAIL_PUBLIC_KEY: key 1 is a secret key (whsk_)');
    expect(String(started)).not.toContain(secretKey.slice(5));
  });
});

describe('the in-memory store, one copy', () => {
  it('tells a retry that still finds its id in flight after the wait to come back, then answers it 200', async () => {
    const release = gate();
    const held = gate();
    const smtp = await startSmtpServer({
      beforeAccept: async () => {
        held.open();
        await release.opened;
      },
    });
    closeAfterEach(smtp.close);
    closeAfterEach(release.open);
    const relay = await startRelay({ secret, smtpUrl: smtp.url, inFlightWaitMs: 200 });
    closeAfterEach(relay.close);
    const body = JSON.stringify({ to: 'ada@example.com', type: 'SignIn', payload: { code: '975310' } });
    const post = async () => signedPost(relay.origin, secret, 'msg_in_flight_0001', body);

    const first = post();
    await held.opened;
    const retry = await post();
    expect(retry.status).toBe(503);
    expect(retry.headers.get('retry-after')).toBe('1');
    release.open();
    expect((await first).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect(relay.events.map(({ status, duplicate }) => [status, duplicate])).toEqual([
      [503, false],
      [200, false],
      [200, true],
    ]);
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('an SMTP server offering STARTTLS with a self-signed certificate', () => {
  const fixture = (name: string) =>
    new URL(`../../test/fixtures/${name}`, import.meta.url);
  const tls = {
    key: readFileSync(fixture('localhost-key.pem'), 'utf8'),
    cert: readFileSync(fixture('localhost-cert.pem'), 'utf8'),
  };

  const sendOverStartTls = async (env: Record<string, string>) => {
    const smtp = await startSmtpServer({ tls });
    closeAfterEach(smtp.close);
    const { options, warnings } = smtpTransportOptions({ SMTP_URL: smtp.url, ...env });
    const relay = await startRelay({ secret, transport: nodemailer.createTransport(options) });
    closeAfterEach(relay.close);
    const outcome: unknown = await connectorSend(
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '864200' } } as SendMessageData,
      { endpoint: relay.origin, signingSecret: secret, retries: 0 }
    ).catch((error: unknown) => error);
    return { smtp, relay, outcome, warnings };
  };

  it('is refused by default: 503, and the log names the certificate', async () => {
    const { smtp, relay, outcome } = await sendOverStartTls({});
    expect(outcome).toMatchObject({ data: { status: 503 } });
    expect(relay.events).toEqual([
      expect.objectContaining({ status: 503, smtpError: expect.stringMatching(/self-signed certificate/) }),
    ]);
    expect(smtp.messages).toHaveLength(0);
  });

  it('is trusted with SMTP_TLS_CA: delivered over STARTTLS, no warning', async () => {
    const { smtp, outcome, warnings } = await sendOverStartTls({
      SMTP_TLS_CA: fileURLToPath(fixture('localhost-cert.pem')),
    });
    expect(outcome).toMatchObject({ attempts: 1 });
    expect(smtp.messages).toEqual([expect.objectContaining({ secure: true, text: expect.stringContaining('864200') })]);
    expect(warnings).toEqual([]);
  });

  it('is accepted unchecked with SMTP_TLS_INSECURE=1, with a warning', async () => {
    const { smtp, outcome, warnings } = await sendOverStartTls({ SMTP_TLS_INSECURE: '1' });
    expect(outcome).toMatchObject({ attempts: 1 });
    expect(smtp.messages).toEqual([expect.objectContaining({ secure: true })]);
    expect(warnings).toEqual([expect.stringMatching(/not checked[\s\S]*tests only/)]);
  });

  it('an SMTP_TLS_CA that cannot be read, or another SMTP_TLS_INSECURE, is a configuration error', () => {
    expect(() =>
      smtpTransportOptions({ SMTP_URL: 'smtp://127.0.0.1:25', SMTP_TLS_CA: '/nonexistent/ca.pem' })
    ).toThrow(new ConfigError('cannot read SMTP_TLS_CA /nonexistent/ca.pem: ENOENT'));
    expect(() =>
      smtpTransportOptions({ SMTP_URL: 'smtp://127.0.0.1:25', SMTP_TLS_INSECURE: 'yes' })
    ).toThrow(ConfigError);
  });
});

describe('the settings from the environment', () => {
  const required = {
    SMTP_URL: 'smtp://user:smtp-password@127.0.0.1:25',
    LOGTO_EMAIL_SECRET: secret,
    MAIL_FROM: 'Acme <no-reply@acme.test>',
  };

  it('defaults to one copy in memory, 10 s claims and 600 s of dedup', () => {
    expect(relayConfig(required)).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      signingSecrets: [secret],
      redisUrl: undefined,
      claimTtlMs: 10_000,
      dedupTtlMs: 600_000,
      smtp: { url: required.SMTP_URL, tls: {} },
      warnings: [],
    });
  });

  it('reads REDIS_URL and the TTLs', () => {
    expect(
      relayConfig({
        ...required,
        REDIS_URL: 'redis://127.0.0.1:6379',
        CLAIM_TTL_SECONDS: '3',
        DEDUP_TTL_SECONDS: '900',
      })
    ).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', claimTtlMs: 3000, dedupTtlMs: 900_000 });
  });

  it('reads LOGTO_EMAIL_PUBLIC_KEY, beside or instead of LOGTO_EMAIL_SECRET; one of the two is required', () => {
    const [one, two] = [newSigningKeyPair().publicKey, newSigningKeyPair().publicKey];
    expect(relayConfig({ ...required, LOGTO_EMAIL_PUBLIC_KEY: ` ${one}\n${two} ` })).toMatchObject({
      signingSecrets: [secret],
      publicKeys: [one, two],
    });
    const { LOGTO_EMAIL_SECRET: _, ...withoutSecret } = required;
    expect(relayConfig({ ...withoutSecret, LOGTO_EMAIL_PUBLIC_KEY: one })).toMatchObject({ signingSecrets: [], publicKeys: [one] });
    expect(() => relayConfig(withoutSecret)).toThrow(/set LOGTO_EMAIL_SECRET .* or LOGTO_EMAIL_PUBLIC_KEY/);
    expect(() => relayConfig({ ...withoutSecret, LOGTO_EMAIL_PUBLIC_KEY: '  ' })).toThrow(/set LOGTO_EMAIL_SECRET/);
  });

  it.each([
    ['a whsk_ secret key', () => newSigningKeyPair().secretKey, /key 2 is a secret key \(whsk_\): it belongs in the connector's signingSecret/],
    ['a whsec_ secret', () => secret, /key 2 is not a public key \(whpk_ and the base64 of 32 bytes\)/],
    ['whpk_ of 31 bytes', () => `whpk_${randomBytes(31).toString('base64')}`, /key 2 is not a public key/],
    ['whpk_ not base64', () => 'whpk_!!!notbase64!!!notbase64!!!notbase64!!=', /key 2 is not a public key/],
  ])('refuses %s in LOGTO_EMAIL_PUBLIC_KEY, naming the variable and which key, not the value', (_name, bad, message) => {
    const value = bad();
    const error = (() => {
      try {
        relayConfig({ ...required, LOGTO_EMAIL_PUBLIC_KEY: `${newSigningKeyPair().publicKey} ${value}` });
      } catch (error) {
        return error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^LOGTO_EMAIL_PUBLIC_KEY: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(value.slice(5, 20));
  });

  // The encodings of the eight points of small order, canonical and not: the identity, the point of
  // order 2, those of order 4 and of order 8 (each sign), and p and p + 1 written out for y.
  const smallOrderKeys = [
    `01${'00'.repeat(31)}`,
    `ec${'ff'.repeat(30)}7f`,
    `ec${'ff'.repeat(31)}`,
    '00'.repeat(32),
    `${'00'.repeat(31)}80`,
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    `ed${'ff'.repeat(30)}7f`,
    `ee${'ff'.repeat(30)}7f`,
  ].map((hex) => `whpk_${Buffer.from(hex, 'hex').toString('base64')}`);

  it('a key of small order would accept a forged signature: refused at start', () => {
    // Whether this Node's OpenSSL takes the forgery with such a key depends on its version (Node 22's
    // does, Node 24's does not): the relay refuses these keys whichever it runs on.
    const forged = `v1a,${Buffer.concat([Buffer.from([1]), Buffer.alloc(63)]).toString('base64')}`;
    const headers = { 'webhook-id': 'msg_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': forged };
    const opensslTakesForgery = verifiesV1a([importPublicKey(smallOrderKeys[0]!)], Buffer.from('{"to":"eve@example.com"}'), headers);
    expect(opensslTakesForgery).toBe(process.versions.node.split('.')[0] === '22' ? true : opensslTakesForgery);
    for (const key of smallOrderKeys) {
      expect(() => relayConfig({ ...required, LOGTO_EMAIL_PUBLIC_KEY: key }), key).toThrow(
        /^LOGTO_EMAIL_PUBLIC_KEY: key 1 is a degenerate ed25519 point that would accept forged signatures/
      );
    }
    // Real keys pass.
    for (let count = 0; count < 20; count++) {
      expect(() => relayConfig({ ...required, LOGTO_EMAIL_PUBLIC_KEY: newSigningKeyPair().publicKey })).not.toThrow();
    }
  });

  it('names a bad value without repeating a secret', () => {
    const notASecret = 'whsec_not-base64-at-all!';
    expect(() => relayConfig({ ...required, LOGTO_EMAIL_SECRET: `${secret} ${notASecret}` })).toThrow(
      new ConfigError('LOGTO_EMAIL_SECRET: secret 2 is not a signing secret (whsec_ and base64)')
    );
    expect(() => relayConfig({ ...required, CLAIM_TTL_SECONDS: '0' })).toThrow(
      /CLAIM_TTL_SECONDS must be a whole number of seconds/
    );
    expect(() => relayConfig({ ...required, RELAY_PORT: '70000' })).toThrow(/RELAY_PORT/);
  });

  it.each(['16.1', '2.5', '1e3', '0x10', ' 10', '10s', '-5', '', 'Infinity', '9999999999'])(
    'takes whole seconds only: %j is refused, naming the variable and not the value',
    (value) => {
      for (const name of ['CLAIM_TTL_SECONDS', 'DEDUP_TTL_SECONDS']) {
        const refusal = (() => {
          try {
            relayConfig({ ...required, [name]: value });
          } catch (error) {
            return error as Error;
          }
          throw new Error(`${name}=${value} was accepted`);
        })();
        expect(refusal).toBeInstanceOf(ConfigError);
        expect(refusal.message.startsWith(`${name} must be a whole number of seconds`)).toBe(true);
        if (value.trim() !== '') {
          expect(refusal.message).not.toContain(value.trim());
        }
      }
    }
  );

  it("remembers a delivered id as long as its signature can be accepted (5 minutes either side of the relay's clock)", () => {
    // 300 let a request stamped by a clock 4 minutes ahead be replayed 5 to 9 minutes later.
    for (const value of ['300', '599']) {
      expect(() => relayConfig({ ...required, DEDUP_TTL_SECONDS: value })).toThrow(
        new ConfigError(
          "DEDUP_TTL_SECONDS must be a whole number of seconds, at least 600 (as long as a signature can be accepted, 5 minutes either side of the relay's clock, so that a replayed request is always dropped)"
        )
      );
    }
    expect(relayConfig({ ...required, DEDUP_TTL_SECONDS: '600' }).dedupTtlMs).toBe(600_000);
    expect(() => relayConfig({ ...required, CLAIM_TTL_SECONDS: '3601' })).toThrow(/CLAIM_TTL_SECONDS must be a whole number of seconds, from 1 to 3600$/);
  });

  it('main.mjs refuses CLAIM_TTL_SECONDS=16.1 at start: exit 2, the variable named, not its value', async () => {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const env = { PATH: process.env.PATH, ...required, CLAIM_TTL_SECONDS: '16.1', RELAY_PORT: '0' };
      execFile(process.execPath, [fileURLToPath(new URL('main.mjs', import.meta.url))], { env }, (error, _stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stderr });
      });
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^smtp-relay: CLAIM_TTL_SECONDS must be a whole number of seconds/);
    expect(stderr).not.toContain('16.1');
  });
});

describe('the relay\'s own texts', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'NewTypeFromAFutureLogto'])(
    'type %j: the generic text, not a property every object has',
    (type) => {
      for (const [locale, subject] of [['en', 'Your verification code'], ['de', 'Ihr Bestätigungscode']]) {
        const email = composeEmail({ to: 'ada@example.com', type, payload: { code: '246810', locale }, template: undefined }, 'Acme <no-reply@acme.test>');
        expect(email).toMatchObject({ subject, to: 'ada@example.com' });
        expect(email.text).toContain('246810');
      }
    }
  );

  it('an unknown type with a link: the invitation text', () => {
    const email = composeEmail({ to: 'ada@example.com', type: 'constructor', payload: { link: 'https://auth.acme.test/i/x' }, template: undefined }, 'x@acme.test');
    expect(email.text).toContain('https://auth.acme.test/i/x');
  });
});

describe('refusing at start a setting the relay cannot use', () => {
  const mainScript = fileURLToPath(new URL('main.mjs', import.meta.url));
  /** Runs main.mjs with `env` alone; it must exit before it listens. */
  const start = async (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [mainScript], { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
    });

  it('exits 2 with one line per bad setting, naming each variable and never its value', async () => {
    const values = {
      SMTP_URL: 'http://smtp-user:smtp-pass-4471@mail.relay.test/',
      LOGTO_EMAIL_SECRET: `${secret} hunter2-not-a-secret`,
      MAIL_FROM: 'Acme <no-reply@acme.test>',
      RELAY_PORT: '80800',
      DEDUP_TTL_SECONDS: 'ten-minutes',
      CLAIM_TTL_SECONDS: '-3',
      REDIS_URL: 'http://:redis-pass-5520@127.0.0.1:6379',
    };
    const { code, stdout, stderr } = await start(values);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'smtp-relay: SMTP_URL must be an smtp: or smtps: URL, e.g. smtp://user:password@smtp.example.com:587',
      'smtp-relay: LOGTO_EMAIL_SECRET: secret 2 is not a signing secret (whsec_ and base64)',
      'smtp-relay: RELAY_PORT must be a port number, 0 to 65535',
      "smtp-relay: DEDUP_TTL_SECONDS must be a whole number of seconds, at least 600 (as long as a signature can be accepted, 5 minutes either side of the relay's clock, so that a replayed request is always dropped)",
      'smtp-relay: CLAIM_TTL_SECONDS must be a whole number of seconds, from 1 to 3600',
      'smtp-relay: REDIS_URL must be a redis: or rediss: URL, e.g. redis://127.0.0.1:6379',
    ]);
    for (const value of ['smtp-pass-4471', 'mail.relay.test', 'hunter2', secret.slice(6), '80800', 'ten-minutes', 'redis-pass-5520']) {
      expect(stderr).not.toContain(value);
    }
  });

  it.each([
    ['a secret that is not whsec_', { LOGTO_EMAIL_SECRET: 'hunter2' }, /LOGTO_EMAIL_SECRET: secret 1 is not a signing secret/],
    ['a whsec_ secret of 9 bytes', { LOGTO_EMAIL_SECRET: 'whsec_c2hvcnQta2V5' }, /LOGTO_EMAIL_SECRET: secret 1 is not a signing secret/],
    ['no secret', { LOGTO_EMAIL_SECRET: ' ' }, /set LOGTO_EMAIL_SECRET/],
    ['no SMTP_URL', { SMTP_URL: '' }, /set SMTP_URL/],
  ])('%s: exit 2', async (_name, env, message) => {
    const { code, stderr } = await start({
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOGTO_EMAIL_SECRET: secret,
      MAIL_FROM: 'Acme <no-reply@acme.test>',
      ...env,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('hunter2');
  });

  it('takes an smtps: URL, several secrets and a Redis URL without complaint', () => {
    expect(
      relayConfig({
        SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
        LOGTO_EMAIL_SECRET: ` ${secret}  whsec_${randomBytes(24).toString('base64')} `,
        MAIL_FROM: 'Acme <no-reply@acme.test>',
        RELAY_PORT: '0',
        REDIS_URL: 'rediss://127.0.0.1:6380/2',
      })
    ).toMatchObject({ port: 0, redisUrl: 'rediss://127.0.0.1:6380/2' });
  });
});

describe('npm run try-relay: the relay in front of a local mail catcher', () => {
  it('prints the email the connector sent through it, and stops on SIGTERM', async () => {
    const script = fileURLToPath(new URL('../../demo/try-relay.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH, RELAY_PORT: '0', LOGTO_EMAIL_SECRET: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    closeAfterEach(async () => {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect.poll(() => /listening on (http:\/\/[\d.:]+)/.exec(stdout), { timeout: 15_000 }).toBeTruthy();
    const origin = /listening on (http:\/\/[\d.:]+)/.exec(stdout)![1]!;
    // A secret given is not printed.
    expect(stdout).not.toContain(secret);
    expect(stdout).toContain(`node lib/cli.js send --endpoint ${origin}/ --signing-secret whsec_…`);

    await connectorSend(
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '135790', locale: 'en' } } as SendMessageData,
      { endpoint: `${origin}/`, signingSecret: secret }
    );
    await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/mail-catcher: email to ada@example.com from Relay try-out/);
    expect(stdout).toMatch(/135790/);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
