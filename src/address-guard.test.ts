// Where requests may go. The classifier and the lookup are tested as pure functions with a fake
// resolver: no test opens a connection to any address but loopback, even if the guard were broken.
// Real sends go to loopback only, in every form the URL parser and Node accept.
import type { LookupAddress } from 'node:dns';
import { once } from 'node:events';
import http from 'node:http';

import type { SendMessageData } from '@logto/connector-kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { connector, rejection, runNode, send, signInMessage } from '../test/helpers.js';

import { addressRefusal, guardedLookup, publicEndpointsOnly, publicEndpointsOnlyVariable } from './address-guard.js';

const metadata = 'a cloud metadata service';
const notPublic = /^not publicly reachable, and this Logto sends to public addresses only \(HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY\)$/;

describe('which addresses are refused', () => {
  it.each([
    ['169.254.169.254', metadata],
    ['169.254.170.2', metadata],
    ['169.254.170.23', metadata],
    ['fd00:ec2::254', metadata],
    ['FD00:EC2:0:0:0:0:0:254', metadata],
    ['100.100.100.200', metadata],
    ['::ffff:169.254.169.254', metadata],
    ['::ffff:a9fe:a9fe', metadata],
    ['64:ff9b::a9fe:a9fe', metadata],
    ['64:ff9b::169.254.170.2', metadata],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:224.0.0.251', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    // Other IPv6 forms that carry an IPv4 address, which a gateway or an old stack may deliver to it.
    ['::169.254.169.254', metadata],
    ['::a9fe:a9fe', metadata],
    ['::ffff:0:169.254.169.254', metadata],
    ['0:0:0:0:ffff:0:a9fe:a9fe', metadata],
    ['2002:a9fe:a9fe::1', metadata],
    ['2002:6464:64c8::', metadata],
    ['64:ff9b:1::a9fe:a9fe', metadata],
    ['64:ff9b:1::224.0.0.1', 'a multicast address'],
    ['::ffff:0:224.0.0.1', 'a multicast address'],
  ])('%s: always, as %s', (address, refusal) => {
    expect(addressRefusal(address, false)).toBe(refusal);
    expect(addressRefusal(address, true)).toBe(refusal);
  });

  it.each([
    // A rootless container's host, and every other private or local address: a relay may live there.
    '169.254.1.2',
    '169.254.169.253',
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '192.168.1.1',
    'fd12:3456::1',
    '100.64.0.1',
    '0.0.0.0',
    '8.8.8.8',
  ])('%s: allowed by default', (address) => {
    expect(addressRefusal(address, false)).toBeUndefined();
  });

  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '::1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    'fc00::1',
    'fdff:ffff::1',
    '169.254.1.2',
    'fe80::1',
    'fe80::1%eth0',
    '0.0.0.0',
    '0.1.2.3',
    '::',
    '100.64.0.1',
    '100.127.255.255',
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.255',
    '2001:db8::1',
    '3fff::1',
    '198.18.0.1',
    '198.19.255.255',
    '2001:2::1',
    '192.0.0.1',
    '192.88.99.1',
    '240.0.0.1',
    '100::1',
    '2002:7f00:1::1',
    '64:ff9b:1::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::7f00:1',
    '64:ff9b::192.168.0.1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:10.0.0.1',
  ])('%s: refused with public addresses only', (address) => {
    expect(addressRefusal(address, true)).toMatch(notPublic);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '198.17.255.255',
    '198.20.0.1',
    '192.0.0.9',
    '2001:4860:4860::8888',
    '2606:4700::1111',
    '64:ff9b::808:808',
    '::ffff:8.8.8.8',
  ])('%s: allowed with public addresses only', (address) => {
    expect(addressRefusal(address, true)).toBeUndefined();
  });

  it('host names are not judged here, but by what they resolve to', () => {
    expect(addressRefusal('localhost', true)).toBeUndefined();
    expect(addressRefusal('metadata.google.internal', false)).toBeUndefined();
  });

  it('short and odd IPv4 forms reach the guard normalized by the URL parser', () => {
    for (const host of ['127.1', '0x7f.1', '2130706433', '017700000001', '0177.0.0.1']) {
      expect(new URL(`http://${host}/`).hostname).toBe('127.0.0.1');
    }
    for (const host of ['169.254.43518', '0xa9fea9fe', '2852039166']) {
      expect(addressRefusal(new URL(`http://${host}/`).hostname, false)).toBe(metadata);
    }
    expect(new URL('http://[::ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
  });
});

type Answer = { error?: NodeJS.ErrnoException; address: string | LookupAddress[]; family?: number };

/** Runs the guarded lookup over a fake resolver that answers `answer`: no DNS, no socket. */
const lookUp = async (answer: Answer, publicOnly: boolean, all: boolean) =>
  new Promise<{ error: Error | null; address: unknown; family: unknown }>((resolve) => {
    const fake = (
      _hostname: string,
      _options: unknown,
      callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
    ) => {
      callback(answer.error ?? null, answer.address, answer.family);
    };
    guardedLookup(publicOnly, fake)('mail.example.com', { all }, (error, address, family) => {
      resolve({ error, address, family });
    });
  });

