/**
 * Removes every secret from a text an endpoint wrote, however it escaped it: the text is decoded
 * (JSON and JavaScript escapes, HTML entities, percent- and form-encoding, twice over, for an
 * escape inside an escape) with each decoded character remembering where it stood, every secret is
 * searched in each decoding, case folded, and what it stood on in the text is replaced. One search
 * per secret and decoding, linear in the text and the secret: no pattern is built from a secret, so
 * a secret of any length costs time in proportion, never a failure.
 */
export type Redact = (text: string, options?: { cut?: boolean }) => string;

const placeholder = '[redacted]';
/** Marks an answer that was read only in part and whose end was dropped (see `cut`). */
const cutMark = '…';

/** Shorter values are not secrets, and hunting them through a text would shred it. */
export const minimumSecretLength = 4;

/** A text and, for each of its characters, the span of the original text it was decoded from. */
type Mapped = { text: string; starts: Int32Array; ends: Int32Array };

const identity = (text: string): Mapped => {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  for (let index = 0; index < text.length; index++) {
    starts[index] = index;
    ends[index] = index + 1;
  }
  return { text, starts, ends };
};

/** HTML's named entities for Latin-1, U+00A0 to U+00FF in order, and the five of XML. */
const latin1Entities =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const namedEntities = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ...latin1Entities.split(' ').map((name, index) => [name, String.fromCharCode(0xa0 + index)] as const),
]);

const jsonEscapes: Record<string, string> = { '/': '/', '\\': '\\', '"': '"', "'": "'", b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const hexUnit = /^[\dA-Fa-f]{4}$/;
const entity = /^&(?:#(\d{1,7})|#[Xx]([\dA-Fa-f]{1,6})|([A-Za-z][\dA-Za-z]{1,31}));/;
const percentByte = /^%[\dA-Fa-f]{2}/;

/** The characters of a run of percent-encoded bytes, as UTF-8, or each byte alone where it is not. */
const decodePercentRun = (bytes: number[], add: (chars: string, first: number, count: number) => void) => {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    const sequence = bytes.slice(index, index + length);
    const valid = length > 0 && sequence.length === length && sequence.slice(1).every((byte) => (byte & 0xc0) === 0x80);
    if (valid) {
      add(Buffer.from(sequence).toString('utf8'), index, length);
      index += length;
    } else {
      // Not UTF-8: a Latin-1 byte, as PHP's urlencode of a Latin-1 string writes it.
      add(String.fromCharCode(lead), index, 1);
      index += 1;
    }
  }
};

/** One pass of decoding over `input`, with spans into the original text. */
const decode = (input: Mapped, plusIsSpace: boolean): Mapped => {
  const { text } = input;
  let output = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (chars: string, from: number, to: number) => {
    output += chars;
    for (let unit = 0; unit < chars.length; unit++) {
      starts.push(input.starts[from]!);
      ends.push(input.ends[to - 1]!);
    }
  };

  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1]!;
      const hex = text.slice(index + 2, index + 6);
      if (next === 'u' && hexUnit.test(hex)) {
        add(String.fromCharCode(Number.parseInt(hex, 16)), index, index + 6);
        index += 6;
        continue;
      }
      if (next in jsonEscapes) {
        add(jsonEscapes[next]!, index, index + 2);
        index += 2;
        continue;
      }
    } else if (char === '&') {
      const match = entity.exec(text.slice(index, index + 40));
      const codePoint = match?.[1] ? Number(match[1]) : match?.[2] ? Number.parseInt(match[2], 16) : undefined;
      const decoded =
        codePoint === undefined
          ? namedEntities.get(match?.[3] ?? '')
          : codePoint <= 0x10_ffff
            ? String.fromCodePoint(codePoint)
            : undefined;
      if (match && decoded !== undefined) {
        add(decoded, index, index + match[0].length);
        index += match[0].length;
        continue;
      }
    } else if (char === '%' && percentByte.test(text.slice(index, index + 3))) {
      const first = index;
      const bytes: number[] = [];
      while (percentByte.test(text.slice(index, index + 3))) {
        bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
        index += 3;
      }
      decodePercentRun(bytes, (chars, byteIndex, count) => {
        add(chars, first + byteIndex * 3, first + (byteIndex + count) * 3);
      });
      continue;
    } else if (char === '+' && plusIsSpace) {
      add(' ', index, index + 1);
      index += 1;
      continue;
    }
    add(char, index, index + 1);
    index += 1;
  }
  return { text: output, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
};

