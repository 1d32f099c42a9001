// Placeholders, `{{ name }}`, in the strings of a body template or a header value: where they are,
// and which names stand for a value of the message.

/** A placeholder as written: anything but braces between `{{` and `}}`, spaces around it allowed. */
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A string's pieces in order: literal text, and the names of its placeholders. */
export type Piece = { text: string } | { name: string };

/** The pieces of `text`, or undefined when it holds no placeholder (the common case: no copy made). */
export const piecesOf = (text: string): Piece[] | undefined => {
  if (!text.includes('{{')) {
    return;
  }
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(placeholderPattern)) {
    if (match.index > last) {
      pieces.push({ text: text.slice(last, match.index) });
    }
    pieces.push({ name: match[1]! });
    last = match.index + match[0].length;
  }
  if (pieces.length === 0) {
    return;
  }
  if (last < text.length) {
    pieces.push({ text: text.slice(last) });
  }
  return pieces;
};

/** What the email's text offers a body template: `template.<name>` (src/email-text/). */
export const emailTextNames = ['subject', 'html', 'text', 'content', 'contentType', 'replyTo', 'sendFrom'] as const;
export type EmailTextName = (typeof emailTextNames)[number];

const messageNames = new Set(['to', 'type', 'ip', 'webhookId']);
const textNames: ReadonlySet<string> = new Set(emailTextNames);
/** `payload.` and one or more non-empty segments: `payload..x` and `payload.` name nothing. */
const payloadPath = /^payload(?:\.[^\s.]+)+$/;

/** Whether a placeholder's name stands for a value in a body template. */
export const isBodyName = (name: string) =>
  messageNames.has(name) ||
  payloadPath.test(name) ||
  (name.startsWith('template.') && textNames.has(name.slice('template.'.length)));

/** The names a header value may use: the message's id (for idempotency keys) and its type. */
export const isHeaderName = (name: string) => name === 'webhookId' || name === 'type';

/**
 * A placeholder as an error message may show it. Names are not secrets, but an admin may have
 * pasted anything between braces: only what looks like a name is shown.
 */
export const shownPlaceholder = (name: string) =>
  /^[\w.$-]{1,64}$/.test(name) ? `{{${name}}}` : 'a placeholder';
