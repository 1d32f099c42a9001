// Several relay copies behind one endpoint URL, sharing their webhook-ids in a real redis-server,
// fed by the real connector so that every retry is the connector's own. Without redis-server, only
// the in-memory store's tests run (test/tools.ts).
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

import type { SendMessageData } from '@logto/connector-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasTool, redisServer } from '../../test/tools.js';

import { createMemoryStore, createRedisStore } from './store.mjs';
import {
  closedAfterEach,
  connectorSend,
  freePort,
  gate,
  mailFrom,
  startRedis,
  startRelay,
  startRelayProcess,
  startRoundRobinProxy,
  startSmtpServer,
  type ProxiedRequest,
  type ProxyRoute,
} from './test-support.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const closeAfterEach = closedAfterEach();

const withRedis = hasTool(redisServer, 'the tests of the Redis store and of copies sharing it');
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  if (withRedis) {
    redis = await startRedis();
  }
});
afterAll(async () => {
  await redis?.stop();
});

const signIn = (code: string) =>
  ({ to: 'ada@example.com', type: 'SignIn', payload: { code, locale: 'en' } }) as SendMessageData;

const codeIn = (text = '') => /is (\d{6})\./.exec(text)?.[1];

/** Two copies (with the Redis store unless told otherwise) behind a round-robin proxy. */
const setUpTwoCopies = async ({
  smtp,
  route,
  redisUrl = redis.url,
  inFlightWaitMs,
}: {
  smtp: { url: string };
  route?: (request: ProxiedRequest) => ProxyRoute;
  redisUrl?: string;
  inFlightWaitMs?: number;
}) => {
  const copies = await Promise.all(
    [0, 1].map(async () => startRelay({ secret, smtpUrl: smtp.url, redisUrl, inFlightWaitMs }))
  );
  copies.forEach(({ close }) => closeAfterEach(close));
  const proxy = await startRoundRobinProxy(
    copies.map(({ origin }) => origin),
    route
  );
  closeAfterEach(proxy.close);
  return { copies, proxy };
};

const stores: Array<[string, () => ReturnType<typeof createMemoryStore> | ReturnType<typeof createRedisStore>]> = [
  ['in memory', () => createMemoryStore({ dedupTtlMs: 800, claimTtlMs: 600 })],
  ['in Redis', () => createRedisStore({ url: redis.url, dedupTtlMs: 800, claimTtlMs: 600 })],
];
const storeTests = (_name: string, createStore: (typeof stores)[number][1]) => {
  const open = async () => {
    const store = createStore();
    if ('connect' in store) {
      await store.connect();
    }
    closeAfterEach(store.close);
    return store;
  };
  const newId = () => `msg_${randomBytes(8).toString('hex')}`;

  it('lets one caller claim an id; others see it in flight, then delivered', async () => {
    const store = await open();
    const id = newId();
    const first = await store.claim(id);
    expect(first).toEqual({ state: 'claimed', token: expect.stringMatching(/^claim:/) });
    expect(await store.claim(id)).toEqual({ state: 'in-flight' });
    await store.markDelivered(id);
    expect(await store.claim(id)).toEqual({ state: 'delivered' });
  });

  it('frees an id only for the token that claimed it', async () => {
    const store = await open();
    const id = newId();
    const first = await store.claim(id);
    await store.release(id, 'claim:someone-else');
    expect(await store.claim(id)).toEqual({ state: 'in-flight' });
    await store.release(id, first.token!);
    expect((await store.claim(id)).state).toBe('claimed');
  });

  it('lets a claim expire unless renewed, and a stale token renews nothing', async () => {
    const store = await open();
    const renewed = newId();
    const abandoned = newId();
    const kept = await store.claim(renewed);
    const lost = await store.claim(abandoned);
    for (let index = 0; index < 5; index++) {
      await delay(150);
      expect(await store.renew(renewed, kept.token!)).toBe(true);
    }
    expect(await store.claim(renewed)).toEqual({ state: 'in-flight' });
    const retaken = await store.claim(abandoned);
    expect(retaken.state).toBe('claimed');
    expect(await store.renew(abandoned, lost.token!)).toBe(false);
    await store.release(abandoned, lost.token!);
    expect(await store.claim(abandoned)).toEqual({ state: 'in-flight' });
  });

  it('forgets a delivered id after the dedup TTL', async () => {
    const store = await open();
    const id = newId();
    await store.claim(id);
    await store.markDelivered(id);
    expect(await store.claim(id)).toEqual({ state: 'delivered' });
    await delay(850);
    expect((await store.claim(id)).state).toBe('claimed');
  });
};
describe.each(withRedis ? stores : stores.slice(0, 1))('the store %s', storeTests);
describe.skip.each(withRedis ? [] : stores.slice(1))('the store %s', storeTests);

