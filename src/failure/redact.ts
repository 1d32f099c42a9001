/**
 * Removes every secret from a text an endpoint wrote, however it escaped it: the text is decoded
 * (JSON and JavaScript escapes, HTML entities, percent- and form-encoding, twice over, for an
 * escape inside an escape) with each decoded character remembering where it stood, every secret is
 * searched in each decoding, case folded, and what it stood on in the text is replaced. One search
 * per secret and decoding, linear in the text and the secret: no pattern is built from a secret, so
 * a secret of any length costs time in proportion, never a failure.
 */
export type Redact = (text: string, options?: RedactOptions) => string;

export type RedactOptions = {
  /** The text is the start of a longer one: a secret may have been cut off at its end. */
  cut?: boolean;
  /**
   * Only this many characters of the result are wanted: the text is redacted only as far as
   * needed for them (a cut, past that), which keeps a long answer from costing time for nothing.
   */
  keep?: number;
};

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
/** HTML5's names for ASCII punctuation, which some escapers write. */
const punctuationEntities =
  'excl ! quot " num # dollar $ percnt % amp & apos \' lpar ( rpar ) ast * plus + comma , period . sol / colon : semi ; lt < equals = gt > quest ? commat @ lsqb [ bsol \\ rsqb ] Hat ^ lowbar _ grave ` lcub { verbar | rcub } tilde ~';
/** Also read by src/email-text/convert.ts, which makes an HTML email readable as text. */
export const namedEntities = new Map<string, string>([
  ...punctuationEntities
    .split(' ')
    .flatMap((word, index, words) => (index % 2 === 0 ? [[word, words[index + 1]!] as const] : [])),
  ...latin1Entities.split(' ').map((name, index) => [name, String.fromCharCode(0xa0 + index)] as const),
]);

const jsonEscapes: Record<string, string> = { '/': '/', '\\': '\\', '"': '"', "'": "'", b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** `\uXXXX`, `\u{X…}` and `\xXX` (JSON, JavaScript), and `%uXXXX` (JavaScript's old escape()). */
const codeEscape = /^(?:\\u([\dA-Fa-f]{4})|\\u\{([\dA-Fa-f]{1,6})\}|\\x([\dA-Fa-f]{2})|%u([\dA-Fa-f]{4}))/;
/** Numeric entities, `;` optional as browsers read them; named ones with their `;`. */
const entity = /^&(?:#(\d{1,10});?|#[Xx]([\dA-Fa-f]{1,8});?|([A-Za-z][\dA-Za-z]{1,31});)/;
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
    if ((char === '\\' || char === '%') && index + 1 < text.length) {
      const code = codeEscape.exec(text.slice(index, index + 12));
      const codePoint = code ? Number.parseInt(code[1] ?? code[2] ?? code[3] ?? code[4]!, 16) : undefined;
      if (code && codePoint !== undefined && codePoint <= 0x10_ffff) {
        // \uXXXX is one UTF-16 unit, a half of a pair may stand alone: fromCharCode keeps it so.
        const decoded = code[1] || code[4] ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint);
        add(decoded, index, index + code[0].length);
        index += code[0].length;
        continue;
      }
      const next = text[index + 1]!;
      if (char === '\\' && next in jsonEscapes) {
        add(jsonEscapes[next]!, index, index + 2);
        index += 2;
        continue;
      }
    }
    if (char === '&') {
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
 * How many characters at the end of a text may be the unfinished rest of an escape (`\u00`, `%2`,
 * `&#x2`), or a character whose bytes were cut apart (U+FFFD), behind the start of a secret.
 */
const unfinishedTail = 16;

/**
 * Knuth–Morris–Pratt: every place `pattern` occurs in `text`; and, for a text that was cut off, the
 * longest start of `pattern` that the text ends with, allowing an unfinished tail after it: the
 * length of that start, and where it begins in `text`.
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
  let cutOff: { length: number; start: number } | undefined;
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
    if (index >= text.length - 1 - unfinishedTail && matched >= minimumSecretLength) {
      const start = index + 1 - matched;
      if (!cutOff || start < cutOff.start) {
        cutOff = { length: matched, start };
      }
    }
  }
  return { found, cutOff };
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
  const longestForm = Math.max(...forms.map(({ length }) => length));

  return (whole, { cut = false, keep } = {}) => {
    // Past `keep` characters nothing is wanted. The end of the window is a cut like any other: a
    // secret that runs past it is dropped from where it begins.
    const window = keep === undefined ? whole.length : keep + 4 * longestForm;
    const text = whole.length > window ? whole.slice(0, window) : whole;
    const wasCut = cut || text.length < whole.length;
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
        const { found, cutOff } = search(folded, form);
        for (const start of found) {
          spans.push([decoding.starts[start]!, decoding.ends[start + form.length - 1]!]);
        }
        if (wasCut && cutOff) {
          keepUntil = Math.min(keepUntil, decoding.starts[cutOff.start]!);
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
    return keepUntil < whole.length ? `${redacted}${cutMark}` : redacted;
  };
};

/**
 * The same, built on first use: only a failed send needs it, so a delivered message does not pay
 * for it. With `cut`, the end is dropped from where the start of a secret sits in it.
 */
export const createRedactor = (secrets: Iterable<unknown>): Redact => {
  let redact: Redact | undefined;
  return (text, options) => {
    redact ??= buildRedactor(secrets);
    return redact(text, options);
  };
};
