import { readFileSync } from 'node:fs';

import {
  ConnectorConfigFormItemType,
  ConnectorError,
  ConnectorErrorCodes,
  ConnectorType,
  connectorConfigFormItemGuard,
  connectorMetadataGuard,
  type SendMessageData,
} from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { httpEmailConfigGuard } from './types.js';
import {
  closedPort,
  startEndpoint,
  type TestEndpoint,
} from '../test/server.js';
import {
  connector,
  expectClean,
  publicText,
  randomCode,
  rejection,
  send,
  signInMessage,
} from '../test/helpers.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const consoleLanguages = [
  'ar', 'de', 'en', 'es', 'fa-IR', 'fr', 'it', 'ja', 'ko', 'pl-PL', 'pt-BR', 'pt-PT', 'ru', 'th',
  'tr-TR', 'zh-CN', 'zh-HK', 'zh-TW',
];

describe('metadata', () => {
  it('is an Email connector with id and target http-email and a valid metadata', async () => {
    const { metadata, type } = await connector();
    expect(type).toBe(ConnectorType.Email);
    expect(connectorMetadataGuard.parse(metadata)).toBeTruthy();
    expect(metadata).toMatchObject({
      id: 'http-email',
      target: 'http-email',
      platform: null,
      logo: './logo.svg',
      logoDark: './logo-dark.svg',
      readme: './README.md',
    });
  });

  it('has a name and a description in every Console language', async () => {
    const { metadata } = await connector();
    for (const phrases of [metadata.name, metadata.description]) {
      expect(Object.keys(phrases).sort()).toEqual([...consoleLanguages].sort());
      for (const text of Object.values(phrases)) {
        expect(text.trim().length).toBeGreaterThan(3);
      }
    }
    // A translation, not a copy of the English text.
    expect(new Set(Object.values(metadata.description)).size).toBe(consoleLanguages.length);
  });

  it('has one valid form item per config key, each explained', async () => {
    const { metadata } = await connector();
    const items = metadata.formItems ?? [];
    for (const item of items) {
      expect(connectorConfigFormItemGuard.safeParse(item).success).toBe(true);
      expect(item.tooltip ?? item.description).toBeTruthy();
    }
    const byKey = new Map(items.map((item) => [item.key, item]));
    expect(byKey.get('endpoint')).toMatchObject({
      type: ConnectorConfigFormItemType.Text,
      required: true,
    });
    expect(byKey.get('endpoint')?.placeholder).toMatch(/^https:\/\//);
    expect(byKey.get('authorization')).toMatchObject({
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
    });
    expect(byKey.get('authorization')?.tooltip).toMatch(/verbatim as the Authorization header/);
    expect(byKey.get('signingSecret')).toMatchObject({ type: 'Text', isConfidential: true });
    expect(byKey.get('headers')).toMatchObject({ type: 'Json' });
    expect(byKey.get('includeTemplate')).toMatchObject({ type: 'Switch', defaultValue: false });
    expect(byKey.get('timeout')).toMatchObject({ type: 'Number', defaultValue: 10_000 });
    expect(byKey.get('retries')).toMatchObject({ type: 'Number', defaultValue: 2 });
    // Exactly one item per key of the config guard.
    expect(items.map(({ key }) => key).sort()).toEqual(
      Object.keys(httpEmailConfigGuard.innerType().shape).sort()
    );
  });

  it('ships the logos and the README it names', () => {
    for (const file of ['logo.svg', 'logo-dark.svg']) {
      const svg = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      expect(svg).toMatch(/<svg[^>]*viewBox="0 0 24 24"/);
    }
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toMatch(/^# /);
  });
});

describe('the request', () => {
  let endpoint: TestEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint();
  });
  afterAll(async () => endpoint.close());

  const lastRequest = () => {
    const request = endpoint.requests.at(-1);
    if (!request) {
      throw new Error('the endpoint received nothing');
    }
    return request;
  };

  const messages: Array<[string, SendMessageData, string]> = [
    [
      'sign-in code with ip',
      { to: 'ada@example.com', type: 'SignIn', payload: { code: '123456' }, ip: '203.0.113.9' } as SendMessageData,
      '{"to":"ada@example.com","type":"SignIn","payload":{"code":"123456"},"ip":"203.0.113.9"}',
    ],
    [
      'no ip, and an empty ip, both left out',
      { to: 'ada@example.com', type: 'Register', payload: { code: '654321' }, ip: '' } as SendMessageData,
      '{"to":"ada@example.com","type":"Register","payload":{"code":"654321"}}',
    ],
    [
      'nested payload of an organization invitation',
      {
        to: 'grace@example.com',
        type: 'OrganizationInvitation',
        payload: {
          link: 'https://auth.example.com/invite?token=abc&x=1',
          locale: 'de',
          organization: { id: 'org1', name: 'Acme GmbH', branding: { logoUrl: 'https://x/l.png' } },
          inviter: { id: 'u1', name: 'Ada', primaryEmail: 'ada@example.com' },
          application: { id: 'app1', name: 'Portal' },
          user: { id: 'u2', username: null },
        },
      } as SendMessageData,
      '{"to":"grace@example.com","type":"OrganizationInvitation","payload":{"link":"https://auth.example.com/invite?token=abc&x=1","locale":"de","organization":{"id":"org1","name":"Acme GmbH","branding":{"logoUrl":"https://x/l.png"}},"inviter":{"id":"u1","name":"Ada","primaryEmail":"ada@example.com"},"application":{"id":"app1","name":"Portal"},"user":{"id":"u2","username":null}}}',
    ],
    [
      'unicode in every field',
      { to: 'jürgen@bücher.example', type: 'SignIn', payload: { code: '000111', note: 'Grüße 🌍 "quoted" \\ 日本' } } as SendMessageData,
      '{"to":"jürgen@bücher.example","type":"SignIn","payload":{"code":"000111","note":"Grüße 🌍 \\"quoted\\" \\\\ 日本"}}',
    ],
    [
      'a template type from a future Logto',
      { to: 'ada@example.com', type: 'PasskeyEnrollment', payload: { code: '999000' } } as unknown as SendMessageData,
      '{"to":"ada@example.com","type":"PasskeyEnrollment","payload":{"code":"999000"}}',
    ],
  ];

  it.each(messages)('%s: the body is the expected JSON, byte for byte', async (_name, data, body) => {
    await send(data, { endpoint: `${endpoint.origin}/hooks/email?tenant=t1`, authorization: 'Bearer t0k3n' });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/email?tenant=t1');
    expect(request.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(request.headers.authorization).toBe('Bearer t0k3n');
    expect(request.headers['user-agent']).toBe(`logto-connector-http-email/${version}`);
  });

  it('sends no Authorization header without authorization', async () => {
    await send(signInMessage(), { endpoint: endpoint.origin });
    expect(lastRequest().headers.authorization).toBeUndefined();
  });

  it('turns URL credentials into Basic auth and requests the URL without them', async () => {
    const url = new URL(endpoint.origin);
    await send(signInMessage(), { endpoint: `http://m%40il:p%3Ass%20w@${url.host}/in` });
    const request = lastRequest();
    expect(request.url).toBe('/in');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('m@il:p:ss w').toString('base64')}`
    );
  });

  it('resolves with the status, the attempts and the webhook-id', async () => {
    const result = await send(signInMessage(), { endpoint: endpoint.origin });
    expect(result).toEqual({
      status: 204,
      attempts: 1,
      webhookId: lastRequest().headers['webhook-id'],
    });
  });

  it("uses the config passed by Console's test and does not ask Logto for one", async () => {
    const getConfig = vi.fn(async () => ({ endpoint: 'http://127.0.0.1:9/never' }));
    const { sendMessage } = await connector(getConfig);
    await sendMessage(signInMessage(), { endpoint: `${endpoint.origin}/console-test` });
    expect(getConfig).not.toHaveBeenCalled();
    expect(lastRequest().url).toBe('/console-test');
  });

  it('reads the saved config with getConfig("http-email") when none is passed', async () => {
    const getConfig = vi.fn(async () => ({ endpoint: `${endpoint.origin}/saved`, unknownKey: 1 }));
    const { sendMessage } = await connector(getConfig);
    await sendMessage(signInMessage());
    expect(getConfig).toHaveBeenCalledWith('http-email');
    expect(lastRequest().url).toBe('/saved');
  });
});

describe('invalid config', () => {
  const token = 'Bearer s3cr3t-t0ken';
  const asciiOnly = /authorization may only contain printable ASCII characters, spaces and tabs/;
  const invalid: Array<[string, unknown, RegExp]> = [
    ['an array', [], /expected object/i],
    ['a number instead of an object', 3, /expected object/i],
    ['an empty object', {}, /endpoint is required/],
    ['a string', 'https://example.com', /expected object/i],
    ['an empty endpoint', { endpoint: '' }, /endpoint must be an absolute http: or https: URL/],
    ['a relative endpoint', { endpoint: '/email' }, /endpoint must be an absolute/],
    ['not a URL', { endpoint: 'mail server' }, /endpoint must be an absolute/],
    ['ftp:', { endpoint: 'ftp://example.com/email' }, /endpoint must be an absolute/],
    ['file:', { endpoint: 'file:///etc/passwd' }, /endpoint must be an absolute/],
    ['javascript:', { endpoint: 'javascript:alert(1)' }, /endpoint must be an absolute/],
    ['mailto:', { endpoint: 'mailto:ops@example.com' }, /endpoint must be an absolute/],
    ['a number', { endpoint: 42 }, /endpoint must be a string/],
    ['authorization a number', { endpoint: 'https://example.com', authorization: 7 }, /authorization must be a string/],
    ['CR LF in authorization', { endpoint: 'https://example.com', authorization: `${token}\r\nX-Evil: 1` }, asciiOnly],
    ['LF in authorization', { endpoint: 'https://example.com', authorization: `${token}\nX: 1` }, asciiOnly],
    ['NUL in authorization', { endpoint: 'https://example.com', authorization: `${token}\0` }, asciiOnly],
    ['an escape character in authorization', { endpoint: 'https://example.com', authorization: `${token}\u001B[0m` }, asciiOnly],
    ['DEL in authorization', { endpoint: 'https://example.com', authorization: `${token}\u007F` }, asciiOnly],
    ['an emoji in authorization', { endpoint: 'https://example.com', authorization: `${token}🔑` }, asciiOnly],
    ['U+2028 in authorization', { endpoint: 'https://example.com', authorization: `${token}\u2028` }, asciiOnly],
    ['a Latin-1 letter in authorization', { endpoint: 'https://example.com', authorization: `${token}é` }, asciiOnly],
    ['port 0', { endpoint: 'https://example.com:0/hooks/s3cr3t-t0ken' }, /endpoint must have a port from 1 to 65535/],
    ['a port above 65535', { endpoint: 'https://example.com:65536/hooks/s3cr3t-t0ken' }, /endpoint must be an absolute/],
    ['URL credentials and authorization', { endpoint: 'https://user:pw@example.com', authorization: token }, /authorization cannot be combined with credentials/],
  ];

  it.each(invalid)('%s → invalid_config naming the key, without the secret', async (_name, config, expected) => {
    const endpoint = await startEndpoint();
    try {
      const error = await rejection(send(signInMessage(), config), 'invalid_config');
      expect(publicText(error)).toMatch(expected);
      expectClean(error, [token, 's3cr3t-t0ken', 'X-Evil']);
      expect(endpoint.requests).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});

describe('a number that breaks its rule several ways', () => {
  it.each([
    ['timeout', Infinity],
    ['timeout', 100_000.5],
    ['timeout', Number.NaN],
    ['retries', -Infinity],
    ['retries', 9.5],
  ])('%s %s: the rule is stated once', async (key, value) => {
    const error = await rejection(send(signInMessage(), { endpoint: 'http://127.0.0.1:9', [key]: value }), 'invalid_config');
    const { issues } = error.data as { issues: Array<{ message: string }> };
    expect(issues.map(({ message }) => message)).toEqual([expect.stringMatching(new RegExp(`^${key} must be a whole number from`))]);
  });
});

describe('malformed messages', () => {
  const malformed: Array<[string, unknown]> = [
    ['no to', { type: 'SignIn', payload: { code: '1' } }],
    ['an empty to', { to: '', type: 'SignIn', payload: { code: '1' } }],
    ['to a number', { to: 5, type: 'SignIn', payload: {} }],
    ['no payload', { to: 'a@example.com', type: 'SignIn' }],
    ['payload a string', { to: 'a@example.com', type: 'SignIn', payload: 'code' }],
    ['payload an array', { to: 'a@example.com', type: 'SignIn', payload: [] }],
    ['payload null', { to: 'a@example.com', type: 'SignIn', payload: null }],
    ['not an object', 'a@example.com'],
  ];

  it.each(malformed)('%s → a ConnectorError and nothing sent', async (_name, data) => {
    const endpoint = await startEndpoint();
    try {
      const error = await rejection(
        send(data as SendMessageData, { endpoint: endpoint.origin }),
        'invalid_request_parameters'
      );
      expect(publicText(error)).toMatch(/Nothing was sent/);
      expect(endpoint.requests).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});

describe('failed sends, as the Console test shows them to the admin', () => {
  it('a 4xx answer → general with status, the redacted answer, the origin only', async () => {
    const code = randomCode();
    const endpoint = await startEndpoint((request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`rejected: ${request.headers.authorization} sent ${request.body.toString()}`);
    });
    try {
      const config = { endpoint: `${endpoint.origin}/mail?key=q-secret`, authorization: 'Bearer tok-123' };
      const error = await rejection(send(signInMessage(code), config), 'general');
      expect(error.data).toMatchObject({ status: 400, attempts: 1 });
      const { message, body } = error.data as { message: string; body: string };
      expect(message).toMatch(new RegExp(`^HTTP email endpoint ${endpoint.origin} answered 400 Bad Request; 1 attempt in \\d+ ms of the 10 s budget\\.$`));
      expect(body).toContain('rejected: [redacted] sent');
      expectClean(error, [code, 'tok-123', 'q-secret', 'key=', '/mail']);
    } finally {
      await endpoint.close();
    }
  });

  it('an unreachable endpoint → general, nothing secret', async () => {
    const code = randomCode();
    const port = await closedPort();
    const error = await rejection(
      send(signInMessage(code), {
        endpoint: `http://us3r:pa55@127.0.0.1:${port}/x?sig=abc123`,
        retries: 0,
      }),
      'general'
    );
    const { message } = error.data as { message: string };
    expect(message).toMatch(/could not be reached \(connection refused\)/);
    expect(message).toContain(`http://127.0.0.1:${port} could not`);
    expectClean(error, [code, 'us3r', 'pa55', 'abc123', '/x', Buffer.from('us3r:pa55').toString('base64')]);
  });
});

