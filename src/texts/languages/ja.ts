import type { Language } from '../language.js';

export const ja: Language = {
  subject: {
    SignIn: () => 'ログイン用の認証コード',
    Register: () => 'メールアドレスの確認',
    ForgotPassword: () => 'パスワードの再設定',
    Generic: () => '認証コードのお知らせ',
    OrganizationInvitation: ({ organization }) =>
      organization ? `${organization}への招待` : '組織への招待',
    UserPermissionValidation: () => 'ご本人確認のお願い',
    BindNewIdentifier: () => '新しいメールアドレスの確認',
    MfaVerification: () => '2段階認証の認証コード',
    BindMfa: () => '2段階認証の設定',
  },
  tagged: (app, subject) => `【${app}】${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app
        ? `${app}にログインするには、以下の認証コードを入力してください。`
        : 'ログインするには、以下の認証コードを入力してください。',
    Register: ({ app }) =>
      app
        ? `メールアドレスを確認して${app}のアカウント登録を完了するには、以下の認証コードを入力してください。`
        : 'メールアドレスを確認してアカウント登録を完了するには、以下の認証コードを入力してください。',
    ForgotPassword: ({ app }) =>
      app
        ? `${app}のアカウントのパスワードを再設定するには、以下の認証コードを入力してください。`
        : 'アカウントのパスワードを再設定するには、以下の認証コードを入力してください。',
    Generic: ({ app }) =>
      app ? `${app}の認証コードは以下のとおりです。` : '認証コードは以下のとおりです。',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter}さんから${organization}への招待が届いています。`
          : `${inviter}さんから組織への招待が届いています。`
        : organization
          ? `${organization}への招待が届いています。`
          : '組織への招待が届いています。',
    UserPermissionValidation: ({ app }) =>
      app
        ? `${app}で重要な操作を行う前に、以下の認証コードでご本人確認をお願いします。`
        : '重要な操作を行う前に、以下の認証コードでご本人確認をお願いします。',
    BindNewIdentifier: ({ app }) =>
      app
        ? `このメールアドレスを${app}のアカウントに追加するには、以下の認証コードを入力してください。`
        : 'このメールアドレスをアカウントに追加するには、以下の認証コードを入力してください。',
    MfaVerification: ({ app }) =>
      app
        ? `2段階認証で${app}へのログインを完了するには、以下の認証コードを入力してください。`
        : '2段階認証でログインを完了するには、以下の認証コードを入力してください。',
    BindMfa: ({ app }) =>
      app
        ? `このメールアドレスを${app}の2段階認証に使用するには、以下の認証コードを入力してください。`
        : 'このメールアドレスを2段階認証に使用するには、以下の認証コードを入力してください。',
  },
  linkLead: '以下のボタンから手続きを続けてください。',
  acceptInvitation: '招待を承諾する',
  continue: '続ける',
  copyLink: 'ボタンが機能しない場合は、以下のURLをコピーしてブラウザに貼り付けてください。',
  openLink: '以下のURLをブラウザで開いてください。',
  keepSecret: 'この認証コードは誰にも教えないでください。',
  notRequested: 'このメールに心当たりがない場合は、お手数ですが破棄してください。',
  notInvited: 'この招待に心当たりがない場合は、このメールを破棄してください。',
  notSigningIn:
    'このログインに心当たりがない場合、第三者にパスワードを知られているおそれがあります。至急パスワードを変更してください。',
  failure: {
    kind: {
      status: (status) => `メールサービスが HTTP ${status} を返しました`,
      timeout: 'メールサービスが時間内に応答しませんでした',
      unreachable: 'メールサービスに接続できませんでした',
      'invalid-answer': 'メールサービスから無効な応答が返されました',
      'refused-address': 'メールサービスのアドレスが許可されていません',
      'invalid-config': '設定が無効か、読み込めませんでした',
      'not-sent': '送信するメッセージを準備できませんでした',
    },
    attempts: (count) => `${count}回試行`,
    sentence: (what, attempts, webhookId) =>
      `メールを送信できませんでした。${what}${attempts ? `（${attempts}）` : ''}。参照番号：${webhookId}`,
  },
};
