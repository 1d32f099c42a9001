import type { Language } from '../language.js';

export const zhTW: Language = {
  subject: {
    SignIn: () => '您的登入驗證碼',
    Register: () => '驗證您的電子郵件地址',
    ForgotPassword: () => '重設您的密碼',
    Generic: () => '您的驗證碼',
    OrganizationInvitation: ({ organization }) =>
      organization ? `邀請您加入 ${organization}` : '邀請您加入組織',
    UserPermissionValidation: () => '請確認是您本人操作',
    BindNewIdentifier: () => '驗證您的新電子郵件地址',
    MfaVerification: () => '您的兩步驟驗證碼',
    BindMfa: () => '設定兩步驟驗證',
  },
  tagged: (app, subject) => `【${app}】${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `您正在登入 ${app}，請使用以下驗證碼：` : '您正在登入，請使用以下驗證碼：',
    Register: ({ app }) =>
      app
        ? `請使用以下驗證碼驗證您的電子郵件地址，完成 ${app} 帳號註冊：`
        : '請使用以下驗證碼驗證您的電子郵件地址，完成帳號註冊：',
    ForgotPassword: ({ app }) =>
      app
        ? `您正在重設 ${app} 帳號的密碼，請使用以下驗證碼：`
        : '您正在重設帳號密碼，請使用以下驗證碼：',
    Generic: ({ app }) => (app ? `您的 ${app} 驗證碼如下：` : '您的驗證碼如下：'),
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} 邀請您加入 ${organization}。`
          : `${inviter} 邀請您加入其組織。`
        : organization
          ? `您已受邀加入 ${organization}。`
          : '您已受邀加入一個組織。',
    UserPermissionValidation: ({ app }) =>
      app
        ? `您正在 ${app} 中進行敏感操作，請使用以下驗證碼確認是您本人：`
        : '您正在進行敏感操作，請使用以下驗證碼確認是您本人：',
    BindNewIdentifier: ({ app }) =>
      app
        ? `請使用以下驗證碼將此電子郵件地址新增至您的 ${app} 帳號：`
        : '請使用以下驗證碼將此電子郵件地址新增至您的帳號：',
    MfaVerification: ({ app }) =>
      app
        ? `請使用以下驗證碼完成 ${app} 的兩步驟驗證登入：`
        : '請使用以下驗證碼完成兩步驟驗證登入：',
    BindMfa: ({ app }) =>
      app
        ? `請使用以下驗證碼將此電子郵件地址設為 ${app} 的兩步驟驗證方式：`
        : '請使用以下驗證碼將此電子郵件地址設為兩步驟驗證方式：',
  },
  linkLead: '請點選下方按鈕繼續。',
  acceptInvitation: '接受邀請',
  continue: '繼續',
  copyLink: '如果按鈕無法使用，請將以下網址複製到瀏覽器中開啟：',
  openLink: '請在瀏覽器中開啟以下網址：',
  keepSecret: '請勿將驗證碼透露給任何人。',
  notRequested: '如果您沒有提出這項要求，請忽略這封電子郵件。',
  notInvited: '如果您對這項邀請並不知情，請忽略這封電子郵件。',
  notSigningIn: '如果這不是您本人登入，您的密碼可能已外洩，請盡快變更密碼。',
  failure: {
    kind: {
      status: (status) => `郵件服務回應了 HTTP ${status}`,
      timeout: '郵件服務未及時回應',
      unreachable: '無法連線至郵件服務',
      'invalid-answer': '郵件服務傳回了無效的回應',
      'refused-address': '郵件服務的位址不在允許範圍內',
      'invalid-config': '設定無效或無法讀取',
      'not-sent': '無法準備要傳送的郵件',
    },
    attempts: (count) => `共嘗試 ${count} 次`,
    sentence: (what, attempts, webhookId) =>
      `電子郵件傳送失敗：${what}${attempts ? `（${attempts}）` : ''}。參考編號：${webhookId}`,
  },
};
