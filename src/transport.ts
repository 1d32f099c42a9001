import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

import ky from 'ky';

import {
  AddressRefused,
  addressRefusal,
  agentsFor,
  publicEndpointsOnly,
  type AddressRefusal,
} from './address-guard.js';
import { boundedMemo } from './memo.js';

/** What was read of an answer, and whether that was all of it. */
export type AnswerText = { text: string; complete: boolean };

/** One request as it goes out: the same on every attempt but for the Standard Webhooks headers. */
export type OutgoingRequest = { url: string; headers: Record<string, string>; body: string };

/** What one attempt came to. */
export type Attempt =
  | {
      kind: 'answer';
      /** 200 to 599: anything else is an `invalid-answer`. */
      status: number;
      /** A header of the answer, by its lower-case name. */
      header: (name: string) => string | undefined;
      /**
       * Reads at most `maxBytes` of the answer, stopping at `deadline` (performance.now()).
       * `complete`: the answer ended there; when not, what was read is only its start.
       */
      read: (maxBytes: number, deadline: number) => Promise<AnswerText>;
      /**
       * Drops the answer: read to its end by `deadline`, its connection goes back to the pool for
       * the next send; an answer that does not end by then is cut off with its connection.
       */
      discard: (deadline: number) => void;
    }
  /** No answer within the attempt's time. `sent`: the request may have reached the endpoint. */
  | { kind: 'timeout'; sent: boolean }
  /** The connection failed. `sent` is false when nothing can have reached the endpoint. */
  | { kind: 'unreachable'; reason: string; sent: boolean }
  /** Something came back that is not a valid final HTTP answer to a request. */
  | { kind: 'invalid-answer'; reason: string }
  /** The endpoint's address is one the connector does not send to: nothing was sent. */
  | { kind: 'refused-address'; refusal: AddressRefusal };

export type AttemptLimits = {
  /** Milliseconds for the whole attempt, from now until the answer's head has arrived. */
  timeout: number;
  /** Milliseconds to get a connection; past it the attempt fails with nothing sent. */
  connectTimeout?: number;
};

/** A failure of the attempt that carries its own description. */
class AttemptFailure extends Error {
  constructor(readonly attempt: Attempt) {
    super(attempt.kind);
  }
}

/**
 * Runs `onExpired` once `ms` have passed and then one turn of the event loop's I/O polling: Node runs
 * expired timers before it reads sockets, so after a stall (a long garbage collection, synchronous
 * work elsewhere) an answer may be waiting unread when the timer fires. setImmediate runs after the
 * poll, when that answer has been read and can cancel the verdict. Returns the cancel.
 */
export const afterDeadline = (ms: number, onExpired: () => void, { unref = false } = {}): (() => void) => {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    // Never unref'd: an unref'd immediate waits for some other event to wake the loop, which may
    // be seconds away. Once the timer has fired, holding the loop for one turn costs nothing.
    immediate = setImmediate(onExpired);
  }, Math.max(0, ms));
  if (unref) {
    timer.unref();
  }
  return () => {
    clearTimeout(timer);
    if (immediate) {
      clearImmediate(immediate);
    }
  };
};

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/** What OpenSSL says when the first bytes back are not TLS: most often an HTTP server's answer. */
const notTls = /:wrong version number:|^ERR_SSL_WRONG_VERSION_NUMBER$/;
const notTlsReason = 'the endpoint does not speak TLS here: is it http:?';

/**
 * Names a network failure by its error code only: an error's own text may quote the request, and
 * nothing of the request may reach an error. (OpenSSL's text is read for one fixed reason only.)
 */
const describeNetworkError = (error: unknown): string => {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') {
      if ((code === 'EPROTO' && notTls.test(current.message)) || notTls.test(code)) {
        return notTlsReason;
      }
      return networkReasons[code] ?? code;
    }
    current = current.cause;
  }
  return 'network error';
};

