import type { EmailTemplateDetails, GetI18nEmailTemplate, SendMessageData } from '@logto/connector-kit';
import { stat } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startEndpoint, type TestEndpoint } from '../test/server.js';

import createConnector from './index.js';

let endpoint: TestEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint();
});
afterAll(async () => endpoint.close());

const notCalled = async () => {
  throw new Error('getConfig is not used here');
};

const sendWith = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  data: SendMessageData,
  config: Record<string, unknown> = { includeTemplate: true }
) => {
  const connector = await createConnector({ getConfig: notCalled, getI18nEmailTemplate });
  await connector.sendMessage(data, { endpoint: endpoint.origin, ...config });
  const request = endpoint.requests.at(-1)!;
  return { raw: request.body.toString(), body: JSON.parse(request.body.toString()) as Record<string, unknown> };
};

const invitation = {
  to: 'grace@example.com',
  type: 'OrganizationInvitation',
  payload: {
    link: 'https://auth.example.com/invite/abc',
    locale: 'de',
    organization: { id: 'o1', name: 'Acme GmbH' },
    inviter: { name: 'Ada' },
    application: { name: 'Portal' },
  },
  ip: '203.0.113.1',
} as SendMessageData;

describe('includeTemplate on', () => {
  it('renders every field of the template from the payload and adds it after ip', async () => {
    const template: EmailTemplateDetails = {
      subject: 'Einladung zu {{organization.name}}',
      content: '<p>{{ inviter.name }} lädt Sie zu {{application.name}} ein: <a href="{{link}}">{{link}}</a></p>',
      contentType: 'text/html',
      replyTo: '{{inviter.name}} <noreply@example.com>',
      sendFrom: '{{organization.name}} <mail@example.com>',
    };
    const getTemplate = vi.fn(async () => template);
    const { raw, body } = await sendWith(getTemplate, invitation);
    expect(getTemplate).toHaveBeenCalledWith('OrganizationInvitation', 'de');
    expect(body.template).toEqual({
      subject: 'Einladung zu Acme GmbH',
      content:
        '<p>Ada lädt Sie zu Portal ein: <a href="https://auth.example.com/invite/abc">https://auth.example.com/invite/abc</a></p>',
      contentType: 'text/html',
      replyTo: 'Ada <noreply@example.com>',
      sendFrom: 'Acme GmbH <mail@example.com>',
    });
    expect(Object.keys(body)).toEqual(['to', 'type', 'payload', 'ip', 'template']);
    // The rest of the body is unchanged.
    const { template: _template, ...rest } = body;
    expect(rest).toEqual(JSON.parse(JSON.stringify(invitation)));
    expect(raw.startsWith(JSON.stringify(invitation).slice(0, -1))).toBe(true);
  });

  it('renders {{code}}; leaves a variable whose root is absent as written; empties a missing leaf', async () => {
    const getTemplate = vi.fn(async () => ({
      subject: 'Ihr Code: {{code}}',
      content: 'Hallo {{user.name}}, {{application.missing}}Code {{code}} für {{application.name}}',
    }));
    const { body } = await sendWith(getTemplate, {
      to: 'ada@example.com',
      type: 'SignIn',
      payload: { code: '314159', locale: 'de-DE', application: { name: 'Portal' } },
    } as SendMessageData);
    expect(getTemplate).toHaveBeenCalledWith('SignIn', 'de-DE');
    expect(body.template).toEqual({
      subject: 'Ihr Code: 314159',
      content: 'Hallo {{user.name}}, Code 314159 für Portal',
    });
  });

  it('passes no locale when the payload has none', async () => {
    const getTemplate = vi.fn(async () => ({ subject: 's', content: 'c' }));
    await sendWith(getTemplate, { to: 'a@example.com', type: 'Generic', payload: { code: '1' } } as SendMessageData);
    expect(getTemplate).toHaveBeenCalledWith('Generic', undefined);
  });

  const fallbacks: Array<[string, GetI18nEmailTemplate | undefined]> = [
    ['no template stored', async () => undefined],
    ['no getI18nEmailTemplate (an older Logto)', undefined],
    ['a failure while fetching', async () => {
      throw new Error('database down');
    }],
    ['a malformed template', async () => ({ subject: 5 }) as unknown as EmailTemplateDetails],
  ];

  it.each(fallbacks)('%s: the message goes out without template', async (_name, getTemplate) => {
    const data = { to: 'a@example.com', type: 'Register', payload: { code: '2' } } as SendMessageData;
    const { raw } = await sendWith(getTemplate, data);
    expect(raw).toBe(JSON.stringify(data));
  });
});

