import {
  emailTemplateDetailsGuard,
  replaceSendMessageHandlebars,
  type EmailTemplateDetails,
  type GetI18nEmailTemplate,
  type SendMessageData,
} from '@logto/connector-kit';

/**
 * Logto's own template for this message's type and language, rendered from the payload the way
 * Logto's SMTP connector renders it, or undefined: without a template the endpoint still gets the
 * usual body, so nothing here may fail a send.
 */
export const renderTemplate = async (
  getI18nEmailTemplate: GetI18nEmailTemplate | undefined,
  { type, payload }: SendMessageData
): Promise<EmailTemplateDetails | undefined> => {
  if (!getI18nEmailTemplate) {
    return;
  }
  try {
    const parsed = emailTemplateDetailsGuard.safeParse(
      await getI18nEmailTemplate(type, payload.locale)
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
