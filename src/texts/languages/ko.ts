import type { Language } from '../language.js';

// Names are followed only by particles that do not change with the name's last sound (에, 에서,
// 의), since a name's pronunciation cannot be known.
export const ko: Language = {
  subject: {
    SignIn: () => '로그인 인증 코드',
    Register: () => '이메일 주소 인증',
    ForgotPassword: () => '비밀번호 재설정',
    Generic: () => '인증 코드 안내',
    OrganizationInvitation: ({ organization }) =>
      organization ? `${organization} 조직 초대` : '조직 초대',
    UserPermissionValidation: () => '본인 확인',
    BindNewIdentifier: () => '새 이메일 주소 인증',
    MfaVerification: () => '2단계 인증 코드',
    BindMfa: () => '2단계 인증 설정',
  },
  tagged: (app, subject) => `[${app}] ${subject}`,
  lead: {
    SignIn: ({ app }) =>
      app
        ? `${app}에 로그인하려면 아래 인증 코드를 입력하세요.`
        : '로그인하려면 아래 인증 코드를 입력하세요.',
    Register: ({ app }) =>
      app
        ? `이메일 주소를 인증하고 ${app} 회원가입을 완료하려면 아래 인증 코드를 입력하세요.`
        : '이메일 주소를 인증하고 회원가입을 완료하려면 아래 인증 코드를 입력하세요.',
    ForgotPassword: ({ app }) =>
      app
        ? `${app} 계정의 비밀번호를 재설정하려면 아래 인증 코드를 입력하세요.`
        : '계정의 비밀번호를 재설정하려면 아래 인증 코드를 입력하세요.',
    Generic: ({ app }) =>
      app ? `${app} 인증 코드는 다음과 같습니다.` : '인증 코드는 다음과 같습니다.',
    OrganizationInvitation: ({ organization, inviter }) =>
      inviter
        ? organization
          ? `${inviter} 님이 회원님을 ${organization} 조직에 초대했습니다.`
          : `${inviter} 님이 회원님을 조직에 초대했습니다.`
        : organization
          ? `${organization} 조직에 초대되었습니다.`
          : '조직에 초대되었습니다.',
    UserPermissionValidation: ({ app }) =>
      app
        ? `${app}에서 중요한 작업을 진행하기 전에 아래 인증 코드로 본인 확인을 해 주세요.`
        : '중요한 작업을 진행하기 전에 아래 인증 코드로 본인 확인을 해 주세요.',
    BindNewIdentifier: ({ app }) =>
      app
        ? `이 이메일 주소를 ${app} 계정에 추가하려면 아래 인증 코드를 입력하세요.`
        : '이 이메일 주소를 계정에 추가하려면 아래 인증 코드를 입력하세요.',
    MfaVerification: ({ app }) =>
      app
        ? `2단계 인증으로 ${app} 로그인을 완료하려면 아래 인증 코드를 입력하세요.`
        : '2단계 인증으로 로그인을 완료하려면 아래 인증 코드를 입력하세요.',
    BindMfa: ({ app }) =>
      app
        ? `이 이메일 주소를 ${app}의 2단계 인증 수단으로 설정하려면 아래 인증 코드를 입력하세요.`
        : '이 이메일 주소를 2단계 인증 수단으로 설정하려면 아래 인증 코드를 입력하세요.',
  },
  linkLead: '계속하려면 아래 버튼을 누르세요.',
  acceptInvitation: '초대 수락',
  continue: '계속',
  copyLink: '버튼이 작동하지 않으면 아래 주소를 복사해 브라우저에 붙여 넣으세요.',
  openLink: '아래 주소를 브라우저에서 여세요.',
  keepSecret: '이 인증 코드를 다른 사람과 공유하지 마세요.',
  notRequested: '요청하지 않으셨다면 이 이메일을 무시하셔도 됩니다.',
  notInvited: '이 초대에 대해 알지 못하신다면 이 이메일을 무시하셔도 됩니다.',
  notSigningIn:
    '직접 로그인을 시도하지 않으셨다면 다른 사람이 비밀번호를 알고 있을 수 있습니다. 가능한 한 빨리 비밀번호를 변경하세요.',
  failure: {
    kind: {
      status: (status) => `이메일 서비스가 HTTP ${status} 상태 코드로 응답했습니다`,
      timeout: '이메일 서비스가 제시간에 응답하지 않았습니다',
      unreachable: '이메일 서비스에 연결할 수 없었습니다',
      'invalid-answer': '이메일 서비스가 잘못된 응답을 보냈습니다',
      'refused-address': '이메일 서비스의 주소가 허용되지 않습니다',
      'invalid-config': '설정이 잘못되었거나 읽을 수 없습니다',
      'not-sent': '보낼 메시지를 준비하지 못했습니다',
    },
    attempts: (count) => `${count}회 시도`,
    sentence: (what, attempts, webhookId) =>
      `이메일을 보내지 못했습니다. ${what}${attempts ? `(${attempts})` : ''}. 참조 번호: ${webhookId}`,
  },
};
