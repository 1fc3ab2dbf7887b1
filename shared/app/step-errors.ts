// Errors a workflow step throws on purpose. Lambda reports the error's name as its type, and the
// state machines match it in Retry and Catch: these names are part of the workflow files' contract.

export const STEP_ERROR_NAMES = [
  'BuyerNoticeRetryable', // SES throttled or did not answer: retry with backoff
  'BuyerNoticeFailed', // SES refused for good: the claim fails
  'ClaimNotFound',
  'ClaimClosed',
  'ClaimNotHoldingOrder',
  'MessageNotFound',
  'OrderNotFound',
  'RefundMissing',
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