/** The errors of a kept-alive connection that the endpoint closed as a request went out on it. */
const staleConnectionCodes: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** An answer nobody reads is drained up to this much, then its connection is closed. */
const discardedBytesMax = 64 * 1024;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Reads at most `maxBytes` of an answer, and stops at the deadline or a reset. */
const readIncoming = async (
  incoming: IncomingMessage,
  maxBytes: number,
  deadline: number
): Promise<AnswerText> => {
  // What already waits in the socket when the deadline fires is still read.
  let cancel = () => {};
  const expired = new Promise<undefined>((resolve) => {
    cancel = afterDeadline(deadline - performance.now(), () => resolve(undefined));
  });
  const chunks: Buffer[] = [];
  let bytes = 0;
  let complete = false;
  try {
    const iterator = incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    while (bytes < maxBytes) {
      // eslint-disable-next-line no-await-in-loop
      const next = await Promise.race([iterator.next(), expired]);
      if (!next) {
        break;
      }
      if (next.done) {
        complete = true;
        break;
      }
      const piece = next.value.subarray(0, maxBytes - bytes);
      bytes += piece.byteLength;
      chunks.push(piece);
    }
  } catch {
    // The connection broke mid-answer: keep what arrived.
  } finally {
    cancel();
    incoming.destroy();
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), complete };
};

const toAttempt = (incoming: IncomingMessage): Attempt => ({
  kind: 'answer',
  status: incoming.statusCode ?? 0,
  header: (name) => {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  },
  read: async (maxBytes, deadline) => readIncoming(incoming, maxBytes, deadline),
  discard: (deadline) => {
    // Read to its end, the connection goes back to the pool; an endless or stalled answer is cut
    // off, or its connection would stay open for as long as the endpoint keeps it.
    let bytes = 0;
    const cancelCutOff = afterDeadline(deadline - performance.now(), () => incoming.destroy(), { unref: true });
    incoming.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > discardedBytesMax) {
        incoming.destroy();
      }
    });
    incoming.once('close', cancelCutOff);
    incoming.resume();
  },
});

/**
 * One attempt's state, shared by ky's `fetch` and `sendAttempt`: `sent` turns true once the request
 * is connected (and through TLS), the point from which the endpoint may have received the message;
 * `answered` once the answer's head has arrived, after which the attempt's time limit no longer
 * applies; `timedOut` once it has run out.
 */
type Connection = {
  sent: boolean;
  answered: boolean;
  timedOut: boolean;
  informational: number;
  outgoing?: ClientRequest;
};

/**
 * The connect limit runs only while a new connection is being made: a kept-alive connection from
 * the pool is connected already, and most sends get one, so they start no timer at all.
 */
const watchConnection = (
  outgoing: ClientRequest,
  secure: boolean,
  connection: Connection,
  connectTimeout?: number
) => {
  outgoing.on('socket', (socket: Socket) => {
    if (outgoing.reusedSocket) {
      connection.sent = true;
      return;
    }
    const cancel =
      connectTimeout === undefined
        ? undefined
        : afterDeadline(connectTimeout, () => {
            outgoing.destroy(
              new AttemptFailure({
                kind: 'unreachable',
                reason: `no connection within ${seconds(connectTimeout)}`,
                sent: false,
              })
            );
          });
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      connection.sent = true;
      cancel?.();
    });
    outgoing.once('close', () => cancel?.());
  });
  outgoing.on('information', ({ statusCode }) => {
    connection.informational = statusCode;
  });
};

type Target = { secure: boolean; options: RequestOptions };

/** The request options of each URL, parsed once: every send of a connector goes to one endpoint. */
const targets = boundedMemo<Target>(64);

const targetOf = (href: string): Target =>
  targets(href, () => {
    const url = new URL(href);
    return {
      secure: url.protocol === 'https:',
      options: {
        protocol: url.protocol,
        // node:http wants an IPv6 literal without its brackets.
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
      },
    };
  });

/** ky only reads `ok` and `status` of an answer it does not throw for: one empty Response per status. */
const kyResponses = new Map<number, Response>();
const kyResponse = (status: number) => {
  let response = kyResponses.get(status);
  if (!response) {
    response = new Response(null, { status });
    kyResponses.set(status, response);
  }
  return response;
};

/**
 * ky's `fetch`: sends ky's request over node:http or node:https with the connector's own keep-alive
 * agents, as 0.4.x's got did with the global ones (docs/architecture.md), whose new connections go
 * only where they may (src/address-guard.ts). The answer reaches `onAnswer` as node:http gives it;
 * ky gets a Response without a body, which it never reads.
 */
