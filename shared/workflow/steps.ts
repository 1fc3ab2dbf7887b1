// Every workflow step's id, written once: its file in functions/steps/, its Lambda function, the
// Task state that runs it in workflows/ (test/infra/workflow-steps.test.ts holds them equal) and
// the `step` of its log lines. Each is a verb and what it acts on.

export const STEPS = {
  advanceReturn: 'advance-return',
  applyClaim: 'apply-claim',
  awaitBulkApproval: 'await-bulk-approval',
  awaitBuyer: 'await-buyer',
  awaitCardConfirmation: 'await-card-confirmation',
  awaitDecision: 'await-decision',
  awaitReturnStep: 'await-return-step',
  cancelBulkLines: 'cancel-bulk-lines',
  closeAnsweredNonReceipt: 'close-answered-non-receipt',
  completeClaim: 'complete-claim',
  confirmCardRefund: 'confirm-card-refund',
  expireRequest: 'expire-request',
  failClaim: 'fail-claim',
  finishBulk: 'finish-bulk',
  handOverNonReceipt: 'hand-over-non-receipt',
  markDelayed: 'mark-delayed',
  markReturnOverdue: 'mark-return-overdue',
  notifySeller: 'notify-seller',
  notifyWithdrawal: 'notify-withdrawal',
  refundByDefault: 'refund-by-default',
} as const;

export type StepId = (typeof STEPS)[keyof typeof STEPS];