describe('a template lookup that takes too long', () => {
  const data = { to: 'a@example.com', type: 'SignIn', payload: { code: '3' } } as SendMessageData;

  it('never settles: the message goes out without template, within a twentieth of the budget', async () => {
    const getTemplate = vi.fn(async () => new Promise<EmailTemplateDetails>(() => undefined));
    const start = performance.now();
    const { raw } = await sendWith(getTemplate, data, { includeTemplate: true, timeout: 2000 });
    const elapsed = performance.now() - start;
    expect(getTemplate).toHaveBeenCalledTimes(1);
    expect(raw).toBe(JSON.stringify(data));
    expect(elapsed).toBeGreaterThan(95);
    expect(elapsed).toBeLessThan(1000);
  });

  it('slower than the whole budget: the message goes out without template, at most 0.5 s later', async () => {
    const getTemplate = vi.fn(
      async () =>
        new Promise<EmailTemplateDetails>((resolve) => {
          setTimeout(() => resolve({ subject: 'late', content: 'late' }), 30_000).unref();
        })
    );
    const start = performance.now();
    const { raw } = await sendWith(getTemplate, data, { includeTemplate: true, timeout: 20_000 });
    const elapsed = performance.now() - start;
    expect(raw).toBe(JSON.stringify(data));
    expect(elapsed).toBeGreaterThan(495);
    expect(elapsed).toBeLessThan(1500);
  });

  it("Logto's answer that arrived during a stall past the lookup's limit still counts", async () => {
    // Budget 2000: the lookup may take 100 ms. Logto's answer comes from I/O (its database) that
    // completes while the loop is stalled past those 100 ms; the limit must not win for being a timer.
    const getTemplate = vi.fn(
      async () =>
        new Promise<EmailTemplateDetails>((resolve) => {
          setImmediate(() => {
            stat('.', () => {
              resolve({ subject: 'From Logto', content: '{{code}}' });
            });
            const end = performance.now() + 250;
            while (performance.now() < end) {
              // A long garbage collection.
            }
          });
        })
    );
    const { body } = await sendWith(getTemplate, data, { includeTemplate: true, timeout: 2000 });
    expect(body.template).toMatchObject({ subject: 'From Logto', content: '3' });
  });

  it('its time counts against the budget: a hung endpoint after a slow lookup still fails within it', async () => {
    const hung = await startEndpoint(() => undefined);
    try {
      const getTemplate = vi.fn(async () => new Promise<EmailTemplateDetails>(() => undefined));
      const connector = await createConnector({ getConfig: notCalled, getI18nEmailTemplate: getTemplate });
      const start = performance.now();
      await expect(
        connector.sendMessage(data, { endpoint: hung.origin, includeTemplate: true, timeout: 1000, retries: 0 })
      ).rejects.toMatchObject({ code: 'general' });
      const elapsed = performance.now() - start;
      expect(elapsed).toBeGreaterThan(950);
      expect(elapsed).toBeLessThan(1400);
    } finally {
      await hung.close();
    }
  });
});

describe('includeTemplate off', () => {
  it.each([{ includeTemplate: false }, {}])('%o: Logto is not asked and the body has no template', async (config) => {
    const getTemplate = vi.fn(async () => ({ subject: 's', content: 'c' }));
    const { raw } = await sendWith(getTemplate, invitation, config);
    expect(getTemplate).not.toHaveBeenCalled();
    expect(raw).toBe(JSON.stringify(invitation));
  });

  it('a value that is not a boolean is an invalid config', async () => {
    const connector = await createConnector({ getConfig: notCalled });
    await expect(
      connector.sendMessage(invitation, { endpoint: endpoint.origin, includeTemplate: 'yes' })
    ).rejects.toMatchObject({ code: 'invalid_config', message: expect.stringMatching(/includeTemplate must be true or false/) });
  });
});
