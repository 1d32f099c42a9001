// `npm run bench` still runs and prints its tables. A smoke test with tiny counts: the figures
// themselves are for people to read (docs/performance.md), never asserted here. What is asserted is
// what a broken benchmark would get wrong: the connector measured on a ky other than the one Logto
// holds, a setting or a client missing, or a figure that is not a measurement.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

it('the benchmark runs every client on ky 1.2.3 and the newest ky 1.x, pinned and not, and prints the targets', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['bench/run.mjs'],
      {
        cwd: root,
        env: {
          ...process.env,
          BENCH_ROUNDS: '1',
          BENCH_SEQUENTIAL: '20',
          BENCH_CONCURRENT: '128',
          BENCH_HEAP_SENDS: '200',
        },
      },
      (error, out) => (error ? reject(error) : resolve(out))
    );
  });
  expect(stdout).toContain(`Node ${process.version}`);
  const [, newestKy] = /ky (1\.\d+\.\d+), the newest 1\.x/.exec(stdout) ?? [];
  expect(newestKy).toBeDefined();
  expect(stdout).toContain('ky 1.2.3 in the Logto host');

  // Two settings, each with a table in which every client has a latency and a throughput.
  const tables = stdout.split(/^(?=pinned:|not pinned:)/m).slice(1);
  expect(tables.map((table) => table.split(':')[0])).toEqual(['pinned', 'not pinned']);
  const clients = [
    'connector (ky 1.2.3)',
    'connector, signed (ky 1.2.3)',
    'connector, templated (ky 1.2.3)',
    `connector (ky ${newestKy})`,
    '0.4.3',
    'bare fetch',
    'bare node:http',
  ];
  for (const table of tables) {
    for (const client of clients) {
      const escaped = client.replaceAll(/[().]/g, '\\$&');
      const [, latency, throughput] =
        new RegExp(`^\\| ${escaped} +\\| (\\d+) µs .*?\\| (\\d+) /s`, 'm').exec(table) ?? [];
      expect(Number(latency), client).toBeGreaterThan(0);
      expect(Number(throughput), client).toBeGreaterThan(0);
    }
  }

  // Every target, with a ratio and a verdict for each setting.
  for (const target of ['latency vs 0.4.3', 'throughput vs 0.4.3', 'signing cost', 'body template cost', 'import vs 0.4.3', 'heap growth', 'stretch: latency vs bare node:http']) {
    expect(stdout).toMatch(new RegExp(`^\\| ${target}.*\\| \\d+\\.\\d\\d \\| (yes|NO) \\| \\d+\\.\\d\\d \\| (yes|NO) \\|`, 'm'));
  }
}, 180_000);
