// What the ports throw that a use case acts on: apart from the ports, so that a use case that
// only catches imports no port.

import type { PaymentFailure } from './payments.js';

/** A cursor that was not made by this store: the client's mistake (400). */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

export class MailError extends Error {
  override name = 'MailError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** SES refused it for the account's sending quotas (rate or day): to be sent again later, not given up. */
    readonly throttled = false,
  ) {
    super(message);
  }
}

/** Step Functions did not take a wake (throttled, or failing after the SDK's own retries): the step is retried. */
export class WorkflowUnavailableError extends Error {
  override name = 'WorkflowUnavailable';
}

/**
 * A payment provider refused (`DECLINED`: final) or did not answer in time (`UNAVAILABLE`: try
 * again with the same idempotency key, which the provider honours, so nothing is paid twice).
 */
export class PaymentError extends Error {
  override name = 'PaymentError';
  constructor(
    message: string,
    readonly failure: PaymentFailure,
  ) {
    super(message);
  }
}
