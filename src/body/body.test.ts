import { ConnectorConfigFormItemType, connectorConfigFormItemGuard, type SendMessageData } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { defaultMetadata } from '../constant.js';
import type { EmailText } from '../email-text/index.js';
import { endpointsClosedAfterEach, publicText, rejection, send } from '../../test/helpers.js';

import { bodyProblems, bodyTemplateOf } from './index.js';

const startEndpoint = endpointsClosedAfterEach();

const message = (overrides: Partial<Record<keyof SendMessageData, unknown>> = {}): SendMessageData =>
  ({
    to: 'ada@example.com',
    type: 'SignIn',
    payload: { code: '123456', locale: 'de', application: { name: 'Portal', id: 7 } },
    ...overrides,
  }) as SendMessageData;

const emailText: EmailText = {
  subject: 'Your code',
  html: '<p>Code 123456</p>',
  text: 'Code 123456',
  content: '<p>Code 123456</p>',
  contentType: 'text/html',
};

/** The body a template renders for a message, parsed back. */
const rendered = (body: Record<string, unknown>, data = message(), text = emailText) => {
  const template = bodyTemplateOf(body);
  if (!template) {
    throw new Error('no template');
  }
  return JSON.parse(template.render({ data, webhookId: 'msg_1', text: () => text })) as unknown;
};

