import type { Language } from '../language.js';

export const it: Language = {
  subject: {
    SignIn: () => 'Il tuo codice di accesso',
    Register: () => 'Conferma il tuo indirizzo email',
    ForgotPassword: () => 'Reimposta la tua password',
    Generic: () => 'Il tuo codice di verifica',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Invito a unirti a ${organization}` : "Invito a unirti a un'organizzazione",
    UserPermissionValidation: () => 'Conferma la tua identità',
    BindNewIdentifier: () => 'Verifica il tuo nuovo indirizzo email',
    MfaVerification: () => 'Il tuo codice di verifica in due passaggi',
    BindMfa: () => 'Configura la verifica in due passaggi',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `Usa il codice qui sotto per accedere a ${app}.` : 'Usa il codice qui sotto per accedere.',
    Register: ({ app }) =>
      app
        ? `Usa il codice qui sotto per confermare il tuo indirizzo email e completare la creazione del tuo account ${app}.`
        : 'Usa il codice qui sotto per confermare il tuo indirizzo email e completare la creazione del tuo account.',
    ForgotPassword: ({ app }) =>
      app
        ? `Usa il codice qui sotto per reimpostare la password del tuo account ${app}.`
        : 'Usa il codice qui sotto per reimpostare la password del tuo account.',
    Generic: ({ app }) =>
      app ? `Ecco il tuo codice di verifica per ${app}.` : 'Ecco il tuo codice di verifica.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} ti invita a unirti a ${organization ?? "un'organizzazione"}.`
        : `Hai ricevuto un invito a unirti a ${organization ?? "un'organizzazione"}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Prima di eseguire un'operazione sensibile in ${app}, conferma la tua identità con il codice qui sotto.`
        : "Prima di eseguire un'operazione sensibile, conferma la tua identità con il codice qui sotto.",
    BindNewIdentifier: ({ app }) =>
      app
        ? `Usa il codice qui sotto per aggiungere questo indirizzo email al tuo account ${app}.`
        : 'Usa il codice qui sotto per aggiungere questo indirizzo email al tuo account.',
    MfaVerification: ({ app }) =>
      app
        ? `Usa il codice qui sotto per completare l'accesso a ${app} con la verifica in due passaggi.`
        : "Usa il codice qui sotto per completare l'accesso con la verifica in due passaggi.",
    BindMfa: ({ app }) =>
      app
        ? `Usa il codice qui sotto per configurare questo indirizzo email come metodo di verifica in due passaggi in ${app}.`
        : 'Usa il codice qui sotto per configurare questo indirizzo email come metodo di verifica in due passaggi.',
  },
  linkLead: 'Fai clic sul pulsante qui sotto per continuare.',
  acceptInvitation: 'Accetta invito',
  continue: 'Continua',
  copyLink: 'Se il pulsante non funziona, copia questo indirizzo nel tuo browser:',
  openLink: 'Apri questo indirizzo nel tuo browser:',
  keepSecret: 'Non condividere questo codice con nessuno.',
  notRequested: 'Se non hai richiesto tu questa email, puoi ignorarla.',
  notInvited: 'Se non ti aspettavi questo invito, puoi ignorare questa email.',
  notSigningIn:
    'Se non stai accedendo in questo momento, qualcuno potrebbe conoscere la tua password: cambiala il prima possibile.',
  failure: {
    kind: {
      status: (status) => `il servizio email ha risposto con il codice HTTP ${status}`,
      timeout: 'il servizio email non ha risposto in tempo',
      unreachable: 'il servizio email non è raggiungibile',
      'invalid-answer': 'il servizio email ha restituito una risposta non valida',
      'refused-address': "l'indirizzo del servizio email non è consentito",
      'invalid-config': 'la configurazione non è valida o non è stato possibile leggerla',
      'not-sent': "non è stato possibile preparare il messaggio per l'invio",
    },
    attempts: (count) => (count === 1 ? '1 tentativo' : `${count} tentativi`),
    sentence: (what, attempts, webhookId) =>
      `Impossibile inviare l'email: ${what}${attempts ? ` (${attempts})` : ''}. Riferimento: ${webhookId}.`,
  },
};
