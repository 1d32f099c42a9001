/**
 * Removes every secret from a text an endpoint wrote, however it escaped it: the text is decoded
 * (JSON and JavaScript escapes, HTML entities, percent- and form-encoding, twice over, for an
 * escape inside an escape) with each decoded character remembering where it stood, every secret is
 * searched in each decoding, case folded, and what it stood on in the text is replaced. No pattern
 * is built from a secret, so a secret of any length never fails; and what a redaction costs is
 * bounded by the text, not by the secrets: a form of a secret is worked out and searched only as
 * far as the text can hold it, and only when its first characters are in the text at all.
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
    const valid = length > 1 && sequence.length === length && sequence.slice(1).every((byte) => (byte & 0xc0) === 0x80);
    if (valid) {
      add(Buffer.from(sequence).toString('utf8'), index, length);
      index += length;
    } else {
      // ASCII; or not UTF-8: a Latin-1 byte, as PHP's urlencode of a Latin-1 string writes it.
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

/** What an escape can stand for, at most: `&#0000000065;` is 13 characters for one. */
const longestEscape = 40;
/** Characters that start an escape the decodings read; a secret without any is its own decoding. */
const escapeStart = /[%&+\\]/;
const plainAscii = /^[\u0000-\u007F]*$/;

/** The fold of a prefix: folding keeps lengths, so the fold's prefix is the prefix's fold. */
const foldedPrefix = (text: string, length: number) => {
  const prefix = text.slice(0, length + 1);
  return plainAscii.test(prefix) ? prefix.slice(0, length).toLowerCase() : fold(prefix).slice(0, length);
};

/**
 * A decoding of the first `inputLength` characters of a longer text: what stands near where they
 * end may be the start of an escape, so only characters decoded from well before that are kept.
 */
const decodedStart = ({ text, starts }: Mapped, inputLength: number) => {
  let length = 0;
  while (length < text.length && starts[length]! < inputLength - longestEscape) {
    length++;
  }
  return text.slice(0, length);
};

/** A form of a secret to hunt; `open` when only its start is known and what follows it is not. */
type Form = { text: string; open: boolean };

/**
 * A secret's forms as far as a text of `limit - 1` characters can hold them: as it is, decoded (it
 * may hold escapes itself; once, twice, and as a form), and in base64. A form longer than the text
 * cannot appear in it whole, and only its first `limit` characters can meet the text at its cut end:
 * every form is cut to `limit`, worked out from no more of the secret than that needs. So a long
 * secret costs what the text costs, not what the secret does.
 */
const formsOf = (secret: string, limit: number): Form[] => {
  const forms: Form[] = [{ text: foldedPrefix(secret, limit), open: false }];
  // Base64 of the first bytes is the start of the whole one's, but for its last few characters.
  const bytes = Buffer.from(secret.length > limit + 8 ? secret.slice(0, limit + 8) : secret);
  const whole = secret.length <= limit + 8;
  for (const encoding of ['base64', 'base64url'] as const) {
    const base64 = bytes.toString(encoding).replace(/=+$/, '');
    forms.push({ text: (whole ? base64 : base64.slice(0, limit)).toLowerCase(), open: false });
  }
  if (!escapeStart.test(secret)) {
    return forms;
  }
  // Decoded from no more than four times the text's length of the secret: a long secret denser in
  // escapes than that (`%41%41…` is three times) leaves decodings of which only the start is known.
  // They are hunted as open starts: the text is dropped from where one begins.
  const inputLength = 4 * limit + 2 * longestEscape;
  const cut = secret.length > inputLength;
  const input = identity(cut ? secret.slice(0, inputLength) : secret);
  const start = (decoding: Mapped, length: number) => (cut ? decodedStart(decoding, length) : decoding.text);
  const once = start(decode(input, false), inputLength);
  for (const text of [once, start(decode(identity(once), false), once.length), start(decode(input, true), inputLength)]) {
    forms.push({ text: foldedPrefix(text, limit), open: cut && text.length < limit });
  }
  return forms;
};

/** Shorter forms are not hunted, nor what its own placeholder holds. */
const huntable = ({ text }: Form) => text.length >= minimumSecretLength && !placeholder.includes(text);

/**
 * Every four characters of the texts, hashed into a bit table: a form whose first four
 * characters are not there can neither be in the texts nor begin at their end. Thousands of
 * secrets (a URL of many segments) are so passed over without a search each.
 */
const gramTable = (texts: string[]) => {
  const table = new Uint8Array(1 << 17);
  for (const text of texts) {
    for (let index = 0; index + minimumSecretLength <= text.length; index++) {
      const hash = gramHash(text, index);
      table[hash >>> 3]! |= 1 << (hash & 7);
    }
  }
  return (form: string) => {
    const hash = gramHash(form, 0);
    return (table[hash >>> 3]! & (1 << (hash & 7))) !== 0;
  };
};

const gramHash = (text: string, at: number) => {
  let hash = 0;
  for (let index = at; index < at + minimumSecretLength; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x9e_37_79_b1) >>> 0;
  }
  return hash >>> 12;
};

const buildRedactor = (secrets: Iterable<unknown>): Redact => {
  const texts = new Set<string>();
  let longest = 0;
  for (const secret of secrets) {
    const text = textOf(secret);
    if (text.length >= minimumSecretLength) {
      texts.add(text);
      longest = Math.max(longest, text.length);
    }
  }
  if (texts.size === 0) {
    return (text) => text;
  }

  return (whole, { cut = false, keep } = {}) => {
    // Past `keep` characters nothing is wanted; what follows them is read as far as a secret that
    // begins before them may run, in an encoding up to four times its length, and no further than
    // four times `keep` (what a long secret costs is bounded by the text, not by the secret). The end
    // of that window is a cut like any other: a secret that runs past it is dropped from where it
    // begins.
    const window = keep === undefined ? whole.length : keep + 4 * Math.min(keep, Math.ceil((longest * 4) / 3));
    const text = whole.length > window ? whole.slice(0, window) : whole;
    const wasCut = cut || text.length < whole.length;
    const raw = identity(text);
    const once = decode(raw, false);
    const onceForm = decode(raw, true);
    // A decoding that changed nothing is searched once.
    const decodings = [raw, once, decode(once, false), onceForm, decode(onceForm, true)]
      .filter((decoding, index, all) => all.findIndex(({ text: other }) => other === decoding.text) === index)
      .map((decoding) => ({ ...decoding, folded: fold(decoding.text) }));

    const mayMeet = gramTable(decodings.map(({ folded }) => folded));
    const forms = new Map<string, boolean>();
    for (const secret of texts) {
      for (const form of formsOf(secret, text.length + 1)) {
        if (huntable(form) && mayMeet(form.text) && !forms.get(form.text)) {
          forms.set(form.text, form.open);
        }
      }
    }

    // Spans of the original text to replace, as [start, end) pairs; and where the text is dropped
    // from: where a cut-off secret begins, or one of which only the start is known.
    const spans: Array<[number, number]> = [];
    let keepUntil = text.length;
    for (const decoding of decodings) {
      for (const [form, open] of forms) {
        const { found, cutOff } = search(decoding.folded, form);
        for (const start of found) {
          spans.push([decoding.starts[start]!, decoding.ends[start + form.length - 1]!]);
          if (open) {
            keepUntil = Math.min(keepUntil, decoding.starts[start]!);
          }
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