describe('placeholders', () => {
  it('an exact placeholder takes the value with its JSON type', () => {
    expect(
      rendered({
        to: '{{to}}',
        type: '{{ type }}',
        id: '{{webhookId}}',
        app: '{{payload.application}}',
        appId: '{{payload.application.id}}',
        list: ['{{to}}'],
        html: '{{template.html}}',
      })
    ).toEqual({
      to: 'ada@example.com',
      type: 'SignIn',
      id: 'msg_1',
      app: { name: 'Portal', id: 7 },
      appId: 7,
      list: ['ada@example.com'],
      html: '<p>Code 123456</p>',
    });
  });

  it('a placeholder inside a longer string becomes its text; objects as JSON, missing as nothing', () => {
    expect(
      rendered({
        subject: '{{payload.application.name}}: {{ payload.code }}',
        id: 'id {{payload.application.id}}',
        app: 'app={{payload.application}}',
        ip: 'from {{ip}}.',
      })
    ).toEqual({
      subject: 'Portal: 123456',
      id: 'id 7',
      app: 'app={"name":"Portal","id":7}',
      ip: 'from .',
    });
  });

  it('a missing value drops its key or element, and what it empties in turn', () => {
    const data = message({ payload: { code: '', empty: null } as SendMessageData['payload'] });
    expect(
      rendered(
        {
          keep: 1,
          ip: '{{ip}}',
          code: '{{payload.code}}',
          empty: '{{payload.empty}}',
          absent: '{{payload.nothing.deeper}}',
          reply_to: { email: '{{template.replyTo}}' },
          nested: { a: [{ b: '{{template.sendFrom}}' }] },
          list: ['{{ip}}', 'x', '{{payload.code}}'],
        },
        data
      )
    ).toEqual({ keep: 1, list: ['x'] });
  });

  it('empty values the admin wrote count as missing, as Logto saves them', () => {
    expect(rendered({ a: '', b: null, c: [], d: {}, e: { f: '' }, g: ['', 'x'], to: '{{to}}' })).toEqual({
      g: ['x'],
      to: 'ada@example.com',
    });
    // Nothing but empty values: what Logto saves is no body at all, so the usual body goes out.
    expect(bodyTemplateOf({ a: '', b: { c: [] } })).toBeUndefined();
    expect(bodyTemplateOf({})).toBeUndefined();
    expect(bodyTemplateOf(undefined)).toBeUndefined();
    expect(bodyTemplateOf(null)).toBeUndefined();
  });

  it('payload paths read own properties only', () => {
    const data = message({ payload: { code: '1' } });
    expect(
      rendered(
        {
          a: '{{payload.constructor}}',
          b: '{{payload.__proto__}}',
          c: '{{payload.toString}}',
          d: '{{payload.code.length}}',
          e: 'x{{payload.hasOwnProperty}}',
          f: '{{payload.code}}',
        },
        data
      )
    ).toEqual({ e: 'x', f: '1' });
  });

  it('a payload with its own __proto__ or constructor key gives that value, and adds no key', () => {
    const payload = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "c"}') as Record<string, unknown>;
    const result = rendered(
      { p: '{{payload.__proto__}}', c: '{{payload.constructor}}', q: '{{payload.__proto__.polluted}}' },
      message({ payload })
    ) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['p', 'c', 'q']);
    expect(result.c).toBe('c');
    expect(result.q).toBe('yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body key named __proto__ stays a key of the body', () => {
    const body = JSON.parse('{"__proto__": {"to": "{{to}}"}, "x": "{{type}}"}') as Record<string, unknown>;
    const template = bodyTemplateOf(body)!;
    const text = template.render({ data: message(), webhookId: 'msg_1', text: () => emailText });
    expect(text).toBe('{"__proto__":{"to":"ada@example.com"},"x":"SignIn"}');
  });

  it('values holding quotes, braces, placeholders and line breaks stay one value each', () => {
    const nasty = 'a"b\\"c}{{{to}}}\r\n{{payload.code}}\u2028</p>","bcc":"eve@example.com';
    const data = message({
      type: nasty,
      payload: { code: '1', name: nasty, application: { name: '{{to}}' } } as SendMessageData['payload'],
    });
    const text = { ...emailText, subject: nasty, html: nasty };
    const result = rendered(
      {
        to: ['{{to}}'],
        subject: '{{template.subject}}',
        html: 'Hi {{payload.name}}!',
        type: '{{type}}',
        app: '{{payload.application.name}}',
      },
      data,
      text
    );
    expect(result).toEqual({
      to: ['ada@example.com'],
      subject: nasty,
      html: `Hi ${nasty}!`,
      type: nasty,
      app: '{{to}}',
    });
  });

  it('a template without placeholders goes out as written', () => {
    expect(rendered({ a: 1, b: [true, 2.5, 'x'], c: { d: 'e' } })).toEqual({ a: 1, b: [true, 2.5, 'x'], c: { d: 'e' } });
  });

  it('the email text is worked out once per message, and only when the template uses it', () => {
    let made = 0;
    const text = () => {
      made++;
      return emailText;
    };
    const withText = bodyTemplateOf({ s: '{{template.subject}}', h: '{{template.html}}' })!;
    const without = bodyTemplateOf({ to: '{{to}}' })!;
    expect(withText.usesText).toBe(true);
    expect(without.usesText).toBe(false);
    without.render({ data: message(), webhookId: 'msg_1', text });
    expect(made).toBe(0);
  });
});

describe('the recipient', () => {
  const notOne = [
    'a@example.com,b@example.com',
    'a@example.com, b@example.com',
    'a@example.com;b@example.com',
    'a@b@example.com',
    'a@example.com\nBcc: b@example.com',
    'a@example.com\r\n',
    'Ada <a@example.com>',
    'a @example.com',
    'a@example.com\u2028',
    'a@example.com\u0085',
    'example.com',
  ];
  it.each(notOne)('with a body, a `to` that is not one address (%j) → invalid_request_parameters, nothing sent', async (to) => {
    const endpoint = await startEndpoint();
    const error = await rejection(
      send(message({ to }), { endpoint: endpoint.origin, body: { to: '{{to}}' } }),
      'invalid_request_parameters'
    );
    expect(publicText(error)).toMatch(/exactly one email address/);
    expect(endpoint.requests).toHaveLength(0);
  });

  it.each(["o'brien@example.com", 'ada+logto@example.com', 'jürgen@bücher.example'])('one address (%s) passes', async (to) => {
    const endpoint = await startEndpoint();
    await send(message({ to }), { endpoint: endpoint.origin, body: { to: '{{to}}' } });
    expect(JSON.parse(endpoint.requests[0]!.body.toString())).toEqual({ to });
  });

  it('without a body, `to` goes to the endpoint as it is, as in 0.4.x', async () => {
    const endpoint = await startEndpoint();
    await send(message({ to: 'a@example.com, b@example.com' }), { endpoint: endpoint.origin });
    expect(JSON.parse(endpoint.requests[0]!.body.toString())).toMatchObject({ to: 'a@example.com, b@example.com' });
  });
});

