// Which workflow files exist and what each of their ${Placeholders} stands for: a function (a file
// in functions/steps/) or another workflow. The CDK stack substitutes real ARNs; the local runner
// substitutes local ones and serves each itself. A test checks that files and catalog agree both ways.

import { WORKFLOW_ARN_VARIABLES } from '../shared/adapters/sfn-workflows.js';
import { STEPS } from '../shared/workflow/steps.js';

export interface WorkflowSpec {
  /** File in workflows/, also the state machine's name. */
  name: string;
  /** Placeholder → step function (a file in functions/steps/). */
  functions: Record<string, string>;
  /** Placeholder → another workflow's name, started by this one. */
  workflows: Record<string, string>;
}

/** In dependency order: a workflow comes after the ones it starts. */
export const WORKFLOWS = {
  settleClaim: {
    name: 'settle-claim',
    functions: {
      ApplyClaimFunctionArn: STEPS.applyClaim,
      AwaitCardConfirmationFunctionArn: STEPS.awaitCardConfirmation,
      ConfirmCardRefundFunctionArn: STEPS.confirmCardRefund,
      CompleteClaimFunctionArn: STEPS.completeClaim,
      FailClaimFunctionArn: STEPS.failClaim,
    },
    workflows: {},
  },
  returnClaim: {
    name: 'return-claim',
    functions: {
      AdvanceReturnFunctionArn: STEPS.advanceReturn,
      AwaitReturnStepFunctionArn: STEPS.awaitReturnStep,
      MarkReturnOverdueFunctionArn: STEPS.markReturnOverdue,
      FailClaimFunctionArn: STEPS.failClaim,
    },
    // Receipt's refund runs in settle-claim, started by the API call that confirms it.
    workflows: {},
  },
  approveCancelRequest: {
    name: 'approve-cancel-request',
    functions: {
      NotifySellerFunctionArn: STEPS.notifySeller,
      AwaitDecisionFunctionArn: STEPS.awaitDecision,
      MarkDelayedFunctionArn: STEPS.markDelayed,
      ExpireRequestFunctionArn: STEPS.expireRequest,
      NotifyWithdrawalFunctionArn: STEPS.notifyWithdrawal,
      FailClaimFunctionArn: STEPS.failClaim,
    },
    workflows: { SettleClaimWorkflowArn: 'settle-claim' },
  },
  nonReceiptClaim: {
    name: 'non-receipt-claim',
    functions: {
      AwaitDecisionFunctionArn: STEPS.awaitDecision,
      AwaitBuyerFunctionArn: STEPS.awaitBuyer,
      HandOverNonReceiptFunctionArn: STEPS.handOverNonReceipt,
      RefundByDefaultFunctionArn: STEPS.refundByDefault,
      CloseAnsweredNonReceiptFunctionArn: STEPS.closeAnsweredNonReceipt,
      FailClaimFunctionArn: STEPS.failClaim,
    },
    workflows: { SettleClaimWorkflowArn: 'settle-claim' },
  },
  bulkCancellation: {
    name: 'bulk-cancellation',
    functions: {
      AwaitBulkApprovalFunctionArn: STEPS.awaitBulkApproval,
      CancelBulkLinesFunctionArn: STEPS.cancelBulkLines,
      FinishBulkFunctionArn: STEPS.finishBulk,
    },
    // Each line's claim is settled by settle-claim, started by cancel-bulk-lines as the API would.
    workflows: {},
  },
} satisfies Record<string, WorkflowSpec>;

export type WorkflowKey = keyof typeof WORKFLOWS;

export const WORKFLOW_LIST: WorkflowSpec[] = Object.values(WORKFLOWS);

export function workflowFile(spec: Pick<WorkflowSpec, 'name'>): URL {
  return new URL(`../workflows/${spec.name}.asl.json`, import.meta.url);
}

/** Every ${Name} a definition uses. */
export function placeholdersOf(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!))];
}

export const substitutionsOf = (spec: WorkflowSpec) => [...Object.keys(spec.functions), ...Object.keys(spec.workflows)];

/** The environment variable that names a workflow's ARN for the functions that start it. */
export const START_ENV = WORKFLOW_ARN_VARIABLES satisfies Partial<Record<WorkflowKey, string>>;
/** The workflows a function may start (the others are started by workflows). */
export type StartableWorkflow = keyof typeof START_ENV;

/** Step Functions' own integration that starts a child workflow (and does not wait for it). */
export const START_CHILD = 'arn:aws:states:::states:startExecution';

/** Invokes a function with the task token, then waits for SendTaskSuccess/Failure. */
export const INVOKE_AND_WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
