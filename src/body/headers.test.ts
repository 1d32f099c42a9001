import type { SendMessageData } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { endpointsClosedAfterEach, expectClean, publicText, rejection, send, signInMessage } from '../../test/helpers.js';

const startEndpoint = endpointsClosedAfterEach();

/** Answers each request with the next status of `statuses`, the last one from then on. */
const answering = (...statuses: number[]) => {
  let count = 0;
  return startEndpoint((_request, response) => {
    const status = statuses[Math.min(count++, statuses.length - 1)]!;
    response.writeHead(status).end();
  });
};

describe('placeholders in header values', () => {
  it('{{webhookId}} is the message id, the same on every attempt; {{type}} the template type', async () => {
    const endpoint = await answering(503, 204);
    const { webhookId } = (await send(signInMessage(), {
      endpoint: endpoint.origin,
      headers: { 'Idempotency-Key': '{{ webhookId }}', 'X-Tag': 'logto-{{type}}' },
    })) as { webhookId: string };
    expect(endpoint.requests).toHaveLength(2);
    for (const { headers } of endpoint.requests) {
      expect(headers['idempotency-key']).toBe(webhookId);
      expect(headers['webhook-id']).toBe(webhookId);
      expect(headers['x-tag']).toBe('logto-SignIn');
    }
    // The same body bytes on every attempt, as a service keeping idempotency keys requires.
    expect(endpoint.requests[1]!.body.equals(endpoint.requests[0]!.body)).toBe(true);
  });

  it('a type a header cannot hold → invalid_request_parameters, nothing sent', async () => {
    const endpoint = await startEndpoint();
    const data = { ...signInMessage(), type: 'Sign\r\nIn' } as unknown as SendMessageData;
    await rejection(send(data, { endpoint: endpoint.origin, headers: { 'X-Tag': '{{type}}' } }), 'invalid_request_parameters');
    expect(endpoint.requests).toHaveLength(0);
  });

  it.each(['{{to}}', 'key {{payload.code}}', '{{template.subject}}', '{{webhookid}}'])(
    'any other placeholder (%s) → invalid_config naming the header by its place',
    async (value) => {
      const endpoint = await startEndpoint();
      const error = await rejection(
        send(signInMessage(), { endpoint: endpoint.origin, headers: { 'X-Api-Key': 'k', 'X-Secret-Name': value } }),
        'invalid_config'
      );
      expect(publicText(error)).toMatch(
        /headers: the value of the second header may use only the placeholders \{\{webhookId\}\} and \{\{type\}\}/
      );
      expectClean(error, ['X-Secret-Name']);
      expect(endpoint.requests).toHaveLength(0);
    }
  );
});

describe('409 with an idempotency key', () => {
  it('is retried like a 503 when a header carries {{webhookId}}', async () => {
    const endpoint = await answering(409, 202);
    const result = await send(signInMessage(), {
      endpoint: endpoint.origin,
      headers: { 'Idempotency-Key': '{{webhookId}}' },
    });
    expect(result).toMatchObject({ status: 202, attempts: 2 });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('is final without one, as any other 4xx', async () => {
    const endpoint = await answering(409, 202);
    const error = await rejection(
      send(signInMessage(), { endpoint: endpoint.origin, headers: { 'X-Tag': '{{type}}' } }),
      'general'
    );
    expect(error.data).toMatchObject({ status: 409, attempts: 1 });
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('what is a secret', () => {
  it("an Accept value and a value of placeholders only are shown; other header values are not", async () => {
    const apiKey = 'xkeysib-0123456789abcdef';
    const endpoint = await startEndpoint((request, response) => {
      const { accept, 'x-tag': tag, 'api-key': key } = request.headers;
      response.writeHead(422, { 'content-type': 'text/plain' }).end(`refused ${String(tag)} for ${String(accept)} with ${String(key)}`);
    });
    const error = await rejection(
      send(signInMessage(), {
        endpoint: endpoint.origin,
        headers: { Accept: 'application/json', 'X-Tag': '{{type}}', 'Api-Key': apiKey },
      }),
      'general'
    );
    const { body } = error.data as { body: string };
    expect(body).toContain('refused SignIn for application/json with');
    expect(body).not.toContain(apiKey);
    expectClean(error, [apiKey]);
  });
});