describe('through a real send', () => {
  it.each([[{}], [{ from: '', to: [], reply_to: { email: null } }], [null], [undefined]])(
    'body %j: the usual body, byte for byte',
    async (body) => {
      const endpoint = await startEndpoint();
      await send({ ...message(), ip: '203.0.113.9' } as SendMessageData, { endpoint: endpoint.origin, body });
      expect(endpoint.requests[0]!.body.toString()).toBe(
        '{"to":"ada@example.com","type":"SignIn","payload":{"code":"123456","locale":"de","application":{"name":"Portal","id":7}},"ip":"203.0.113.9"}'
      );
    }
  );

  it('every attempt of a message sends the same body bytes, the webhook-id in them', async () => {
    let count = 0;
    const endpoint = await startEndpoint((_request, response) => {
      response.writeHead(count++ === 0 ? 503 : 200).end();
    });
    const { webhookId } = (await send(message(), {
      endpoint: endpoint.origin,
      body: { id: '{{webhookId}}', to: ['{{to}}'], subject: '{{template.subject}}', html: '{{template.html}}' },
    })) as { webhookId: string };
    const [first, second] = endpoint.requests;
    expect(second!.body.equals(first!.body)).toBe(true);
    expect(JSON.parse(first!.body.toString())).toMatchObject({ id: webhookId, to: ['ada@example.com'] });
    expect(first!.headers['content-type']).toBe('application/json');
  });
});

describe('a credential in the body', () => {
  it('a value under a key such as api_key is redacted from what the admin reads, like a header value', async () => {
    const apiKey = 'api-0123456789abcdef';
    const endpoint = await startEndpoint((request, response) => {
      response.writeHead(422).end(`rejected: ${request.body.toString()}`);
    });
    const error = await rejection(
      send(message(), { endpoint: endpoint.origin, body: { api_key: apiKey, to: ['{{to}}'], sender: 'Acme <sender@example.com>' } }),
      'general'
    );
    const { body } = error.data as { body: string };
    expect(body).toContain('Acme <sender@example.com>');
    expect(body).not.toContain(apiKey);
    expect(JSON.parse(endpoint.requests[0]!.body.toString())).toMatchObject({ api_key: apiKey });
  });
});

describe('a password in the body', () => {
  it.each(['pass', 'smtp_pass', 'pwd'])('a value under %s is redacted too', async (key) => {
    const password = 'Pw0rd-9f8e7d6c';
    const endpoint = await startEndpoint((request, response) => {
      response.writeHead(422).end(`rejected: ${request.body.toString()}`);
    });
    const error = await rejection(
      send(message(), { endpoint: endpoint.origin, body: { auth: { user: 'acme', [key]: password }, to: ['{{to}}'] } }),
      'general'
    );
    const { body } = error.data as { body: string };
    expect(body).toContain('"user":"acme"');
    expect(body).not.toContain(password);
  });
});

