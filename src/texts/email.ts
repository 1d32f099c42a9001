import { escapeHtml } from '../email-text/convert.js';

import type { Context, Language, Purpose } from './language.js';
import type { ConsoleLocale } from './locale.js';

export type BuiltInEmail = { subject: string; html: string; text: string; locale: ConsoleLocale };

/** What one email says, as plain text: rendered once as HTML and once as text. */
type Content = {
  subject: string;
  heading: string;
  lead: string;
  code?: string;
  link?: { url: string; clickable: boolean; label: string };
  keepSecret?: string;
  /** What to do if you did not ask for it. */
  notRequested: string;
};

const rtlLocales = new Set<ConsoleLocale>(['ar', 'fa-IR']);

/**
 * In a right-to-left language each name is set apart from the sentence around it by Unicode
 * isolates (plain text's `<bdi>`, so the subject and the text part have it too): a Latin name such
 * as `Portal (Beta)` would otherwise have its closing `)` drawn at its other end.
 */
export const isolateNames = (locale: ConsoleLocale, context: Context): Context =>
  rtlLocales.has(locale)
    ? Object.fromEntries(Object.entries(context).map(([key, name]) => [key, `\u2068${name}\u2069`]))
    : context;

/** Only a web address becomes a link: no `javascript:`, `data:` or other scheme is ever clickable. */
const isWebAddress = (link: string) => {
  try {
    const { protocol } = new URL(link);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

/** The email for one type, from the payload's code, link and names, in one language. */
export const compose = (
  language: Language,
  purpose: Purpose,
  context: Context,
  code: string | undefined,
  link: string | undefined
): Content => {
  const heading = language.subject[purpose](context);
  const invitation = purpose === 'OrganizationInvitation';
  // A code's lead speaks of the code below it: with a link alone, the lead speaks of the button.
  const linkOnly = code === undefined && link !== undefined && !invitation;
  return {
    subject: context.app ? language.tagged(context.app, heading) : heading,
    heading,
    lead: linkOnly ? language.linkLead : language.lead[purpose](context),
    ...(code !== undefined && { code, keepSecret: language.keepSecret }),
    ...(link !== undefined && {
      link: {
        url: link,
        clickable: isWebAddress(link),
        label: invitation ? language.acceptInvitation : language.continue,
      },
    }),
    notRequested:
      purpose === 'MfaVerification'
        ? language.notSigningIn
        : invitation
          ? language.notInvited
          : language.notRequested,
  };
};

const font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const mono = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace";
const muted = 'margin:0 0 12px;font-size:14px;line-height:1.5;color:#57606a';

const linkHtml = (link: NonNullable<Content['link']>, language: Language) => {
  const url = escapeHtml(link.url);
  if (!link.clickable) {
    return `<p style="${muted}">${escapeHtml(language.openLink)}<br><span dir="ltr" style="word-break:break-all">${url}</span></p>`;
  }
  return [
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px">',
    `<tr><td style="border-radius:6px;background-color:#1d4ed8"><a href="${url}" target="_blank" style="display:inline-block;padding:12px 24px;${font};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(link.label)}</a></td></tr>`,
    '</table>',
    `<p style="${muted}">${escapeHtml(language.copyLink)}<br><a href="${url}" target="_blank" dir="ltr" style="color:#1d4ed8;word-break:break-all">${url}</a></p>`,
  ].join('\n');
};

/**
 * Markup that common mail clients render alike: nested tables with inline styles, no stylesheet,
 * no image, no script, nothing fetched. Every text is escaped, the texts' own words included.
 */
export const renderHtml = (content: Content, language: Language, locale: ConsoleLocale) => {
  const dir = rtlLocales.has(locale) ? 'rtl' : 'ltr';
  const align = dir === 'rtl' ? 'right' : 'left';
  const body = [
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;font-weight:600;color:#1f2328">${escapeHtml(content.heading)}</h1>`,
    `<p style="margin:0 0 16px">${escapeHtml(content.lead)}</p>`,
    content.code === undefined
      ? ''
      : `<p dir="ltr" style="margin:0 0 20px;${mono};font-size:32px;line-height:1.2;font-weight:700;letter-spacing:4px;color:#1f2328;text-align:${align}">${escapeHtml(content.code)}</p>`,
    content.link ? linkHtml(content.link, language) : '',
    content.keepSecret ? `<p style="${muted}">${escapeHtml(content.keepSecret)}</p>` : '',
    `<p style="${muted}">${escapeHtml(content.notRequested)}</p>`,
  ].filter(Boolean);
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}" dir="${dir}">`,
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f6f7f9">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f7f9">',
    '<tr><td align="center" style="padding:24px 12px">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:8px">',
    `<tr><td dir="${dir}" style="padding:32px;${font};font-size:16px;line-height:1.5;color:#1f2328;text-align:${align}">`,
    ...body,
    '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');
};

/** The same content as plain text, for the text part and for clients that show no HTML. */
export const renderText = (content: Content, language: Language) =>
  [
    content.heading,
    content.lead,
    content.code,
    // The label on a line of its own: no language's punctuation is put between it and the link.
    content.link && `${content.link.clickable ? content.link.label : language.openLink}\n${content.link.url}`,
    content.keepSecret,
    content.notRequested,
  ]
    .filter((part) => part !== undefined && part !== '')
    .join('\n\n')
    .concat('\n');
