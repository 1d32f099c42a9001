// CPU profile of one client as the benchmark runs it: the packed connector in a Logto host with
// `ky@<range>` (1.2.3 unless BENCH_KY says otherwise), against the benchmark's endpoint in its own
// process. Only the sends are profiled (V8's sampling profiler, as `node --cpu-prof` runs it), not
// the packing and loading before them. Writes a .cpuprofile and prints the top functions by self time.
//
//   node bench/profile.mjs [client] [--pinned]     client: connector (default), 'connector, signed', 0.4.3, …
//
// BENCH_PROFILE_SENDS (20 000), BENCH_PROFILE_IN_FLIGHT (1 or 64; both halves by default),
// BENCH_PROFILE_TOP (25); BENCH_PROFILE_ENTRY=<lib/index.js of a Logto layout> profiles that build
// instead of packing this one (to compare a variant, laid out beside a host's node_modules).
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { ensureBuilt, installLikeLogto } from '../demo/logto-host.mjs';

import { clients } from './clients.mjs';
import { hostModules } from './hosts.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const clientName = args.find((arg) => !arg.startsWith('--')) ?? 'connector';
const pinned = args.includes('--pinned');
const sends = Number(process.env.BENCH_PROFILE_SENDS ?? 20_000);
const top = Number(process.env.BENCH_PROFILE_TOP ?? 25);

const message = (index) => ({
  to: `user${index}@example.com`,
  type: 'SignIn',
  payload: { code: String(100_000 + (index % 900_000)), locale: 'en', application: { name: 'Portal' } },
  ip: '203.0.113.7',
});

const burst = async (send, count, inFlight) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        await send(message(next++));
      }
    })
  );
};

/** Self time per function (name, file:line), in ms and as a share of the samples. */
const selfTimes = (profile) => {
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const hits = new Map();
  for (const id of profile.samples) {
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/lib\//, 'lib/') : '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (hits.get(node.id) ?? 0));
  }
  const total = profile.samples.length;
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => ({ key, ms: count * interval, share: count / total }));
};

/** Total (inclusive) time per function: each sample counts once for every function on its stack. */
const totalTimes = (profile) => {
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const parent = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const label = ({ functionName, url, lineNumber }) => {
    const file = url ? url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/lib\//, 'lib/') : '';
    return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
  };
  const totals = new Map();
  for (const id of profile.samples) {
    const seen = new Set();
    for (let current = id; current !== undefined; current = parent.get(current)) {
      const key = label(byId.get(current).callFrame);
      if (!seen.has(key)) {
        seen.add(key);
        totals.set(key, (totals.get(key) ?? 0) + 1);
      }
    }
  }
  const total = profile.samples.length;
  return [...totals]
    .filter(([key]) => !key.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => ({ key, ms: count * interval, share: count / total }));
};

/** Self time per module: ky, zod, connector-kit, this connector (lib/), undici, node:http, … */
const byModule = (profile) => {
  const hits = new Map();
  for (const id of profile.samples) {
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const modules = new Map();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    const module = url.includes('node_modules/')
      ? url.replace(/^.*node_modules\//, '').split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/')
      : url.startsWith('file://') ? 'this connector (lib/)'
      : url.startsWith('node:internal/deps/undici') ? 'undici (Request, Response, Headers, fetch)'
      : url.startsWith('node:') ? url.replace(/^node:(internal\/)?_?/, 'node:').replace(/^node:http\w*$/, 'node:http')
      : functionName || '(native)';
    modules.set(module, (modules.get(module) ?? 0) + (hits.get(node.id) ?? 0));
  }
  const total = profile.samples.length;
  return [...modules].sort((a, b) => b[1] - a[1]).map(([key, count]) => ({ key, share: count / total }));
};

const main = async () => {
  if (!process.env.BENCH_PROFILE_ENTRY) {
    await ensureBuilt();
  }
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'http-email-profile-'));
  if (pinned) {
    await run('taskset', ['-a', '-cp', '0', String(process.pid)]);
  }
  const endpoint = spawn(
    pinned ? 'taskset' : process.execPath,
    [...(pinned ? ['-c', '1', process.execPath] : []), path.join(here, 'endpoint.mjs')],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  );
  try {
    const { nodeModules, kyVersion } = await hostModules(process.env.BENCH_KY ?? '1.2.3');
    const entry = process.env.BENCH_PROFILE_ENTRY ?? (await installLikeLogto(workspace, { nodeModules })).entry;
    const [port] = await once(endpoint.stdout, 'data');
    const origin = `http://127.0.0.1:${String(port).trim()}`;
    const send = await clients[clientName](origin, entry);

    await burst(send, 5000, 64); // warm up
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const start = performance.now();
    // BENCH_PROFILE_IN_FLIGHT=1 or =64 profiles one way of sending only.
    const inFlights = process.env.BENCH_PROFILE_IN_FLIGHT ? [Number(process.env.BENCH_PROFILE_IN_FLIGHT)] : [1, 64];
    for (const inFlight of inFlights) {
      await burst(send, sends / inFlights.length, inFlight);
    }
    const elapsed = performance.now() - start;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();

    const inFlightsText = process.env.BENCH_PROFILE_IN_FLIGHT ? `${process.env.BENCH_PROFILE_IN_FLIGHT} in flight` : 'half one at a time, half 64 in flight';
    const file = path.join(os.tmpdir(), `http-email-${clientName.replace(/\W+/g, '-')}-ky-${kyVersion}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(
      `${clientName}, ky ${kyVersion}, Node ${process.version}, ${pinned ? 'pinned' : 'not pinned'}: ${sends} sends (${inFlightsText}) in ${elapsed.toFixed(0)} ms; profile in ${file}\n`
    );
    const perSend = (ms) => ((ms * 1000) / sends).toFixed(1);
    console.log('| self µs per send | share | function |\n| ---: | ---: | --- |');
    for (const { key, ms, share } of selfTimes(profile).slice(0, top)) {
      console.log(`| ${perSend(ms)} | ${(share * 100).toFixed(1)} % | ${key} |`);
    }
    console.log('\n| total µs per send | share | function (with what it calls) |\n| ---: | ---: | --- |');
    for (const { key, ms, share } of totalTimes(profile).slice(0, top * 2)) {
      console.log(`| ${perSend(ms)} | ${(share * 100).toFixed(1)} % | ${key} |`);
    }
    console.log('\n| self share | module |\n| ---: | --- |');
    for (const { key, share } of byModule(profile).slice(0, top)) {
      console.log(`| ${(share * 100).toFixed(1)} % | ${key} |`);
    }
  } finally {
    endpoint.stdin.end();
    endpoint.kill();
    await rm(workspace, { recursive: true, force: true });
  }
};

await main();