describe('the config guard', () => {
  it.each([
    ['an array', [{ to: '{{to}}' }], /body must be a JSON object/],
    ['a string', '{"to": "{{to}}"}', /body must be a JSON object/],
    ['a number', 3, /body must be a JSON object/],
    ['an unknown name', { to: '{{recipient}}' }, /body: \{\{recipient\}\} names no value/],
    ['an empty payload segment', { x: '{{payload..x}}' }, /body: \{\{payload\.\.x\}\} names no value/],
    ['payload alone', { x: '{{payload}}' }, /body: \{\{payload\}\} names no value/],
    ['an unknown template name', { x: ['{{template.body}}'] }, /body: \{\{template\.body\}\} names no value/],
    ['a placeholder in a key', { '{{to}}': 'x' }, /body: placeholders stand in string values, never in keys/],
    ['an empty placeholder', { x: 'a {{ }} b' }, /body: \{\{\}\} names no value|body: a placeholder names no value/],
  ])('%s → invalid_config naming body', async (_name, body, expected) => {
    const endpoint = await startEndpoint();
    const error = await rejection(send(message(), { endpoint: endpoint.origin, body }), 'invalid_config');
    expect(publicText(error)).toMatch(expected);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('never shows what is not a name: a key pasted between braces stays unseen', () => {
    expect(bodyProblems({ x: '{{ re_123 secret key }}' })).toEqual(['body: a placeholder names no value']);
  });

  it('a body nested too deeply is a mistake named as such, not a stack overflow', async () => {
    let deep: Record<string, unknown> = { to: '{{to}}' };
    for (let level = 0; level < 100_000; level++) {
      deep = { a: level % 2 ? deep : [deep] };
    }
    expect(bodyProblems(deep)).toEqual(['body: nested deeper than 64 levels']);
    const endpoint = await startEndpoint();
    const error = await rejection(send(message(), { endpoint: endpoint.origin, body: deep }), 'invalid_config');
    expect(publicText(error)).toMatch(/body: nested deeper than 64 levels/);
    expect(endpoint.requests).toHaveLength(0);
    let fine: Record<string, unknown> = { to: '{{to}}' };
    for (let level = 1; level < 64; level++) {
      fine = { a: fine };
    }
    expect(bodyProblems(fine)).toEqual([]);
  });

  it('reads `{{` followed by a long run of spaces in linear time (a lazy pattern took minutes)', () => {
    // 200 000 spaces: the earlier pattern took 17 s for 4000 of them, so this would hang the test.
    const spaces = ' '.repeat(200_000);
    expect(bodyProblems({ x: `{{${spaces}`, y: `{{a${spaces}x` })).toEqual([]);
    expect(bodyProblems({ x: `{{${spaces}to${spaces}}}` })).toEqual([]);
  });

  it('accepts every name, spaces inside the braces, and text that only looks like a placeholder', () => {
    expect(
      bodyProblems({
        a: '{{to}}{{type}}{{ip}}{{webhookId}}{{payload.a.b.0}}',
        b: '{{ template.subject }} {{template.html}} {{template.text}} {{template.content}}',
        c: '{{template.contentType}}{{template.replyTo}}{{template.sendFrom}}',
        d: 'a {{ b',
        e: '}} {',
      })
    ).toEqual([]);
  });
});

describe('in Console', () => {
  it.each(['body', 'templates'])('%s is a Json form item with {} as its default, pointing to the recipes', (key) => {
    const item = defaultMetadata.formItems?.find((formItem) => formItem.key === key);
    expect(connectorConfigFormItemGuard.parse(item)).toMatchObject({
      type: ConnectorConfigFormItemType.Json,
      required: false,
      defaultValue: {},
    });
    expect(item?.tooltip).toBeTruthy();
  });

  it("body's description names every placeholder and the recipes", () => {
    const { tooltip } = defaultMetadata.formItems!.find((formItem) => formItem.key === 'body')!;
    for (const word of ['{{to}}', '{{webhookId}}', '{{payload.code}}', '{{template.html}}', '{{template.text}}', 'recipes/', 'docs/recipes.md']) {
      expect(tooltip).toContain(word);
    }
  });
});
