// The email's text for a body template: Logto's template, else the config's `templates`, else the
// connector's built-in text, each as HTML and as plain text (docs/request.md).
import {
  getConfigTemplateByType,
  replaceSendMessageHandlebars,
  type EmailTemplateDetails,
  type SendMessageData,
} from '@logto/connector-kit';

import { builtInEmail } from '../texts/index.js';

import { htmlToText, textToHtml } from './convert.js';

/** A `templates` entry, as Logto's SMTP connector takes them. */
export type ConfigTemplate = {
  usageType: string;
  subject: string;
  content: string;
  contentType?: string;
  replyTo?: string;
  sendFrom?: string;
};

/** What `{{template.*}}` stands for in a body template. */
export type EmailText = {
  subject: string;
  /** The email as HTML, whatever form its source came in. */
  html: string;
  /** The email as plain text, whatever form its source came in. */
  text: string;
  /** The source's own content, as it gave it. */
  content: string;
  contentType: string;
  replyTo?: string;
  sendFrom?: string;
};

/** `text/html` when left out, as Logto's SMTP connector reads a template. */
const defaultContentType = 'text/html';

const fromTemplate = ({ subject, content, contentType, replyTo, sendFrom }: EmailTemplateDetails): EmailText => {
  const type = contentType || defaultContentType;
  const isHtml = /html/i.test(type);
  return {
    subject,
    html: isHtml ? content : textToHtml(content),
    text: isHtml ? htmlToText(content) : content,
    content,
    contentType: type,
    ...(replyTo && { replyTo }),
    ...(sendFrom && { sendFrom }),
  };
};

/** The `templates` entry for the type, else the Generic one, rendered as Logto renders its own. */
const configTemplate = (templates: ConfigTemplate[] | undefined, { type, payload }: SendMessageData) => {
  const entry = getConfigTemplateByType(type, { templates });
  if (!entry) {
    return;
  }
  const render = (text: string) => replaceSendMessageHandlebars(text, payload);
  return {
    subject: render(entry.subject),
    content: render(entry.content),
    // Empty values count as absent: Logto's save removes them.
    ...(entry.contentType && { contentType: entry.contentType as EmailTemplateDetails['contentType'] }),
    ...(entry.replyTo && { replyTo: render(entry.replyTo) }),
    ...(entry.sendFrom && { sendFrom: render(entry.sendFrom) }),
  };
};

/**
 * The email's text, first found wins: Logto's template (asked only with `includeTemplate`, already
 * rendered), the config's `templates`, the built-in text in the user's language.
 */
export const emailText = (
  data: SendMessageData,
  logtoTemplate: EmailTemplateDetails | undefined,
  templates: ConfigTemplate[] | undefined
): EmailText => {
  const template = logtoTemplate ?? configTemplate(templates, data);
  if (template) {
    return fromTemplate(template);
  }
  const { subject, html, text } = builtInEmail(data.type, data.payload);
  return { subject, html, text, content: html, contentType: defaultContentType };
};