describe('a payload that cannot be serialized', () => {
  const cyclic: Record<string, unknown> = { code: '123456' };
  cyclic.self = cyclic;
  const unserializable: Array<[string, Record<string, unknown>]> = [
    ['a cycle', cyclic],
    ['a BigInt', { code: '123456', count: 10n }],
    ['a throwing toJSON', { code: '123456', toJSON: () => { throw new Error('secret-in-toJSON'); } }],
  ];

  it.each(unserializable)('%s → invalid_request_parameters, nothing sent', async (_name, payload) => {
    const endpoint = await startEndpoint();
    try {
      const error = await rejection(
        send({ to: 'ada@example.com', type: 'SignIn', payload } as unknown as SendMessageData, { endpoint: endpoint.origin }),
        'invalid_request_parameters'
      );
      expect(publicText(error)).toMatch(/Nothing was sent: the message cannot be serialized as JSON/);
      expectClean(error, ['secret-in-toJSON', '123456']);
      expect(endpoint.requests).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});

describe('a saved config that cannot be read', () => {
  it("Logto's getConfig failing: a ConnectorError that says nothing of the cause", async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { sendMessage } = await connector(async () => {
        throw new TypeError('connect ECONNREFUSED postgres://logto:pw@db:5432');
      });
      const error = await rejection(sendMessage(signInMessage()), 'general');
      expect(publicText(error)).toMatch(/The email could not be sent: the configuration is invalid or could not be read\. Reference: msg_/);
      expect(publicText(error)).not.toMatch(/postgres|ECONNREFUSED|pw@db/);
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      write.mockRestore();
    }
  });

  it("Logto's own ConnectorError from getConfig keeps its code", async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { sendMessage } = await connector(async () => {
        throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, 'no config');
      });
      const error = await rejection(sendMessage(signInMessage()), 'invalid_config');
      expect(publicText(error)).not.toContain('no config');
    } finally {
      write.mockRestore();
    }
  });
});

describe('a config checked once', () => {
  it('a config that JSON would show as a valid one it is not is still checked: invalid_config', async () => {
    const endpoint = await startEndpoint();
    try {
      const valid = { endpoint: endpoint.origin, headers: {} };
      await send(signInMessage(), valid);
      for (const config of [
        { endpoint: endpoint.origin, headers: { 'X-Key': undefined } },
        { endpoint: endpoint.origin, headers: new Map([['X-Key', 'v']]) },
        { endpoint: endpoint.origin, headers: { toJSON: () => ({}) } },
      ]) {
        // eslint-disable-next-line no-await-in-loop
        await rejection(send(signInMessage(), config), 'invalid_config');
      }
      expect(endpoint.requests).toHaveLength(1);
    } finally {
      await endpoint.close();
    }
  });
});
