// The relay's own short emails, used when the request carries no `template` from Logto: one per
// template type, in English and German, chosen by `payload.locale`.

const name = (value) => (typeof value?.name === 'string' && value.name ? value.name : undefined);

const texts = {
  en: {
    SignIn: ({ code, app }) => [
      `Your sign-in code${app ? ` for ${app}` : ''}`,
      `Your code to sign in${app ? ` to ${app}` : ''} is ${code}.\n\nIf you did not try to sign in, you can ignore this email.`,
    ],
    Register: ({ code, app }) => [
      'Confirm your email address',
      `Your code to create your${app ? ` ${app}` : ''} account is ${code}.`,
    ],
    ForgotPassword: ({ code, app }) => [
      'Reset your password',
      `Your code to reset your${app ? ` ${app}` : ''} password is ${code}.\n\nIf you did not ask for it, you can ignore this email.`,
    ],
    Generic: ({ code }) => ['Your verification code', `Your verification code is ${code}.`],
    OrganizationInvitation: ({ link, organization, inviter }) => [
      `You are invited to join ${organization ?? 'an organization'}`,
      `${inviter ?? 'Someone'} invited you to join ${organization ?? 'their organization'}.\n\nAccept the invitation: ${link}`,
    ],
    UserPermissionValidation: ({ code }) => [
      "Confirm that it's you",
      `Your code to confirm this action is ${code}.`,
    ],
    BindNewIdentifier: ({ code }) => [
      'Confirm your new email address',
      `Your code to add this email address to your account is ${code}.`,
    ],
    MfaVerification: ({ code }) => [
      'Your two-step verification code',
      `Your code to finish signing in is ${code}.`,
    ],
    BindMfa: ({ code }) => [
      'Turn on email verification',
      `Your code to turn on two-step verification by email is ${code}.`,
    ],
  },
  de: {
    SignIn: ({ code, app }) => [
      `Ihr Anmeldecode${app ? ` für ${app}` : ''}`,
      `Ihr Code für die Anmeldung${app ? ` bei ${app}` : ''} lautet ${code}.\n\nWenn Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren.`,
    ],
    Register: ({ code, app }) => [
      'Bestätigen Sie Ihre E-Mail-Adresse',
      `Ihr Code zum Anlegen Ihres Kontos${app ? ` bei ${app}` : ''} lautet ${code}.`,
    ],
    ForgotPassword: ({ code, app }) => [
      'Passwort zurücksetzen',
      `Ihr Code zum Zurücksetzen Ihres Passworts${app ? ` bei ${app}` : ''} lautet ${code}.\n\nWenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.`,
    ],
    Generic: ({ code }) => ['Ihr Bestätigungscode', `Ihr Bestätigungscode lautet ${code}.`],
    OrganizationInvitation: ({ link, organization, inviter }) => [
      `Einladung zu ${organization ?? 'einer Organisation'}`,
      `${inviter ?? 'Jemand'} hat Sie eingeladen, ${organization ?? 'einer Organisation'} beizutreten.\n\nEinladung annehmen: ${link}`,
    ],
    UserPermissionValidation: ({ code }) => [
      'Bestätigen Sie, dass Sie es sind',
      `Ihr Code zur Bestätigung dieses Vorgangs lautet ${code}.`,
    ],
    BindNewIdentifier: ({ code }) => [
      'Bestätigen Sie Ihre neue E-Mail-Adresse',
      `Ihr Code, um diese E-Mail-Adresse zu Ihrem Konto hinzuzufügen, lautet ${code}.`,
    ],
    MfaVerification: ({ code }) => [
      'Ihr Code für die Zwei-Faktor-Bestätigung',
      `Ihr Code zum Abschließen der Anmeldung lautet ${code}.`,
    ],
    BindMfa: ({ code }) => [
      'E-Mail-Bestätigung einschalten',
      `Ihr Code, um die Zwei-Faktor-Bestätigung per E-Mail einzuschalten, lautet ${code}.`,
    ],
  },
};

/** `de`, `de-DE`, `de-AT` … get German; every other language English. */
export const languageOf = (locale) =>
  typeof locale === 'string' && /^de\b/i.test(locale) ? 'de' : 'en';

/**
 * The email for one request: Logto's rendered template when the request carries one
 * (`includeTemplate` on), else the relay's own text for the type and language. An unknown type,
 * from a newer Logto, gets the generic text.
 */
export const composeEmail = ({ to, type, payload, template }, defaultFrom) => {
  if (template) {
    const body =
      template.contentType === 'text/plain' ? { text: template.content } : { html: template.content };
    return {
      from: template.sendFrom || defaultFrom,
      to,
      subject: template.subject,
      ...body,
      ...(template.replyTo && { replyTo: template.replyTo }),
    };
  }

  const language = texts[languageOf(payload.locale)];
  // Own keys only: `toString` or `__proto__` name what every object has, not a text of ours.
  const write = Object.hasOwn(language, type)
    ? language[type]
    : payload.link
      ? language.OrganizationInvitation
      : language.Generic;
  const [subject, text] = write({
    code: payload.code,
    link: payload.link,
    app: name(payload.application),
    organization: name(payload.organization),
    inviter: name(payload.inviter),
  });
  return { from: defaultFrom, to, subject, text };
};
