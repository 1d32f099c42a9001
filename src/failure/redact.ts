export type Redact = (text: string) => string;

const placeholder = '[redacted]';

/** Shorter values are not secrets, and hunting them through a text would shred it. */
export const minimumSecretLength = 4;

const hex4 = (char: string, upper: boolean) => {
  const code = char.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? code.toUpperCase() : code}`;
};

/**
 * Every way of writing `text` when each class of characters present may be written in one of its
 * ways: only the classes that occur are varied, so a plain secret has one form, not dozens.
 */
const variants = (text: string, classes: Array<{ chars: RegExp; ways: Array<(char: string) => string> }>) =>
  classes.reduce<string[]>(
    (forms, { chars, ways }) =>
      chars.test(text) ? forms.flatMap((form) => ways.map((way) => form.replaceAll(chars, way))) : forms,
    [text]
  );

const asIs = (char: string) => char;
const lowerHex = (char: string) => hex4(char, false);
const upperHex = (char: string) => hex4(char, true);

/**
 * The ways a JSON encoder writes a string: JavaScript's; PHP's, which escapes `/`; Python's, which
 * escapes every character beyond ASCII; Go's, which escapes `<`, `>` and `&`. Either case of hex.
 */
const jsonForms = (secret: string): string[] =>
  variants(JSON.stringify(secret).slice(1, -1), [
    { chars: /[^\u0000-\u007F]/g, ways: [asIs, lowerHex, upperHex] },
    { chars: /[<>&]/g, ways: [asIs, lowerHex, upperHex] },
    { chars: /\//g, ways: [asIs, () => '\\/'] },
  ]);

/** The ways an HTML page writes a text: named or numeric entities, `/` escaped or not. */
const htmlForms = (text: string): string[] =>
  variants(text, [
    // `&` first: the entities written after it must keep their own `&`.
    { chars: /&/g, ways: [() => '&amp;', () => '&#38;'] },
    { chars: /</g, ways: [() => '&lt;'] },
    { chars: />/g, ways: [() => '&gt;'] },
    { chars: /"/g, ways: [() => '&quot;', () => '&#34;', () => '&#x22;'] },
    { chars: /'/g, ways: [() => '&#39;', () => '&#x27;', () => '&apos;'] },
    { chars: /\//g, ways: [asIs, () => '&#x2F;', () => '&#x2f;', () => '&#47;'] },
  ]);

/** application/x-www-form-urlencoded, as URLSearchParams writes it. */
const formEncode = (text: string) => new URLSearchParams({ a: text }).toString().slice(2);

const percentForms = (text: string): string[] =>
  [encodeURIComponent(text), encodeURI(text), formEncode(text)].flatMap((form) => [
    form,
    form.replaceAll(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase()),
  ]);

/** Every form in which an endpoint may echo a secret back. */
const formsOf = (secret: string): string[] => {
  const json = new Set([secret, ...jsonForms(secret)]);
  return [...json, ...[...json].flatMap((form) => htmlForms(form)), ...percentForms(secret)];
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
