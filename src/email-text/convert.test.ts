import { describe, expect, it } from 'vitest';

import { decodeEntities, htmlToText, textToHtml } from './convert.js';

describe('HTML → text', () => {
  it('leaves no tags, keeps paragraphs and line breaks, drops head, style and script', () => {
    const html = `<!DOCTYPE html><html><head><title>Code</title><style>p { color: red; }</style></head>
<body><!-- a comment --><h1>Sign in</h1>
<p>Hello,<br>your code is
   <strong>123456</strong>.</p><script>alert(1)</script><div>It expires in 10 minutes.</div>
<ul><li>one</li><li>two</li></ul></body></html>`;
    const text = htmlToText(html);
    expect(text).toBe('Sign in\n\nHello,\nyour code is 123456.\n\nIt expires in 10 minutes.\n\n• one\n• two');
    expect(text).not.toMatch(/[<>]/);
  });

  it('writes a link as its text followed by its URL, once when they are the same', () => {
    expect(htmlToText('<p>Join <a href="https://example.com/i?a=1&amp;b=2" class="x">Acme</a> today</p>')).toBe(
      'Join Acme (https://example.com/i?a=1&b=2) today'
    );
    expect(htmlToText("<a href='https://example.com'>https://example.com</a>")).toBe('https://example.com');
    expect(htmlToText('<a href="https://example.com"><img src="x.png"></a>')).toBe('https://example.com');
    // Not a web address: the text alone.
    expect(htmlToText('<a href="javascript:alert(1)">click</a>')).toBe('click');
  });

  it('decodes numeric and common named entities, and leaves unknown ones', () => {
    expect(htmlToText('<p>&lt;b&gt; &amp; &quot;Gr&uuml;&szlig;e&quot; &#8212; &#x1F600; &hellip;&nbsp;&copy; &bogus;</p>')).toBe(
      '<b> & "Grüße" — 😀 … © &bogus;'
    );
    expect(decodeEntities('&#0; &#xD800; &#99999999;')).toBe('\uFFFD \uFFFD \uFFFD');
  });

  it('reads quoted attributes holding > and a lone < as text', () => {
    expect(htmlToText('<p title="a > b">1 < 2</p>')).toBe('1 < 2');
  });

  it('stays linear on input built to be slow', () => {
    const hostile = `${'<a '.repeat(20_000)}${'<style'.repeat(20_000)}`;
    const started = performance.now();
    htmlToText(hostile);
    htmlToText(`<p>${'&amp'.repeat(50_000)}`);
    // Quadratic, this would take minutes; generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('text → HTML', () => {
  it('escapes, keeps paragraphs and line breaks', () => {
    expect(textToHtml('Hello <Ada> & "Bob",\r\nyour code is 1.\n\n\nBye')).toBe(
      '<p>Hello &lt;Ada&gt; &amp; &quot;Bob&quot;,<br>\nyour code is 1.</p>\n<p>Bye</p>'
    );
  });

  it('makes http(s) URLs clickable, without the punctuation after them', () => {
    expect(textToHtml('Open https://example.com/a?x=1&y="2". Or (http://example.com/b_(c)).')).toBe(
      '<p>Open <a href="https://example.com/a?x=1&amp;y=">https://example.com/a?x=1&amp;y=</a>&quot;2&quot;. Or (<a href="http://example.com/b_(c)">http://example.com/b_(c)</a>).</p>'
    );
  });

  it('turns nothing else into a link: names, bare domains, other schemes', () => {
    const text = 'Ada.Lovelace example.com www.example.com javascript:alert(1) mailto:a@example.com https://';
    expect(textToHtml(text)).toBe(`<p>${text}</p>`);
  });
});
