import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { lastStatus, plural, type DeliveryFailure } from './record.js';

const whatHappened = ({ cause }: DeliveryFailure) => {
  switch (cause.kind) {
    case 'status': {
      return `the email service answered HTTP ${cause.status}`;
    }
    case 'timeout': {
      return 'the email service did not answer in time';
    }
    case 'unreachable': {
      return 'the email service could not be reached';
    }
    case 'invalid-answer': {
      return 'the email service gave an invalid answer';
    }
  }
};

/**
 * The error of a real send, whose `data` Logto returns to the anonymous end user who asked for the
 * email. Built only from the status, the kind of failure, the attempts and the webhook-id: nothing
 * of the endpoint (its URL, its answer) is ever read here, so nothing of it can leak.
 */
export const publicError = (failure: DeliveryFailure): ConnectorError => {
  const status = lastStatus(failure);
  const { attempts, webhookId } = failure;
  return new ConnectorError(
    status === 429 ? ConnectorErrorCodes.RateLimitExceeded : ConnectorErrorCodes.General,
    {
      errorDescription: `The email could not be sent: ${whatHappened(failure)} (${plural(attempts, 'attempt')}). Reference: ${webhookId}.`,
      ...(status !== undefined && { status }),
      attempts,
      webhookId,
    }
  );
};

const whyNothingWasSent: Partial<Record<ConnectorErrorCodes, string>> = {
  [ConnectorErrorCodes.InvalidConfig]: 'the email service is not configured correctly',
  [ConnectorErrorCodes.InvalidRequestParameters]: 'the message is not one that can be sent',
};

/**
 * The error of a real send refused before anything was sent: the same code, a sentence and the
 * reference. Never the reason itself, which speaks of the config (the admin's log line says it).
 */
export const refusedPublicError = (code: ConnectorErrorCodes, webhookId: string): ConnectorError =>
  new ConnectorError(code, {
    errorDescription: `The email could not be sent: ${whyNothingWasSent[code] ?? 'it could not be prepared'}. Reference: ${webhookId}.`,
    webhookId,
  });
