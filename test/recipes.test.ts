// The recipes in recipes/, each sent through the connector to a local stand-in of its service that
// checks the request as the service's API reference describes it (test/stand-ins/). A recipe is used
// as an admin pastes it: only the URL's origin is pointed at the stand-in, and YOUR_API_KEY replaced
// by the stand-in's key.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ConnectorConfigFormItemType,
  type EmailTemplateDetails,
  type GetI18nEmailTemplate,
  type SendMessageData,
} from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import createConnector from '../src/index.js';

import { randomCode, rejection, runNode } from './helpers.js';
import { startBrevo } from './stand-ins/brevo.js';
import { startMailerSend } from './stand-ins/mailersend.js';
import { startPostmark } from './stand-ins/postmark.js';
import { startResend } from './stand-ins/resend.js';
import { startSendGrid } from './stand-ins/sendgrid.js';
import type { SentEmail, StandIn } from './stand-ins/service.js';

type Recipe = {
  endpoint: string;
  authorization?: string;
  headers?: Record<string, string>;
  includeTemplate?: boolean;
  body: Record<string, unknown>;
} & Record<string, unknown>;

const services = {
  resend: { start: startResend, host: 'api.resend.com' },
  postmark: { start: startPostmark, host: 'api.postmarkapp.com' },
  brevo: { start: startBrevo, host: 'api.brevo.com' },
  sendgrid: { start: startSendGrid, host: 'api.sendgrid.com' },
  mailersend: { start: startMailerSend, host: 'api.mailersend.com' },
} as const;
type Service = keyof typeof services;
const serviceNames = Object.keys(services) as Service[];

const recipe = (service: Service): Recipe =>
  JSON.parse(readFileSync(new URL(`../recipes/${service}.json`, import.meta.url), 'utf8')) as Recipe;

/** The recipe as an admin fills it in, its URL's origin pointed at the stand-in. */
const filledIn = (service: Service, standIn: StandIn, changes: Record<string, unknown> = {}): Recipe => {
  const config = JSON.parse(
    JSON.stringify(recipe(service)).replaceAll('YOUR_API_KEY', standIn.apiKey)
  ) as Recipe;
  const documented = new URL(config.endpoint);
  config.endpoint = `${standIn.origin}${documented.pathname}${documented.search}`;
  expect(config.endpoint).toBe(standIn.url);
  return { ...config, ...changes };
};

const connectorWith = async (
  options: { getConfig?: () => Promise<unknown>; getI18nEmailTemplate?: GetI18nEmailTemplate } = {}
) =>
  createConnector({
    getConfig:
      options.getConfig ??
      (async () => {
        throw new Error('the config is passed in');
      }),
    ...(options.getI18nEmailTemplate && { getI18nEmailTemplate: options.getI18nEmailTemplate }),
  });

const message = (overrides: { type?: string; payload?: Record<string, unknown> } = {}) =>
  ({
    to: 'ada@example.com',
    type: 'SignIn',
    ...overrides,
    payload: { code: randomCode(), locale: 'en', ...overrides.payload },
  }) as SendMessageData & { payload: { code: string } };

const tags = /<[a-z/!][^>]*>/i;

const only = (standIn: StandIn): SentEmail => {
  expect(standIn.emails).toHaveLength(1);
  return standIn.emails[0]!;
};

let standIns: StandIn[] = [];
let stderr: MockInstance<typeof process.stderr.write>;
beforeEach(() => {
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  stderr.mockRestore();
  await Promise.all(standIns.splice(0).map(async (standIn) => standIn.close()));
});
const start = async (service: Service) => {
  const standIn = await services[service].start();
  standIns.push(standIn);
  return standIn;
};

