import {
  ConnectorType,
  validateConfig,
  type CreateConnector,
  type EmailConnector,
  type GetConnectorConfig,
  type GetI18nEmailTemplate,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { defaultMetadata, retriesBounds, timeoutBounds, userAgent } from './constant.js';
import { deliver } from './delivery.js';
import { resolveEndpoint } from './endpoint.js';
import { assertMessage, requestBody } from './message.js';
import { createRedactor } from './redact.js';
import {
  signatureHeaders,
  signingKeys,
  signingSecretTexts,
  splitSigningSecrets,
} from './signing.js';
import { renderTemplate } from './template.js';
import { httpEmailConfigGuard } from './types.js';

/** The secrets an Authorization value holds: the value and, after a scheme, the credential alone. */
const authorizationSecrets = (authorization: string | undefined) =>
  authorization ? [authorization, authorization.replace(/^\S+\s+/, '')] : [];

const sendMessage =
  (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate): SendMessageFunction =>
  async (data, inputConfig) => {
    // Console's "test" button passes the config being edited; a real send reads the saved one.
    const config = inputConfig ?? (await getConfig(defaultMetadata.id));
    validateConfig(config, httpEmailConfigGuard);
    assertMessage(data);

    const endpoint = resolveEndpoint(config.endpoint);
    const authorization = config.authorization || endpoint.basicAuthorization;
    const secrets = splitSigningSecrets(config.signingSecret ?? '');
    // The guard has refused names that differ only in case, so lower-casing loses nothing; it lets
    // a custom User-Agent replace ours instead of joining it.
    const customHeaders = Object.entries(config.headers ?? {}).map(
      ([name, value]) => [name.toLowerCase(), value] as const
    );
    // Off, Logto is not asked, and the body stays 0.4.x's byte for byte.
    const template = config.includeTemplate
      ? await renderTemplate(getI18nEmailTemplate, data)
      : undefined;

    return deliver({
      url: endpoint.url,
      location: endpoint.location,
      headers: {
        'content-type': 'application/json',
        ...(authorization && { authorization }),
        'user-agent': userAgent,
        ...Object.fromEntries(customHeaders),
      },
      body: requestBody(data, template),
      timeout: config.timeout ?? timeoutBounds.default,
      retries: config.retries ?? retriesBounds.default,
      signatureHeaders: secrets.length > 0 ? signatureHeaders(signingKeys(secrets)) : undefined,
      redact: createRedactor([
        ...endpoint.secrets,
        ...authorizationSecrets(config.authorization),
        ...signingSecretTexts(secrets),
        ...customHeaders.map(([, value]) => value),
        data.payload.code,
        data.payload.link,
      ]),
    });
  };

const createHttpEmailConnector: CreateConnector<EmailConnector> = async ({
  getConfig,
  getI18nEmailTemplate,
}) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Email,
  configGuard: httpEmailConfigGuard,
  sendMessage: sendMessage(getConfig, getI18nEmailTemplate),
});

export default createHttpEmailConnector;
