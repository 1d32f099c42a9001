import type { Language } from '../language.js';

export const ptBR: Language = {
  subject: {
    SignIn: () => 'Seu código de acesso',
    Register: () => 'Confirme seu endereço de e-mail',
    ForgotPassword: () => 'Redefina sua senha',
    Generic: () => 'Seu código de verificação',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Convite para participar de ${organization}` : 'Convite para participar de uma organização',
    UserPermissionValidation: () => 'Confirme que é você',
    BindNewIdentifier: () => 'Verifique seu novo endereço de e-mail',
    MfaVerification: () => 'Seu código de verificação em duas etapas',
    BindMfa: () => 'Configure a verificação em duas etapas',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `Use o código abaixo para entrar em ${app}.` : 'Use o código abaixo para entrar.',
    Register: ({ app }) =>
      app
        ? `Use o código abaixo para confirmar seu e-mail e concluir a criação da sua conta em ${app}.`
        : 'Use o código abaixo para confirmar seu e-mail e concluir a criação da sua conta.',
    ForgotPassword: ({ app }) =>
      app
        ? `Use o código abaixo para redefinir a senha da sua conta em ${app}.`
        : 'Use o código abaixo para redefinir a senha da sua conta.',
    Generic: ({ app }) =>
      app ? `Este é o seu código de verificação para ${app}.` : 'Este é o seu código de verificação.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} convidou você para participar de ${organization ?? 'uma organização'}.`
        : `Você recebeu um convite para participar de ${organization ?? 'uma organização'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Antes de realizar uma ação sensível em ${app}, confirme que é você com o código abaixo.`
        : 'Antes de realizar uma ação sensível, confirme que é você com o código abaixo.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Use o código abaixo para adicionar este endereço de e-mail à sua conta em ${app}.`
        : 'Use o código abaixo para adicionar este endereço de e-mail à sua conta.',
    MfaVerification: ({ app }) =>
      app
        ? `Use o código abaixo para concluir o acesso a ${app} com a verificação em duas etapas.`
        : 'Use o código abaixo para concluir o acesso com a verificação em duas etapas.',
    BindMfa: ({ app }) =>
      app
        ? `Use o código abaixo para configurar este endereço de e-mail como método de verificação em duas etapas em ${app}.`
        : 'Use o código abaixo para configurar este endereço de e-mail como método de verificação em duas etapas.',
  },
  linkLead: 'Clique no botão abaixo para continuar.',
  acceptInvitation: 'Aceitar convite',
  continue: 'Continuar',
  copyLink: 'Se o botão não funcionar, copie e cole este endereço no seu navegador:',
  openLink: 'Abra este endereço no seu navegador:',
  keepSecret: 'Não compartilhe este código com ninguém.',
  notRequested: 'Se você não fez essa solicitação, pode ignorar este e-mail.',
  notInvited: 'Se você não esperava este convite, pode ignorar este e-mail.',
  notSigningIn:
    'Se você não está tentando entrar agora, é possível que alguém saiba sua senha: altere-a o quanto antes.',
  failure: {
    kind: {
      status: (status) => `o serviço de e-mail respondeu com o código HTTP ${status}`,
      timeout: 'o serviço de e-mail não respondeu a tempo',
      unreachable: 'não foi possível contatar o serviço de e-mail',
      'invalid-answer': 'o serviço de e-mail retornou uma resposta inválida',
      'refused-address': 'o endereço do serviço de e-mail não é permitido',
      'invalid-config': 'a configuração é inválida ou não pôde ser lida',
      'not-sent': 'não foi possível preparar a mensagem para envio',
    },
    attempts: (count) => (count === 1 ? '1 tentativa' : `${count} tentativas`),
    sentence: (what, attempts, webhookId) =>
      `Não foi possível enviar o e-mail: ${what}${attempts ? ` (${attempts})` : ''}. Referência: ${webhookId}.`,
  },
};