describe.each(serviceNames)('the %s recipe', (service) => {
  it('is a valid config with everything a recipe needs', async () => {
    const config = recipe(service);
    const connector = await connectorWith();
    expect(connector.configGuard.safeParse(config).success).toBe(true);

    const endpoint = new URL(config.endpoint);
    expect(endpoint.protocol).toBe('https:');
    expect(endpoint.host).toBe(services[service].host);
    // The key goes where the service reads it, and nowhere else.
    const credentials = [config.authorization ?? '', ...Object.values(config.headers ?? {})];
    expect(credentials.filter((value) => value.includes('YOUR_API_KEY'))).toHaveLength(1);
    expect(JSON.stringify(config.body)).not.toContain('YOUR_API_KEY');
    expect(JSON.stringify(config.body)).toContain('sender@example.com');
    expect(config.includeTemplate).toBe(true);
    for (const placeholder of ['{{to}}', '{{template.subject}}', '{{template.html}}', '{{template.text}}', '{{template.replyTo}}']) {
      expect(JSON.stringify(config.body)).toContain(placeholder);
    }
    // Every key is one Console shows as a form field, so that it can be pasted there.
    const formKeys = new Set((connector.metadata.formItems ?? []).map((item) => item.key));
    for (const key of Object.keys(config)) {
      expect(formKeys, key).toContain(key);
    }
    const jsonKeys = (connector.metadata.formItems ?? [])
      .filter((item) => item.type === ConnectorConfigFormItemType.Json)
      .map((item) => item.key);
    expect(jsonKeys).toEqual(expect.arrayContaining(['headers', 'body']));
  });

  it('delivers a sign-in code with no template anywhere, in the built-in text', async () => {
    const standIn = await start(service);
    const data = message();
    await (await connectorWith()).sendMessage(data, filledIn(service, standIn));

    const email = only(standIn);
    expect(email.to).toEqual(['ada@example.com']);
    expect(email.from).toBe('Acme <sender@example.com>');
    expect(email.subject.trim()).not.toBe('');
    expect(email.html).toContain(data.payload.code);
    expect(email.html).toMatch(tags);
    expect(email.text).toContain(data.payload.code);
    expect(email.text).not.toMatch(tags);
    // No reply-to anywhere: the placeholder dropped its key, and its object with it.
    expect(email.replyTo).toBeUndefined();
    expect(standIn.requests).toHaveLength(1);

    // A real sign-in reads the saved config, and sends the same.
    const config = filledIn(service, standIn);
    await (await connectorWith({ getConfig: async () => config })).sendMessage(message());
    expect(standIn.emails).toHaveLength(2);
  });

  it("takes subject and HTML from Logto's HTML template, and makes a text part without tags", async () => {
    const standIn = await start(service);
    const logtoTemplate: EmailTemplateDetails = {
      subject: 'Your Acme code: {{code}}',
      content:
        '<html><body><h1>Acme</h1><p>Your code is <strong>{{code}}</strong>.</p><p><a href="https://acme.example.com/help">Help</a></p></body></html>',
      contentType: 'text/html',
      replyTo: 'support@example.com',
    };
    const getI18nEmailTemplate = vi.fn(async () => logtoTemplate);
    const data = message();
    await (await connectorWith({ getI18nEmailTemplate })).sendMessage(data, filledIn(service, standIn));

    expect(getI18nEmailTemplate).toHaveBeenCalledWith('SignIn', 'en');
    const email = only(standIn);
    const { code } = data.payload;
    expect(email.subject).toBe(`Your Acme code: ${code}`);
    expect(email.html).toBe(logtoTemplate.content.replace('{{code}}', code));
    expect(email.text).toContain(`Your code is ${code}.`);
    expect(email.text).toContain('https://acme.example.com/help');
    expect(email.text).not.toMatch(tags);
    expect(email.replyTo).toEqual(['support@example.com']);
  });

  it("uses the config's templates: the entry for the type, else Generic", async () => {
    const standIn = await start(service);
    const templates = [
      { usageType: 'SignIn', subject: 'Sign in with {{code}}', content: 'Your sign-in code is {{code}}.', contentType: 'text/plain' },
      { usageType: 'Generic', subject: 'Code {{code}}', content: '<p>Your code: <b>{{code}}</b></p>' },
    ];
    const config = filledIn(service, standIn, { templates });
    const connector = await connectorWith();
    const signIn = message();
    const register = message({ type: 'Register' });
    await connector.sendMessage(signIn, config);
    await connector.sendMessage(register, config);

    expect(standIn.emails).toHaveLength(2);
    const [first, second] = standIn.emails as [SentEmail, SentEmail];
    expect(first.subject).toBe(`Sign in with ${signIn.payload.code}`);
    expect(first.text).toBe(`Your sign-in code is ${signIn.payload.code}.`);
    expect(first.html).toContain(`Your sign-in code is ${signIn.payload.code}.`);
    expect(second.subject).toBe(`Code ${register.payload.code}`);
    expect(second.html).toBe(`<p>Your code: <b>${register.payload.code}</b></p>`);
    expect(second.text).toContain(register.payload.code);
    expect(second.text).not.toMatch(tags);
  });

  it('writes to a German user in German and to an English one in English, each with the code', async () => {
    const standIn = await start(service);
    const connector = await connectorWith();
    const config = filledIn(service, standIn);
    const german = message({ payload: { locale: 'de' } });
    const english = message({ payload: { locale: 'en' } });
    await connector.sendMessage(german, config);
    await connector.sendMessage(english, config);

    const [de, en] = standIn.emails as [SentEmail, SentEmail];
    expect(de.text).toContain(german.payload.code);
    expect(en.text).toContain(english.payload.code);
    expect(de.html).toContain(german.payload.code);
    expect(en.html).toContain(english.payload.code);
    const withoutCode = (email: SentEmail, code: string) => `${email.subject}\n${email.text}`.replaceAll(code, '');
    expect(withoutCode(de, german.payload.code)).not.toBe(withoutCode(en, english.payload.code));
    expect(de.subject).not.toBe(en.subject.replace(english.payload.code, german.payload.code));
  });

  it("shows the service's refusal to the admin in the Console test, and never to the end user", async () => {
    const standIn = await start(service);
    // The admin pasted the recipe before verifying the sender's domain.
    standIn.unverify('example.com');
    const config = filledIn(service, standIn);

    const consoleTest = await rejection((await connectorWith()).sendMessage(message(), config), 'general');
    const admin = consoleTest.data as { status: number; body: string; attempts: number };
    const refusal = standIn.answers[0]!;
    expect(refusal.status).toBeGreaterThanOrEqual(400);
    expect(refusal.status).toBeLessThan(500);
    expect(admin.status).toBe(refusal.status);
    // The service's answer as it gave it: nothing in it is a secret.
    expect(admin.body).toBe(JSON.stringify(refusal.body));
    expect(admin.body).toMatch(/example\.com\b.*\bnot\b/);
    expect(admin.attempts).toBe(1);
    expect(stderr).not.toHaveBeenCalled();

    const realSend = await rejection(
      (await connectorWith({ getConfig: async () => config })).sendMessage(message()),
      'general'
    );
    const text = `${realSend.message}\n${JSON.stringify(realSend.data)}`;
    expect(text).not.toContain('verified');
    expect(text).not.toContain('example.com');
    expect(text).not.toContain(standIn.origin);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(new URL(standIn.url).pathname);
    expect(text).not.toContain(standIn.apiKey);
    expect(Object.keys(realSend.data as object).sort()).toEqual(
      ['attempts', 'errorDescription', 'status', 'webhookId'].sort()
    );
    // The admin finds the reason in Logto's log instead: one line.
    const lines = stderr.mock.calls.map(([chunk]) => String(chunk));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('verified');
    expect(lines[0]).not.toContain(standIn.apiKey);
    // A refusal is not retried, and nothing was sent.
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.emails).toHaveLength(0);
  });

  it('waits out a 429 with Retry-After and delivers within the budget, the same bytes again', async () => {
    const standIn = await start(service);
    standIn.rateLimitNext(1, 1);
    const data = message();
    await (await connectorWith()).sendMessage(data, filledIn(service, standIn));

    expect(standIn.answers.map((answer) => answer.status)).toEqual([429, expect.any(Number)]);
    const [limited, retry] = standIn.requests as [typeof standIn.requests[0], typeof standIn.requests[0]];
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(900);
    expect(retry.body.equals(limited.body)).toBe(true);
    expect(retry.headers['webhook-id']).toBe(limited.headers['webhook-id']);
    expect(only(standIn).text).toContain(data.payload.code);
  });
});