describe.skipIf(!withRedis)('two relay copies sharing Redis behind one endpoint URL', () => {
  it('a retry landing on the other copy is not sent twice', async () => {
    const smtp = await startSmtpServer();
    closeAfterEach(smtp.close);
    const { copies, proxy } = await setUpTwoCopies({
      smtp,
      route: ({ attempt }) => (attempt === 1 ? 'lose-answer' : 'forward'),
    });
    const result = await connectorSend(signIn('111111'), { endpoint: proxy.url, signingSecret: secret });
    expect(result).toMatchObject({ attempts: 2 });
    expect(proxy.log.map(({ copy, status }) => [copy, status])).toEqual([
      [0, 502],
      [1, 200],
    ]);
    expect(copies[0]!.events).toEqual([expect.objectContaining({ status: 200, duplicate: false })]);
    expect(copies[1]!.events).toEqual([expect.objectContaining({ status: 200, duplicate: true })]);
    expect(smtp.messages.map(({ text }) => codeIn(text))).toEqual(['111111']);
  });

  it('without REDIS_URL each copy knows only its own ids: the same retry is sent twice', async () => {
    // The failure the shared store exists for; if this ever sends once, the test above proves nothing.
    const smtp = await startSmtpServer();
    closeAfterEach(smtp.close);
    const { proxy } = await setUpTwoCopies({
      smtp,
      redisUrl: '',
      route: ({ attempt }) => (attempt === 1 ? 'lose-answer' : 'forward'),
    });
    await connectorSend(signIn('222222'), { endpoint: proxy.url, signingSecret: secret });
    expect(smtp.messages.map(({ text }) => codeIn(text))).toEqual(['222222', '222222']);
  });

  it('a retry that arrives while the other copy is still sending waits, and gets 2xx only after the email is accepted', async () => {
    let acceptedAt = 0;
    const smtp = await startSmtpServer({
      beforeAccept: async () => {
        await delay(1200);
        acceptedAt = Date.now();
      },
    });
    closeAfterEach(smtp.close);
    const { copies, proxy } = await setUpTwoCopies({
      smtp,
      inFlightWaitMs: 8000, // Ample on a busy machine: this test is about waiting, not giving up.
      route: ({ attempt }) => (attempt === 1 ? { gatewayTimeoutMs: 300 } : 'forward'),
    });
    const result = await connectorSend(signIn('333333'), { endpoint: proxy.url, signingSecret: secret });
    expect(result).toMatchObject({ attempts: 2 });
    expect(proxy.log.map(({ status }) => status)).toEqual([504, 200]);
    const [retryAnswer] = copies[1]!.events;
    expect(retryAnswer).toMatchObject({ status: 200, duplicate: true });
    expect(acceptedAt).toBeGreaterThan(0);
    expect(retryAnswer!.at).toBeGreaterThanOrEqual(acceptedAt);
    expect(smtp.messages).toHaveLength(1);
  });

  it('a retry still finding the id in flight after the wait is told to come back (503, Retry-After)', async () => {
    const release = gate();
    const smtp = await startSmtpServer({ beforeAccept: async () => release.opened });
    closeAfterEach(smtp.close);
    closeAfterEach(release.open);
    const { copies, proxy } = await setUpTwoCopies({
      smtp,
      inFlightWaitMs: 200,
      // The connector's attempts each time out at the proxy, until the email is accepted.
      route: ({ attempt }) => (attempt === 1 ? { gatewayTimeoutMs: 100 } : 'forward'),
    });
    const sending = connectorSend(signIn('444444'), {
      endpoint: proxy.url,
      signingSecret: secret,
      retries: 5,
    });
    await expect.poll(() => copies[1]!.events.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(copies[1]!.events[0]).toMatchObject({ status: 503, inFlight: true });
    release.open();
    const result = (await sending) as { attempts: number };
    expect(result.attempts).toBeGreaterThanOrEqual(3);
    expect(proxy.log.at(-1)!.status).toBe(200);
    expect(smtp.messages).toHaveLength(1);
  });

  it('SMTP down for the copy that claimed the id, then up: the retry on the other copy sends it, once', async () => {
    let connections = 0;
    const smtp = await startSmtpServer({ refuseConnection: () => connections++ === 0 });
    closeAfterEach(smtp.close);
    const { copies, proxy } = await setUpTwoCopies({ smtp });
    const result = await connectorSend(signIn('555555'), { endpoint: proxy.url, signingSecret: secret });
    expect(result).toMatchObject({ attempts: 2 });
    expect(copies[0]!.events).toEqual([
      expect.objectContaining({ status: 503, smtpError: expect.stringMatching(/Service not available/) }),
    ]);
    expect(copies[1]!.events).toEqual([expect.objectContaining({ status: 200, duplicate: false })]);
    expect(smtp.messages.map(({ text }) => codeIn(text))).toEqual(['555555']);
  });

  it('a copy killed mid-send holds the id only until its claim expires; then the retry sends it', async () => {
    let heldMessages = 0;
    const held = gate();
    const smtp = await startSmtpServer({
      beforeAccept: async () => {
        if (heldMessages++ === 0) {
          held.open();
          await new Promise(() => {}); // Never accepted: its sender dies first.
        }
      },
    });
    closeAfterEach(smtp.close);
    const doomed = await startRelayProcess({
      SMTP_URL: smtp.url,
      LOGTO_EMAIL_SECRET: secret,
      MAIL_FROM: mailFrom,
      REDIS_URL: redis.url,
      CLAIM_TTL_SECONDS: '1',
    });
    closeAfterEach(doomed.stop);
    const survivor = await startRelay({ secret, smtpUrl: smtp.url, redisUrl: redis.url });
    closeAfterEach(survivor.close);
    const proxy = await startRoundRobinProxy([doomed.origin, survivor.origin]);
    closeAfterEach(proxy.close);
    const inspector = new Redis(redis.url);
    closeAfterEach(async () => inspector.quit());

    const sending = connectorSend(signIn('666666'), { endpoint: proxy.url, signingSecret: secret });
    await held.opened;
    const key = `logto-http-email:webhook-id:${proxy.log[0]!.webhookId}`;
    doomed.child.kill('SIGKILL');
    await once(doomed.child, 'exit');
    const killedAt = Date.now();
    expect(await inspector.get(key)).toMatch(/^claim:/);
    const claimLeftMs = await inspector.pttl(key);
    expect(claimLeftMs).toBeGreaterThan(0);
    expect(claimLeftMs).toBeLessThanOrEqual(1000);

    const result = await sending;
    expect(result).toMatchObject({ attempts: 2 });
    expect(proxy.log.map(({ copy }) => copy)).toEqual([0, 1]);
    expect(survivor.events).toEqual([expect.objectContaining({ status: 200, duplicate: false })]);
    // The survivor sent only once the dead copy's claim had lapsed.
    expect(survivor.events[0]!.at).toBeGreaterThanOrEqual(killedAt + claimLeftMs - 20);
    expect(await inspector.get(key)).toBe('delivered');
    expect(smtp.messages.map(({ text }) => codeIn(text))).toEqual(['666666']);
  });

  it('500 messages, a fifth of first attempts failing: each email received exactly once', async () => {
    const count = 500;
    const codes = Array.from({ length: count }, (_, index) => String(100_000 + index));
    const indexOf = (code?: string) => Number(code) - 100_000;
    const refusedOnce = new Set<string>();
    const smtp = await startSmtpServer({
      // A tenth of the messages: the SMTP server refuses the first delivery.
      beforeAccept: ({ text }) => {
        const code = codeIn(text)!;
        if (indexOf(code) % 10 === 5 && !refusedOnce.has(code)) {
          refusedOnce.add(code);
          throw new Error('try again later');
        }
      },
    });
    closeAfterEach(smtp.close);
    const { copies, proxy } = await setUpTwoCopies({
      smtp,
      // Another tenth: the email is sent, but the answer to the first attempt is lost.
      route: ({ attempt, body }) =>
        attempt === 1 && indexOf(body.payload?.code) % 10 === 0 ? 'lose-answer' : 'forward',
    });

    const pending = [...codes];
    const results: Array<{ attempts: number }> = [];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let code = pending.shift(); code; code = pending.shift()) {
          const config = { endpoint: proxy.url, signingSecret: secret, timeout: 30_000, retries: 3 };
          results.push((await connectorSend(signIn(code), config)) as { attempts: number });
        }
      })
    );

    expect(results).toHaveLength(count);
    expect(refusedOnce.size).toBe(count / 10);
    expect(proxy.log.filter(({ status }) => status === 502)).toHaveLength(count / 10);
    // At least: on a busy machine the connector may also cut a slow attempt short and retry it.
    const events = copies.flatMap(({ events }) => events);
    expect(events.filter(({ duplicate }) => duplicate).length).toBeGreaterThanOrEqual(count / 10);
    expect(events.filter(({ status }) => status === 503).length).toBeGreaterThanOrEqual(count / 10);
    expect(copies.every(({ events }) => events.length > count / 4)).toBe(true);
    const received = smtp.messages.map(({ text }) => codeIn(text));
    expect(received).toHaveLength(count);
    expect(new Set(received).size).toBe(count);
    expect([...received].sort()).toEqual(codes);
  }, 60_000);
});

