// A minimal English-only stand-in with the final signature: the texts branch replaces this file.
const escape = (text: string) =>
  text.replaceAll(/["&'<>]/g, (character) => `&#${character.codePointAt(0)!};`);

const subjects: Record<string, string> = {
  SignIn: 'Your sign-in code',
  Register: 'Your registration code',
  ForgotPassword: 'Your password reset code',
  OrganizationInvitation: 'You are invited to join an organization',
};

export const builtInEmail = (
  type: string,
  payload: Record<string, unknown>
): { subject: string; html: string; text: string; locale: string } => {
  const application = (payload.application as { name?: unknown } | undefined)?.name;
  const name = typeof application === 'string' && application ? application : 'your account';
  const subject = `${subjects[type] ?? 'Your verification code'} for ${name}`;
  const line =
    typeof payload.link === 'string'
      ? `Open this link to continue: ${payload.link}`
      : `Your verification code is ${String(payload.code ?? '')}.`;
  const html = `<p>${escape(subject)}</p>\n<p>${escape(line)}</p>`;
  return { subject, html, text: `${subject}\n\n${line}`, locale: 'en' };
};
