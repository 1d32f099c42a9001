// node bench/sign-v1a.mjs: what signing costs per email, v1 (HMAC-SHA256, a whsec_ secret) against
// v1a (ed25519, a whsk_ key), with the connector's own src/signing.ts. Counts CPU time
// (process.cpuUsage), not wall time, so that other processes on a busy machine slow it less; rounds
// interleave the kinds, and the median of the rounds is printed.
// A micro-benchmark: the rest of a send (about 200 to 350 µs, docs/performance.md) is not in it.
//
// BENCH_SIGN_ROUNDS and BENCH_SIGN_COUNT change the counts.
import { randomBytes } from 'node:crypto';

// src/signing.ts imports nothing but node:crypto, so Node runs it as it is, its types stripped
// (by default since Node 22.18; on older 22.x run with --experimental-strip-types).
const { newSigningKeyPair, newSigningSecret, signatureHeaders, signingKeys } = await import('../src/signing.ts');

const rounds = Number(process.env.BENCH_SIGN_ROUNDS ?? 15);
const count = Number(process.env.BENCH_SIGN_COUNT ?? 2000);

// The body of a typical sign-in email, as the connector serializes it.
const body = JSON.stringify({
  to: 'user1@example.com',
  type: 'SignIn',
  payload: { code: '123456', locale: 'en', application: { name: 'Portal' } },
  ip: '203.0.113.7',
});
const webhookId = `msg_${randomBytes(16).toString('hex')}`;
const timestamp = Math.floor(Date.now() / 1000);

const secret = newSigningSecret();
const { secretKey } = newSigningKeyPair();
const kinds = {
  'v1 (whsec_)': secret,
  'v1a (whsk_)': secretKey,
  'v1 + v1a (a switch under way)': `${secret} ${secretKey}`,
};

const cpuMicros = (run) => {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return user + system;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Per email: the signature header of one attempt. Per config: the keys, made once (src/request.ts).
const signers = Object.fromEntries(
  Object.entries(kinds).map(([name, value]) => [name, signatureHeaders(signingKeys(value.split(' ')))])
);
const perSignature = Object.fromEntries(Object.keys(kinds).map((name) => [name, []]));
const perConfig = Object.fromEntries(Object.keys(kinds).map((name) => [name, []]));
let sink = 0;
for (let round = 0; round < rounds + 1; round++) {
  for (const [name, value] of Object.entries(kinds)) {
    const sign = signers[name];
    const micros = cpuMicros(() => {
      for (let index = 0; index < count; index++) {
        sink += sign(webhookId, timestamp + index, body)['webhook-signature'].length;
      }
    });
    const setup = cpuMicros(() => {
      for (let index = 0; index < count / 20; index++) {
        sink += signingKeys(value.split(' ')).length;
      }
    });
    // The first round warms up.
    if (round > 0) {
      perSignature[name].push(micros / count);
      perConfig[name].push(setup / (count / 20));
    }
  }
}

console.log(`node ${process.version}, ${rounds} rounds of ${count} signatures, CPU µs (median of rounds), body ${body.length} bytes`);
console.log('| signingSecret | per attempt | keys made once per config |');
console.log('| --- | ---: | ---: |');
for (const name of Object.keys(kinds)) {
  console.log(`| ${name} | ${median(perSignature[name]).toFixed(1)} µs | ${median(perConfig[name]).toFixed(1)} µs |`);
}
if (sink === 0) {
  console.log('(nothing signed)');
}
