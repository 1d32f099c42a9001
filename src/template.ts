import {
  emailTemplateDetailsGuard,
  replaceSendMessageHandlebars,
  type EmailTemplateDetails,
  type GetI18nEmailTemplate,
  type SendMessageData,
} from '@logto/connector-kit';

import { afterDeadline } from './transport.js';

/**
 * Logto's answer, or undefined when it has not settled within `limitMs`. The limit waits one turn
 * of I/O polling as an attempt's does (src/transport.ts): after a stall, an answer already read
 * from Logto's database still counts. Not unref'd: an unref'd immediate may wait for some other
 * event to wake the loop (a whole second in the tests), and the race cancels it anyway.
 */
const within = async <T>(promise: Promise<T>, limitMs: number): Promise<T | undefined> => {
  let cancel = () => {};
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        cancel = afterDeadline(limitMs, () => resolve(undefined));
      }),
    ]);
  } finally {
    cancel();
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
