// Starts the relay from environment variables. See README.md beside this file.
import nodemailer from 'nodemailer';

import { ConfigError, relayConfig } from './config.mjs';
import { createRelay } from './relay.mjs';
import { createMemoryStore, createRedisStore } from './store.mjs';

const fail = (message) => {
  for (const line of message.split('\n')) {
    console.error(`smtp-relay: ${line}`);
  }
  process.exit(2);
};

let config;
try {
  config = relayConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message);
}
for (const warning of config.warnings) {
  console.error(`smtp-relay: warning: ${warning}`);
}

const { dedupTtlMs, claimTtlMs } = config;
let store;
let storeName = 'in memory (one copy only)';
if (config.redisUrl) {
  // Redis's own messages name host and port, never the password of REDIS_URL.
  store = createRedisStore({
    url: config.redisUrl,
    dedupTtlMs,
    claimTtlMs,
    onConnectionError: (error) => console.error(`smtp-relay: Redis unreachable: ${error.message}`),
  });
  await store.connect().catch((error) => fail(`cannot reach Redis: ${error.message}`));
  storeName = 'in Redis';
} else {
  store = createMemoryStore({ dedupTtlMs, claimTtlMs });
}

const relay = createRelay({
  signingSecrets: config.signingSecrets,
  publicKeys: config.publicKeys,
  transport: nodemailer.createTransport(config.smtp),
  from: config.from,
  store,
});

relay.on('error', (error) =>
  fail(`cannot listen on ${config.host}:${config.port}: ${error.message}`)
);
relay.listen(config.port, config.host, () => {
  const { port } = relay.address();
  console.log(
    `smtp-relay: listening on http://${config.host}:${port}, relaying to SMTP, webhook-ids ${storeName}`
  );
});

const stop = () => {
  relay.close(() => store.close().finally(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
