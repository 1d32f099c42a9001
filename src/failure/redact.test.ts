import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createRedactor } from './redact.js';

const link = 'https://auth.example.com/verify?ticket=tk-9f8e7d&lang=fr&next=/café';
const code = '482913';

/** The ways endpoints in several languages echo a text back. */
const echoes: Record<string, (text: string) => string> = {
  raw: (text) => text,
  'JavaScript JSON': (text) => JSON.stringify(text),
  "PHP's json_encode (\\/)": (text) => JSON.stringify(text).replaceAll('/', '\\/'),
  "Python's json.dumps (\\u00e9)": (text) =>
    JSON.stringify(text).replaceAll(/[^\u0000-\u007F]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  "Go's encoding/json (\\u0026)": (text) =>
    JSON.stringify(text).replaceAll(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  'JSON with upper-case \\u escapes': (text) =>
    JSON.stringify(text).replaceAll(/[^\u0000-\u007F]/g, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
  'an HTML page (&amp; &#x2F;)': (text) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;').replaceAll('/', '&#x2F;'),
  'an HTML page (&amp; &#47;)': (text) => text.replaceAll('&', '&amp;').replaceAll('/', '&#47;'),
  'HTML of JSON': (text) => JSON.stringify(text).replaceAll('&', '&amp;').replaceAll('"', '&quot;'),
  'percent-encoded, upper case': (text) => encodeURIComponent(text),
  'percent-encoded, lower case': (text) => encodeURIComponent(text).replaceAll(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
  'encodeURI': (text) => encodeURI(text),
  'form-encoded': (text) => new URLSearchParams({ x: text }).toString().slice(2),
  'form-encoded, lower case': (text) =>
    new URLSearchParams({ x: text }).toString().slice(2).replaceAll(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
};

describe('the redactor', () => {
  it.each(Object.entries(echoes))('finds a secret echoed %s', (_name, echo) => {
    const redact = createRedactor([link, code, 'Bearer tok+en/with=chars']);
    for (const secret of [link, code, 'Bearer tok+en/with=chars']) {
      const redacted = redact(`before ${echo(secret)} after`);
      // What the encoding wraps around the secret (JSON's quotes) may stay; the secret may not.
      expect(redacted, `${secret} echoed as ${echo(secret)}`).toMatch(/^before (")?(&quot;)?\[redacted\]\2?\1? after$/);
    }
  });

  it('finds a code given as a number', () => {
    const redact = createRedactor([482_913]);
    expect(redact('{"code":482913} and "482913"')).toBe('{"code":[redacted]} and "[redacted]"');
  });

  it('handles a 40 000-character secret: no pattern is built from it, so nothing fails', () => {
    const token = randomBytes(30_000).toString('base64');
    expect(token).toHaveLength(40_000);
    const redact = createRedactor([token, `Bearer ${token}`]);
    const start = performance.now();
    const redacted = redact(`a ${token} b ${encodeURIComponent(token)} c ${JSON.stringify(token).replaceAll('/', '\\/')}`);
    expect(redacted).toBe('a [redacted] b [redacted] c "[redacted]"');
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('does not hunt a value under 4 characters, so a message is never shredded', () => {
    const redact = createRedactor(['5', 'ab', 'xyz']);
    const text = 'answered 503: ab xyz 5';
    expect(redact(text)).toBe(text);
  });

  it('does not hunt a value inside its own placeholder, which would shred every placeholder', () => {
    const redact = createRedactor(['dact', 'secret-value']);
    expect(redact('a secret-value, a redacted word')).toBe('a [redacted], a redacted word');
  });

  it('takes the longest secret first: a secret inside another leaves nothing of the longer one', () => {
    const redact = createRedactor(['abcd', 'xxabcdyy']);
    expect(redact('1 xxabcdyy 2 abcd')).toBe('1 [redacted] 2 [redacted]');
  });

  it('ignores what is not text, and leaves a text without secrets as it is', () => {
    const redact = createRedactor([undefined, null, {}, '']);
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });
});
