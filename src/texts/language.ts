/** The Logto template types the built-in texts know; any other type gets the `Generic` text. */
export const purposes = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

export type Purpose = (typeof purposes)[number];

/**
 * What a text may name, from Logto's payload: each value plain text, whitespace collapsed. The
 * texts are plain text too; the HTML is escaped as a whole where it is built (src/texts/email.ts).
 */
export type Context = {
  /** The application's display name, else its name. */
  app?: string;
  organization?: string;
  /** The inviter's name, else their username. */
  inviter?: string;
};

export type Sentence = (context: Context) => string;

/** Why a real send failed, as the end user may read it: nothing of the endpoint. */
export type FailureFacts =
  | { kind: 'status'; status: number; attempts: number; webhookId: string }
  | {
      kind: 'timeout' | 'unreachable' | 'invalid-answer' | 'refused-address' | 'invalid-config' | 'not-sent';
      attempts: number;
      webhookId: string;
    };

export type FailureKind = FailureFacts['kind'];

/** One language's texts. Each is written in that language, as its emails are usually phrased. */
export type Language = {
  /** A subject line for each type, without the application's name. */
  subject: Record<Purpose, Sentence>;
  /** The subject line with the application's name, as that language marks a sender's name. */
  tagged: (app: string, subject: string) => string;
  /** What the email is for, leading to the code shown below it. */
  lead: Record<Purpose, Sentence>;
  /** The lead of an email that carries a link and no code. */
  linkLead: string;
  /** The button of an invitation's link. */
  acceptInvitation: string;
  /** The button of any other link. */
  continue: string;
  /** Before the link written out, under its button. */
  copyLink: string;
  /** Before a link that is not `http(s)` and so is no button: written out only. */
  openLink: string;
  keepSecret: string;
  notRequested: string;
  notInvited: string;
  /** Someone who gets a second-step code without signing in should change their password. */
  notSigningIn: string;
  /** The end user's sentence when an email could not be sent. */
  failure: {
    kind: Record<Exclude<FailureKind, 'status'>, string> & { status: (status: number) => string };
    attempts: (count: number) => string;
    /** `attempts` is left out when nothing was sent. */
    sentence: (what: string, attempts: string | undefined, webhookId: string) => string;
  };
};
