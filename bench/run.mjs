// npm run bench: this connector as Logto loads it (with and without signing) beside 0.4.3, a bare
// fetch and a bare node:http request, against one local endpoint in its own process. Prints a table,
// the ratios and whether each target holds. Figures, not a test: nothing here fails a build.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { ensureBuilt, installLikeLogto } from '../demo/logto-host.mjs';

import { clients } from './clients.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

// Ten rounds: each of the five clients takes each place in the order twice.
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const sequentialCount = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const concurrentCount = Number(process.env.BENCH_CONCURRENT ?? 4000);
const inFlight = 64;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values) => {
  const m = median(values);
  return `±${(((Math.max(...values) - Math.min(...values)) / 2 / m) * 100).toFixed(1)}%`;
};

const message = (index) => ({
  to: `user${index}@example.com`,
  type: 'SignIn',
  payload: { code: String(100_000 + (index % 900_000)), locale: 'en', application: { name: 'Portal' } },
  ip: '203.0.113.7',
});

/** Wall-clock µs per message, one at a time, and this process's CPU µs per message meanwhile. */
const sequential = async (send) => {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let index = 0; index < sequentialCount; index++) {
    await send(message(index));
  }
  const wall = ((performance.now() - start) * 1000) / sequentialCount;
  const { user, system } = process.cpuUsage(cpuBefore);
  return { wall, cpu: (user + system) / sequentialCount };
};

const concurrent = async (send) => {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < concurrentCount) {
        await send(message(next++));
      }
    })
  );
  return concurrentCount / ((performance.now() - start) / 1000); // messages per second
};

const freshProcessFigure = async (args, times) => {
  const figures = [];
  for (let time = 0; time < times; time++) {
    const { stdout } = await run(process.execPath, args, { cwd: here });
    figures.push(Number(stdout.trim()));
  }
  return figures;
};

/**
 * On a machine with two cores or more, the endpoint gets core 1 and this process (and the processes
 * it starts) core 0, so that the two do not take turns on one core in the middle of a measurement.
 */
const pinToCores = async () => {
  if (os.availableParallelism() < 2) {
    return false;
  }
  try {
    await run('taskset', ['-a', '-cp', '0', String(process.pid)]);
    return true;
  } catch {
    return false;
  }
};

const main = async () => {
  console.log(await ensureBuilt());
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'http-email-bench-'));
  const pinned = await pinToCores();
  const endpointScript = path.join(here, 'endpoint.mjs');
  const endpoint = pinned
    ? spawn('taskset', ['-c', '1', process.execPath, endpointScript], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, [endpointScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const { entry } = await installLikeLogto(workspace);
    const [port] = await once(endpoint.stdout, 'data');
    const origin = `http://127.0.0.1:${String(port).trim()}`;
    const legacyEntry = createRequire(import.meta.url).resolve('connector-http-email-043');

    const names = Object.keys(clients);
    const senders = Object.fromEntries(
      await Promise.all(names.map(async (name) => [name, await clients[name](origin, entry)]))
    );

    console.log(`Warming up, then ${rounds} rounds, clients interleaved …`);
    for (const name of names) {
      await concurrent(senders[name]);
    }
    const latency = Object.fromEntries(names.map((name) => [name, []]));
    const cpu = Object.fromEntries(names.map((name) => [name, []]));
    const throughput = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so that no client always runs first or last.
      const order = names.map((_, index) => names[(index + round) % names.length]);
      for (const name of order) {
        const { wall, cpu: cpuTime } = await sequential(senders[name]);
        latency[name].push(wall);
        cpu[name].push(cpuTime);
        throughput[name].push(await concurrent(senders[name]));
      }
      process.stdout.write(`  round ${round + 1}/${rounds}\n`);
    }

    console.log('Import time and heap growth, each in fresh processes …');
    const importTimes = {
      connector: await freshProcessFigure(['import-time.mjs', entry], rounds),
      '0.4.3': await freshProcessFigure(['import-time.mjs', legacyEntry], rounds),
    };
    const heap = {};
    for (const name of ['connector', 'connector, signed', '0.4.3']) {
      heap[name] = await freshProcessFigure(['--expose-gc', 'heap.mjs', name, origin, entry], Math.min(3, rounds));
    }

    const cpus = os.cpus();
    console.log(
      `\nNode ${process.version} on ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`
    );
    console.log(
      `${sequentialCount} messages one at a time and ${concurrentCount} with ${inFlight} in flight per round; medians of ${rounds} rounds, ± half the range; ${pinned ? 'endpoint on core 1, clients on core 0' : 'processes not pinned to cores'}\n`
    );
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify({ latency, cpu }));
    const rows = names.map((name) => [
      name,
      `${median(latency[name]).toFixed(0)} µs ${spread(latency[name])}`,
      `${median(cpu[name]).toFixed(0)} µs`,
      `${median(throughput[name]).toFixed(0)} /s ${spread(throughput[name])}`,
      importTimes[name] ? `${median(importTimes[name]).toFixed(1)} ms ${spread(importTimes[name])}` : '',
      heap[name] ? `${(median(heap[name]) / 2 ** 20).toFixed(2)} MB` : '',
    ]);
    const header = ['client', 'latency, 1 at a time', 'client CPU', `throughput, ${inFlight} in flight`, 'import', 'heap after 10 000'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
    console.log(line(header));
    console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
    for (const row of rows) {
      console.log(line(row));
    }

    const m = (figures, name) => median(figures[name]);
    // Clients ran side by side in every round: compare them round by round, then take the median,
    // so that a slow round (the machine busy elsewhere) weighs on both sides of a ratio alike.
    const paired = (figures, a, b) => median(figures[a].map((value, round) => value / figures[b][round]));
    const targets = [
      ['latency vs 0.4.3', paired(latency, 'connector', '0.4.3'), '≤ 1.00', (r) => r <= 1],
      ['latency vs bare fetch', paired(latency, 'connector', 'bare fetch'), '≤ 1.50', (r) => r <= 1.5],
      ['throughput vs 0.4.3', paired(throughput, 'connector', '0.4.3'), '≥ 1.00', (r) => r >= 1],
      ['signing cost (latency)', paired(latency, 'connector, signed', 'connector'), '≤ 1.15', (r) => r <= 1.15],
      ['import vs 0.4.3', m(importTimes, 'connector') / m(importTimes, '0.4.3'), '≤ 1.00', (r) => r <= 1],
      ['heap growth (MB)', m(heap, 'connector') / 2 ** 20, '< 5', (r) => r < 5],
    ];
    console.log('\n| target | ratio | wanted | holds |\n| --- | --- | --- | --- |');
    for (const [name, ratio, wanted, holds] of targets) {
      console.log(`| ${name} | ${ratio.toFixed(2)} | ${wanted} | ${holds(ratio) ? 'yes' : 'NO'} |`);
    }
    console.log(
      `\nRatios are medians of round-by-round ratios. For scale: a bare node:http request takes ${m(latency, 'bare node:http').toFixed(0)} µs here, on loopback; a network round trip to an email service is typically 1 000 to 100 000 µs.`
    );
  } finally {
    endpoint.stdin.end();
    endpoint.kill();
    await rm(workspace, { recursive: true, force: true });
  }
};

await main();