describe('the Resend recipe and a lost answer', () => {
  it('sends one email when the answer to an accepted email is lost: the retry has the same key and bytes', async () => {
    const standIn = await start('resend');
    standIn.loseNextAcceptedAnswer();
    await (await connectorWith()).sendMessage(message(), filledIn('resend', standIn));

    expect(standIn.requests).toHaveLength(2);
    const [first, retry] = standIn.requests as [typeof standIn.requests[0], typeof standIn.requests[0]];
    expect(first.headers['idempotency-key']).toBe(first.headers['webhook-id']);
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(retry.body.equals(first.body)).toBe(true);
    expect(standIn.emails).toHaveLength(1);
    // The retry got the first answer again, as Resend gives it for a key it has seen.
    expect(standIn.answers[1]).toEqual(standIn.answers[0]);
  });

  it('waits while Resend is still processing the first attempt (409), then gets its answer: one email', async () => {
    const standIn = await startResend();
    standIns.push(standIn);
    standIn.loseNextAcceptedAnswer();
    standIn.stillProcessingNext();
    await (await connectorWith()).sendMessage(message(), filledIn('resend', standIn));

    expect(standIn.answers.map((answer) => answer.status)).toEqual([200, 409, 200]);
    expect(standIn.answers[1]?.body).toMatchObject({ name: 'concurrent_idempotent_requests' });
    expect(standIn.answers[2]).toEqual(standIn.answers[0]);
    const bodies = standIn.requests.map((request) => request.body.toString());
    expect(new Set(bodies).size).toBe(1);
    expect(standIn.emails).toHaveLength(1);
  });

  it('gives every message its own key', async () => {
    const standIn = await start('resend');
    const connector = await connectorWith();
    const config = filledIn('resend', standIn);
    await connector.sendMessage(message(), config);
    await connector.sendMessage(message(), config);
    expect(standIn.emails).toHaveLength(2);
    const keys = standIn.requests.map((request) => request.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('a recipe from a terminal', () => {
  it('sends with send --config, the text in the chosen type and language, and shows it without the key', async () => {
    const standIn = await start('resend');
    const folder = mkdtempSync(join(tmpdir(), 'recipe-'));
    try {
      const file = join(folder, 'resend.json');
      writeFileSync(file, JSON.stringify(recipe('resend')).replaceAll('YOUR_API_KEY', standIn.apiKey));
      const cli = fileURLToPath(new URL('../lib/cli.js', import.meta.url));
      const { code, stdout, stderr: errors } = await runNode([
        cli, 'send', '--config', file, '--endpoint', standIn.url, '--to', 'ada@example.com',
        '--type', 'Register', '--locale', 'de', '--code', '271828', '--show',
      ]);
      expect({ code, errors }).toEqual({ code: 0, errors: '' });
      expect(only(standIn).text).toContain('271828');
      expect(stdout).toContain('Delivered: HTTP 200');
      expect(stdout).toContain('Subject:');
      expect(stdout).not.toContain(standIn.apiKey);
      expect(stdout).not.toContain('271828');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the recipes in the package', () => {
  it('are shipped', () => {
    const { files } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { files: string[] };
    expect(files).toContain('recipes');
  });
});

describe('the stand-ins are as strict as the services', () => {
  const post = async (standIn: StandIn, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(standIn.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  };

  it('Resend: a wrong key is 403, a missing one 401; the same idempotency key with another body is 409', async () => {
    const standIn = await start('resend');
    const email = { from: 'Acme <sender@example.com>', to: 'ada@example.com', subject: 'Hi', text: 'Hello' };
    expect((await post(standIn, email, { authorization: 'Bearer re_wrong' })).status).toBe(403);
    expect((await post(standIn, email, {})).status).toBe(401);
    const auth = { authorization: `Bearer ${standIn.apiKey}`, 'idempotency-key': 'k1' };
    const first = await post(standIn, email, auth);
    expect(first.status).toBe(200);
    expect(await post(standIn, email, auth)).toEqual(first);
    const changed = await post(standIn, { ...email, subject: 'Hi again' }, auth);
    expect(changed.status).toBe(409);
    expect(JSON.parse(changed.body)).toMatchObject({ name: 'invalid_idempotent_request' });
    expect(standIn.emails).toHaveLength(1);
    const misspelt = await post(standIn, { ...email, replyTo: 'x@example.com' }, { authorization: `Bearer ${standIn.apiKey}` });
    expect(misspelt.status).toBe(422);
  });

  it('Postmark: refuses a request without Accept: application/json and a missing token', async () => {
    const standIn = await start('postmark');
    const email = { From: 'Acme <sender@example.com>', To: 'ada@example.com', Subject: 'Hi', TextBody: 'Hello' };
    expect((await post(standIn, email, { 'x-postmark-server-token': standIn.apiKey })).status).toBe(406);
    expect((await post(standIn, email, { accept: 'application/json' })).status).toBe(401);
    const noBody = await post(standIn, { ...email, TextBody: undefined }, { accept: 'application/json', 'x-postmark-server-token': standIn.apiKey });
    expect(noBody.status).toBe(422);
    expect(JSON.parse(noBody.body)).toMatchObject({ ErrorCode: 300 });
    expect((await post(standIn, email, { accept: 'application/json', 'x-postmark-server-token': standIn.apiKey })).status).toBe(200);
  });

  it('Brevo: refuses a sender written as "Name <address>" and a recipient given as a string', async () => {
    const standIn = await start('brevo');
    const auth = { 'api-key': standIn.apiKey };
    const email = { sender: { name: 'Acme', email: 'sender@example.com' }, to: [{ email: 'ada@example.com' }], subject: 'Hi', htmlContent: '<p>Hello</p>' };
    expect((await post(standIn, { ...email, sender: { email: 'Acme <sender@example.com>' } }, auth)).status).toBe(400);
    expect((await post(standIn, { ...email, to: 'ada@example.com' }, auth)).status).toBe(400);
    expect((await post(standIn, email, { authorization: `Bearer ${standIn.apiKey}` })).status).toBe(401);
    expect((await post(standIn, email, auth)).status).toBe(201);
  });

  it('SendGrid: refuses HTML before text, and an empty content value', async () => {
    const standIn = await start('sendgrid');
    const auth = { authorization: `Bearer ${standIn.apiKey}` };
    const email = {
      personalizations: [{ to: [{ email: 'ada@example.com' }] }],
      from: { email: 'sender@example.com' },
      subject: 'Hi',
      content: [{ type: 'text/plain', value: 'Hello' }, { type: 'text/html', value: '<p>Hello</p>' }],
    };
    const htmlFirst = await post(standIn, { ...email, content: [...email.content].reverse() }, auth);
    expect(htmlFirst.status).toBe(400);
    expect(JSON.parse(htmlFirst.body)).toMatchObject({ errors: [{ field: 'content' }] });
    expect((await post(standIn, { ...email, content: [{ type: 'text/plain', value: '' }] }, auth)).status).toBe(400);
    expect((await post(standIn, email, auth)).status).toBe(202);
  });

  it('MailerSend: refuses a missing text part, and answers 422 with the field', async () => {
    const standIn = await start('mailersend');
    const auth = { authorization: `Bearer ${standIn.apiKey}` };
    const email = { from: { email: 'sender@example.com' }, to: [{ email: 'ada@example.com' }], subject: 'Hi', html: '<p>Hello</p>', text: 'Hello' };
    const noText = await post(standIn, { ...email, text: undefined }, auth);
    expect(noText.status).toBe(422);
    expect(JSON.parse(noText.body)).toMatchObject({ errors: { text: [expect.any(String)] } });
    expect((await post(standIn, email, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(standIn, email, auth)).status).toBe(202);
  });

  it('each: a body that is not JSON, or not sent as JSON, is refused; only POST on the documented path', async () => {
    for (const service of serviceNames) {
      const standIn = await start(service);
      const key = { resend: 'authorization', postmark: 'x-postmark-server-token', brevo: 'api-key', sendgrid: 'authorization', mailersend: 'authorization' }[service];
      const auth = {
        [key]: key === 'authorization' ? `Bearer ${standIn.apiKey}` : standIn.apiKey,
        accept: 'application/json',
      };
      expect((await post(standIn, '{"to":', auth)).status, service).toBe(400);
      const textPlain = await fetch(standIn.url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
      expect(textPlain.status, service).toBe(400);
      expect((await fetch(standIn.url, { headers: auth })).status, service).toBe(405);
      expect((await fetch(`${standIn.origin}/elsewhere`, { method: 'POST', headers: auth })).status, service).toBe(404);
      expect(standIn.emails, service).toHaveLength(0);
    }
  });
});
