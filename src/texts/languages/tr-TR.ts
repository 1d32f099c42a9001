import type { Language } from '../language.js';

// An application's or organization's name takes no Turkish suffix here: a noun after it carries
// the case ("… uygulamasında", "… kuruluşuna"), as the name's own vowels cannot be known.
export const trTR: Language = {
  subject: {
    SignIn: () => 'Giriş kodunuz',
    Register: () => 'E-posta adresinizi doğrulayın',
    ForgotPassword: () => 'Şifrenizi sıfırlayın',
    Generic: () => 'Doğrulama kodunuz',
    OrganizationInvitation: ({ organization }) =>
      organization ? `${organization} kuruluşuna katılma daveti` : 'Bir kuruluşa katılma daveti',
    UserPermissionValidation: () => 'Kimliğinizi doğrulayın',
    BindNewIdentifier: () => 'Yeni e-posta adresinizi doğrulayın',
    MfaVerification: () => 'İki adımlı doğrulama kodunuz',
    BindMfa: () => 'İki adımlı doğrulamayı ayarlayın',
  },
  tagged: (app, subject) => `${app}: ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app
        ? `${app} uygulamasına giriş yapmak için aşağıdaki kodu kullanın.`
        : 'Giriş yapmak için aşağıdaki kodu kullanın.',
    Register: ({ app }) =>
      app
        ? `E-posta adresinizi doğrulamak ve ${app} hesabınızı oluşturmayı tamamlamak için aşağıdaki kodu kullanın.`
        : 'E-posta adresinizi doğrulamak ve hesabınızı oluşturmayı tamamlamak için aşağıdaki kodu kullanın.',
    ForgotPassword: ({ app }) =>
      app
        ? `${app} hesabınızın şifresini sıfırlamak için aşağıdaki kodu kullanın.`
        : 'Hesabınızın şifresini sıfırlamak için aşağıdaki kodu kullanın.',
    Generic: ({ app }) =>
      app ? `${app} için doğrulama kodunuz aşağıdadır.` : 'Doğrulama kodunuz aşağıdadır.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} sizi ${organization} kuruluşuna katılmaya davet etti.`
          : `${inviter} sizi bir kuruluşa katılmaya davet etti.`
        : organization
          ? `${organization} kuruluşuna katılmaya davet edildiniz.`
          : 'Bir kuruluşa katılmaya davet edildiniz.',
    UserPermissionValidation: ({ app }) =>
      app
        ? `${app} uygulamasında önemli bir işlem yapmadan önce aşağıdaki kodla kimliğinizi doğrulayın.`
        : 'Önemli bir işlem yapmadan önce aşağıdaki kodla kimliğinizi doğrulayın.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `Bu e-posta adresini ${app} hesabınıza eklemek için aşağıdaki kodu kullanın.`
        : 'Bu e-posta adresini hesabınıza eklemek için aşağıdaki kodu kullanın.',
    MfaVerification: ({ app }) =>
      app
        ? `${app} uygulamasına girişinizi iki adımlı doğrulamayla tamamlamak için aşağıdaki kodu kullanın.`
        : 'Girişinizi iki adımlı doğrulamayla tamamlamak için aşağıdaki kodu kullanın.',
    BindMfa: ({ app }) =>
      app
        ? `Bu e-posta adresini ${app} uygulamasında iki adımlı doğrulama için ayarlamak üzere aşağıdaki kodu kullanın.`
        : 'Bu e-posta adresini iki adımlı doğrulama için ayarlamak üzere aşağıdaki kodu kullanın.',
  },
  linkLead: 'Devam etmek için aşağıdaki düğmeye tıklayın.',
  acceptInvitation: 'Daveti kabul et',
  continue: 'Devam et',
  copyLink: 'Düğme çalışmazsa bu adresi tarayıcınıza kopyalayın:',
  openLink: 'Bu adresi tarayıcınızda açın:',
  keepSecret: 'Bu kodu kimseyle paylaşmayın.',
  notRequested: 'Bu isteği siz yapmadıysanız bu e-postayı yok sayabilirsiniz.',
  notInvited: 'Bu daveti beklemiyorsanız bu e-postayı yok sayabilirsiniz.',
  notSigningIn:
    'Şu anda giriş yapmıyorsanız şifrenizi başka biri biliyor olabilir: şifrenizi en kısa sürede değiştirin.',
  failure: {
    kind: {
      status: (status) => `e-posta hizmeti HTTP ${status} yanıtı verdi`,
      timeout: 'e-posta hizmeti zamanında yanıt vermedi',
      unreachable: 'e-posta hizmetine ulaşılamadı',
      'invalid-answer': 'e-posta hizmeti geçersiz bir yanıt verdi',
      'refused-address': 'e-posta hizmetinin adresine izin verilmiyor',
      'invalid-config': 'yapılandırma geçersiz ya da okunamadı',
      'not-sent': 'ileti gönderime hazırlanamadı',
    },
    attempts: (count) => `${count} deneme`,
    sentence: (what, attempts, webhookId) =>
      `E-posta gönderilemedi: ${what}${attempts ? ` (${attempts})` : ''}. Referans: ${webhookId}.`,
  },
};
