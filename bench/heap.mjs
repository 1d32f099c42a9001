// Heap growth after 10 000 sends through one client, after a forced GC, in this fresh process
// (run with --expose-gc). Prints bytes.
import { clients } from './clients.mjs';

const [name, origin, entry] = process.argv.slice(2);
const send = await clients[name](origin, entry);
const message = (index) => ({ to: `user${index}@example.com`, type: 'SignIn', payload: { code: String(100_000 + index), locale: 'en' } });

const inFlight = 64;
const total = 10_000;
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

await burst(1000); // warm up: connections, JIT, caches
globalThis.gc();
const before = process.memoryUsage().heapUsed;
await burst(total);
await new Promise((resolve) => setTimeout(resolve, 200));
globalThis.gc();
globalThis.gc();
process.stdout.write(`${process.memoryUsage().heapUsed - before}\n`);
process.exit(0);
