// `send`: one email through the connector's own sendMessage, with the config passed in as the
// Console test passes it, so the admin reads the error.
import { randomInt } from 'node:crypto';

import { ConnectorError, ConnectorErrorCodes, type SendMessageData } from '@logto/connector-kit';

import { userAgent } from '../constant.js';
import { resolveEndpoint } from '../endpoint.js';
import createConnector from '../index.js';

import { configFromOptions, endpointOptions, endpointOptionsHelp, numberOrText, parseOptions, UsageError } from './options.js';

export const sendHelp = `send: sends one email through the HTTP email connector, exactly as Logto would, and prints the
outcome (status, attempts, webhook-id) or the error.
  logto-http-email send --endpoint <url> --to <address> [options]
${endpointOptionsHelp.endpoint}
${endpointOptionsHelp.authorization}
  --signing-secret <whsec>  sign the request; repeat the flag for several secrets
${endpointOptionsHelp.header}
  --timeout <ms>            the whole budget of the send, 500 to 60000 (default 10000)
  --retries <n>             attempts after the first, 0 to 5 (default 2)
  --to <address>            the recipient (required)
  --type <type>             the template type (default Generic)
  --code <code>             the verification code (default: 6 random digits)
  --link <url>              a link, as in an organization invitation
  --locale <tag>            the user's language, e.g. de
  --ip <address>            the requesting user's IP address
Exit status: 0 delivered, 1 the send failed, 2 bad usage or configuration.`;

export const send = async (args: string[]): Promise<number> => {
  const values = parseOptions('send', args, {
    ...endpointOptions,
    retries: { type: 'string' },
    to: { type: 'string' },
    type: { type: 'string', default: 'Generic' },
    code: { type: 'string' },
    link: { type: 'string' },
    locale: { type: 'string' },
    ip: { type: 'string' },
  });
  if (!values.to?.trim()) {
    throw new UsageError('send needs --to: the recipient\'s address');
  }
  if (!values.type.trim()) {
    throw new UsageError('--type needs a template type, such as SignIn (the default is Generic)');
  }
  const config = configFromOptions('send', values, { retries: numberOrText(values.retries) });
  const data = {
    to: values.to,
    type: values.type,
    payload: {
      ...(values.link ? { link: values.link } : { code: values.code ?? String(randomInt(100_000, 1_000_000)) }),
      ...(values.locale && { locale: values.locale }),
    },
    ...(values.ip && { ip: values.ip }),
  } as SendMessageData;

  const connector = await createConnector({
    getConfig: async () => {
      throw new Error('the command line passes the config itself');
    },
  });
  // The origin only: a webhook URL's path or query is often its credential.
  console.log(`${userAgent}: sending ${data.type} to ${data.to} via ${resolveEndpoint(config.endpoint).origin}`);
  try {
    const { status, attempts, webhookId } = (await connector.sendMessage(data, config)) as {
      status: number;
      attempts: number;
      webhookId: string;
    };
    console.log(`Delivered: HTTP ${status} after ${attempts} attempt${attempts === 1 ? '' : 's'}, webhook-id ${webhookId}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConnectorError)) {
      throw error;
    }
    if (error.code === ConnectorErrorCodes.InvalidConfig) {
      // The options passed the same guard already; kept for a connector that checks more.
      const { issues = [] } = error.data as { issues?: Array<{ message: string }> };
      throw new UsageError(issues.map(({ message }) => message).join('\n') || 'invalid configuration');
    }
    if (error.code === ConnectorErrorCodes.InvalidRequestParameters) {
      // A message the connector will not send is how it was asked: bad usage, not a failed send.
      const { message } = error.data as { message?: string };
      throw new UsageError(message ?? 'the message cannot be sent');
    }
    console.error(`Failed (${error.code}):`);
    console.error(JSON.stringify(error.data, undefined, 2));
    return 1;
  }
};
