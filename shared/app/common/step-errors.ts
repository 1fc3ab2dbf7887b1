// Errors a workflow step throws on purpose. Lambda reports the error's name as its type, and the
// state machines match it in Retry and Catch: these names are part of the workflow files' contract.

export const STEP_ERROR_NAMES = [
  'OperatorAlertRetryable', // the alert stays pending on the claim: retry, then the reconciler
  'OperatorAlertFailed',
  'ClaimNotFound',
  'ClaimClosed',
  'ClaimNotHoldingOrder',
  'ClaimPartlyApplied', // some orders applied and some not: cannot happen in one transaction, so a bug

  'OrderNotFound',
  'RefundMissing',
  'RefundNotFound',
  'PaymentDeclined', // the card side said no: the refund fails, the claim goes to the operator
  'PaymentUnavailable', // the provider did not answer: retry with backoff, same idempotency key
  'CardConfirmationTimedOut', // no confirmation within 24 hours: the refund fails
  'LedgerRefused',
  'BulkNotFound',
  'EmailThrottled', // SES refused for the account's quotas: the e-mails stay PENDING; retried with backoff until sent
] as const;
export type StepErrorName = (typeof STEP_ERROR_NAMES)[number];

export class StepError extends Error {
  constructor(
    readonly errorName: StepErrorName,
    message: string,
  ) {
    super(message);
    this.name = errorName;
  }
}

/** Lambda reports a failure's cause as JSON with the error's message and trace; keep the message only. */
export function causeMessage(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return cause.slice(0, 1000);
}