describe('the operator’s setting', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each(['1', ' 1', '1\n', 'true', 'TRUE', 'yes', 'on', 'enabled'])('%j turns it on: a safeguard fails closed', (value) => {
    vi.stubEnv(publicEndpointsOnlyVariable, value);
    expect(publicEndpointsOnly()).toBe(true);
  });

  it.each(['', ' ', '0', 'false', 'False', 'no', 'off'])('%j leaves it off', (value) => {
    vi.stubEnv(publicEndpointsOnlyVariable, value);
    expect(publicEndpointsOnly()).toBe(false);
  });

  it('unset leaves it off', () => {
    vi.stubEnv(publicEndpointsOnlyVariable, undefined);
    expect(publicEndpointsOnly()).toBe(false);
  });
});

describe('the lookup of the connector’s agents', () => {
  it('passes one address and its family on as the resolver gave them', async () => {
    expect(await lookUp({ address: '93.184.215.14', family: 4 }, true, false)).toEqual({
      error: null,
      address: '93.184.215.14',
      family: 4,
    });
  });

  it('passes every address on when Node asks for all of them', async () => {
    const addresses = [
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      { address: '93.184.215.14', family: 4 },
    ];
    const { error, address } = await lookUp({ address: addresses }, true, true);
    expect(error).toBeNull();
    expect(address).toEqual(addresses);
  });

  it('refuses a name when any address it resolves to is refused (DNS rebinding)', async () => {
    const mixed = [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const { error } = await lookUp({ address: mixed }, true, true);
    expect(error).toMatchObject({ code: 'ERR_HTTP_EMAIL_ADDRESS_REFUSED' });
    expect(error!.message).not.toContain('10.0.0.5');
    // The same answer is fine while private addresses are allowed.
    expect((await lookUp({ address: mixed }, false, true)).error).toBeNull();
  });

  it('refuses a metadata address whatever the setting, in either shape', async () => {
    for (const publicOnly of [false, true]) {
      // eslint-disable-next-line no-await-in-loop
      const single = await lookUp({ address: '169.254.169.254', family: 4 }, publicOnly, false);
      expect(single.error).toMatchObject({ code: 'ERR_HTTP_EMAIL_ADDRESS_REFUSED', refusal: metadata });
      // eslint-disable-next-line no-await-in-loop
      const all = await lookUp({ address: [{ address: 'fd00:ec2::254', family: 6 }] }, publicOnly, true);
      expect(all.error).toMatchObject({ refusal: metadata });
    }
  });

  it('passes a resolver error on', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const { error } = await lookUp({ error: notFound, address: '' }, true, false);
    expect(error).toBe(notFound);
  });
});

/** A server on 127.0.0.1 and one on ::1, both loopback, counting what they receive. */
const servers: http.Server[] = [];
const received: string[] = [];
const listen = async (host: string) => {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(host);
      response.writeHead(204).end();
    });
  });
  server.listen(0, host);
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as { port: number }).port;
};

