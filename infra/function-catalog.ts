// Every Lambda function and what it needs: table access, the settings it reads, the workflows it
// starts. The CDK stack grants exactly this and sets the variables that go with each grant
// (infra/function-environment.ts); the local stack gives each function the same variables.

import { ROUTES } from '../shared/schemas/routes.js';
import { WORKFLOW_LIST, type StartableWorkflow } from './workflow-catalog.js';
import { STEPS } from '../shared/workflow/steps.js';

export type FunctionKind = 'api' | 'steps' | 'triggers' | 'jobs';

/** What a function reads besides the table, each a group of variables (function-environment.ts). */
export const SETTINGS = [
  'mail',
  'operatorAlerts',
  'payments',
  'paymentsWebhook',
  'cardConfirmation',
  'sellerPolicy',
  'refundFees',
  'approvalTiming',
  'returnTiming',
  'nonReceiptTiming',
  'reconcile',
  'bulkApproval',
] as const;
export type Setting = (typeof SETTINGS)[number];

export interface FunctionSpec {
  kind: FunctionKind;
  /** A file in functions/<kind>/. */
  name: string;
  /** `write` includes what Powertools idempotency needs (it deletes a failed request's record). */
  table: 'none' | 'read' | 'write';
  settings: Setting[];
  startsWorkflows: StartableWorkflow[];
  /** The workflows whose waiting tasks it answers (SendTaskSuccess/Failure). */
  answersWaits: StartableWorkflow[];
  /** Reads the executions of the workflows it starts (DescribeExecution): the reconciler. */
  followsWorkflows: boolean;
  /** Writes many items a request (BatchWriteItem): a bulk job's line chunks, 25 to a request. */
  batchWrites: boolean;
  /** Reads the account's quotas (SES's GetSendQuota, Lambda's GetAccountSettings): a bulk job's pace follows them. */
  readsQuotas: boolean;
  timeoutSeconds: number;
}

type Needs = Partial<Omit<FunctionSpec, 'kind' | 'name'>>;

