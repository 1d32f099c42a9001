// `npm run bench` still runs and prints its table. A smoke test with tiny counts: the figures
// themselves are for people to read (docs/performance.md), never asserted here.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

it('the benchmark runs every client and prints the table and the targets', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['bench/run.mjs'],
      {
        cwd: root,
        env: { ...process.env, BENCH_ROUNDS: '1', BENCH_SEQUENTIAL: '20', BENCH_CONCURRENT: '128', BENCH_HEAP_SENDS: '200' },
      },
      (error, out) => (error ? reject(error) : resolve(out))
    );
  });
  expect(stdout).toContain(`Node ${process.version}`);
  for (const client of ['connector', 'connector, signed', '0.4.3', 'bare fetch', 'bare node:http']) {
    expect(stdout).toMatch(new RegExp(`^\\| ${client.replace('.', '\\.')} +\\| \\d+ µs`, 'm'));
  }
  for (const target of ['latency vs 0.4.3', 'latency vs bare fetch', 'throughput vs 0.4.3', 'signing cost', 'import vs 0.4.3', 'heap growth']) {
    expect(stdout).toContain(`| ${target}`);
  }
}, 120_000);
