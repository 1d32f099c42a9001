// The same messages through 0.4.3 (installed under an npm alias) and through this package, to one
// server: the requests must be equal where an endpoint can tell them apart.
import type { SendMessageData } from '@logto/connector-kit';
import createLegacyConnector from 'connector-http-email-043';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';

import { startEndpoint, type ReceivedRequest, type TestEndpoint } from './server.js';

const notCalled = async () => {
  throw new Error('getConfig is not used here');
};

const messages: SendMessageData[] = [
  { to: 'ada@example.com', type: 'SignIn', payload: { code: '123456' }, ip: '198.51.100.7' },
  { to: 'ada@example.com', type: 'Register', payload: { code: '654321', locale: 'de' } },
  { to: 'ada@example.com', type: 'ForgotPassword', payload: { code: '111222' }, ip: '' },
  {
    to: 'grace@example.com',
    type: 'OrganizationInvitation',
    payload: {
      link: 'https://auth.example.com/invite?token=x%20y&a=1',
      organization: { id: 'o', name: 'Ünïcödé & Co "Ltd"', branding: {} },
      inviter: { name: 'Ada', primaryEmail: 'ada@example.com' },
      application: { id: 'app', name: '日本語アプリ' },
    },
  },
  {
    to: 'x@example.com',
    type: 'SomeFutureType',
    payload: { code: '1', nested: [1, 2.5, null, true, { deep: ['🌍'] }] },
  },
] as SendMessageData[];

const wire = ({ method, url, headers, body }: ReceivedRequest) => ({
  method,
  url,
  authorization: headers.authorization,
  contentType: headers['content-type'],
  body: body.toString('base64'),
});

describe('requests equal those of 0.4.3', () => {
  let endpoint: TestEndpoint;
  let host: string;
  beforeAll(async () => {
    endpoint = await startEndpoint();
    host = new URL(endpoint.origin).host;
  });
  afterAll(async () => endpoint.close());

  const configs = () => [
    { endpoint: `${endpoint.origin}/email`, authorization: 'Bearer abc.def' },
    { endpoint: `${endpoint.origin}/v1/send?tenant=t-1&x=%20y` },
    { endpoint: `http://user:pass@${host}/basic` },
    { endpoint: `http://m%40il:p%3Ass%20w%C3%B6rd@${host}/encoded?q=1` },
    { endpoint: `http://only-user@${host}/user` },
    { endpoint: `http://:only-password@${host}/password` },
    { endpoint: `${endpoint.origin}/unknown-keys`, somethingElse: true },
  ];

  it.each(messages.map((message) => [message.type, message]))(
    '%s: method, path and query, Authorization, Content-Type and body bytes',
    async (_type, message) => {
      const legacy = await createLegacyConnector({ getConfig: notCalled });
      const ours = await createConnector({ getConfig: notCalled });

      for (const config of configs()) {
        const before = endpoint.requests.length;
        await legacy.sendMessage(message, config);
        await ours.sendMessage(message, config);
        const [theirs, mine] = endpoint.requests.slice(before);
        expect(theirs, 'both requests arrived').toBeDefined();
        expect(mine).toBeDefined();
        expect(wire(mine!)).toEqual(wire(theirs!));
      }
    }
  );
});
