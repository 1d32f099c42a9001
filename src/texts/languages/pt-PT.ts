import type { Language } from '../language.js';

export const ptPT: Language = {
  subject: {
    SignIn: () => 'O seu código de início de sessão',
    Register: () => 'Confirme o seu endereço de e-mail',
    ForgotPassword: () => 'Reponha a sua palavra-passe',
    Generic: () => 'O seu código de verificação',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Convite para aderir a ${organization}` : 'Convite para aderir a uma organização',
    UserPermissionValidation: () => 'Confirme a sua identidade',
    BindNewIdentifier: () => 'Verifique o seu novo endereço de e-mail',
    MfaVerification: () => 'O seu código de verificação em dois passos',
    BindMfa: () => 'Configure a verificação em dois passos',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `Utilize o código abaixo para iniciar sessão em ${app}.` : 'Utilize o código abaixo para iniciar sessão.',
    Register: ({ app }) =>
      app
        ? `Utilize o código abaixo para confirmar o seu e-mail e concluir a criação da sua conta ${app}.`
        : 'Utilize o código abaixo para confirmar o seu e-mail e concluir a criação da sua conta.',
    ForgotPassword: ({ app }) =>
      app
        ? `Utilize o código abaixo para repor a palavra-passe da sua conta ${app}.`
        : 'Utilize o código abaixo para repor a palavra-passe da sua conta.',
    Generic: ({ app }) =>
      app ? `Aqui está o seu código de verificação para ${app}.` : 'Aqui está o seu código de verificação.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} enviou-lhe um convite para aderir a ${organization ?? 'uma organização'}.`
        : `Recebeu um convite para aderir a ${organization ?? 'uma organização'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Antes de realizar uma operação sensível em ${app}, confirme a sua identidade com o código abaixo.`
        : 'Antes de realizar uma operação sensível, confirme a sua identidade com o código abaixo.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Utilize o código abaixo para adicionar este endereço de e-mail à sua conta ${app}.`
        : 'Utilize o código abaixo para adicionar este endereço de e-mail à sua conta.',
    MfaVerification: ({ app }) =>
      app
        ? `Utilize o código abaixo para concluir o início de sessão em ${app} com a verificação em dois passos.`
        : 'Utilize o código abaixo para concluir o início de sessão com a verificação em dois passos.',
    BindMfa: ({ app }) =>
      app
        ? `Utilize o código abaixo para configurar este endereço de e-mail como método de verificação em dois passos em ${app}.`
        : 'Utilize o código abaixo para configurar este endereço de e-mail como método de verificação em dois passos.',
  },
  linkLead: 'Clique no botão abaixo para continuar.',
  acceptInvitation: 'Aceitar convite',
  continue: 'Continuar',
  copyLink: 'Se o botão não funcionar, copie e cole este endereço no seu navegador:',
  openLink: 'Abra este endereço no seu navegador:',
  keepSecret: 'Não partilhe este código com ninguém.',
  notRequested: 'Se não fez este pedido, pode ignorar este e-mail.',
  notInvited: 'Se não esperava este convite, pode ignorar este e-mail.',
  notSigningIn:
    'Se não está a iniciar sessão neste momento, alguém poderá saber a sua palavra-passe: altere-a o mais depressa possível.',
  failure: {
    kind: {
      status: (status) => `o serviço de e-mail respondeu com o código HTTP ${status}`,
      timeout: 'o serviço de e-mail não respondeu a tempo',
      unreachable: 'não foi possível contactar o serviço de e-mail',
      'invalid-answer': 'o serviço de e-mail devolveu uma resposta inválida',
      'refused-address': 'o endereço do serviço de e-mail não é permitido',
      'invalid-config': 'a configuração é inválida ou não pôde ser lida',
      'not-sent': 'não foi possível preparar a mensagem para envio',
    },
    attempts: (count) => (count === 1 ? '1 tentativa' : `${count} tentativas`),
    sentence: (what, attempts, webhookId) =>
      `Não foi possível enviar o e-mail: ${what}${attempts ? ` (${attempts})` : ''}. Referência: ${webhookId}.`,
  },
};
