import {
  ConnectorError,
  ConnectorErrorCodes,
  ConnectorType,
  type CreateConnector,
  type EmailConnector,
  type GetConnectorConfig,
  type GetI18nEmailTemplate,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { assertValidConfig } from './config.js';
import { defaultMetadata, deliveryPolicy, retriesBounds, timeoutBounds } from './constant.js';
import { deliver } from './delivery.js';
import { failureError } from './failure/index.js';
import { assertMessage } from './message.js';
import { prepareRequest } from './request.js';
import { renderTemplate } from './template.js';
import { httpEmailConfigGuard } from './types.js';

/**
 * The saved config, as Logto reads it from its database. Logto's own errors pass as they are; any
 * other becomes a ConnectorError that says nothing of its cause, which may name the database.
 */
const savedConfig = async (getConfig: GetConnectorConfig) => {
  try {
    return await getConfig(defaultMetadata.id);
  } catch (error: unknown) {
    if (error instanceof ConnectorError) {
      throw error;
    }
    throw new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: 'The email could not be sent: its configuration could not be read.',
    });
  }
};

const sendMessage =
  (getConfig: GetConnectorConfig, getI18nEmailTemplate?: GetI18nEmailTemplate): SendMessageFunction =>
  async (data, inputConfig) => {
    // Only Console's "test" button (and the command line) pass the config being edited: the admin
    // reads that error. A real send reads the saved config, and its error reaches the end user.
    const reader = inputConfig === undefined ? 'end-user' : 'admin';
    const config = inputConfig ?? (await savedConfig(getConfig));
    assertValidConfig(config);
    assertMessage(data);

    const start = performance.now();
    const timeout = config.timeout ?? timeoutBounds.default;
    // Off, Logto is not asked, and the body stays 0.4.x's byte for byte.
    const template = config.includeTemplate
      ? await renderTemplate(
          getI18nEmailTemplate,
          data,
          Math.min(deliveryPolicy.templateMaxMs, timeout * deliveryPolicy.templateShare)
        )
      : undefined;
    const request = prepareRequest(config, data, template);

    const outcome = await deliver(request, {
      start,
      timeout,
      retries: config.retries ?? retriesBounds.default,
    });
    if (!outcome.ok) {
      throw failureError(outcome.failure, reader, request.secrets);
    }
    return outcome.delivered;
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
