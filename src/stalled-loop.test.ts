// A stalled event loop (a long garbage collection, synchronous work elsewhere in Logto) must not
// turn an answer that already arrived into a timeout and a duplicate. The endpoint runs in its own
// process, so that the stall holds up only the connector, as it would in Logto.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { send, signInMessage } from '../test/helpers.js';
import { startEndpoint } from '../test/server.js';

import createConnector from './index.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) {
    child.stdin?.end();
  }
});

/** An endpoint in another process that answers 200 after `delayMs`; `received` counts per webhook-id. */
const startDelayedEndpoint = async (delayMs: number) => {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('../test/delayed-endpoint.mjs', import.meta.url)), String(delayMs)],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  );
  children.push(child);
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  const origin = `http://127.0.0.1:${port.toString().trim()}`;
  return {
    origin,
    received: async () => (await (await fetch(origin)).json()) as Record<string, number>,
  };
};

/** Blocks this process's event loop, as synchronous work does. */
const busyWait = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spin.
  }
};

/**
 * Where the stall runs: each is a different phase of the event loop. After a stall in an immediate
 * or an I/O callback (another request's synchronous work), Node runs the expired timers first.
 */
type StallFrom = 'a timer' | 'setImmediate' | 'an I/O callback';

/** Stalls the event loop for `ms`, starting `atMs` from now. */
const stall = (atMs: number, ms: number, from: StallFrom) =>
  setTimeout(() => {
    if (from === 'a timer') {
      busyWait(ms);
    } else if (from === 'setImmediate') {
      setImmediate(() => busyWait(ms));
    } else {
      stat('.', () => busyWait(ms));
    }
  }, atMs);

describe('a stalled event loop', () => {
  for (const from of ['a timer', 'setImmediate', 'an I/O callback'] as const) {
    it(`an answer that arrived during a stall from ${from} past the attempt's limit counts: delivered once`, async () => {
      // Budget 1000 ms: the first attempt's limit is at 800 ms. The answer arrives at about 600 ms,
      // while the loop is stalled from 550 to 850 ms; the limit fires first when the loop resumes.
      const endpoint = await startDelayedEndpoint(595);
      for (let trial = 0; trial < 3; trial++) {
        const start = performance.now();
        const stallTimer = stall(550, 300, from);
        // eslint-disable-next-line no-await-in-loop
        const result = (await send(signInMessage(), {
          endpoint: `${endpoint.origin}/email`,
          timeout: 1000,
          retries: 2,
        })) as { attempts: number; webhookId: string };
        clearTimeout(stallTimer);
        // The stall really held the loop past the attempt's limit.
        expect(performance.now() - start).toBeGreaterThan(850);
        expect(result.attempts).toBe(1);
        // eslint-disable-next-line no-await-in-loop
        const received = await endpoint.received();
        expect(received[result.webhookId]).toBe(1);
        expect(Object.keys(received)).toHaveLength(trial + 1);
      }
    });
  }

  it('the default budget and a stall of 2.6 s across the attempt limit: delivered once', async () => {
    // Default budget 10 s: the first attempt's limit is at 8 s. The answer arrives at about 6 s,
    // during a stall from 5.5 to 8.1 s.
    const endpoint = await startDelayedEndpoint(5950);
    const stallTimer = stall(5500, 2600, 'setImmediate');
    const result = (await send(signInMessage(), { endpoint: `${endpoint.origin}/email` })) as {
      attempts: number;
      webhookId: string;
    };
    clearTimeout(stallTimer);
    expect(result.attempts).toBe(1);
    expect(await endpoint.received()).toEqual({ [result.webhookId]: 1 });
  }, 20_000);
});

describe('a stall during the wait before a retry', () => {
  it('that spends the budget: no attempt starts that cannot finish, the endpoint gets the message once', async () => {
    // Budget 1000 ms. The first attempt is answered 503 at once; the connector waits 125–250 ms to
    // retry, and the loop stalls through that wait and past the budget's end. An attempt started
    // then would have less than a millisecond: it reaches the endpoint and is cut short.
    let stalled = false;
    const endpoint = await startEndpoint((_request, response) => {
      response.writeHead(stalled ? 200 : 503).end();
      if (!stalled) {
        stalled = true;
        setTimeout(() => {
          busyWait(1100);
        }, 20);
      }
    });
    try {
      const error = (await send(signInMessage(), { endpoint: endpoint.origin, timeout: 1000, retries: 2 }).then(
        () => undefined,
        (error: unknown) => error
      )) as { data?: { attempts?: number; status?: number } } | undefined;
      expect(stalled).toBe(true);
      expect(endpoint.requests).toHaveLength(1);
      expect(error?.data?.attempts).toBe(1);
      expect(error?.data?.status).toBe(503);
    } finally {
      await endpoint.close();
    }
  });
});

describe('a stall during the template lookup', () => {
  it('that spends the budget: nothing is sent, rather than a message that arrives after the send failed', async () => {
    const endpoint = await startEndpoint((_request, response) => {
      response.writeHead(200).end();
    });
    try {
      const connector = await createConnector({
        getConfig: async () => ({}),
        // Logto's lookup, while a long garbage collection holds the loop past the whole budget.
        getI18nEmailTemplate: async () => {
          busyWait(1200);
          return { subject: 'Code', content: '{{code}}' };
        },
      });
      const error = (await connector
        .sendMessage(signInMessage(), { endpoint: endpoint.origin, timeout: 1000, retries: 2, includeTemplate: true })
        .then(
          () => undefined,
          (error: unknown) => error
        )) as { code?: string; data?: { attempts?: number; message?: string } } | undefined;
      // Whatever was on its way would have arrived by now.
      await new Promise((resolve) => {
        setTimeout(resolve, 300);
      });
      expect(endpoint.requests).toHaveLength(0);
      expect(error?.code).toBe('general');
      expect(error?.data?.attempts).toBe(0);
      expect(error?.data?.message).toContain('not contacted: Logto was busy until the budget had run out');
    } finally {
      await endpoint.close();
    }
  });
});
