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

const percentBytes = (keep: RegExp, space?: string) => (text: string) =>
  [...Buffer.from(text)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return keep.test(char) ? char : char === ' ' && space ? space : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
const htmlspecialchars = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#039;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** More encoders, as other languages' standard libraries write a text. */
Object.assign(echoes, {
  "Python's urllib.parse.quote (keeps /)": percentBytes(/[\w.~/-]/),
  "Go's url.PathEscape": percentBytes(/[\w.~$&+,:;=@-]/),
  "PHP's rawurlencode": percentBytes(/[\w.~-]/),
  "PHP's urlencode (space as +)": percentBytes(/[\w.-]/, '+'),
  "PHP's htmlspecialchars (' as &#039;)": htmlspecialchars,
  "PHP's htmlentities (é as &eacute;)": (text: string) => htmlspecialchars(text).replaceAll('é', '&eacute;'),
  'decimal entities (&#233;)': (text: string) => text.replaceAll('&', '&amp;').replaceAll('é', '&#233;'),
  'hex entities with an upper-case X (&#X2F;)': (text: string) =>
    text.replaceAll(/[&/]/g, (char) => `&#X${char.charCodeAt(0).toString(16).toUpperCase()};`),
  'every character that is not a letter or a digit as an entity (OWASP)': (text: string) =>
    text.replaceAll(/[^\dA-Za-z]/g, (char) => `&#x${char.codePointAt(0)!.toString(16)};`),
  'HTML of PHP JSON (\\&#x2F;)': (text: string) => JSON.stringify(text).replaceAll('/', '\\/').replaceAll('/', '&#x2F;'),
  'upper case': (text: string) => text.toUpperCase(),
  base64: (text: string) => Buffer.from(text).toString('base64'),
});

describe('the redactor', () => {
  it.each(Object.entries(echoes))('finds a secret echoed %s', (_name, echo) => {
    const secrets = [link, code, 'Bearer tok+en/with=chars', "tok'live!7Hq2(Zx9)", 'key 3e8d~1f0a*9b'];
    const redact = createRedactor(secrets);
    for (const secret of secrets) {
      const redacted = redact(`before ${echo(secret)} after`);
      // What the encoding wraps around the secret (JSON's quotes) may stay; the secret may not.
      expect(redacted, `${secret} echoed as ${echo(secret)}`).toMatch(/^before (")?(&quot;|&#x22;)?\[redacted\]=*\2?\1? after$/);
    }
  });

  it('drops the end of a cut answer from where a secret was cut off, wherever the rest of it went', () => {
    const token = `eyJ${'a'.repeat(1997)}`;
    const redact = createRedactor([`Bearer ${token}`, token]);
    // Whole copies shrink to the placeholder; the copy cut off at the end must not stay behind.
    const answer = `${Array.from({ length: 3 }, () => `auth: Bearer ${token}`).join('\n')}\nauth: Bearer ${token.slice(0, 700)}`;
    const redacted = redact(answer, { cut: true });
    expect(redacted).not.toMatch(/eyJa{4}/);
    expect(redacted).toBe(`auth: [redacted]\nauth: [redacted]\nauth: [redacted]\nauth: …`);
    // Read whole, the same text keeps its end: nothing there can be part of a secret it lacks.
    expect(redact('auth: Bearer eyJa', { cut: false })).toBe('auth: Bearer eyJa');
    expect(redact('nothing cut off here', { cut: true })).toBe('nothing cut off here');
  });

  it('is linear in the secrets: 40 000-character secrets full of punctuation take well under a second', () => {
    const authorization = `Bearer ${`&"'/<>`.repeat(6700).slice(0, 40_000)}`;
    const redact = createRedactor([authorization, authorization.slice(7, 20_000), authorization.slice(9, 30_000)]);
    const start = performance.now();
    const redacted = redact(`${'x'.repeat(60_000)} ${encodeURIComponent(authorization)}`);
    expect(redacted).toBe(`${'x'.repeat(60_000)} [redacted]`);
    expect(performance.now() - start).toBeLessThan(1000);
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

/** The first run of `length` characters of `secret` (case folded) that `text` holds, if any. */
const leakedPart = (text: string, secret: string, length = 4) => {
  const folded = text.toLowerCase();
  for (let index = 0; index + length <= secret.length; index++) {
    const part = secret.slice(index, index + length).toLowerCase();
    if (folded.includes(part)) {
      return part;
    }
  }
  return undefined;
};

describe('an answer cut off inside an escape or a character', () => {
  const secret = 'sk_live_0123456789/abcdefghij klmnop&qrs';
  const head = secret.slice(0, 18);
  it.each([
    ['after the backslash of \\/', `{"echo":"${head}\\`, secret],
    ['inside \\u00', `{"echo":"${head}\\u00`, secret],
    ['after %', `echo=${head}%`, secret],
    ['inside %2F', `echo=${head}%2`, secret],
    ['inside &#x2F;', `<p>${head}&#x2`, secret],
    ['inside a percent-encoded space', `x=${encodeURIComponent(secret).slice(0, 31)}%2`, secret],
    ['inside a UTF-8 character (decoded as U+FFFD)', 'echo=pässwort-geheim-\uFFFD', 'pässwort-geheim-öäü-1234'],
    ['right at the end', `{"echo":"${head}`, secret],
  ])('%s: nothing of the secret is left', (_name, text, hidden) => {
    const redacted = createRedactor([hidden])(text, { cut: true });
    expect(leakedPart(redacted, hidden), redacted).toBeUndefined();
    expect(redacted.endsWith('…')).toBe(true);
  });
});

describe('escapes beyond JSON and HTML basics', () => {
  const secret = 'Tok/en-Secret&Value';
  it.each([
    ['\\x2F', secret.replaceAll('/', '\\x2F')],
    ['\\u{2F}', secret.replaceAll('/', '\\u{2F}')],
    ['%u002F', secret.replaceAll('/', '%u002F')],
    ['&sol;', secret.replaceAll('/', '&sol;')],
    ['&#00000047;', secret.replaceAll('/', '&#00000047;')],
    ['&#47 with no semicolon', secret.replaceAll('/', '&#47')],
  ])('%s', (_name, echoed) => {
    expect(createRedactor([secret])(`echo: ${echoed} end`)).toBe('echo: [redacted] end');
  });
});

describe('the cost of a long answer', () => {
  it('with `keep`, a 64 KiB answer full of escapes and 40 long secrets is redacted only as far as needed', () => {
    const secrets = Array.from({ length: 40 }, (_, index) => `hv${index}-${'q'.repeat(1600)}`);
    const answer = `${JSON.stringify(secrets.slice(0, 2)).replaceAll('/', '\\/')} ${'%41\\u0042&#67;'.repeat(4000)}`.slice(0, 64 * 1024);
    const redact = createRedactor(secrets);
    redact('warm up');
    const start = performance.now();
    const redacted = redact(answer, { keep: 1024 });
    const elapsed = performance.now() - start;
    expect(redacted.slice(0, 30)).toBe('["[redacted]","[redacted]"] %4');
    expect(leakedPart(redacted, secrets[0]!.slice(0, 6))).toBeUndefined();
    expect(elapsed).toBeLessThan(150);
  });

  it('a secret longer than the text: only its start, where the text was cut, counts; in time bounded by the text', () => {
    const secret = `S3cr${randomBytes(768 * 1024).toString('base64')}`;
    const redact = createRedactor([secret, `Bearer ${secret}`]);
    const start = performance.now();
    expect(redact(`token: ${secret.slice(0, 3000)}`, { cut: true, keep: 1024 })).toBe('token: …');
    // The window read past the kept characters ends in it: that is a cut too.
    expect(redact(`a ${secret.slice(0, 6000)} b`, { keep: 1024 })).toBe('a …');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('a long secret denser in escapes than its text: hunted by the start of its decoding, the text dropped from there', () => {
    // Nine characters for each A: decoded from no more than four times the text, its decoding is
    // known only in part.
    const secret = '&#x00041;'.repeat(200_000);
    const redact = createRedactor([secret]);
    expect(redact(`before ${'A'.repeat(3000)} after`, { keep: 1024 })).toBe('before …');
    expect(redact('before AAA after', { keep: 1024 })).toBe('before AAA after');
  });

  it('thousands of secrets and a text that holds many of them: redacted, quickly', () => {
    const secrets = Array.from({ length: 5000 }, (_, index) => `tok${index.toString(36).padStart(6, '0')}`);
    const redact = createRedactor(secrets);
    const start = performance.now();
    const redacted = redact(secrets.slice(0, 2000).join(' '), { keep: 1024 });
    expect(redacted.startsWith('[redacted] [redacted] [redacted]')).toBe(true);
    expect(redacted).not.toMatch(/tok0/);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
