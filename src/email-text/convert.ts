// An email's HTML made readable as plain text, and plain text made into HTML: so that every email
// can go out with both parts, whichever form its template came in.
import { namedEntities } from '../failure/redact.js';

/** Typographic entities beyond Latin-1 that email templates commonly use. */
const typographicEntities = new Map([
  ['ndash', '–'],
  ['mdash', '—'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['hellip', '…'],
  ['bull', '•'],
  ['euro', '€'],
  ['trade', '™'],
  ['thinsp', '\u2009'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['zwnj', ''],
  ['zwj', ''],
]);

const codePoint = (value: number) =>
  value > 0 && value <= 0x10_ff_ff && (value < 0xd8_00 || value > 0xdf_ff) ? String.fromCodePoint(value) : '\uFFFD';

/** Numeric entities, and the named ones above and of Latin-1; an unknown name stays as written. */
export const decodeEntities = (text: string) =>
  text.includes('&')
    ? text.replaceAll(/&(?:#(\d+)|#[Xx]([\dA-Fa-f]+)|([A-Za-z][\dA-Za-z]{1,31}));?/g, (whole, decimal?: string, hex?: string, name?: string) => {
        if (decimal !== undefined) {
          return codePoint(Number(decimal));
        }
        if (hex !== undefined) {
          return codePoint(Number.parseInt(hex, 16));
        }
        const named = namedEntities.get(name!) ?? typographicEntities.get(name!);
        return named === undefined ? whole : named === '\u00A0' ? ' ' : named;
      })
    : text;

/** Elements whose content is not part of the message's text. */
const hiddenElements = new Set(['head', 'style', 'script', 'title', 'template', 'noscript']);
/** Elements that stand as a paragraph of their own. */
const paragraphElements = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'pre', 'hr', 'address', 'figure',
]);
/** Elements that start a line. */
const lineElements = new Set([
  'div', 'tr', 'section', 'article', 'header', 'footer', 'main', 'nav', 'center', 'dl', 'dt', 'dd', 'form', 'fieldset',
]);

/** One tag: its name and its attributes, quoted values kept whole (they may hold `>`). */
const tagPattern = /<(\/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
const hrefPattern = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/i;

const isWebUrl = (url: string) => /^https?:\/\/\S+$/i.test(url);

/**
 * HTML as readable text: no tags, entities decoded, a link as its text followed by its URL,
 * paragraphs apart, line breaks kept. One pass over the HTML, whatever it holds.
 */
export const htmlToText = (html: string): string => {
  const lower = html.toLowerCase();
  const lastTagEnd = html.lastIndexOf('>');
  const out: string[] = [];
  /** The link being read: its URL and where its text starts in `out`. */
  let link: { url: string; start: number } | undefined;
  let position = 0;

  const addText = (text: string) => {
    if (text) {
      out.push(decodeEntities(text.replaceAll(/\s+/g, ' ')));
    }
  };

  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1 || open > lastTagEnd) {
      addText(html.slice(position));
      break;
    }
    addText(html.slice(position, open));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      position = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', open) || html.startsWith('<?', open)) {
      // A doctype or a processing instruction.
      const end = html.indexOf('>', open);
      position = end + 1;
      continue;
    }
    tagPattern.lastIndex = open;
    const tag = tagPattern.exec(html);
    if (!tag) {
      // A lone `<` is text.
      addText('<');
      position = open + 1;
      continue;
    }
    position = open + tag[0].length;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (hiddenElements.has(name) && !closing) {
      const end = lower.indexOf(`</${name}`, position);
      const endTag = end === -1 ? -1 : html.indexOf('>', end);
      position = endTag === -1 ? html.length : endTag + 1;
    } else if (name === 'br') {
      out.push('\n');
    } else if (name === 'li') {
      if (!closing) {
        out.push('\n• ');
      }
    } else if (paragraphElements.has(name)) {
      out.push('\n\n');
    } else if (lineElements.has(name)) {
      out.push('\n');
    } else if (name === 'td' || name === 'th') {
      out.push(' ');
    } else if (name === 'a' && !closing) {
      const href = hrefPattern.exec(tag[3]!);
      const url = href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? '').trim() : '';
      link = isWebUrl(url) ? { url, start: out.length } : undefined;
    } else if (name === 'a' && link) {
      const text = out.slice(link.start).join('').trim();
      if (text !== link.url) {
        out.push(text ? ` (${link.url})` : link.url);
      }
      link = undefined;
    }
  }

  return out
    .join('')
    .split('\n')
    .map((line) => line.replaceAll(/ {2,}/g, ' ').trim())
    .join('\n')
    .replaceAll(/\n{3,}/g, '\n\n')
    .trim();
};

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replaceAll(/["&'<>]/g, (character) => htmlEscapes[character]!);

/** `http://` or `https://` and what follows up to a space, a quote or an angle bracket. */
const urlPattern = /\bhttps?:\/\/[^\s"'<>]+/gi;

/** A URL's end without the punctuation of the sentence around it, and a `)` it did not open. */
const urlEnd = (url: string) => {
  const opened = url.split('(').length - 1;
  let closed = url.split(')').length - 1;
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1]!;
    if ('.,;:!?]}'.includes(last) || (last === ')' && closed > opened)) {
      closed -= last === ')' ? 1 : 0;
      end--;
    } else {
      break;
    }
  }
  return end;
};

/** A line of plain text as HTML: escaped, its web addresses clickable, nothing else made a link. */
const lineToHtml = (line: string) => {
  let html = '';
  let position = 0;
  for (const match of line.matchAll(urlPattern)) {
    const url = match[0].slice(0, urlEnd(match[0]));
    if (url.length <= match[0].indexOf('//') + 2) {
      continue;
    }
    html += escapeHtml(line.slice(position, match.index));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    position = match.index + url.length;
  }
  return html + escapeHtml(line.slice(position));
};

/** Plain text as HTML: escaped, each paragraph a `<p>`, line breaks kept, web addresses clickable. */
export const textToHtml = (text: string): string =>
  text
    .replaceAll(/\r\n?/g, '\n')
    .split(/\n[\t ]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split('\n').map((line) => lineToHtml(line)).join('<br>\n')}</p>`)
    .join('\n');
