import type { Language } from '../language.js';

// Compound words (دومرحله‌ای، می‌توانید…) hold a zero-width non-joiner, U+200C, as Persian spelling
// requires: keep it when editing.
export const faIR: Language = {
  subject: {
    SignIn: () => 'کد ورود شما',
    Register: () => 'نشانی ایمیل خود را تأیید کنید',
    ForgotPassword: () => 'بازنشانی گذرواژه',
    Generic: () => 'کد تأیید شما',
    OrganizationInvitation: ({ organization }) =>
      organization ? `دعوت برای پیوستن به ${organization}` : 'دعوت برای پیوستن به یک سازمان',
    UserPermissionValidation: () => 'تأیید هویت',
    BindNewIdentifier: () => 'نشانی ایمیل جدید خود را تأیید کنید',
    MfaVerification: () => 'کد تأیید دومرحله‌ای شما',
    BindMfa: () => 'راه‌اندازی تأیید دومرحله‌ای',
  },
  // The subject first, so that a Latin name does not turn the line left to right.
  tagged: (app, subject) => `${subject} – ${app}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `برای ورود به ${app}، از کد زیر استفاده کنید.` : 'برای ورود، از کد زیر استفاده کنید.',
    Register: ({ app }) =>
      app
        ? `برای تأیید نشانی ایمیل و تکمیل ساخت حساب ${app} خود، از کد زیر استفاده کنید.`
        : 'برای تأیید نشانی ایمیل و تکمیل ساخت حساب خود، از کد زیر استفاده کنید.',
    ForgotPassword: ({ app }) =>
      app
        ? `برای بازنشانی گذرواژه حساب ${app} خود، از کد زیر استفاده کنید.`
        : 'برای بازنشانی گذرواژه حساب خود، از کد زیر استفاده کنید.',
    Generic: ({ app }) => (app ? `کد تأیید شما برای ${app}:` : 'کد تأیید شما:'),
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `${inviter} از شما دعوت کرده است که به ${organization ?? 'یک سازمان'} بپیوندید.`
        : `از شما دعوت شده است که به ${organization ?? 'یک سازمان'} بپیوندید.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `پیش از انجام یک عملیات حساس در ${app}، لطفاً با کد زیر هویت خود را تأیید کنید.`
        : 'پیش از انجام یک عملیات حساس، لطفاً با کد زیر هویت خود را تأیید کنید.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `برای افزودن این نشانی ایمیل به حساب ${app} خود، از کد زیر استفاده کنید.`
        : 'برای افزودن این نشانی ایمیل به حساب خود، از کد زیر استفاده کنید.',
    MfaVerification: ({ app }) =>
      app
        ? `برای تکمیل ورود به ${app} با تأیید دومرحله‌ای، از کد زیر استفاده کنید.`
        : 'برای تکمیل ورود با تأیید دومرحله‌ای، از کد زیر استفاده کنید.',
    BindMfa: ({ app }) =>
      app
        ? `برای راه‌اندازی تأیید دومرحله‌ای با این نشانی ایمیل در ${app}، از کد زیر استفاده کنید.`
        : 'برای راه‌اندازی تأیید دومرحله‌ای با این نشانی ایمیل، از کد زیر استفاده کنید.',
  },
  linkLead: 'برای ادامه، روی دکمه زیر بزنید.',
  acceptInvitation: 'پذیرفتن دعوت',
  continue: 'ادامه',
  copyLink: 'اگر دکمه کار نمی‌کند، این پیوند را کپی کنید و در مرورگر خود بچسبانید:',
  openLink: 'این پیوند را در مرورگر خود باز کنید:',
  keepSecret: 'این کد را در اختیار هیچ‌کس قرار ندهید.',
  notRequested: 'اگر این درخواست را شما نداده‌اید، می‌توانید این ایمیل را نادیده بگیرید.',
  notInvited: 'اگر انتظار این دعوت را نداشتید، می‌توانید این ایمیل را نادیده بگیرید.',
  notSigningIn:
    'اگر هم‌اکنون در حال ورود نیستید، ممکن است کسی گذرواژه شما را بداند؛ هرچه زودتر آن را تغییر دهید.',
  failure: {
    kind: {
      status: (status) => `سرویس ایمیل با HTTP ${status} پاسخ داد`,
      timeout: 'سرویس ایمیل به‌موقع پاسخ نداد',
      unreachable: 'دسترسی به سرویس ایمیل ممکن نشد',
      'invalid-answer': 'سرویس ایمیل پاسخ نامعتبری داد',
      'refused-address': 'نشانی سرویس ایمیل مجاز نیست',
      'invalid-config': 'پیکربندی نامعتبر است یا خوانده نشد',
      'not-sent': 'پیام برای ارسال آماده نشد',
    },
    attempts: (count) => `پس از ${count} بار تلاش`,
    sentence: (what, attempts, webhookId) =>
      `ایمیل ارسال نشد: ${what}${attempts ? ` (${attempts})` : ''}. کد پیگیری: ${webhookId}`,
  },
};
