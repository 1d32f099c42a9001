import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

// Statuses whose Response may not have a body (the Response constructor refuses one).
const nullBodyStatuses = new Set([204, 205, 304]);

const toResponse = (incoming: IncomingMessage): Response => {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
    headers.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
  }
  if (nullBodyStatuses.has(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers });
};

/**
 * ky's `fetch`: sends ky's request over node:http or node:https with their keep-alive global agents,
 * as 0.4.x's got did. It is faster than the global fetch (README, "Performance"), follows no
 * redirect and refuses no port. ky builds the request and runs its timeout, whose signal aborts this
 * one; the headers and the body come from the connector as they are, since handing them to ky would
 * only have it copy, validate and stream them into a Request that is not what gets sent.
 */
export const nodeFetch =
  (headers: Record<string, string>, body: string) =>
  async (input: Request | URL | string): Promise<Response> =>
    new Promise((resolve, reject) => {
      // ky always hands over the Request it built: URL, method and its timeout signal.
      const request = input instanceof Request ? input : new Request(input);
      const url = new URL(request.url);
      const client = url.protocol === 'https:' ? https : http;
      const outgoing = client.request(
        url,
        { method: request.method, headers, signal: request.signal },
        (incoming) => {
          try {
            resolve(toResponse(incoming));
          } catch (error: unknown) {
            incoming.destroy();
            reject(error);
          }
        }
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
