import { ConnectorError } from '@logto/connector-kit';

import { failureCode, lastStatus, plural, type DeliveryFailure } from './record.js';

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
    case 'refused-address': {
      return 'the email service is at an address this Logto does not send to';
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
    failureCode(failure),
    {
      errorDescription: `The email could not be sent: ${whatHappened(failure)} (${plural(attempts, 'attempt')}). Reference: ${webhookId}.`,
      ...(status !== undefined && { status }),
      attempts,
      webhookId,
    }
  );
};
