// Real servers on 127.0.0.1 for the relay's tests: an SMTP server, Redis, relay copies (in this
// process or as a child process running main.mjs) and a round-robin proxy in front of the copies.
// Test-only: not part of the relay that ships.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http, { type Server } from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

import type { SendMessageData } from '@logto/connector-kit';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { afterEach } from 'vitest';

import createConnector from '../../src/index.js';

import { createRelay } from './relay.mjs';
import { createMemoryStore, createRedisStore } from './store.mjs';

const mainScript = fileURLToPath(new URL('main.mjs', import.meta.url));
export const mailFrom = 'Acme <no-reply@acme.test>';

/** Registers a clean-up to run after the current test of the file that calls this helper. */
export const closedAfterEach = () => {
  const closers: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map(async (close) => close()));
  });
  return (close: () => Promise<unknown> | unknown) => {
    closers.push(close);
  };
};

/** Sends one message through the real connector, with the config passed as the Console test does. */
export const connectorSend = async (
  data: SendMessageData,
  config: Record<string, unknown>,
  getI18nEmailTemplate?: Parameters<typeof createConnector>[0]['getI18nEmailTemplate']
) => {
  const connector = await createConnector({
    getConfig: async () => {
      throw new Error('not used');
    },
    getI18nEmailTemplate,
  });
  return connector.sendMessage(data, config);
};

/** A promise and the function that resolves it: a gate a test opens, or a signal it awaits. */
export const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

/**
 * One request signed as the connector signs it (Standard Webhooks), sent with fetch. `at` and
 * `signedBody` sign another moment or other bytes than those sent, as an attacker would.
 */
export const signedPost = async (
  url: string,
  secret: string,
  id: string,
  body: string,
  { at = new Date(), signedBody = body }: { at?: Date; signedBody?: string } = {}
) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, signedBody),
    },
    body,
  });

export const freePort = async () => {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

export type ReceivedMail = { to?: string; subject?: string; text?: string; secure: boolean };

/**
 * A real SMTP server. `beforeAccept` sees each message before it is accepted: it may hold it (a
 * promise that settles later) or refuse it (throw: answered 451, try again later).
 */
export const startSmtpServer = async ({
  tls,
  refuseConnection = () => false,
  beforeAccept = () => undefined,
}: {
  tls?: { key: string; cert: string };
  refuseConnection?: () => boolean;
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void;
} = {}) => {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    onConnect(_session, callback) {
      callback(
        refuseConnection()
          ? Object.assign(new Error('Service not available'), { responseCode: 421 })
          : undefined
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail = {
            to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : undefined,
            subject: parsed.subject,
            text: parsed.text,
            secure: session.secure,
          };
          await beforeAccept(mail);
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => {
          callback(Object.assign(error, { responseCode: 451 }));
        });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as net.AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: async () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A redis-server of its own on a free loopback port, with no persistence. */
export const startRedis = async () => {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'ENOENT'
            ? 'redis-server is not installed: these tests need it (apt-get install redis-server; .ci/run installs it)'
            : `redis-server did not start: ${error.message}`
        )
      );
    });
    server.on('exit', (code) => {
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        resolve();
      }
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await once(server, 'exit');
      }
    },
  };
};

export type RelayEvent = {
  webhookId?: string;
  status: number;
  verified?: boolean;
  duplicate?: boolean;
  inFlight?: boolean;
  smtpError?: string;
  storeError?: string;
  /** When the relay answered (Date.now()), added by the tests. */
  at: number;
};

