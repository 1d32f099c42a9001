// 0.4.3 ships no type declarations; it is the same kind of factory as ours.
declare module 'connector-http-email-043' {
  import type { CreateConnector, EmailConnector } from '@logto/connector-kit';

  const createConnector: CreateConnector<EmailConnector>;
  export default createConnector;
}