const NEEDS: Record<string, Needs> = {
  // API
  openapi: { table: 'none' },
  'message-buyer': { settings: ['mail'] },
  // Stores and sends a message to up to 100 orders: the HTTP API's 30 s, less a second.
  'message-buyers': { settings: ['mail'], timeoutSeconds: 29 },
  'resend-message': { settings: ['mail'] },
  'cancel-order': { settings: ['mail', 'operatorAlerts', 'sellerPolicy'], startsWorkflows: ['settleClaim'] },
  'refund-order': { settings: ['mail', 'operatorAlerts', 'sellerPolicy'], startsWorkflows: ['settleClaim'] },
  'resolve-claim': { settings: ['mail'], startsWorkflows: ['settleClaim'] },
  'request-cancel': { settings: ['approvalTiming'], startsWorkflows: ['settleClaim', 'approveCancelRequest'] },
  'approve-request': { settings: ['mail', 'operatorAlerts', 'sellerPolicy'], answersWaits: ['approveCancelRequest'] },
  'withdraw-request': { answersWaits: ['approveCancelRequest'] },
  'request-return': { settings: ['approvalTiming', 'returnTiming'], startsWorkflows: ['returnClaim'] },
  'decide-return': { answersWaits: ['returnClaim'] },
  'ship-return': { settings: ['mail'], answersWaits: ['returnClaim'] },
  'receive-return': {
    settings: ['mail', 'operatorAlerts'],
    startsWorkflows: ['settleClaim'],
    answersWaits: ['returnClaim'],
  },
  'escalate-claim': { settings: ['mail', 'operatorAlerts'], answersWaits: ['nonReceiptClaim'] },
  'report-non-receipt': { settings: ['mail', 'nonReceiptTiming'], startsWorkflows: ['nonReceiptClaim'] },
  'answer-non-receipt': { settings: ['mail'], startsWorkflows: ['settleClaim'], answersWaits: ['nonReceiptClaim'] },
  'accept-non-receipt': { settings: ['mail'], answersWaits: ['nonReceiptClaim'] },
  // Reads every order of a job of up to 10,000 lines before it answers: the HTTP API's 30 s, less a second.
  'submit-bulk-cancellation': {
    settings: ['bulkApproval'],
    startsWorkflows: ['bulkCancellation'],
    batchWrites: true,
    timeoutSeconds: 29,
  },
  'decide-bulk-cancellation': { answersWaits: ['bulkCancellation'] },
  'cancel-bulk-cancellation': { answersWaits: ['bulkCancellation'] },
  'receive-payment-event': { settings: ['paymentsWebhook'], answersWaits: ['settleClaim'] },
  'withdraw-balance': { settings: ['payments'] },
  'confirm-payment': { settings: ['mail', 'operatorAlerts', 'refundFees'] },
  'file-inquiry': { settings: ['mail', 'operatorAlerts'] },
  'add-inquiry-entry': { settings: ['mail', 'operatorAlerts'] },
  'settle-withdrawal': { settings: ['payments'] },
  // Workflow steps
  [STEPS.applyClaim]: { settings: ['mail', 'payments', 'refundFees', 'cardConfirmation'] },
  [STEPS.awaitCardConfirmation]: { answersWaits: ['settleClaim'] },
  [STEPS.confirmCardRefund]: { settings: ['payments'] },
  [STEPS.completeClaim]: { settings: ['mail'] },
  [STEPS.awaitDecision]: { answersWaits: ['approveCancelRequest', 'nonReceiptClaim'] },
  [STEPS.awaitBuyer]: { answersWaits: ['nonReceiptClaim'] },
  [STEPS.handOverNonReceipt]: { settings: ['mail', 'operatorAlerts'] },
  [STEPS.closeAnsweredNonReceipt]: { settings: ['mail'] },
  [STEPS.notifySeller]: { settings: ['mail'] },
  [STEPS.markDelayed]: { settings: ['mail', 'operatorAlerts'] },
  [STEPS.expireRequest]: { settings: ['mail', 'operatorAlerts'] },
  [STEPS.notifyWithdrawal]: { settings: ['mail'] },
  [STEPS.advanceReturn]: { settings: ['mail'] },
  [STEPS.awaitReturnStep]: { answersWaits: ['returnClaim'] },
  [STEPS.markReturnOverdue]: { settings: ['mail', 'operatorAlerts'] },
  [STEPS.failClaim]: { settings: ['mail', 'operatorAlerts'] },
  [STEPS.awaitBulkApproval]: { settings: ['mail', 'operatorAlerts'], answersWaits: ['bulkCancellation'] },
  // A chunk of 100 lines, each a seller cancellation: minutes at most, bounded by the state's TimeoutSeconds too.
  [STEPS.cancelBulkLines]: {
    settings: ['mail', 'operatorAlerts', 'sellerPolicy'],
    startsWorkflows: ['settleClaim'],
    readsQuotas: true,
    timeoutSeconds: 300,
  },
  [STEPS.finishBulk]: { settings: ['mail'] },
  health: { table: 'read' },
  // Cognito, SES and the schedule
  'add-role-claims': { table: 'none' },
  'record-email-feedback': {},
  'reconcile-claims': {
    settings: ['mail', 'operatorAlerts', 'approvalTiming', 'returnTiming', 'nonReceiptTiming', 'reconcile'],
    startsWorkflows: ['settleClaim', 'approveCancelRequest', 'returnClaim', 'nonReceiptClaim'],
    // It wakes a return's run that waits on a claim which moved on (a lost wake).
    answersWaits: ['returnClaim'],
    followsWorkflows: true,
    timeoutSeconds: 120,
  },
};

function spec(kind: FunctionKind, name: string, defaults: Needs): FunctionSpec {
  return {
    kind,
    name,
    table: 'write',
    settings: [],
    startsWorkflows: [],
    answersWaits: [],
    followsWorkflows: false,
    batchWrites: false,
    readsQuotas: false,
    timeoutSeconds: kind === 'api' ? 15 : 30,
    ...defaults,
    ...NEEDS[name],
  };
}

export const FUNCTIONS: FunctionSpec[] = [
  // A GET only reads; everything else writes (its idempotency record at least).
  ...ROUTES.map((route) => spec('api', route.handler, { table: route.method === 'GET' ? 'read' : 'write' })),
  ...[...new Set(WORKFLOW_LIST.flatMap((workflow) => Object.values(workflow.functions)))].map((name) =>
    spec('steps', name, {}),
  ),
  // Cognito's pre-token-generation trigger: the caller's role and party id reach the access token.
  spec('triggers', 'add-role-claims', {}),
  // The SES configuration set's bounce and complaint events, recorded on the messages.
  spec('triggers', 'record-email-feedback', {}),
  // Every few minutes: claims whose workflow is missing or ended are brought to a defined state.
  spec('jobs', 'reconcile-claims', {}),
];

export function functionNamed(name: string): FunctionSpec {
  const found = FUNCTIONS.find((fn) => fn.name === name);
  if (!found) throw new Error(`No function ${name} in the catalog`);
  return found;
}

export function functionEntry(fn: Pick<FunctionSpec, 'kind' | 'name'>): URL {
  return new URL(`../functions/${fn.kind}/${fn.name}.ts`, import.meta.url);
}
