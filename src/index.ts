import {
  ConnectorType,
  type CreateConnector,
  type EmailConnector,
  type GetConnectorConfig,
  type GetI18nEmailTemplate,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { bodyTemplateOf } from './body/index.js';
import { assertValidConfig, savedConfig } from './config.js';
import { defaultMetadata, deliveryPolicy, retriesBounds, timeoutBounds } from './constant.js';
import { deliver } from './delivery.js';
import { failureError } from './failure/index.js';
import { assertMessage } from './message.js';
import { prepareRequest } from './request.js';
import { renderTemplate } from './template.js';
import { httpEmailConfigGuard } from './types.js';

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
    // Off, Logto is not asked, and the body stays 0.4.x's byte for byte. On, it is asked only when
    // the body carries its text: the usual body, or a body template that uses {{template.*}}.
    const template =
      config.includeTemplate && (bodyTemplateOf(config.body)?.usesText ?? true)
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
