import type { Language } from '../language.js';

const attemptWords = { one: 'próba', few: 'próby', many: 'prób', other: 'próby' } as const;
const plural = new Intl.PluralRules('pl');

// An application's or organization's name comes after „aplikacja”/„organizacja”: only that noun
// is declined, so any name stays as written.
export const plPL: Language = {
  subject: {
    SignIn: () => 'Twój kod logowania',
    Register: () => 'Potwierdź swój adres e-mail',
    ForgotPassword: () => 'Zresetuj hasło',
    Generic: () => 'Twój kod weryfikacyjny',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Zaproszenie do organizacji ${organization}` : 'Zaproszenie do organizacji',
    UserPermissionValidation: () => 'Potwierdź, że to Ty',
    BindNewIdentifier: () => 'Zweryfikuj nowy adres e-mail',
    MfaVerification: () => 'Twój kod weryfikacji dwuetapowej',
    BindMfa: () => 'Skonfiguruj weryfikację dwuetapową',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `Użyj poniższego kodu, aby zalogować się do aplikacji ${app}.` : 'Użyj poniższego kodu, aby się zalogować.',
    Register: ({ app }) =>
      app
        ? `Użyj poniższego kodu, aby potwierdzić adres e-mail i dokończyć zakładanie konta w aplikacji ${app}.`
        : 'Użyj poniższego kodu, aby potwierdzić adres e-mail i dokończyć zakładanie konta.',
    ForgotPassword: ({ app }) =>
      app
        ? `Użyj poniższego kodu, aby zresetować hasło do swojego konta w aplikacji ${app}.`
        : 'Użyj poniższego kodu, aby zresetować hasło do swojego konta.',
    Generic: ({ app }) =>
      app ? `Oto Twój kod weryfikacyjny do aplikacji ${app}.` : 'Oto Twój kod weryfikacyjny.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} zaprasza Cię do organizacji ${organization}.`
          : `${inviter} zaprasza Cię do swojej organizacji.`
        : organization
          ? `Otrzymujesz zaproszenie do organizacji ${organization}.`
          : 'Otrzymujesz zaproszenie do organizacji.',
    UserPermissionValidation: ({ app }) =>
      app
        ? `Przed wykonaniem ważnej operacji w aplikacji ${app} potwierdź, że to Ty, używając poniższego kodu.`
        : 'Przed wykonaniem ważnej operacji potwierdź, że to Ty, używając poniższego kodu.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Użyj poniższego kodu, aby dodać ten adres e-mail do swojego konta w aplikacji ${app}.`
        : 'Użyj poniższego kodu, aby dodać ten adres e-mail do swojego konta.',
    MfaVerification: ({ app }) =>
      app
        ? `Użyj poniższego kodu, aby dokończyć logowanie do aplikacji ${app} z weryfikacją dwuetapową.`
        : 'Użyj poniższego kodu, aby dokończyć logowanie z weryfikacją dwuetapową.',
    BindMfa: ({ app }) =>
      app
        ? `Użyj poniższego kodu, aby dodać ten adres e-mail jako metodę weryfikacji dwuetapowej w aplikacji ${app}.`
        : 'Użyj poniższego kodu, aby dodać ten adres e-mail jako metodę weryfikacji dwuetapowej.',
  },
  linkLead: 'Kliknij poniższy przycisk, aby kontynuować.',
  acceptInvitation: 'Przyjmij zaproszenie',
  continue: 'Kontynuuj',
  copyLink: 'Jeśli przycisk nie działa, skopiuj ten adres do przeglądarki:',
  openLink: 'Otwórz ten adres w przeglądarce:',
  keepSecret: 'Nie udostępniaj tego kodu nikomu.',
  notRequested: 'Jeśli ta prośba nie pochodzi od Ciebie, zignoruj tę wiadomość.',
  notInvited: 'Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.',
  notSigningIn:
    'Jeśli nie logujesz się teraz, ktoś może znać Twoje hasło: zmień je jak najszybciej.',
  failure: {
    kind: {
      status: (status) => `usługa e-mail odpowiedziała kodem HTTP ${status}`,
      timeout: 'usługa e-mail nie odpowiedziała na czas',
      unreachable: 'nie udało się połączyć z usługą e-mail',
      'invalid-answer': 'usługa e-mail zwróciła nieprawidłową odpowiedź',
      'refused-address': 'adres usługi e-mail jest niedozwolony',
      'invalid-config': 'konfiguracja jest nieprawidłowa lub nie udało się jej odczytać',
      'not-sent': 'nie udało się przygotować wiadomości do wysłania',
    },
    attempts: (count) => {
      const form = plural.select(count);
      return `${count} ${attemptWords[form as keyof typeof attemptWords] ?? attemptWords.other}`;
    },
    sentence: (what, attempts, webhookId) =>
      `Nie udało się wysłać wiadomości e-mail: ${what}${attempts ? ` (${attempts})` : ''}. Identyfikator: ${webhookId}.`,
  },
};