/** A relay copy in this process: Redis store when `redisUrl` is given, else in memory. */
export const startRelay = async ({
  secret,
  publicKeys = [],
  smtpUrl,
  redisUrl,
  transport = nodemailer.createTransport(smtpUrl ?? ''),
  claimTtlMs = 10_000,
  inFlightWaitMs,
}: {
  secret?: string;
  publicKeys?: string[];
  smtpUrl?: string;
  redisUrl?: string;
  transport?: ReturnType<typeof nodemailer.createTransport>;
  claimTtlMs?: number;
  inFlightWaitMs?: number;
}) => {
  const dedupTtlMs = 60_000;
  const store = redisUrl
    ? createRedisStore({ url: redisUrl, dedupTtlMs, claimTtlMs })
    : createMemoryStore({ dedupTtlMs, claimTtlMs });
  if ('connect' in store) {
    await store.connect();
  }
  const events: RelayEvent[] = [];
  const relay: Server = createRelay({
    signingSecrets: secret ? [secret] : [],
    publicKeys,
    transport,
    from: mailFrom,
    ...(inFlightWaitMs !== undefined && { inFlightWaitMs }),
    store,
    onEvent: (event: object) => {
      events.push({ ...(event as RelayEvent), at: Date.now() });
    },
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const { port } = relay.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    events,
    close: async () => {
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
      await store.close();
    },
  };
};

/** A relay copy as a user runs it: `node main.mjs` in a child process, set up by `env`. */
export const startRelayProcess = async (env: Record<string, string>) => {
  const child: ChildProcess = spawn(process.execPath, [mainScript], {
    env: { PATH: process.env.PATH, RELAY_HOST: '127.0.0.1', RELAY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /listening on (http:\/\/[\d.:]+)/.exec(stdout);
      if (listening) {
        resolve(listening[1]!);
      }
    });
    child.on('exit', (code) => {
      reject(new Error(`main.mjs exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    origin,
    child,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    },
  };
};

/**
 * What the proxy does with one request: pass the answer on, lose it (forward, let the copy deliver,
 * answer 502 as a load balancer whose upstream connection broke), or give up waiting after
 * `gatewayTimeoutMs` (answer 504 while the copy goes on).
 */
export type ProxyRoute = 'forward' | 'lose-answer' | { gatewayTimeoutMs: number };

export type ProxiedRequest = {
  webhookId: string;
  /** 1 for the first request with this webhook-id, 2 for its first retry, … */
  attempt: number;
  /** Which copy it went to. */
  copy: number;
  body: { to?: string; payload?: { code?: string } };
  /** What the proxy answered the connector. */
  status?: number;
};

/** One endpoint URL in front of several relay copies, which take the requests in turn. */
export const startRoundRobinProxy = async (
  origins: string[],
  route: (request: ProxiedRequest) => ProxyRoute = () => 'forward'
) => {
  const log: ProxiedRequest[] = [];
  const attempts = new Map<string, number>();
  let next = 0;
  const server = http.createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const webhookId = String(incoming.headers['webhook-id']);
    const attempt = (attempts.get(webhookId) ?? 0) + 1;
    attempts.set(webhookId, attempt);
    const copy = next++ % origins.length;
    const entry: ProxiedRequest = { webhookId, attempt, copy, body: JSON.parse(body.toString()) };
    log.push(entry);
    const reply = (status: number, headers: http.OutgoingHttpHeaders, answer: Buffer | string) => {
      if (entry.status === undefined) {
        entry.status = status;
        response.writeHead(status, headers).end(answer);
      }
    };
    const decision = route(entry);
    if (typeof decision === 'object') {
      setTimeout(() => reply(504, {}, 'gateway timeout'), decision.gatewayTimeoutMs);
    }
    const upstream = http.request(`${origins[copy]}${incoming.url}`, {
      method: incoming.method,
      headers: incoming.headers,
    });
    upstream.on('error', () => reply(502, {}, 'bad gateway'));
    upstream.on('response', async (answer) => {
      const answerChunks: Buffer[] = [];
      for await (const chunk of answer) {
        answerChunks.push(chunk as Buffer);
      }
      if (decision === 'lose-answer') {
        reply(502, {}, 'bad gateway');
        return;
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      reply(answer.statusCode ?? 502, headers, Buffer.concat(answerChunks));
    });
    upstream.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/logto/email`,
    log,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
