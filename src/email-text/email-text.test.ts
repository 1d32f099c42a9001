import type { EmailTemplateDetails, GetI18nEmailTemplate, SendMessageData } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';

import createConnector from '../index.js';
import { builtInEmail } from '../texts/index.js';
import { endpointsClosedAfterEach, rejection } from '../../test/helpers.js';

const startEndpoint = endpointsClosedAfterEach();

const notCalled = async () => {
  throw new Error('getConfig is not used here');
};

/** The Resend recipe's body, with every text field and the reply-to. */
const body = {
  from: 'Acme <sender@example.com>',
  to: ['{{to}}'],
  subject: '{{template.subject}}',
  html: '{{template.html}}',
  text: '{{template.text}}',
  reply_to: '{{template.replyTo}}',
  content_type: '{{template.contentType}}',
};

const signIn = (locale = 'en') =>
  ({
    to: 'ada@example.com',
    type: 'SignIn',
    payload: { code: '314159', locale, application: { name: 'Portal' } },
  }) as SendMessageData;

/** Sends through the connector as Console's test does, and returns the body the endpoint got. */
const sent = async (
  data: SendMessageData,
  config: Record<string, unknown>,
  getI18nEmailTemplate?: GetI18nEmailTemplate
) => {
  const endpoint = await startEndpoint();
  const connector = await createConnector({ getConfig: notCalled, getI18nEmailTemplate });
  await connector.sendMessage(data, { endpoint: endpoint.origin, ...config });
  return JSON.parse(endpoint.requests[0]!.body.toString()) as Record<string, unknown>;
};

const templates = [
  {
    usageType: 'Generic',
    subject: 'Generic {{code}}',
    content: 'Your code: {{code}}\n\nSee https://example.com/help for help, {{application.name}}.',
    contentType: 'text/plain',
  },
  {
    usageType: 'SignIn',
    subject: 'Sign in to {{application.name}}',
    content: '<p>Code <b>{{code}}</b></p>',
    replyTo: 'help@example.com',
  },
];

describe("the email's text, first found wins", () => {
  it("no template anywhere: the built-in text, as HTML and as text, each with the code", async () => {
    const data = signIn();
    const received = await sent(data, { body });
    const builtIn = builtInEmail('SignIn', data.payload);
    expect(received).toEqual({
      from: 'Acme <sender@example.com>',
      to: ['ada@example.com'],
      subject: builtIn.subject,
      html: builtIn.html,
      text: builtIn.text,
      content_type: 'text/html',
    });
    expect(received.html).toContain('314159');
    expect(received.text).toContain('314159');
    expect(received.text).not.toMatch(/<[a-z/]/i);
  });

  it("the config's templates: the entry for the type, rendered as Logto renders its own", async () => {
    const received = await sent(signIn(), { body, templates });
    expect(received).toMatchObject({
      subject: 'Sign in to Portal',
      html: '<p>Code <b>314159</b></p>',
      text: 'Code 314159',
      reply_to: 'help@example.com',
      content_type: 'text/html',
    });
  });

  it('…else the Generic entry; plain text becomes escaped HTML with its URL clickable', async () => {
    const data = { ...signIn(), type: 'ForgotPassword', payload: { code: '271828', application: { name: 'A & <B>' } } } as SendMessageData;
    const received = await sent(data, { body, templates });
    expect(received).toEqual({
      from: 'Acme <sender@example.com>',
      to: ['ada@example.com'],
      subject: 'Generic 271828',
      text: 'Your code: 271828\n\nSee https://example.com/help for help, A & <B>.',
      html: '<p>Your code: 271828</p>\n<p>See <a href="https://example.com/help">https://example.com/help</a> for help, A &amp; &lt;B&gt;.</p>',
      content_type: 'text/plain',
    });
  });

  it("Logto's template wins over the config's, with includeTemplate on; its HTML's text part has no tags", async () => {
    const logto: EmailTemplateDetails = {
      subject: 'Logto {{code}}',
      content: '<html><body><h1>Hi</h1><p>Use <a href="https://example.com/s?c={{code}}">this link</a>.</p></body></html>',
      contentType: 'text/html',
    };
    const getTemplate = vi.fn(async () => logto);
    const received = await sent(signIn('de'), { body, templates, includeTemplate: true }, getTemplate);
    expect(getTemplate).toHaveBeenCalledWith('SignIn', 'de');
    expect(received).toMatchObject({
      subject: 'Logto 314159',
      html: '<html><body><h1>Hi</h1><p>Use <a href="https://example.com/s?c=314159">this link</a>.</p></body></html>',
      text: 'Hi\n\nUse this link (https://example.com/s?c=314159).',
    });
    // The config's reply-to belongs to its own template, not to Logto's.
    expect(received).not.toHaveProperty('reply_to');
  });

  it("Logto without a template for the message: the config's templates", async () => {
    const getTemplate = vi.fn(async () => undefined);
    const received = await sent(signIn(), { body, templates, includeTemplate: true }, getTemplate);
    expect(getTemplate).toHaveBeenCalledTimes(1);
    expect(received.subject).toBe('Sign in to Portal');
  });

  it('includeTemplate off: Logto is not asked', async () => {
    const getTemplate = vi.fn(async () => ({ subject: 'Logto', content: 'x' }));
    const received = await sent(signIn(), { body, templates }, getTemplate);
    expect(getTemplate).not.toHaveBeenCalled();
    expect(received.subject).toBe('Sign in to Portal');
  });

  it('a body that does not use the text: Logto is not asked, even with includeTemplate', async () => {
    const getTemplate = vi.fn(async () => ({ subject: 'Logto', content: 'x' }));
    const received = await sent(signIn(), { body: { to: '{{to}}', code: '{{payload.code}}' }, includeTemplate: true }, getTemplate);
    expect(getTemplate).not.toHaveBeenCalled();
    expect(received).toEqual({ to: 'ada@example.com', code: '314159' });
  });
});

