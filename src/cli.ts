#!/usr/bin/env node
// logto-http-email: test an endpoint before configuring Logto, with the connector's own sendMessage.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

import { ConnectorError, ConnectorErrorCodes, type SendMessageData } from '@logto/connector-kit';

import { userAgent } from './constant.js';
import createConnector from './index.js';
import { newSigningSecret } from './signing.js';

const help = `Usage:
  logto-http-email send --endpoint <url> --to <address> [options]
  logto-http-email secret
  logto-http-email --help

send: sends one email through the HTTP email connector, exactly as Logto would, and prints the
outcome (status, attempts, webhook-id) or the error.
  --endpoint <url>          the endpoint URL (required)
  --authorization <value>   sent verbatim as the Authorization header
  --signing-secret <whsec>  sign the request; repeat the flag for several secrets
  --header "Name: value"    an extra header; repeat the flag for several
  --timeout <ms>            the whole budget of the send, 500 to 60000 (default 10000)
  --retries <n>             attempts after the first, 0 to 5 (default 2)
  --to <address>            the recipient (required)
  --type <type>             the template type (default Generic)
  --code <code>             the verification code (default: 6 random digits)
  --link <url>              a link, as in an organization invitation
  --locale <tag>            the user's language, e.g. de
  --ip <address>            the requesting user's IP address

secret: prints a new signing secret (whsec_ and 32 random bytes) for signingSecret.

Exit status: 0 delivered, 1 the send failed, 2 bad usage or configuration.`;

class UsageError extends Error {}

const parseHeader = (text: string): [string, string] => {
  const colon = text.indexOf(':');
  if (colon <= 0) {
    throw new UsageError(`--header takes "Name: value", got ${JSON.stringify(text)}`);
  }
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trimStart()];
};

// Numbers go to the connector as numbers; anything else as given, for its config check to name.
const numberOrText = (text: string | undefined) =>
  text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

const send = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      endpoint: { type: 'string' },
      authorization: { type: 'string' },
      'signing-secret': { type: 'string', multiple: true },
      header: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', default: 'Generic' },
      code: { type: 'string' },
      link: { type: 'string' },
      locale: { type: 'string' },
      ip: { type: 'string' },
    },
    strict: true,
  });
  if (!values.endpoint) {
    throw new UsageError('send needs --endpoint');
  }
  if (!values.to) {
    throw new UsageError('send needs --to');
  }

  const config = {
    endpoint: values.endpoint,
    authorization: values.authorization,
    signingSecret: values['signing-secret']?.join(' '),
    headers: Object.fromEntries((values.header ?? []).map((header) => parseHeader(header))),
    timeout: numberOrText(values.timeout),
    retries: numberOrText(values.retries),
  };
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
  console.log(`${userAgent}: sending ${data.type} to ${data.to} via ${values.endpoint.replace(/\/\/[^@/]*@/, '//')}`);
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
      const { issues = [] } = error.data as { issues?: Array<{ message: string }> };
      throw new UsageError(issues.map(({ message }) => message).join('\n') || 'invalid configuration');
    }
    console.error(`Failed (${error.code}):`);
    console.error(JSON.stringify(error.data, undefined, 2));
    return 1;
  }
};

const main = async (args: string[]): Promise<number> => {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      console.log(help);
      return command === undefined ? 2 : 0;
    }
    if (command === 'secret') {
      console.log(newSigningSecret());
      return 0;
    }
    if (command === 'send') {
      if (rest.includes('--help') || rest.includes('-h')) {
        console.log(help);
        return 0;
      }
      return await send(rest);
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown or malformed options.
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`logto-http-email: ${error.message}\nRun "logto-http-email --help" for usage.`);
      return 2;
    }
    throw error;
  }
};

process.exitCode = await main(process.argv.slice(2));