describe('real sends to loopback, in every form', () => {
  let v4: number;
  let v6: number;
  const endpoints = () => [
    `http://127.0.0.1:${v4}/email`,
    `http://127.1:${v4}/email`,
    `http://0x7f.0.0.1:${v4}/email`,
    `http://[::ffff:127.0.0.1]:${v4}/email`,
    `http://localhost:${v4}/email`,
    // Connects to this machine.
    `http://0.0.0.0:${v4}/email`,
    `http://[::1]:${v6}/email`,
  ];

  beforeAll(async () => {
    v4 = await listen('127.0.0.1');
    v6 = await listen('::1');
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    received.length = 0;
  });

  it('are served by default: a relay beside Logto works', async () => {
    for (const endpoint of endpoints()) {
      // eslint-disable-next-line no-await-in-loop
      expect(await send(signInMessage(), { endpoint, retries: 0 })).toMatchObject({ status: 204, attempts: 1 });
    }
    expect(received).toHaveLength(endpoints().length);
  });

  it('are refused with HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY=1: invalid_config, nothing sent, no retry', async () => {
    vi.stubEnv(publicEndpointsOnlyVariable, '1');
    for (const endpoint of endpoints()) {
      // eslint-disable-next-line no-await-in-loop
      const error = await rejection(send(signInMessage(), { endpoint, retries: 3 }), 'invalid_config');
      const { message, attempts } = error.data as { message: string; attempts: number };
      expect(attempts).toBe(1);
      expect(message).toContain(
        'was not contacted: its host resolves to an address this Logto does not send to (not publicly reachable, and this Logto sends to public addresses only (HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY))'
      );
      expect(message).not.toContain('/email');
    }
    // A name is refused without naming what it resolved to.
    const error = await rejection(send(signInMessage(), { endpoint: `http://localhost:${v4}/` }), 'invalid_config');
    expect(JSON.stringify(error.data)).not.toMatch(/127\.0\.0\.1|::1/);
    expect(received).toHaveLength(0);
  });

  it('a name whose connection was kept alive by default is checked again once the operator allows public addresses only', async () => {
    const endpoint = `http://localhost:${v4}/email`;
    await send(signInMessage(), { endpoint });
    vi.stubEnv(publicEndpointsOnlyVariable, '1');
    await rejection(send(signInMessage(), { endpoint }), 'invalid_config');
    expect(received).toHaveLength(1);
  });

  describe('a real send (the end user reads the error)', () => {
    let stderr: MockInstance<typeof process.stderr.write>;
    beforeEach(() => {
      stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => {
      stderr.mockRestore();
    });

    it('gets the usual sentence and reference; the log gets one line with the reason', async () => {
      vi.stubEnv(publicEndpointsOnlyVariable, '1');
      const config = { endpoint: `http://localhost:${v4}/hook/Zk3q9vXa7` };
      const error = await rejection(
        (await connector(async () => config)).sendMessage(signInMessage() as SendMessageData),
        'invalid_config'
      );
      const data = error.data as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(['attempts', 'errorDescription', 'webhookId']);
      expect(data.errorDescription).toBe(
        `The email could not be sent: the email service's address is not allowed (1 attempt). Reference: ${String(data.webhookId)}.`
      );
      const lines = stderr.mock.calls.map(([chunk]) => String(chunk));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(String(data.webhookId));
      expect(lines[0]).toContain('not publicly reachable');
      expect(lines[0]).not.toMatch(/Zk3q9vXa7|127\.0\.0\.1/);
      expect(received).toHaveLength(0);
    });
  });
});

/**
 * A child process whose sockets cannot connect anywhere but loopback (the patch throws first), which
 * sends through the built connector to each endpoint and prints each error's code and message.
 */
const sendFromFencedProcess = async (endpoints: string[]) => {
  const script = `
    import net from 'node:net';
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) {
      const options = Array.isArray(args[0]) ? args[0][0] : typeof args[0] === 'object' ? args[0] : { host: args[1] };
      const host = String(options?.host ?? 'localhost');
      if (!/^(127\\.|::1$|localhost$)/.test(host)) {
        throw new Error('the test fence refused a connection');
      }
      return connect.apply(this, args);
    };
    const { default: createConnector } = await import(${JSON.stringify(new URL('../lib/index.js', import.meta.url).href)});
    const connector = await createConnector({ getConfig: async () => ({}) });
    for (const endpoint of ${JSON.stringify(endpoints)}) {
      const outcome = await connector
        .sendMessage({ to: 'a@example.com', type: 'SignIn', payload: { code: '123456' } }, { endpoint, retries: 2 })
        .then(() => ({ code: 'sent' }), (error) => ({ code: error.code, message: error.data?.message }));
      console.log(JSON.stringify(outcome));
    }
  `;
  const { code, stdout, stderr } = await runNode(['--input-type=module', '-e', script]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { code: string; message?: string });
};

describe('sends to refused addresses, end to end in a fenced process', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('metadata, multicast and broadcast addresses: invalid_config at once, whatever the setting', async () => {
    const cases: Array<[string, string]> = [
      ['http://169.254.169.254/latest/meta-data/', metadata],
      ['http://0xa9fea9fe/latest/meta-data/', metadata],
      ['http://[::ffff:169.254.169.254]/', metadata],
      ['http://[64:ff9b::a9fe:a9fe]/', metadata],
      ['http://[fd00:ec2::254]/', metadata],
      ['http://169.254.170.2/v2/credentials', metadata],
      ['http://100.100.100.200/latest/meta-data/', metadata],
      ['http://224.0.0.1/', 'a multicast address'],
      ['http://[ff02::1]/', 'a multicast address'],
      ['http://255.255.255.255/', 'the broadcast address'],
    ];
    const outcomes = await sendFromFencedProcess(cases.map(([endpoint]) => endpoint));
    for (const [index, [, refusal]] of cases.entries()) {
      expect(outcomes[index]).toMatchObject({ code: 'invalid_config' });
      expect(outcomes[index]!.message).toContain(`does not send to (${refusal})`);
      expect(outcomes[index]!.message).toContain('1 attempt');
    }
  });

  it('private, carrier-grade NAT and link-local addresses with public addresses only', async () => {
    vi.stubEnv(publicEndpointsOnlyVariable, '1');
    const endpoints = [
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.1.2/',
      'http://[fe80::1]/',
      'http://[fd12:3456::1]/',
      'http://192.0.2.10/',
      'http://[::]/',
    ];
    const outcomes = await sendFromFencedProcess(endpoints);
    expect(outcomes).toHaveLength(endpoints.length);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ code: 'invalid_config' });
      expect(outcome.message).toContain('not publicly reachable');
    }
  });
});