describe('the usual body is untouched by all this', () => {
  it("with includeTemplate and config templates but no Logto template: no template key", async () => {
    const received = await sent(signIn(), { templates, includeTemplate: true, body: {} }, async () => undefined);
    expect(Object.keys(received)).toEqual(['to', 'type', 'payload']);
  });

  it("with Logto's template: exactly Logto's template, no html or text added", async () => {
    const logto = { subject: 'S {{code}}', content: '<p>{{code}}</p>', contentType: 'text/html' as const };
    const received = await sent(signIn(), { templates, includeTemplate: true }, async () => logto);
    expect(received.template).toEqual({ subject: 'S 314159', content: '<p>314159</p>', contentType: 'text/html' });
  });
});

describe('templates in the config guard', () => {
  it.each([
    ['an object', { usageType: 'Generic' }, /templates must be an array/],
    ['a string', 'Generic', /templates must be an array/],
    ['an entry not an object', ['x'], /templates: the first entry must be an object/],
    ['no usageType', [{ subject: 's', content: 'c' }], /templates: the first entry needs usageType/],
    ['an empty subject', [templates[0], { usageType: 'SignIn', subject: '', content: 'c' }], /templates: the second entry needs subject/],
    ['no content', [{ usageType: 'SignIn', subject: 's' }], /templates: the first entry needs content/],
    ['a number subject', [{ usageType: 'SignIn', subject: 1, content: 'c' }], /templates: the first entry's subject must be a string/],
    ['another content type', [{ usageType: 'SignIn', subject: 's', content: 'c', contentType: 'application/pdf' }], /contentType must be text\/html or text\/plain/],
  ])('%s → invalid_config naming templates', async (_name, value, expected) => {
    const endpoint = await startEndpoint();
    const connector = await createConnector({ getConfig: notCalled });
    const error = await rejection(connector.sendMessage(signIn(), { endpoint: endpoint.origin, templates: value }), 'invalid_config');
    expect(JSON.stringify(error.data)).toMatch(expected);
    expect(endpoint.requests).toHaveLength(0);
  });

  it.each([[{}], [[]], [null]])('%j means none', async (value) => {
    const received = await sent(signIn(), { body, templates: value });
    expect(received.subject).toBe(builtInEmail('SignIn', signIn().payload).subject);
  });
});
