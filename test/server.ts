import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

/** One request as the endpoint received it. */
export type ReceivedRequest = {
  method: string;
  /** Path with query, as sent on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `performance.now()` when the body had arrived. */
  at: number;
};

export type Handler = (
  request: ReceivedRequest,
  response: ServerResponse,
  incoming: IncomingMessage
) => void;

export type TestEndpoint = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: ReceivedRequest[];
  /** How many connections to it are open now. */
  openConnections: () => number;
  close: () => Promise<void>;
};

const accept: Handler = (_request, response) => {
  response.writeHead(204).end();
};

/** A real HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export const startEndpoint = async (handler: Handler = accept): Promise<TestEndpoint> => {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        at: performance.now(),
      };
      requests.push(request);
      handler(request, response, incoming);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') {
    throw new Error('the test endpoint has no port');
  }

  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    openConnections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
};

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
};

/**
 * A port on 127.0.0.1 where a connection is never made: a socket that listens with a backlog of 1
 * and never accepts, its queue filled (Linux queues backlog + 1). The kernel drops every further
 * SYN, as a firewall that drops packets would. Node's servers accept whatever comes, so a child
 * Node holds the socket and then blocks its only thread (Atomics.wait, without using the CPU).
 */
export const stalledPort = async (): Promise<{ port: number; close: () => Promise<void> }> => {
  const holder = spawn(process.execPath, [
    '-e',
    `const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`,
  ]);
  const [output] = (await once(holder.stdout, 'data')) as [Buffer];
  const port = Number(output.toString().trim());
  const fillers = [net.connect(port, '127.0.0.1'), net.connect(port, '127.0.0.1')];
  await Promise.all(fillers.map(async (filler) => once(filler, 'connect')));
  return {
    port,
    close: async () => {
      fillers.forEach((filler) => filler.destroy());
      holder.stdin.end();
      holder.kill();
      await once(holder, 'exit').catch(() => undefined);
    },
  };
};
