import type { Language } from '../language.js';

export const en: Language = {
  subject: {
    SignIn: () => 'Your sign-in code',
    Register: () => 'Confirm your email address',
    ForgotPassword: () => 'Reset your password',
    Generic: () => 'Your verification code',
    OrganizationInvitation: ({ organization }) =>
      organization ? `You are invited to join ${organization}` : 'You are invited to join an organization',
    UserPermissionValidation: () => 'Confirm that it is you',
    BindNewIdentifier: () => 'Verify your new email address',
    MfaVerification: () => 'Your two-step verification code',
    BindMfa: () => 'Set up two-step verification',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) => (app ? `Use the code below to sign in to ${app}.` : 'Use the code below to sign in.'),
    Register: ({ app }) =>
      app
        ? `Use the code below to confirm your email address and finish creating your ${app} account.`
        : 'Use the code below to confirm your email address and finish creating your account.',
    ForgotPassword: ({ app }) =>
      app
        ? `Use the code below to reset the password of your ${app} account.`
        : 'Use the code below to reset the password of your account.',
    Generic: ({ app }) =>
      app ? `Here is your verification code for ${app}.` : 'Here is your verification code.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} has invited you to join ${organization ?? 'their organization'}.`
        : `You have been invited to join ${organization ?? 'an organization'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `Before a sensitive action in ${app}, use the code below to confirm that it is you.`
        : 'Before a sensitive action, use the code below to confirm that it is you.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Use the code below to add this email address to your ${app} account.`
        : 'Use the code below to add this email address to your account.',
    MfaVerification: ({ app }) =>
      app
        ? `Use the code below to finish signing in to ${app} with two-step verification.`
        : 'Use the code below to finish signing in with two-step verification.',
    BindMfa: ({ app }) =>
      app
        ? `Use the code below to set up this email address for two-step verification in ${app}.`
        : 'Use the code below to set up this email address for two-step verification.',
  },
  linkLead: 'Use the button below to continue.',
  acceptInvitation: 'Accept invitation',
  continue: 'Continue',
  copyLink: 'If the button does not work, copy this address into your browser:',
  openLink: 'Open this address in your browser:',
  keepSecret: 'Do not share this code with anyone.',
  notRequested: 'If you did not ask for this, you can ignore this email.',
  notInvited: 'If you did not expect this invitation, you can ignore this email.',
  notSigningIn:
    'If you are not signing in right now, someone may know your password: change it as soon as you can.',
  failure: {
    kind: {
      status: (status) => `the email service answered HTTP ${status}`,
      timeout: 'the email service did not answer in time',
      unreachable: 'the email service could not be reached',
      'invalid-answer': 'the email service gave an invalid answer',
      'refused-address': "the email service's address is not allowed",
      'invalid-config': 'the configuration is invalid or could not be read',
      'not-sent': 'the message could not be prepared for sending',
    },
    attempts: (count) => `${count} attempt${count === 1 ? '' : 's'}`,
    sentence: (what, attempts, webhookId) =>
      `The email could not be sent: ${what}${attempts ? ` (${attempts})` : ''}. Reference: ${webhookId}.`,
  },
};
