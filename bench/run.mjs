// npm run bench: this connector as Logto really loads it — the packed package in a Logto layout whose
// host holds ky 1.2.3 (what Logto's lockfile resolves), and beside it a second host with the newest
// ky 1.x — with and without signing, with the Resend recipe's body template, beside 0.4.3, a bare
// fetch and a bare node:http request, against one local endpoint in its own process. Every client runs in two settings, interleaved round by
// round: pinned (endpoint on core 1, clients on core 0, as a quiet benchmark machine) and not pinned
// (as Logto runs: the scheduler puts both anywhere). Prints a table per setting, the ratios and
// whether each target holds. Figures, not a test: nothing here fails a build.
//
// BENCH_ROUNDS, BENCH_SEQUENTIAL, BENCH_CONCURRENT, BENCH_HEAP_SENDS, BENCH_HEAP_RUNS change the counts;
// BENCH_SETTINGS=pinned or =unpinned runs one setting only.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { ensureBuilt, installLikeLogto } from '../demo/logto-host.mjs';

import { clients } from './clients.mjs';
import { hostModules } from './hosts.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const sequentialCount = Number(process.env.BENCH_SEQUENTIAL ?? 1000);
const concurrentCount = Number(process.env.BENCH_CONCURRENT ?? 4000);
const inFlight = 64;
/** Messages per client before the next client's turn: small enough that the clients share conditions. */
const sequentialBlock = 50;
const concurrentBlock = 500;
const heapRuns = Number(process.env.BENCH_HEAP_RUNS ?? 1);
const heapSends = Number(process.env.BENCH_HEAP_SENDS ?? 10_000).toLocaleString('en').replaceAll(',', ' ');
/** The ky that Logto's lockfile resolves (CONTRACT §1), and the newest of the same major. */
const kyRanges = { logto: '1.2.3', newest: '^1' };

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

/**
 * Runs `count` messages through each sender in small blocks, the senders taking turns block by
 * block: a burst of load from elsewhere on the machine then falls on every client alike instead
 * of on whichever ran at that moment. `inFlight` messages are under way at once. Returns, per
 * sender, the wall-clock and this process's CPU time in µs.
 */
const interleaved = async (senders, count, inFlight, blockSize) => {
  const totals = senders.map(() => ({ wall: 0, cpu: 0 }));
  let sent = 0;
  for (let done = 0; done < count; done += blockSize) {
    const size = Math.min(blockSize, count - done);
    for (const [index, send] of senders.entries()) {
      let next = 0;
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(inFlight, size) }, async () => {
          while (next < size) {
            await send(message(sent + next++));
          }
        })
      );
      const { user, system } = process.cpuUsage(cpuBefore);
      totals[index].wall += (performance.now() - start) * 1000;
      totals[index].cpu += user + system;
    }
    sent += size;
  }
  return totals;
};

/** Per sender: µs per message one at a time, and this process's CPU µs per message meanwhile. */
const sequential = async (senders) =>
  (await interleaved(senders, sequentialCount, 1, sequentialBlock)).map(({ wall, cpu }) => ({
    wall: wall / sequentialCount,
    cpu: cpu / sequentialCount,
  }));

/** Per sender: messages per second with `inFlight` under way. */
const concurrent = async (senders) =>
  (await interleaved(senders, concurrentCount, inFlight, concurrentBlock)).map(
    ({ wall }) => concurrentCount / (wall / 1_000_000)
  );

const freshProcessFigure = async (args) => {
  const { stdout } = await run(process.execPath, args, { cwd: here });
  return Number(stdout.trim());
};

const allCores = `0-${os.availableParallelism() - 1}`;
/** Sets the cores of every thread of a process; processes started later inherit them. */
const setCores = (pid, cores) => run('taskset', ['-a', '-cp', cores, String(pid)]);

/** Pinning needs two cores and taskset; without them, only the unpinned setting runs. */
const canPin = async () => {
  if (os.availableParallelism() < 2) {
    return false;
  }
  try {
    await setCores(process.pid, allCores);
    return true;
  } catch {
    return false;
  }
};

const settingTitles = {
  pinned: 'pinned: endpoint on core 1, clients on core 0',
  unpinned: 'not pinned: the scheduler places endpoint and clients, as in a Logto deployment',
};

/** A Logto layout whose host's node_modules holds ky@range, with this package installed in it. */
const logtoHost = async (workspace, range) => {
  const { nodeModules, kyVersion } = await hostModules(range);
  const layout = path.join(workspace, `ky-${kyVersion}`);
  await mkdir(layout);
  const { entry } = await installLikeLogto(layout, { nodeModules });
  // The connector must get the host's ky, not this repository's: where does its `ky` resolve?
  const kyEntry = createRequire(entry).resolve('ky');
  const loadedVersion = createRequire(kyEntry).resolve('../package.json');
  const { version } = createRequire(import.meta.url)(loadedVersion);
  if (version !== kyVersion) {
    throw new Error(`The connector in the ky ${kyVersion} host resolves ky ${version}.`);
  }
  return { entry, kyVersion };
};