/** Lower case, one UTF-16 unit for one: a fold that keeps every position where it was. */
const fold = (text: string) => {
  let folded = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    folded += lower.length === char.length ? lower : char;
  }
  return folded;
};

/**
 * Knuth–Morris–Pratt: every place `pattern` occurs in `text`, and how long a start of `pattern` the
 * text ends with (a secret cut off where the text was).
 */
const search = (text: string, pattern: string) => {
  const fallback = new Int32Array(pattern.length);
  for (let index = 1, matched = 0; index < pattern.length; index++) {
    while (matched > 0 && pattern[index] !== pattern[matched]) {
      matched = fallback[matched - 1]!;
    }
    if (pattern[index] === pattern[matched]) {
      matched += 1;
    }
    fallback[index] = matched;
  }
  const found: number[] = [];
  let matched = 0;
  for (let index = 0; index < text.length; index++) {
    while (matched > 0 && text[index] !== pattern[matched]) {
      matched = fallback[matched - 1]!;
    }
    if (text[index] === pattern[matched]) {
      matched += 1;
    }
    if (matched === pattern.length) {
      found.push(index + 1 - pattern.length);
      matched = fallback[matched - 1]!;
    }
  }
  return { found, trailing: matched };
};

const textOf = (secret: unknown) =>
  typeof secret === 'string'
    ? secret
    : typeof secret === 'number' || typeof secret === 'bigint'
      ? String(secret)
      : '';

/** Each secret as it is, decoded (it may hold escapes itself), and in base64. */
const secretForms = (secrets: Iterable<unknown>): string[] => {
  const forms = new Set<string>();
  for (const secret of secrets) {
    const text = textOf(secret);
    if (text.length < minimumSecretLength) {
      continue;
    }
    const once = decode(identity(text), false).text;
    for (const form of [text, once, decode(identity(once), false).text, decode(identity(text), true).text]) {
      forms.add(fold(form));
    }
    forms.add(fold(Buffer.from(text).toString('base64').replace(/=+$/, '')));
    forms.add(fold(Buffer.from(text).toString('base64url')));
  }
  return [...forms].filter((form) => form.length >= minimumSecretLength && !placeholder.includes(form));
};

const buildRedactor = (secrets: Iterable<unknown>): Redact => {
  const forms = secretForms(secrets);
  if (forms.length === 0) {
    return (text) => text;
  }

  return (text, { cut = false } = {}) => {
    const raw = identity(text);
    const once = decode(raw, false);
    const onceForm = decode(raw, true);
    // A decoding that changed nothing is searched once.
    const decodings = [raw, once, decode(once, false), onceForm, decode(onceForm, true)].filter(
      (decoding, index, all) => all.findIndex(({ text: other }) => other === decoding.text) === index
    );
    // Spans of the original text to replace, as [start, end) pairs; and where a cut-off secret begins.
    const spans: Array<[number, number]> = [];
    let keepUntil = text.length;
    for (const decoding of decodings) {
      const folded = fold(decoding.text);
      for (const form of forms) {
        const { found, trailing } = search(folded, form);
        for (const start of found) {
          spans.push([decoding.starts[start]!, decoding.ends[start + form.length - 1]!]);
        }
        if (cut && trailing >= minimumSecretLength) {
          keepUntil = Math.min(keepUntil, decoding.starts[folded.length - trailing]!);
        }
      }
    }

    spans.sort((a, b) => a[0] - b[0]);
    let redacted = '';
    let position = 0;
    for (const [start, end] of spans) {
      if (start >= keepUntil) {
        break;
      }
      if (end <= position) {
        continue;
      }
      redacted += start > position ? text.slice(position, start) : '';
      if (start >= position) {
        redacted += placeholder;
      }
      position = end;
    }
    redacted += position < keepUntil ? text.slice(position, keepUntil) : '';
    return keepUntil < text.length ? `${redacted}${cutMark}` : redacted;
  };
};

/**
 * The same, built on first use: only a failed send needs it, so a delivered message does not pay
 * for it. `cut`: the text is the start of a longer one, so a secret may have been cut off at its
 * end; from where such a start of a secret begins, the end is dropped.
 */
export const createRedactor = (secrets: Iterable<unknown>): Redact => {
  let redact: Redact | undefined;
  return (text, options) => {
    redact ??= buildRedactor(secrets);
    return redact(text, options);
  };
};