const nodeFetch =
  (
    request: OutgoingRequest,
    connectTimeout: number | undefined,
    connection: Connection,
    onAnswer: (attempt: Attempt) => void
  ) =>
  async (input: Request | URL | string): Promise<Response> =>
    new Promise((resolve, reject) => {
      // ky always hands over the Request it built: URL and method.
      const kyRequest = input instanceof Request ? input : new Request(input);
      const { secure, options } = targetOf(kyRequest.url);
      if (connection.timedOut) {
        reject(new AttemptFailure({ kind: 'timeout', sent: false }));
        return;
      }
      const publicOnly = publicEndpointsOnly();
      // An address in the URL is connected to without a lookup: it is judged here.
      const refusal = addressRefusal(options.hostname!, publicOnly);
      if (refusal) {
        reject(new AttemptFailure({ kind: 'refused-address', refusal }));
        return;
      }
      const agents = agentsFor(publicOnly);
      const outgoing = (secure ? https : http).request({
        ...options,
        agent: secure ? agents.https : agents.http,
        method: kyRequest.method,
        headers: request.headers,
      });
      connection.outgoing = outgoing;
      watchConnection(outgoing, secure, connection, connectTimeout);
      const fail = (attempt: Attempt) => {
        outgoing.destroy();
        reject(new AttemptFailure(attempt));
      };

      outgoing.on('response', (incoming) => {
        connection.answered = true;
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          incoming.destroy();
          fail({
            kind: 'invalid-answer',
            reason: `answered with status ${status}, which is not a valid final HTTP status`,
          });
          return;
        }
        onAnswer(toAttempt(incoming));
        resolve(kyResponse(status));
      });
      // A 101 answers an upgrade this request never asked for.
      outgoing.on('upgrade', (_incoming, socket) => {
        connection.answered = true;
        socket.destroy();
        fail({ kind: 'invalid-answer', reason: 'answered 101 Switching Protocols to a plain request' });
      });
      outgoing.on('error', (error) => {
        const code = String((error as { code?: unknown }).code);
        if (error instanceof AttemptFailure) {
          reject(error);
        } else if (error instanceof AddressRefused) {
          reject(new AttemptFailure({ kind: 'refused-address', refusal: error.refusal }));
        } else if (code.startsWith('HPE_')) {
          // llhttp could not parse the answer.
          reject(
            new AttemptFailure({ kind: 'invalid-answer', reason: 'answered with something that is not HTTP' })
          );
        } else if (connection.informational) {
          reject(
            new AttemptFailure({
              kind: 'invalid-answer',
              reason: `answered ${connection.informational}, an informational status, and no final answer`,
            })
          );
        } else if (!connection.answered && outgoing.reusedSocket && staleConnectionCodes.has(code)) {
          // Most often the endpoint closing an idle kept-alive connection as the request went out
          // on it. It counts as an attempt like any network failure: the next one goes out on a
          // new connection, with the same webhook-id, if `retries` allows.
          reject(
            new AttemptFailure({
              kind: 'unreachable',
              reason: 'it closed a kept-alive connection as the request went out on it',
              sent: true,
            })
          );
        } else {
          reject(error);
        }
      });
      outgoing.end(request.body);
    });

/**
 * One attempt: ky builds the request (Logto provides ky to connectors), with no retries of its own,
 * no HTTP errors thrown and no redirect followed; node:http sends it. The time limit is the
 * connector's own: ky's would destroy an answer already waiting in the socket (`afterDeadline`).
 */
export const sendAttempt = async (
  request: OutgoingRequest,
  { timeout, connectTimeout }: AttemptLimits
): Promise<Attempt> => {
  let answer: Attempt | undefined;
  const connection: Connection = { sent: false, answered: false, timedOut: false, informational: 0 };
  const cancelLimit = afterDeadline(timeout, () => {
    if (connection.answered) {
      return;
    }
    connection.timedOut = true;
    // Destroyed with the verdict, the request's error handler rejects ky's fetch with it.
    connection.outgoing?.destroy(new AttemptFailure({ kind: 'timeout', sent: connection.sent }));
  });
  try {
    // ky.post and a ky.create'd instance cost the same per call (docs/performance.md).
    await ky.post(request.url, {
      timeout: false,
      fetch: nodeFetch(request, connectTimeout, connection, (attempt) => {
        answer = attempt;
      }),
      // Retries are the connector's own (src/delivery.ts): ky's differ across the ky versions that
      // Logto hosts ship and know no budget across attempts.
      retry: 0,
      throwHttpErrors: false,
      // Following a redirect would POST the message, code included, wherever Location points.
      // node:http follows none; this says so to ky too.
      redirect: 'manual',
    });
    return answer ?? { kind: 'invalid-answer', reason: 'gave no answer' };
  } catch (error) {
    if (error instanceof AttemptFailure) {
      return error.attempt;
    }
    return { kind: 'unreachable', reason: describeNetworkError(error), sent: connection.sent };
  } finally {
    cancelLimit();
  }
};
