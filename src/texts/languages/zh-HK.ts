import type { Language } from '../language.js';

export const zhHK: Language = {
  subject: {
    SignIn: () => '您的登入驗證碼',
    Register: () => '驗證您的電郵地址',
    ForgotPassword: () => '重設您的密碼',
    Generic: () => '您的驗證碼',
    OrganizationInvitation: ({ organization }) =>
      organization ? `邀請您加入 ${organization}` : '邀請您加入組織',
    UserPermissionValidation: () => '請確認是您本人操作',
    BindNewIdentifier: () => '驗證您的新電郵地址',
    MfaVerification: () => '您的兩步驗證碼',
    BindMfa: () => '設定兩步驗證',
  },
  tagged: (app, subject) => `【${app}】${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `您正在登入 ${app}，請使用以下驗證碼：` : '您正在登入，請使用以下驗證碼：',
    Register: ({ app }) =>
      app
        ? `請使用以下驗證碼驗證您的電郵地址，完成 ${app} 帳戶註冊：`
        : '請使用以下驗證碼驗證您的電郵地址，完成帳戶註冊：',
    ForgotPassword: ({ app }) =>
      app
        ? `您正在重設 ${app} 帳戶的密碼，請使用以下驗證碼：`
        : '您正在重設帳戶密碼，請使用以下驗證碼：',
    Generic: ({ app }) => (app ? `您的 ${app} 驗證碼如下：` : '您的驗證碼如下：'),
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} 邀請您加入 ${organization}。`
          : `${inviter} 邀請您加入其組織。`
        : organization
          ? `您已獲邀加入 ${organization}。`
          : '您已獲邀加入一個組織。',
    UserPermissionValidation: ({ app }) =>
      app
        ? `您正在 ${app} 進行敏感操作，請使用以下驗證碼確認是您本人：`
        : '您正在進行敏感操作，請使用以下驗證碼確認是您本人：',
    BindNewIdentifier: ({ app }) =>
      app
        ? `請使用以下驗證碼將此電郵地址新增至您的 ${app} 帳戶：`
        : '請使用以下驗證碼將此電郵地址新增至您的帳戶：',
    MfaVerification: ({ app }) =>
      app
        ? `請使用以下驗證碼完成 ${app} 的兩步驗證登入：`
        : '請使用以下驗證碼完成兩步驗證登入：',
    BindMfa: ({ app }) =>
      app
        ? `請使用以下驗證碼將此電郵地址設定為 ${app} 的兩步驗證方式：`
        : '請使用以下驗證碼將此電郵地址設定為兩步驗證方式：',
  },
  linkLead: '請按下方按鈕繼續。',
  acceptInvitation: '接受邀請',
  continue: '繼續',
  copyLink: '如按鈕無法使用，請將以下網址複製到瀏覽器開啟：',
  openLink: '請在瀏覽器開啟以下網址：',
  keepSecret: '請勿向任何人透露驗證碼。',
  notRequested: '如非本人操作，請忽略此電郵。',
  notInvited: '如您對此邀請並不知情，請忽略此電郵。',
  notSigningIn: '如非您本人登入，您的密碼可能已外洩，請盡快更改密碼。',
  failure: {
    kind: {
      status: (status) => `電郵服務回應了 HTTP ${status}`,
      timeout: '電郵服務未能及時回應',
      unreachable: '無法連接電郵服務',
      'invalid-answer': '電郵服務傳回了無效的回應',
      'refused-address': '電郵服務的地址不獲允許',
      'invalid-config': '設定無效或無法讀取',
      'not-sent': '未能準備要傳送的電郵',
    },
    attempts: (count) => `共嘗試 ${count} 次`,
    sentence: (what, attempts, webhookId) =>
      `電郵傳送失敗：${what}${attempts ? `（${attempts}）` : ''}。參考編號：${webhookId}`,
  },
};