describe.skipIf(!withRedis)('a copy whose Redis is gone', () => {
  it('sends nothing and answers 503 (Retry-After: 1), so that the connector tries again', async () => {
    const ownRedis = await startRedis();
    closeAfterEach(ownRedis.stop);
    const smtp = await startSmtpServer();
    closeAfterEach(smtp.close);
    const relay = await startRelay({ secret, smtpUrl: smtp.url, redisUrl: ownRedis.url });
    closeAfterEach(relay.close);
    await ownRedis.stop();

    const error = await connectorSend(signIn('777777'), {
      endpoint: relay.origin,
      signingSecret: secret,
      timeout: 5000,
      retries: 1,
    }).catch((error: unknown) => error);
    expect(error).toMatchObject({ data: { status: 503, attempts: 2 } });
    expect(relay.events).toEqual([
      expect.objectContaining({ status: 503, storeError: expect.any(String) }),
      expect.objectContaining({ status: 503, storeError: expect.any(String) }),
    ]);
    // The connector waited as told before its retry.
    expect(relay.events[1]!.at - relay.events[0]!.at).toBeGreaterThanOrEqual(900);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('main.mjs with REDIS_URL', () => {
  it('refuses to start when Redis cannot be reached, without printing its password', async () => {
    const port = await freePort();
    const relay = startRelayProcess({
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOGTO_EMAIL_SECRET: secret,
      MAIL_FROM: mailFrom,
      REDIS_URL: `redis://:hunter2-redis-password@127.0.0.1:${port}`,
    });
    const error = await relay.then(
      () => new Error('it started'),
      (error: Error) => error
    );
    expect(error.message).toMatch(/exited with 2[\s\S]*cannot reach Redis/);
    expect(error.message).not.toContain('hunter2');
  });
});
