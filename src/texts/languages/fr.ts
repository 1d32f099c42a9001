import type { Language } from '../language.js';

// A no-break space (\u00A0) goes before a colon, as French typography wants: it also keeps the
// colon from starting a line of its own. It is a plain character, so it survives HTML escaping.
export const fr: Language = {
  subject: {
    SignIn: () => 'Votre code de connexion',
    Register: () => 'Confirmez votre adresse e-mail',
    ForgotPassword: () => 'Réinitialisez votre mot de passe',
    Generic: () => 'Votre code de vérification',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Invitation à rejoindre ${organization}` : 'Invitation à rejoindre une organisation',
    UserPermissionValidation: () => 'Confirmez votre identité',
    BindNewIdentifier: () => 'Vérifiez votre nouvelle adresse e-mail',
    MfaVerification: () => 'Votre code de vérification en deux étapes',
    BindMfa: () => 'Activez la vérification en deux étapes',
  },
  tagged: (app, subject) => `${app}\u00A0: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour vous connecter à ${app}.`
        : 'Saisissez le code ci-dessous pour vous connecter.',
    Register: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour confirmer votre adresse e-mail et terminer la création de votre compte ${app}.`
        : 'Saisissez le code ci-dessous pour confirmer votre adresse e-mail et terminer la création de votre compte.',
    ForgotPassword: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour réinitialiser le mot de passe de votre compte ${app}.`
        : 'Saisissez le code ci-dessous pour réinitialiser le mot de passe de votre compte.',
    Generic: ({ app }) =>
      app ? `Voici votre code de vérification pour ${app}.` : 'Voici votre code de vérification.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} vous invite à rejoindre ${organization ?? 'son organisation'}.`
        : `Vous avez reçu une invitation à rejoindre ${organization ?? 'une organisation'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Avant d'effectuer une opération sensible dans ${app}, confirmez votre identité à l'aide du code ci-dessous.`
        : "Avant d'effectuer une opération sensible, confirmez votre identité à l'aide du code ci-dessous.",
    BindNewIdentifier: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour ajouter cette adresse e-mail à votre compte ${app}.`
        : 'Saisissez le code ci-dessous pour ajouter cette adresse e-mail à votre compte.',
    MfaVerification: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour terminer votre connexion à ${app} avec la vérification en deux étapes.`
        : 'Saisissez le code ci-dessous pour terminer votre connexion avec la vérification en deux étapes.',
    BindMfa: ({ app }) =>
      app
        ? `Saisissez le code ci-dessous pour utiliser cette adresse e-mail comme méthode de vérification en deux étapes dans ${app}.`
        : 'Saisissez le code ci-dessous pour utiliser cette adresse e-mail comme méthode de vérification en deux étapes.',
  },
  linkLead: 'Cliquez sur le bouton ci-dessous pour continuer.',
  acceptInvitation: "Accepter l'invitation",
  continue: 'Continuer',
  copyLink: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur\u00A0:',
  openLink: 'Ouvrez cette adresse dans votre navigateur\u00A0:',
  keepSecret: 'Ne communiquez ce code à personne.',
  notRequested: "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer cet e-mail.",
  notInvited: 'Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer cet e-mail.',
  notSigningIn:
    "Si vous n'êtes pas en train de vous connecter, quelqu'un connaît peut-être votre mot de passe\u00A0: changez-le dès que possible.",
  failure: {
    kind: {
      status: (status) => `le service d'envoi d'e-mails a répondu avec le code HTTP ${status}`,
      timeout: "le service d'envoi d'e-mails n'a pas répondu à temps",
      unreachable: "le service d'envoi d'e-mails est injoignable",
      'invalid-answer': "le service d'envoi d'e-mails a renvoyé une réponse non valide",
      'refused-address': "l'adresse du service d'envoi d'e-mails n'est pas autorisée",
      'invalid-config': "la configuration est invalide ou n'a pas pu être lue",
      'not-sent': "le message n'a pas pu être préparé pour l'envoi",
    },
    attempts: (count) => (count === 1 ? '1 tentative' : `${count} tentatives`),
    sentence: (what, attempts, webhookId) =>
      `L'e-mail n'a pas pu être envoyé\u00A0: ${what}${attempts ? ` (${attempts})` : ''}. Référence\u00A0: ${webhookId}.`,
  },
};
