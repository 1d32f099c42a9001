// The end user's sentence for a failed send, in their language: built from the kind of failure,
// the attempts and the reference only. A real send to a failing endpoint on 127.0.0.1 shows it.
import type { SendMessageData } from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { connector, endpointsClosedAfterEach, rejection } from '../../test/helpers.js';

import { consoleLocales, failureSentence, type FailureFacts } from './index.js';

const webhookId = 'msg_0123456789abcdef0123456789abcdef';

const everyKind: FailureFacts[] = [
  { kind: 'status', status: 503, attempts: 3, webhookId },
  { kind: 'timeout', attempts: 2, webhookId },
  { kind: 'unreachable', attempts: 4, webhookId },
  { kind: 'invalid-answer', attempts: 1, webhookId },
  { kind: 'refused-address', attempts: 1, webhookId },
  { kind: 'invalid-config', attempts: 0, webhookId },
  { kind: 'not-sent', attempts: 0, webhookId },
];

describe('failureSentence', () => {
  it('English, as the connector has always said it', () => {
    expect(failureSentence('en', everyKind[0]!)).toBe(
      `The email could not be sent: the email service answered HTTP 503 (3 attempts). Reference: ${webhookId}.`
    );
    expect(failureSentence(undefined, { kind: 'timeout', attempts: 1, webhookId })).toBe(
      `The email could not be sent: the email service did not answer in time (1 attempt). Reference: ${webhookId}.`
    );
    expect(failureSentence('en-GB', { kind: 'unreachable', attempts: 2, webhookId })).toBe(
      `The email could not be sent: the email service could not be reached (2 attempts). Reference: ${webhookId}.`
    );
    expect(failureSentence('en', { kind: 'invalid-answer', attempts: 1, webhookId })).toBe(
      `The email could not be sent: the email service gave an invalid answer (1 attempt). Reference: ${webhookId}.`
    );
    expect(failureSentence('en', { kind: 'invalid-config', attempts: 0, webhookId })).toBe(
      `The email could not be sent: the configuration is invalid or could not be read. Reference: ${webhookId}.`
    );
  });

  const cases = consoleLocales.flatMap((locale) => everyKind.map((facts) => [locale, facts.kind, facts] as const));

  it.each(cases)('%s, %s: the reference, the attempts and the status', (locale, _kind, facts) => {
    const sentence = failureSentence(locale, facts);
    expect(sentence).toContain(webhookId);
    if (facts.attempts > 0) {
      expect(sentence).toMatch(new RegExp(`(^|\\D)${facts.attempts}(\\D|$)`));
    }
    if (facts.kind === 'status') {
      expect(sentence).toContain('HTTP 503');
    }
    expect(sentence).not.toMatch(/undefined|\(\)|（）/);
    if (locale !== 'en') {
      expect(sentence).not.toBe(failureSentence('en', facts));
    }
  });

  it('every kind reads differently in every language', () => {
    for (const locale of consoleLocales) {
      const sentences = everyKind.map((facts) => failureSentence(locale, { ...facts, attempts: 2 }));
      expect(new Set(sentences).size, locale).toBe(everyKind.length);
    }
  });

  it.each([
    ['ru', 1, '1 попытка'],
    ['ru', 3, '3 попытки'],
    ['ru', 5, '5 попыток'],
    ['pl-PL', 1, '1 próba'],
    ['pl-PL', 3, '3 próby'],
    ['pl-PL', 5, '5 prób'],
    ['de', 1, '1 Versuch)'],
    ['de', 2, '2 Versuche)'],
  ])('%s counts %i as "%s"', (locale, attempts, words) => {
    expect(failureSentence(locale, { kind: 'timeout', attempts, webhookId })).toContain(words);
  });
});

describe('a real send that fails: the end user reads it in their language', () => {
  const endpointWith = endpointsClosedAfterEach();
  let stderr: MockInstance<typeof process.stderr.write>;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
  });

  const failedSend = async (locale: string) => {
    const { origin } = await endpointWith((_request, response) => {
      response.writeHead(503).end('upstream down');
    });
    const config = { endpoint: `${origin}/send`, retries: 1 };
    const data = { to: 'ada@example.com', type: 'SignIn', payload: { code: '123456', locale } } as SendMessageData;
    const error = await rejection((await connector(async () => config)).sendMessage(data), 'general');
    return error.data as { errorDescription: string; webhookId: string; attempts: number };
  };

  it.each([
    ['de-DE', /^Die E-Mail konnte nicht gesendet werden\. Der E-Mail-Dienst antwortete mit HTTP 503 \(2 Versuche\)\. Referenz: (msg_\w+)\.$/],
    ['ja', /^メールを送信できませんでした。メールサービスが HTTP 503 を返しました（2回試行）。参照番号：(msg_\w+)$/],
    ['en-US', /^The email could not be sent: the email service answered HTTP 503 \(2 attempts\)\. Reference: (msg_\w+)\.$/],
  ])('%s', async (locale, sentence) => {
    const { errorDescription, webhookId, attempts } = await failedSend(locale);
    expect(attempts).toBe(2);
    expect(errorDescription).toMatch(sentence);
    expect(errorDescription.match(sentence)?.[1]).toBe(webhookId);
    expect(errorDescription).not.toContain('127.0.0.1');
    expect(errorDescription).not.toContain('upstream');
  });
});
