import type { Language } from '../language.js';

export const zhCN: Language = {
  subject: {
    SignIn: () => '您的登录验证码',
    Register: () => '验证您的邮箱地址',
    ForgotPassword: () => '重置您的密码',
    Generic: () => '您的验证码',
    OrganizationInvitation: ({ organization }) =>
      organization ? `邀请您加入 ${organization}` : '邀请您加入组织',
    UserPermissionValidation: () => '请确认是您本人操作',
    BindNewIdentifier: () => '验证您的新邮箱地址',
    MfaVerification: () => '您的两步验证码',
    BindMfa: () => '设置两步验证',
  },
  tagged: (app, subject) => `【${app}】${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app ? `您正在登录 ${app}，请使用以下验证码：` : '您正在登录，请使用以下验证码：',
    Register: ({ app }) =>
      app
        ? `请使用以下验证码验证您的邮箱地址，完成 ${app} 账号注册：`
        : '请使用以下验证码验证您的邮箱地址，完成账号注册：',
    ForgotPassword: ({ app }) =>
      app
        ? `您正在重置 ${app} 账号的密码，请使用以下验证码：`
        : '您正在重置账号密码，请使用以下验证码：',
    Generic: ({ app }) => (app ? `您的 ${app} 验证码如下：` : '您的验证码如下：'),
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} 邀请您加入 ${organization}。`
          : `${inviter} 邀请您加入其组织。`
        : organization
          ? `您已受邀加入 ${organization}。`
          : '您已受邀加入一个组织。',
    UserPermissionValidation: ({ app }) =>
      app
        ? `您正在 ${app} 中进行敏感操作，请使用以下验证码确认是您本人：`
        : '您正在进行敏感操作，请使用以下验证码确认是您本人：',
    BindNewIdentifier: ({ app }) =>
      app
        ? `请使用以下验证码将此邮箱地址绑定到您的 ${app} 账号：`
        : '请使用以下验证码将此邮箱地址绑定到您的账号：',
    MfaVerification: ({ app }) =>
      app
        ? `请使用以下验证码完成 ${app} 的两步验证登录：`
        : '请使用以下验证码完成两步验证登录：',
    BindMfa: ({ app }) =>
      app
        ? `请使用以下验证码将此邮箱地址设为 ${app} 的两步验证方式：`
        : '请使用以下验证码将此邮箱地址设为两步验证方式：',
  },
  linkLead: '请点击下方按钮继续。',
  acceptInvitation: '接受邀请',
  continue: '继续',
  copyLink: '如果按钮无法点击，请将以下链接复制到浏览器中打开：',
  openLink: '请在浏览器中打开以下链接：',
  keepSecret: '请勿将验证码告知他人。',
  notRequested: '如非本人操作，请忽略此邮件。',
  notInvited: '如果您对此邀请并不知情，请忽略此邮件。',
  notSigningIn: '如非本人登录，您的密码可能已泄露，请尽快修改密码。',
  failure: {
    kind: {
      status: (status) => `邮件服务返回了 HTTP ${status}`,
      timeout: '邮件服务未及时响应',
      unreachable: '无法连接邮件服务',
      'invalid-answer': '邮件服务返回了无效的响应',
      'refused-address': '邮件服务的地址不在允许范围内',
      'invalid-config': '配置无效或无法读取',
      'not-sent': '无法准备待发送的邮件',
    },
    attempts: (count) => `共尝试 ${count} 次`,
    sentence: (what, attempts, webhookId) =>
      `邮件发送失败：${what}${attempts ? `（${attempts}）` : ''}。参考编号：${webhookId}`,
  },
};
