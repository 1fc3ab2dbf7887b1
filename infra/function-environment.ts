// The one source of every function's environment: the CDK stack sets it from the deployment's
// resources, the local stack from its stand-ins. A function gets the variables of what the catalog
// says it needs, and nothing else, so a variable its code reads but was not given fails locally
// as it would in AWS.

import type { FunctionSpec, Setting } from './function-catalog.js';
import { START_ENV, type StartableWorkflow } from './workflow-catalog.js';

/** What one deployment decides: resources (tokens in CDK, local addresses locally) and settings. */
export interface Deployment {
  tableName: string;
  /** The verified SES identity buyer notices come from. */
  noticeFromAddress: string;
  /** The SES configuration set whose bounce and complaint events are recorded on the messages. */
  sesConfigurationSet: string;
  /** Where cases that need an operator are reported. */
  operatorEmail: string;
  /** The payment gateway's base URL (docs/PAYMENTS.md). */
  paymentsEndpoint: string;
  /** How long a payment call may take before it counts as unanswered (ms). */
  paymentsTimeoutMs?: number;
  /** The Secrets Manager secret (ARN, or name) the payment provider signs its webhooks with. */
  paymentsWebhookSecretId: string;
  /** How long a card refund waits for the provider's webhook before asking the provider (s). */
  cardConfirmationWaitSeconds?: number;
  workflowArn: (key: StartableWorkflow) => string;
  /** Which orders only an operator may cancel, as JSON (SELLER_CANCEL_POLICY). */
  sellerCancelPolicy?: string;
  /** Refund fee (JPY) by payment method, as JSON; the default table when absent. */
  refundFees?: string;
  /** How long a buyer's request waits for the seller: to the reminder, then to the operator. */
  approvalTiming?: { reminderAfterSeconds: number; handOverAfterSeconds: number };
  /** How long a return waits for the buyer's parcel once approved, and for the seller's receipt once sent (s). */
  returnTiming?: { shipBackSeconds: number; receiptSeconds: number };
  /** How long a non-receipt report waits for the seller's answer, then for the operator before the default refund. */
  nonReceiptTiming?: { answerSeconds: number; refundAfterSeconds: number; buyerSeconds: number };
  /** How long a claim may go unchanged before the reconciler looks at it. */
  reconcileAfterSeconds?: number;
  /** A bulk cancellation over this many orders waits for an operator (50), for at most this long (7 days). */
  bulk?: { approvalThreshold?: number; approvalWaitSeconds?: number };
}

const optional = (name: string, value: string | number | undefined): Record<string, string> =>
  value === undefined ? {} : { [name]: String(value) };

const SETTING_VARIABLES: Record<Setting, (deployment: Deployment) => Record<string, string>> = {
  mail: (d) => ({ NOTICE_FROM_ADDRESS: d.noticeFromAddress, SES_CONFIGURATION_SET: d.sesConfigurationSet }),
  operatorAlerts: (d) => ({ OPERATOR_EMAIL: d.operatorEmail }),
  payments: (d) => ({ PAYMENTS_ENDPOINT: d.paymentsEndpoint, ...optional('PAYMENTS_TIMEOUT_MS', d.paymentsTimeoutMs) }),
  paymentsWebhook: (d) => ({ PAYMENTS_WEBHOOK_SECRET_ID: d.paymentsWebhookSecretId }),
  cardConfirmation: (d) => optional('CARD_CONFIRMATION_WAIT_SECONDS', d.cardConfirmationWaitSeconds),
  sellerPolicy: (d) => optional('SELLER_CANCEL_POLICY', d.sellerCancelPolicy),
  refundFees: (d) => optional('REFUND_FEES', d.refundFees),
  approvalTiming: (d) => ({
    ...optional('APPROVAL_REMINDER_SECONDS', d.approvalTiming?.reminderAfterSeconds),
    ...optional('APPROVAL_HANDOVER_SECONDS', d.approvalTiming?.handOverAfterSeconds),
  }),
  returnTiming: (d) => ({
    ...optional('RETURN_SHIP_BACK_SECONDS', d.returnTiming?.shipBackSeconds),
    ...optional('RETURN_RECEIPT_SECONDS', d.returnTiming?.receiptSeconds),
  }),
  nonReceiptTiming: (d) => ({
    ...optional('NON_RECEIPT_ANSWER_SECONDS', d.nonReceiptTiming?.answerSeconds),
    ...optional('NON_RECEIPT_REFUND_AFTER_SECONDS', d.nonReceiptTiming?.refundAfterSeconds),
    ...optional('NON_RECEIPT_BUYER_SECONDS', d.nonReceiptTiming?.buyerSeconds),
  }),
  reconcile: (d) => optional('RECONCILE_AFTER_SECONDS', d.reconcileAfterSeconds),
  bulkApproval: (d) => ({
    ...optional('BULK_APPROVAL_THRESHOLD', d.bulk?.approvalThreshold),
    ...optional('BULK_APPROVAL_WAIT_SECONDS', d.bulk?.approvalWaitSeconds),
  }),
};

/** Every variable the application code may read; anything else in a function's environment is the runtime's. */
export const APPLICATION_VARIABLES = [
  'TABLE_NAME',
  'NOTICE_FROM_ADDRESS',
  'SES_CONFIGURATION_SET',
  'OPERATOR_EMAIL',
  'PAYMENTS_ENDPOINT',
  'PAYMENTS_TIMEOUT_MS',
  'PAYMENTS_WEBHOOK_SECRET_ID',
  'CARD_CONFIRMATION_WAIT_SECONDS',
  'SELLER_CANCEL_POLICY',
  'REFUND_FEES',
  'APPROVAL_REMINDER_SECONDS',
  'APPROVAL_HANDOVER_SECONDS',
  'RETURN_SHIP_BACK_SECONDS',
  'RETURN_RECEIPT_SECONDS',
  'NON_RECEIPT_ANSWER_SECONDS',
  'NON_RECEIPT_REFUND_AFTER_SECONDS',
  'NON_RECEIPT_BUYER_SECONDS',
  'RECONCILE_AFTER_SECONDS',
  'BULK_APPROVAL_THRESHOLD',
  'BULK_APPROVAL_WAIT_SECONDS',
  ...Object.values(START_ENV),
] as const;

export function environmentOf(
  spec: Pick<FunctionSpec, 'table' | 'settings' | 'startsWorkflows'>,
  deployment: Deployment,
): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: 'order-claims',
    ...(spec.table === 'none' ? {} : { TABLE_NAME: deployment.tableName }),
    ...Object.assign({}, ...spec.settings.map((setting) => SETTING_VARIABLES[setting](deployment))),
    ...Object.fromEntries(spec.startsWorkflows.map((key) => [START_ENV[key], deployment.workflowArn(key)])),
  };
}
