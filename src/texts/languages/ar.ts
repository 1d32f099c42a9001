import type { Language } from '../language.js';

export const ar: Language = {
  subject: {
    SignIn: () => 'رمز تسجيل الدخول',
    Register: () => 'تأكيد عنوان بريدك الإلكتروني',
    ForgotPassword: () => 'إعادة تعيين كلمة المرور',
    Generic: () => 'رمز التحقق',
    OrganizationInvitation: ({ organization }) =>
      organization ? `دعوة للانضمام إلى ${organization}` : 'دعوة للانضمام إلى مؤسسة',
    UserPermissionValidation: () => 'تأكيد هويتك',
    BindNewIdentifier: () => 'تأكيد عنوان بريدك الإلكتروني الجديد',
    MfaVerification: () => 'رمز التحقق بخطوتين',
    BindMfa: () => 'إعداد التحقق بخطوتين',
  },
  // The subject first, so that a Latin name does not turn the line left to right.
  tagged: (app, subject) => `${subject} – ${app}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `استخدم الرمز أدناه لتسجيل الدخول إلى ${app}.` : 'استخدم الرمز أدناه لتسجيل الدخول.',
    Register: ({ app }) =>
      app
        ? `استخدم الرمز أدناه لتأكيد بريدك الإلكتروني وإكمال إنشاء حسابك في ${app}.`
        : 'استخدم الرمز أدناه لتأكيد بريدك الإلكتروني وإكمال إنشاء حسابك.',
    ForgotPassword: ({ app }) =>
      app
        ? `استخدم الرمز أدناه لإعادة تعيين كلمة مرور حسابك في ${app}.`
        : 'استخدم الرمز أدناه لإعادة تعيين كلمة مرور حسابك.',
    Generic: ({ app }) => (app ? `إليك رمز التحقق الخاص بك في ${app}.` : 'إليك رمز التحقق الخاص بك.'),
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? `وصلتك دعوة من ${inviter} للانضمام إلى ${organization ?? 'مؤسسة'}.`
        : `وصلتك دعوة للانضمام إلى ${organization ?? 'مؤسسة'}.`,
    UserPermissionValidation: ({ app }) =>
      app
        ? `قبل تنفيذ إجراء حساس في ${app}، يُرجى تأكيد هويتك باستخدام الرمز أدناه.`
        : 'قبل تنفيذ إجراء حساس، يُرجى تأكيد هويتك باستخدام الرمز أدناه.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `استخدم الرمز أدناه لإضافة عنوان البريد الإلكتروني هذا إلى حسابك في ${app}.`
        : 'استخدم الرمز أدناه لإضافة عنوان البريد الإلكتروني هذا إلى حسابك.',
    MfaVerification: ({ app }) =>
      app
        ? `استخدم الرمز أدناه لإكمال تسجيل الدخول إلى ${app} بالتحقق بخطوتين.`
        : 'استخدم الرمز أدناه لإكمال تسجيل الدخول بالتحقق بخطوتين.',
    BindMfa: ({ app }) =>
      app
        ? `استخدم الرمز أدناه لإعداد التحقق بخطوتين عبر عنوان البريد الإلكتروني هذا في ${app}.`
        : 'استخدم الرمز أدناه لإعداد التحقق بخطوتين عبر عنوان البريد الإلكتروني هذا.',
  },
  linkLead: 'استخدم الزر أدناه للمتابعة.',
  acceptInvitation: 'قبول الدعوة',
  continue: 'متابعة',
  copyLink: 'إذا لم يعمل الزر، فانسخ هذا الرابط والصقه في متصفحك:',
  openLink: 'افتح هذا الرابط في متصفحك:',
  keepSecret: 'لا تشارك هذا الرمز مع أي شخص.',
  notRequested: 'إذا لم تطلب ذلك، فيمكنك تجاهل هذه الرسالة.',
  notInvited: 'إذا لم تكن تتوقع هذه الدعوة، فيمكنك تجاهل هذه الرسالة.',
  notSigningIn:
    'إذا لم تكن تسجّل الدخول الآن، فقد يكون شخص آخر على علم بكلمة مرورك؛ لذا غيّرها في أقرب وقت ممكن.',
  failure: {
    kind: {
      status: (status) => `ردّت خدمة البريد الإلكتروني برمز HTTP ${status}`,
      timeout: 'لم تردّ خدمة البريد الإلكتروني في الوقت المحدد',
      unreachable: 'تعذّر الوصول إلى خدمة البريد الإلكتروني',
      'invalid-answer': 'أرسلت خدمة البريد الإلكتروني ردًّا غير صالح',
      'refused-address': 'عنوان خدمة البريد الإلكتروني غير مسموح به',
      'invalid-config': 'الإعدادات غير صالحة أو تعذّرت قراءتها',
      'not-sent': 'تعذّر تجهيز الرسالة للإرسال',
    },
    // "Attempts: N" needs none of Arabic's number agreement.
    attempts: (count) => `عدد المحاولات: ${count}`,
    sentence: (what, attempts, webhookId) =>
      `تعذّر إرسال البريد الإلكتروني: ${what}${attempts ? ` (${attempts})` : ''}. المرجع: ${webhookId}`,
  },
};
