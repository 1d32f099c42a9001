import type { Language } from '../language.js';

export const de: Language = {
  subject: {
    SignIn: () => 'Ihr Anmeldecode',
    Register: () => 'Bestätigen Sie Ihre E-Mail-Adresse',
    ForgotPassword: () => 'Passwort zurücksetzen',
    Generic: () => 'Ihr Bestätigungscode',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Einladung zu ${organization}` : 'Einladung zu einer Organisation',
    UserPermissionValidation: () => 'Bestätigen Sie, dass Sie es sind',
    BindNewIdentifier: () => 'Bestätigen Sie Ihre neue E-Mail-Adresse',
    MfaVerification: () => 'Ihr Code für die Zwei-Faktor-Authentifizierung',
    BindMfa: () => 'Zwei-Faktor-Authentifizierung einrichten',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app
        ? `Mit dem folgenden Code melden Sie sich bei ${app} an.`
        : 'Mit dem folgenden Code melden Sie sich an.',
    Register: ({ app }) =>
      app
        ? `Mit dem folgenden Code bestätigen Sie Ihre E-Mail-Adresse und schließen die Registrierung bei ${app} ab.`
        : 'Mit dem folgenden Code bestätigen Sie Ihre E-Mail-Adresse und schließen die Registrierung ab.',
    ForgotPassword: ({ app }) =>
      app
        ? `Mit dem folgenden Code setzen Sie das Passwort Ihres Kontos bei ${app} zurück.`
        : 'Mit dem folgenden Code setzen Sie das Passwort Ihres Kontos zurück.',
    Generic: ({ app }) =>
      app ? `Hier ist Ihr Bestätigungscode für ${app}.` : 'Hier ist Ihr Bestätigungscode.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} hat Sie eingeladen, ${organization} beizutreten.`
          : `${inviter} hat Sie eingeladen, einer Organisation beizutreten.`
        : organization
          ? `Sie wurden eingeladen, ${organization} beizutreten.`
          : 'Sie wurden eingeladen, einer Organisation beizutreten.',
    UserPermissionValidation: ({ app }) =>
      app
        ? `Bevor Sie in ${app} eine sicherheitsrelevante Aktion ausführen, bestätigen Sie bitte mit dem folgenden Code, dass Sie es sind.`
        : 'Bevor Sie eine sicherheitsrelevante Aktion ausführen, bestätigen Sie bitte mit dem folgenden Code, dass Sie es sind.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Mit dem folgenden Code fügen Sie diese E-Mail-Adresse Ihrem Konto bei ${app} hinzu.`
        : 'Mit dem folgenden Code fügen Sie diese E-Mail-Adresse Ihrem Konto hinzu.',
    MfaVerification: ({ app }) =>
      app
        ? `Mit dem folgenden Code schließen Sie Ihre Anmeldung bei ${app} mit Zwei-Faktor-Authentifizierung ab.`
        : 'Mit dem folgenden Code schließen Sie Ihre Anmeldung mit Zwei-Faktor-Authentifizierung ab.',
    BindMfa: ({ app }) =>
      app
        ? `Mit dem folgenden Code richten Sie diese E-Mail-Adresse für die Zwei-Faktor-Authentifizierung bei ${app} ein.`
        : 'Mit dem folgenden Code richten Sie diese E-Mail-Adresse für die Zwei-Faktor-Authentifizierung ein.',
  },
  linkLead: 'Klicken Sie auf die Schaltfläche unten, um fortzufahren.',
  acceptInvitation: 'Einladung annehmen',
  continue: 'Weiter',
  copyLink: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
  openLink: 'Öffnen Sie diese Adresse in Ihrem Browser:',
  keepSecret: 'Geben Sie diesen Code an niemanden weiter.',
  notRequested: 'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.',
  notInvited: 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
  notSigningIn:
    'Wenn Sie sich gerade nicht anmelden, kennt möglicherweise jemand Ihr Passwort: Ändern Sie es bitte so bald wie möglich.',
  failure: {
    kind: {
      status: (status) => `Der E-Mail-Dienst antwortete mit HTTP ${status}`,
      timeout: 'Der E-Mail-Dienst hat nicht rechtzeitig geantwortet',
      unreachable: 'Der E-Mail-Dienst war nicht erreichbar',
      'invalid-answer': 'Der E-Mail-Dienst lieferte eine ungültige Antwort',
      'refused-address': 'Die Adresse des E-Mail-Dienstes ist nicht zugelassen',
      'invalid-config': 'Die Konfiguration ist ungültig oder konnte nicht gelesen werden',
      'not-sent': 'Die Nachricht konnte nicht zum Versand vorbereitet werden',
    },
    attempts: (count) => (count === 1 ? '1 Versuch' : `${count} Versuche`),
    sentence: (what, attempts, webhookId) =>
      `Die E-Mail konnte nicht gesendet werden. ${what}${attempts ? ` (${attempts})` : ''}. Referenz: ${webhookId}.`,
  },
};
