import type { Language } from '../language.js';

export const es: Language = {
  subject: {
    SignIn: () => 'Tu código de inicio de sesión',
    Register: () => 'Confirma tu dirección de correo electrónico',
    ForgotPassword: () => 'Restablece tu contraseña',
    Generic: () => 'Tu código de verificación',
    OrganizationInvitation: ({ organization }) =>
      organization ? `Invitación para unirte a ${organization}` : 'Invitación para unirte a una organización',
    UserPermissionValidation: () => 'Confirma que eres tú',
    BindNewIdentifier: () => 'Verifica tu nueva dirección de correo electrónico',
    MfaVerification: () => 'Tu código de verificación en dos pasos',
    BindMfa: () => 'Configura la verificación en dos pasos',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `Usa el siguiente código para iniciar sesión en ${app}.` : 'Usa el siguiente código para iniciar sesión.',
    Register: ({ app }) =>
      app
        ? `Usa el siguiente código para confirmar tu correo electrónico y terminar de crear tu cuenta de ${app}.`
        : 'Usa el siguiente código para confirmar tu correo electrónico y terminar de crear tu cuenta.',
    ForgotPassword: ({ app }) =>
      app
        ? `Usa el siguiente código para restablecer la contraseña de tu cuenta de ${app}.`
        : 'Usa el siguiente código para restablecer la contraseña de tu cuenta.',
    Generic: ({ app }) =>
      app ? `Este es tu código de verificación para ${app}.` : 'Este es tu código de verificación.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} te ha invitado a unirte a ${organization ?? 'su organización'}.`
        : `Te han invitado a unirte a ${organization ?? 'una organización'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Antes de realizar una acción importante en ${app}, confirma que eres tú con el siguiente código.`
        : 'Antes de realizar una acción importante, confirma que eres tú con el siguiente código.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Usa el siguiente código para añadir esta dirección de correo a tu cuenta de ${app}.`
        : 'Usa el siguiente código para añadir esta dirección de correo a tu cuenta.',
    MfaVerification: ({ app }) =>
      app
        ? `Usa el siguiente código para completar el inicio de sesión en ${app} con la verificación en dos pasos.`
        : 'Usa el siguiente código para completar el inicio de sesión con la verificación en dos pasos.',
    BindMfa: ({ app }) =>
      app
        ? `Usa el siguiente código para añadir esta dirección de correo como método de verificación en dos pasos en ${app}.`
        : 'Usa el siguiente código para añadir esta dirección de correo como método de verificación en dos pasos.',
  },
  linkLead: 'Haz clic en el botón de abajo para continuar.',
  acceptInvitation: 'Aceptar invitación',
  continue: 'Continuar',
  copyLink: 'Si el botón no funciona, copia esta dirección en tu navegador:',
  openLink: 'Abre esta dirección en tu navegador:',
  keepSecret: 'No compartas este código con nadie.',
  notRequested: 'Si no lo has solicitado, puedes ignorar este correo.',
  notInvited: 'Si no esperabas esta invitación, puedes ignorar este correo.',
  notSigningIn:
    'Si no estás iniciando sesión ahora mismo, es posible que alguien conozca tu contraseña: cámbiala lo antes posible.',
  failure: {
    kind: {
      status: (status) => `el servicio de correo respondió con el código HTTP ${status}`,
      timeout: 'el servicio de correo no respondió a tiempo',
      unreachable: 'no se pudo contactar con el servicio de correo',
      'invalid-answer': 'el servicio de correo devolvió una respuesta no válida',
      'refused-address': 'la dirección del servicio de correo no está permitida',
      'invalid-config': 'la configuración no es válida o no se pudo leer',
      'not-sent': 'no se pudo preparar el mensaje para su envío',
    },
    attempts: (count) => (count === 1 ? '1 intento' : `${count} intentos`),
    sentence: (what, attempts, webhookId) =>
      `No se pudo enviar el correo: ${what}${attempts ? ` (${attempts})` : ''}. Referencia: ${webhookId}.`,
  },
};
