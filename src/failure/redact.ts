export type Redact = (text: string) => string;

const placeholder = '[redacted]';

/** Shorter values are not secrets, and hunting them through a text would shred it. */
export const minimumSecretLength = 4;

const hex4 = (char: string, upper: boolean) => {
  const code = char.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? code.toUpperCase() : code}`;
};

/**
 * The ways a JSON encoder writes a string: JavaScript's; PHP's, which escapes `/`; Python's, which
 * escapes every character beyond ASCII; Go's, which escapes `<`, `>` and `&` too. Either case of hex.
 */
const jsonForms = (secret: string): string[] => {
  const plain = JSON.stringify(secret).slice(1, -1);
  const forms = [plain];
  for (const upper of [false, true]) {
    const nonAscii = plain.replaceAll(/[^\u0000-\u007F]/g, (char) => hex4(char, upper));
    const html = nonAscii.replaceAll(/[<>&]/g, (char) => hex4(char, upper));
    forms.push(nonAscii, html, html.replaceAll(/[\u2028\u2029]/g, (char) => hex4(char, upper)));
  }
  return forms.flatMap((form) => [form, form.replaceAll('/', '\\/')]);
};

/** The ways an HTML page writes a text: the usual named entities, or numeric ones, `/` too. */
const htmlForms = (text: string): string[] => {
  if (!/[&<>"'/]/.test(text)) {
    return [];
  }
  const escapeWith = (quote: string, apostrophe: string, slash: string) =>
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', quote)
      .replaceAll("'", apostrophe)
      .replaceAll('/', slash);
  return ['&quot;', '&#34;', '&#x22;'].flatMap((quote) =>
    ['&#39;', '&#x27;', '&apos;'].flatMap((apostrophe) =>
      ['/', '&#x2F;', '&#x2f;', '&#47;'].map((slash) => escapeWith(quote, apostrophe, slash))
    )
  );
};

/** application/x-www-form-urlencoded, as URLSearchParams writes it. */
const formEncode = (text: string) => new URLSearchParams({ a: text }).toString().slice(2);

const percentForms = (text: string): string[] =>
  [encodeURIComponent(text), encodeURI(text), formEncode(text)].flatMap((form) => [
    form,
    form.replaceAll(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
  ]);

/** Every form in which an endpoint may echo a secret back. */
const formsOf = (secret: string): string[] => {
  const json = jsonForms(secret);
  return [secret, ...json, ...[secret, ...json].flatMap((form) => htmlForms(form)), ...percentForms(secret)];
};

const textOf = (secret: unknown) =>
  typeof secret === 'string' ? secret : typeof secret === 'number' || typeof secret === 'bigint' ? String(secret) : '';

/**
 * Builds a function that replaces every form of every secret in a text by `[redacted]`. Plain
 * string search, longest form first (so a secret inside another cannot leave part of the longer one
 * behind): no pattern is built from the secrets, so a secret of any length costs time, not failure.
 */
const buildRedactor = (secrets: Iterable<unknown>): Redact => {
  const forms = new Set<string>();
  for (const secret of secrets) {
    const text = textOf(secret);
    if (text.length < minimumSecretLength || placeholder.includes(text)) {
      continue;
    }
    for (const form of formsOf(text)) {
      forms.add(form);
    }
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((redacted, form) => redacted.replaceAll(form, placeholder), text);
};

/**
 * The same, built on first use: only a failed send needs it, so a delivered message does not pay
 * for it.
 */
export const createRedactor = (secrets: Iterable<unknown>): Redact => {
  let redact: Redact | undefined;
  return (text) => {
    redact ??= buildRedactor(secrets);
    return redact(text);
  };
};