const main = async () => {
  console.log(await ensureBuilt());
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'http-email-bench-'));
  const pinnable = await canPin();
  const settings = ['pinned', 'unpinned'].filter(
    (setting) => (setting === 'unpinned' || pinnable) && (!process.env.BENCH_SETTINGS || process.env.BENCH_SETTINGS === setting)
  );
  const endpoint = spawn(process.execPath, [path.join(here, 'endpoint.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const applySetting = async (setting) => {
    if (!pinnable) {
      return;
    }
    await setCores(process.pid, setting === 'pinned' ? '0' : allCores);
    await setCores(endpoint.pid, setting === 'pinned' ? '1' : allCores);
  };
  try {
    const logto = await logtoHost(workspace, kyRanges.logto);
    const newest = await logtoHost(workspace, kyRanges.newest);
    const [port] = await once(endpoint.stdout, 'data');
    const origin = `http://127.0.0.1:${String(port).trim()}`;
    const legacyEntry = createRequire(import.meta.url).resolve('connector-http-email-043');

    const connectorName = `connector (ky ${logto.kyVersion})`;
    const signed = `connector, signed (ky ${logto.kyVersion})`;
    const templated = `connector, templated (ky ${logto.kyVersion})`;
    const newestName = `connector (ky ${newest.kyVersion})`;
    const lineup = [
      { name: connectorName, kind: 'connector', entry: logto.entry },
      { name: signed, kind: 'connector, signed', entry: logto.entry },
      { name: templated, kind: 'connector, templated', entry: logto.entry },
      ...(newest.kyVersion === logto.kyVersion ? [] : [{ name: newestName, kind: 'connector', entry: newest.entry }]),
      { name: '0.4.3', kind: '0.4.3' },
      { name: 'bare fetch', kind: 'bare fetch' },
      { name: 'bare node:http', kind: 'bare node:http' },
    ];
    const names = lineup.map(({ name }) => name);
    const senders = Object.fromEntries(
      await Promise.all(lineup.map(async ({ name, kind, entry }) => [name, await clients[kind](origin, entry)]))
    );

    console.log(`Warming up, then ${rounds} rounds: settings ${settings.join(' and ')}, clients interleaved …`);
    await concurrent(names.map((name) => senders[name]));
    const figures = (init) => Object.fromEntries(settings.map((setting) => [setting, init()]));
    const perClient = () => Object.fromEntries(names.map((name) => [name, []]));
    const latency = figures(perClient);
    const cpu = figures(perClient);
    const throughput = figures(perClient);
    const importTimes = figures(() => ({ [connectorName]: [], [newestName]: [], '0.4.3': [] }));
    for (let round = 0; round < rounds; round++) {
      // Alternate the settings and rotate the clients so that none always runs first or last.
      const settingOrder = round % 2 ? [...settings].reverse() : settings;
      for (const setting of settingOrder) {
        await applySetting(setting);
        const order = names.map((_, index) => names[(index + round) % names.length]);
        const orderedSenders = order.map((name) => senders[name]);
        const latencies = await sequential(orderedSenders);
        const rates = await concurrent(orderedSenders);
        order.forEach((name, index) => {
          latency[setting][name].push(latencies[index].wall);
          cpu[setting][name].push(latencies[index].cpu);
          throughput[setting][name].push(rates[index]);
        });
        // Import time in fresh processes, which inherit this process's cores.
        importTimes[setting][connectorName].push(await freshProcessFigure(['import-time.mjs', logto.entry]));
        importTimes[setting][newestName].push(await freshProcessFigure(['import-time.mjs', newest.entry]));
        importTimes[setting]['0.4.3'].push(await freshProcessFigure(['import-time.mjs', legacyEntry]));
      }
      process.stdout.write(`  round ${round + 1}/${rounds}\n`);
    }

    console.log(`Heap growth after ${heapSends} sends, in fresh processes …`);
    const heap = figures(() => ({ [connectorName]: [], [signed]: [], '0.4.3': [] }));
    for (let time = 0; time < heapRuns; time++) {
      for (const setting of settings) {
        await applySetting(setting);
        for (const { name, kind, entry } of lineup.filter(({ name }) => name in heap[setting])) {
          heap[setting][name].push(await freshProcessFigure(['--expose-gc', 'heap.mjs', kind, origin, entry ?? '']));
        }
      }
    }
    await applySetting('unpinned');

    const cpus = os.cpus();
    console.log(
      `\nNode ${process.version} on ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`
    );
    console.log(
      `ky ${logto.kyVersion} in the Logto host (as Logto's lockfile resolves it); ky ${newest.kyVersion}, the newest 1.x, in a second host`
    );
    console.log(
      `${sequentialCount} messages one at a time and ${concurrentCount} with ${inFlight} in flight per round and setting, the clients taking turns every ${sequentialBlock} and every ${concurrentBlock} messages; medians of ${rounds} rounds, ± half the range`
    );
    if (!pinnable) {
      console.log('(one core or no taskset here: the pinned setting did not run)');
    }
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify({ latency, cpu, throughput }));

    const m = (values) => median(values);
    const header = ['client', 'latency, 1 at a time', 'client CPU', `throughput, ${inFlight} in flight`, 'import', `heap after ${heapSends}`];
    const line = (cells, widths) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
    for (const setting of settings) {
      console.log(`\n${settingTitles[setting]}\n`);
      const rows = names.map((name) => [
        name,
        `${m(latency[setting][name]).toFixed(0)} µs ${spread(latency[setting][name])}`,
        `${m(cpu[setting][name]).toFixed(0)} µs`,
        `${m(throughput[setting][name]).toFixed(0)} /s ${spread(throughput[setting][name])}`,
        importTimes[setting][name] ? `${m(importTimes[setting][name]).toFixed(1)} ms ${spread(importTimes[setting][name])}` : '',
        heap[setting][name] ? `${(m(heap[setting][name]) / 2 ** 20).toFixed(2)} MB` : '',
      ]);
      const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
      console.log(line(header, widths));
      console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
      for (const row of rows) {
        console.log(line(row, widths));
      }
    }

    // Clients ran side by side in every round: compare them round by round, then take the median,
    // so that a slow round (the machine busy elsewhere) weighs on both sides of a ratio alike.
    const paired = (values, a, b) => median(values[a].map((value, round) => value / values[b][round]));
    const targetsOf = (setting) => [
      ['latency vs 0.4.3', paired(latency[setting], connectorName, '0.4.3'), '≤ 1.00', (r) => r <= 1],
      ['throughput vs 0.4.3', paired(throughput[setting], connectorName, '0.4.3'), '≥ 1.00', (r) => r >= 1],
      ['signing cost (latency)', paired(latency[setting], signed, connectorName), '≤ 1.15', (r) => r <= 1.15],
      ['body template cost (latency)', paired(latency[setting], templated, connectorName), '≤ 1.15', (r) => r <= 1.15],
      ['import vs 0.4.3', paired(importTimes[setting], connectorName, '0.4.3'), '≤ 1.00', (r) => r <= 1],
      ['heap growth (MB)', m(heap[setting][connectorName]) / 2 ** 20, '< 5', (r) => r < 5],
      ['stretch: latency vs bare node:http', paired(latency[setting], connectorName, 'bare node:http'), '≤ 2.00', (r) => r <= 2],
    ];
    const alsoOf = (setting) =>
      newest.kyVersion === logto.kyVersion
        ? []
        : [
            [`ky ${newest.kyVersion}: latency vs 0.4.3`, paired(latency[setting], newestName, '0.4.3'), '≤ 1.00', (r) => r <= 1],
            [`ky ${newest.kyVersion}: throughput vs 0.4.3`, paired(throughput[setting], newestName, '0.4.3'), '≥ 1.00', (r) => r >= 1],
          ];
    console.log(`\nTargets, for the connector on ky ${logto.kyVersion} unless named otherwise:`);
    console.log(`\n| target | ${settings.map((setting) => `${setting}: ratio | holds`).join(' | ')} | wanted |`);
    console.log(`| --- | ${settings.map(() => '--- | ---').join(' | ')} | --- |`);
    const rowsBySetting = Object.fromEntries(settings.map((setting) => [setting, [...targetsOf(setting), ...alsoOf(setting)]]));
    rowsBySetting[settings[0]].forEach(([name, , wanted], index) => {
      const cells = settings.map((setting) => {
        const [, ratio, , holds] = rowsBySetting[setting][index];
        return `${ratio.toFixed(2)} | ${holds(ratio) ? 'yes' : 'NO'}`;
      });
      console.log(`| ${name} | ${cells.join(' | ')} | ${wanted} |`);
    });
    console.log(
      `\nRatios are medians of round-by-round ratios. For scale: a bare node:http request takes ${m(latency[settings.at(-1)]['bare node:http']).toFixed(0)} µs here (${settings.at(-1)}), on loopback; a network round trip to an email service is typically 1 000 to 100 000 µs.`
    );
  } finally {
    endpoint.stdin.end();
    endpoint.kill();
    await rm(workspace, { recursive: true, force: true });
  }
};

await main();
