// A burst of sends while every core is busy elsewhere: the connector's process competes for the CPU,
// timers fire late, answers are read late. A slow machine must not turn into duplicate emails.
// This file runs alone, after every other test file (vitest.config.ts), so that its load does not
// reach their timings.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import type { SendMessageData } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { keepCoresBusy, send } from './helpers.js';

describe('a burst on a busy machine', () => {
  it('3000 sends, 100 in flight, a fifth of first attempts answered 503, every core busy elsewhere: each accepted exactly once', async () => {
    // The endpoint runs in its own process, as a real email service does; this process, the
    // connector's, competes for the cores with the burners.
    const endpoint = spawn(process.execPath, [fileURLToPath(new URL('burst-endpoint.mjs', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const [port] = (await once(endpoint.stdout, 'data')) as [Buffer];
    const origin = `http://127.0.0.1:${port.toString().trim()}`;
    const stopBurners = await keepCoresBusy();
    const total = 3000;
    const config = { endpoint: `${origin}/email`, authorization: 'Bearer tk_9f8e7d6c5b4a' };
    let next = 0;
    const results: unknown[] = [];
    const worker = async () => {
      while (next < total) {
        const index = next++;
        // eslint-disable-next-line no-await-in-loop
        results.push(
          await send(
            { to: `user${index}@example.com`, type: 'OrganizationInvitation', payload: { link: `https://x/${index}` } } as SendMessageData,
            config
          )
        );
      }
    };
    try {
      await Promise.all(Array.from({ length: 100 }, worker));
    } finally {
      await stopBurners();
    }
    const counts = (await (await fetch(`${origin}/counts`)).json()) as {
      requests: number;
      accepted: Record<string, number>;
      recipients: Record<string, number>;
    };
    endpoint.stdin!.end();

    expect(results).toHaveLength(total);
    expect(Object.keys(counts.accepted)).toHaveLength(total);
    expect(Object.values(counts.accepted).every((times) => times === 1)).toBe(true);
    expect(Object.keys(counts.recipients)).toHaveLength(total);
    expect(Object.values(counts.recipients).every((times) => times === 1)).toBe(true);
    // Some first attempts were answered 503, and their retries were what got them accepted.
    expect(counts.requests).toBeGreaterThan(total);
  }, 120_000);
});
