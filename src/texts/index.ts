import { compose, isolateNames, renderHtml, renderText, type BuiltInEmail } from './email.js';
import { languages } from './languages/index.js';
import { purposes, type Context, type FailureFacts, type Purpose } from './language.js';
import { chooseLocale } from './locale.js';

export { chooseLocale, consoleLocales, type ConsoleLocale } from './locale.js';
export type { BuiltInEmail } from './email.js';
export type { FailureFacts, FailureKind } from './language.js';

const isPurpose = (type: string): type is Purpose => (purposes as readonly string[]).includes(type);

/**
 * Control and bidirectional formatting characters: invisible, and an override such as U+202E in an
 * inviter's name would turn the rest of the sentence around it, or a code or a link, backwards.
 */
const hiddenCharacters = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A payload's value as one line of plain text, or nothing when it holds no text. */
const textOf = (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return;
  }
  const text = String(value).replaceAll(/\s+/g, ' ').replaceAll(hiddenCharacters, '').trim();
  return text === '' ? undefined : text;
};

/** Longer names are cut: a subject stays a subject, whatever a user called themselves. */
const nameMaxCharacters = 100;

const nameOf = (value: unknown) => {
  const text = textOf(value);
  const characters = text === undefined ? [] : [...text];
  return characters.length > nameMaxCharacters ? `${characters.slice(0, nameMaxCharacters - 1).join('')}…` : text;
};

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** What Logto's payload tells about the application, the organization and the inviter. */
const contextOf = (payload: Record<string, unknown>): Context => {
  const { application, organization, inviter } = payload;
  const app = nameOf(field(application, 'displayName')) ?? nameOf(field(application, 'name'));
  const organizationName = nameOf(field(organization, 'name'));
  const inviterName = nameOf(field(inviter, 'name')) ?? nameOf(field(inviter, 'username'));
  return {
    ...(app && { app }),
    ...(organizationName && { organization: organizationName }),
    ...(inviterName && { inviter: inviterName }),
  };
};

/**
 * The connector's own email for a Logto template type, in the user's language (`payload.locale`):
 * a subject, an HTML and a text part with the code and, when there is one, the link. A type this
 * version does not know (Logto adds types in new releases) gets the generic text; nothing throws.
 */
export const builtInEmail = (type: string, payload: Record<string, unknown>): BuiltInEmail => {
  const locale = chooseLocale(payload.locale);
  const language = languages[locale];
  const link = typeof payload.link === 'string' && payload.link.trim() !== '' ? payload.link.trim() : undefined;
  const content = compose(
    language,
    isPurpose(type) ? type : 'Generic',
    isolateNames(locale, contextOf(payload)),
    textOf(payload.code),
    link
  );
  return {
    subject: content.subject,
    html: renderHtml(content, language, locale),
    text: renderText(content, language),
    locale,
  };
};

/**
 * The end user's sentence for an email that could not be sent, in their language: what kind of
 * failure, the attempts when something was sent, and the reference to quote.
 */
export const failureSentence = (locale: unknown, facts: FailureFacts): string => {
  const { failure } = languages[chooseLocale(locale)];
  const what = facts.kind === 'status' ? failure.kind.status(facts.status) : failure.kind[facts.kind];
  const attempts = facts.attempts > 0 ? failure.attempts(facts.attempts) : undefined;
  return failure.sentence(what, attempts, facts.webhookId);
};
