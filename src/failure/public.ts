import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { failureSentence, type FailureFacts } from '../texts/index.js';

import { failureCode, lastStatus, type DeliveryFailure } from './record.js';

const factsOf = ({ cause, attempts, webhookId }: DeliveryFailure): FailureFacts =>
  cause.kind === 'status'
    ? { kind: 'status', status: cause.status, attempts, webhookId }
    : { kind: cause.kind, attempts, webhookId };

/**
 * The error of a real send, whose `data` Logto returns to the anonymous end user who asked for the
 * email. Built only from the status, the kind of failure, the attempts and the webhook-id: nothing
 * of the endpoint (its URL, its answer) is ever read here, so nothing of it can leak. The sentence
 * is in the user's language (`payload.locale`), as Logto shows it after its own localized words.
 */
export const publicError = (failure: DeliveryFailure, locale: unknown): ConnectorError => {
  const status = lastStatus(failure);
  const { attempts, webhookId } = failure;
  return new ConnectorError(
    failureCode(failure),
    {
      errorDescription: failureSentence(locale, factsOf(failure)),
      ...(status !== undefined && { status }),
      attempts,
      webhookId,
    }
  );
};

/**
 * The error of a real send refused before anything was sent: the same code, a sentence in the
 * user's language and the reference. Never the reason itself, which speaks of the config (the
 * admin's log line says it).
 */
export const refusedPublicError = (
  code: ConnectorErrorCodes,
  webhookId: string,
  locale: unknown
): ConnectorError =>
  new ConnectorError(code, {
    errorDescription: failureSentence(locale, {
      // A message Logto handed over that cannot be sent; anything else is the config's, saved or read.
      kind: code === ConnectorErrorCodes.InvalidRequestParameters ? 'not-sent' : 'invalid-config',
      attempts: 0,
      webhookId,
    }),
    webhookId,
  });
