import { setTimeout as sleep } from 'node:timers/promises';

import {
  emailTemplateDetailsGuard,
  replaceSendMessageHandlebars,
  type EmailTemplateDetails,
  type GetI18nEmailTemplate,
  type SendMessageData,
} from '@logto/connector-kit';

/** Logto's answer, or undefined when it has not settled within `limitMs`. */
const within = async <T>(promise: Promise<T>, limitMs: number): Promise<T | undefined> => {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(limitMs, undefined, { signal: timer.signal, ref: false }),
    ]);
  } finally {
    timer.abort();
  }
};

/**
 * Logto's own template for this message's type and language, rendered from the payload the way
 * Logto's SMTP connector renders it, or undefined: without a template the endpoint still gets the
 * usual body, so nothing here may fail a send. The lookup counts against the send's budget, so it
 * may take at most `limitMs`.
 */
export const renderTemplate = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  { type, payload }: SendMessageData,
  limitMs: number
): Promise<EmailTemplateDetails | undefined> => {
  if (!getI18nEmailTemplate) {
    return;
  }
  try {
    const parsed = emailTemplateDetailsGuard.safeParse(
      await within(getI18nEmailTemplate(type, payload.locale), limitMs)
    );
    if (!parsed.success) {
      return;
    }
    const { subject, content, contentType, replyTo, sendFrom } = parsed.data;
    const render = (text: string) => replaceSendMessageHandlebars(text, payload);
    return {
      subject: render(subject),
      content: render(content),
      ...(contentType && { contentType }),
      ...(replyTo && { replyTo: render(replyTo) }),
      ...(sendFrom && { sendFrom: render(sendFrom) }),
    };
  } catch {
    return;
  }
};
