// `send`: one email through the connector's own sendMessage, with the config passed in as the
// Console test passes it, so the admin reads the error (docs/delivery.md, "Two readers").
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { ConnectorError, ConnectorErrorCodes, type SendMessageData } from '@logto/connector-kit';

import { bodyTemplateOf } from '../body/index.js';
import { userAgent } from '../constant.js';
import { emailText } from '../email-text/index.js';
import { resolveEndpoint } from '../endpoint.js';
import { createRedactor } from '../failure/redact.js';
import createConnector from '../index.js';
import { prepareRequest } from '../request.js';
import type { HttpEmailConfig } from '../types.js';

import { configFromOptions, endpointOptions, endpointOptionsHelp, numberOrText, parseOptions, SettingError, UsageError } from './options.js';

export const sendHelp = `send: sends one email through the HTTP email connector, exactly as Logto would, and prints the
outcome (status, attempts, webhook-id) or the error.
  logto-http-email send --endpoint <url> --to <address> [options]
  logto-http-email send --config <file> --to <address> [options]
  --config <file>           a whole config as JSON, e.g. a filled-in recipe (recipes/ in the
                            package); the options below replace its keys, --header its headers
${endpointOptionsHelp.endpoint}
${endpointOptionsHelp.authorization}
  --signing-secret <key>    sign the request with a whsec_ secret or whsk_ key; repeat the flag for several
${endpointOptionsHelp.header}
  --timeout <ms>            the whole budget of the send, 500 to 60000 (default 10000)
  --retries <n>             attempts after the first, 0 to 5 (default 2)
  --to <address>            the recipient (required)
  --type <type>             the template type (default Generic)
  --code <code>             the verification code (default: 6 random digits)
  --link <url>              a link, as in an organization invitation
  --locale <tag>            the user's language, e.g. de
  --ip <address>            the requesting user's IP address
  --show                    print what was sent: the subject and the text part of the email
                            (with a body template), and the request body; secrets redacted
Exit status: 0 delivered, 1 the send failed, 2 bad usage or configuration.`;

/** A config file's JSON object. Its content is never quoted: it holds API keys. */
const configFile = async (file: string): Promise<Record<string, unknown>> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError('--config: the file cannot be read');
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new UsageError('--config: the file is not JSON');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError('--config: the file must hold a JSON object, the config as Logto Console takes it');
  }
  return config as Record<string, unknown>;
};

/**
 * What the send put on the wire, made again by the same code with the same webhook-id (the command
 * line has no Logto template, so nothing else differs), redacted as the admin's errors are.
 */
const whatWasSent = (config: HttpEmailConfig, data: SendMessageData, webhookId: string) => {
  const request = prepareRequest(config, data, undefined, webhookId);
  const redact = createRedactor(request.secrets);
  const lines: string[] = [];
  if (bodyTemplateOf(config.body)?.usesText) {
    const { subject, text } = emailText(data, undefined, Array.isArray(config.templates) ? config.templates : undefined);
    lines.push(`Subject: ${subject}`, 'Text part:', text);
  }
  lines.push('Request body:', JSON.stringify(JSON.parse(request.body), undefined, 2));
  return redact(lines.join('\n'));
};

export const send = async (args: string[]): Promise<number> => {
  const values = parseOptions('send', args, {
    ...endpointOptions,
    config: { type: 'string' },
    show: { type: 'boolean' },
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
  const base = values.config === undefined ? {} : await configFile(values.config);
  const config = configFromOptions('send', values, { retries: numberOrText(values.retries) }, base);
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
    if (values.show) {
      console.log(whatWasSent(config, data, webhookId));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ConnectorError)) {
      throw error;
    }
    if (error.code === ConnectorErrorCodes.InvalidConfig) {
      // The options passed the same guard already; what is left is the endpoint's address, refused
      // before anything was sent (its message says why).
      const { issues = [], message } = error.data as { issues?: Array<{ message: string }>; message?: string };
      throw issues.length > 0
        ? new UsageError(issues.map((issue) => issue.message).join('\n'))
        : new SettingError(message ?? 'invalid configuration');
    }
    if (error.code === ConnectorErrorCodes.InvalidRequestParameters) {
      // A message the connector will not send is how it was asked: bad usage, not a failed send.
      const { message } = error.data as { message?: string };
      throw new UsageError(message ?? 'the message cannot be sent');
    }
    console.error(`Failed (${error.code}):`);
    console.error(JSON.stringify(error.data, undefined, 2));
    const { webhookId } = (error.data ?? {}) as { webhookId?: unknown };
    if (values.show && typeof webhookId === 'string') {
      console.log(whatWasSent(config, data, webhookId));
    }
    return 1;
  }
};
