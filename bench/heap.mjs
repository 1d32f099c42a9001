// Heap growth after 10 000 sends through one client, after a forced GC, in this fresh process
// (run with --expose-gc). Prints bytes.
import { clients } from './clients.mjs';

const [name, origin, entry] = process.argv.slice(2);
const send = await clients[name](origin, entry);
const message = (index) => ({ to: `user${index}@example.com`, type: 'SignIn', payload: { code: String(100_000 + index), locale: 'en' } });

const inFlight = 64;
const total = Number(process.env.BENCH_HEAP_SENDS ?? 10_000);
const burst = async (count) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        await send(message(next++));
      }
    })
  );
};

// A full collection takes several rounds: some objects are only released by finalizers and timers
// that run between them.
const settledHeap = async () => {
  for (let round = 0; round < 6; round++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
};

await burst(Math.min(2000, total)); // warm up: connections, compiled code, caches
const before = await settledHeap();
await burst(total);
process.stdout.write(`${(await settledHeap()) - before}\n`);
process.exit(0);
