// The real adapters, built once per cold start from the function's configuration. The SDK finds
// the endpoints itself (AWS_ENDPOINT_URL_* locally), so no code path here knows where it runs.

import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { readConfig } from '../config.js';
import { DEFAULT_BULK_APPROVAL_THRESHOLD } from '../domain/bulk.js';
import type { ReturnTiming } from '../domain/return-waits.js';
import {
  DEFAULT_NON_RECEIPT_ANSWER_SECONDS,
  DEFAULT_NON_RECEIPT_BUYER_SECONDS,
  DEFAULT_NON_RECEIPT_REFUND_AFTER_SECONDS,
} from '../domain/non-receipt.js';
import { DEFAULT_REFUND_FEES, type RefundFeeTable } from '../domain/refund.js';
import { PAYMENT_METHODS } from '../domain/order.js';
import { DEFAULT_SELLER_CANCEL_POLICY, type SellerCancelPolicy } from '../domain/seller-policy.js';
import { observed } from '../aws-calls.js';
import { AwsAccountLimits } from './account-limits.js';
import { DynamoBulkStore } from './dynamo-bulk-store.js';
import { DynamoSellerStore } from './dynamo-seller-store.js';
import { DynamoClaimStore } from './dynamo-store.js';
import { PaymentGatewayClient } from './payment-gateway.js';
import { SesMailer } from './ses-mailer.js';
import { StepFunctionsWorkflows, WORKFLOW_ARN_VARIABLES, type WorkflowName } from './sfn-workflows.js';

export const tableName = () => readConfig({ TABLE_NAME: z.string().min(1) }).TABLE_NAME;

export const claimStore = () => new DynamoClaimStore(tableName(), observed(new DynamoDBClient({})));

export const bulkStore = () => new DynamoBulkStore(tableName(), observed(new DynamoDBClient({})));

/** Seller profiles and inquiries. */
export const sellerStore = () => new DynamoSellerStore(tableName(), observed(new DynamoDBClient({})));

/**
 * BULK_APPROVAL_THRESHOLD: a job over this many orders waits for an operator (50); BULK_APPROVAL_WAIT_SECONDS: how long
 * it waits (7 days).
 */
export function bulkSettings() {
  const config = readConfig({
    BULK_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(DEFAULT_BULK_APPROVAL_THRESHOLD),
    BULK_APPROVAL_WAIT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(7 * 24 * 3600),
  });
  return { approvalThreshold: config.BULK_APPROVAL_THRESHOLD, approvalWaitSeconds: config.BULK_APPROVAL_WAIT_SECONDS };
}

/** The account's sending quota and concurrency, read at run time: a bulk job's pace follows them. */
export const accountLimits = () => new AwsAccountLimits(observed(new SESClient({})), observed(new LambdaClient({})));

/**
 * SES, retried by the SDK in its adaptive mode (it slows down when SES throttles): an e-mail that
 * still fails is recorded on its message and can be sent again; it never blocks a claim. For a
 * workflow's step, which has time; a function that answers a request takes {@link requestMailer}.
 */
export function sesMailer() {
  return mailerWith(new SESClient({ maxAttempts: 5, retryMode: 'adaptive' }));
}

/**
 * SES for a function that answers an HTTP request: three tries in the standard mode, about 3 s at
 * worst while SES throttles. Five adaptive tries took 12.6 s there, and the request, whose work was
 * already committed, timed out at 15 s with a 500; now a throttled notice is recorded on its message
 * (FAILED, to send again) and the request is answered.
 */
export function requestMailer() {
  return mailerWith(new SESClient({ maxAttempts: 3, retryMode: 'standard' }));
}

function mailerWith(client: SESClient) {
  const config = readConfig({ NOTICE_FROM_ADDRESS: z.email(), SES_CONFIGURATION_SET: z.string().min(1) });
  const ses = observed(client);
  return new SesMailer({ from: config.NOTICE_FROM_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET }, ses);
}

/**
 * Step Functions, with the workflows this function starts, each named by its variable; one it was
 * not given cannot be started. Without any, it only answers waiting tasks.
 */
export function stepFunctions(starts: WorkflowName[] = []) {
  const config = readConfig(
    Object.fromEntries(starts.map((name) => [WORKFLOW_ARN_VARIABLES[name], z.string().min(1)])),
  );
  const arns = Object.fromEntries(starts.map((name) => [name, config[WORKFLOW_ARN_VARIABLES[name]] as string]));
  return new StepFunctionsWorkflows(arns, observed(new SFNClient({})));
}

/**
 * How long a buyer's request waits for the seller: 4 days to the reminder (the guide), then APPROVAL_HANDOVER_SECONDS
 * more (3 days by default).
 */
export function approvalTiming() {
  const config = readConfig({
    APPROVAL_REMINDER_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(4 * 24 * 3600),
    APPROVAL_HANDOVER_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(3 * 24 * 3600),
  });
  return {
    reminderAfterSeconds: config.APPROVAL_REMINDER_SECONDS,
    handOverAfterSeconds: config.APPROVAL_HANDOVER_SECONDS,
  };
}

/**
 * How long a return waits: for the seller's decision as a cancel request does (approvalTiming); for
 * the buyer's parcel once approved, RETURN_SHIP_BACK_SECONDS (14 days); for the seller's receipt
 * once it is on its way, RETURN_RECEIPT_SECONDS (7 days), then the operator is told, and after
 * APPROVAL_HANDOVER_SECONDS more it is the operator's.
 */
export function returnTiming(): ReturnTiming {
  const config = readConfig({
    RETURN_SHIP_BACK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(14 * 24 * 3600),
    RETURN_RECEIPT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(7 * 24 * 3600),
  });
  return {
    ...approvalTiming(),
    shipBackSeconds: config.RETURN_SHIP_BACK_SECONDS,
    receiptSeconds: config.RETURN_RECEIPT_SECONDS,
  };
}

/**
 * How long a non-receipt report waits for the seller's answer before it goes to the operator
 * (NON_RECEIPT_ANSWER_SECONDS, 3 days), then for the operator before the refund runs by default
 * (NON_RECEIPT_REFUND_AFTER_SECONDS, 2 days); how long the buyer has to take an answer further before it closes
 * as accepted (NON_RECEIPT_BUYER_SECONDS, 7 days).
 */
export function nonReceiptTiming() {
  const config = readConfig({
    NON_RECEIPT_ANSWER_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_NON_RECEIPT_ANSWER_SECONDS),
    NON_RECEIPT_REFUND_AFTER_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_NON_RECEIPT_REFUND_AFTER_SECONDS),
    NON_RECEIPT_BUYER_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_NON_RECEIPT_BUYER_SECONDS),
  });
  return {
    answerSeconds: config.NON_RECEIPT_ANSWER_SECONDS,
    refundAfterSeconds: config.NON_RECEIPT_REFUND_AFTER_SECONDS,
    buyerSeconds: config.NON_RECEIPT_BUYER_SECONDS,
  };
}

export const operatorEmail = () => readConfig({ OPERATOR_EMAIL: z.email() }).OPERATOR_EMAIL;

/** RECONCILE_AFTER_SECONDS: how long a claim may go unchanged before the reconciler looks at it (5 minutes). */
export function reconcileSettings() {
  const config = readConfig({ RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).default(300) });
  return { staleAfterSeconds: config.RECONCILE_AFTER_SECONDS, maxClaims: 500 };
}

/**
 * CARD_CONFIRMATION_WAIT_SECONDS: how long a card refund waits for the provider's webhook before the provider is asked
 * (1 hour).
 */
export const cardConfirmationWaitSeconds = () =>
  readConfig({ CARD_CONFIRMATION_WAIT_SECONDS: z.coerce.number().int().min(1).default(3600) })
    .CARD_CONFIRMATION_WAIT_SECONDS;

/**
 * The secret the payment provider signs its webhooks with, from Secrets Manager, cached for 5 minutes (a rotation
 * reaches every function within that).
 */
export function paymentsWebhookSecret(): () => Promise<string> {
  const { PAYMENTS_WEBHOOK_SECRET_ID } = readConfig({ PAYMENTS_WEBHOOK_SECRET_ID: z.string().min(1) });
  const secrets = new SecretsProvider({ awsSdkV3Client: observed(new SecretsManagerClient({})) });
  return async () => {
    const secret = await secrets.get(PAYMENTS_WEBHOOK_SECRET_ID, { maxAge: 300 });
    if (typeof secret !== 'string' || secret.length < 16)
      throw new Error(`The secret ${PAYMENTS_WEBHOOK_SECRET_ID} is not a string of at least 16 characters.`);
    return secret;
  };
}

export function paymentGateway() {
  const config = readConfig({
    PAYMENTS_ENDPOINT: z.url(),
    PAYMENTS_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  });
  return new PaymentGatewayClient(config.PAYMENTS_ENDPOINT, config.PAYMENTS_TIMEOUT_MS);
}

/** SELLER_CANCEL_POLICY: JSON, e.g. {"operatorOnlyPaymentMethods":["BANK_TRANSFER"]}. */
export function sellerCancelPolicy(): SellerCancelPolicy {
  const { SELLER_CANCEL_POLICY } = readConfig({ SELLER_CANCEL_POLICY: z.string().optional() });
  const policySchema = z.object({ operatorOnlyPaymentMethods: z.array(z.enum(PAYMENT_METHODS)).default([]) });
  return SELLER_CANCEL_POLICY ? policySchema.parse(JSON.parse(SELLER_CANCEL_POLICY)) : DEFAULT_SELLER_CANCEL_POLICY;
}

/** REFUND_FEES: a JSON object of fee (JPY) by payment method, e.g. {"CONVENIENCE_STORE":108,"BANK_TRANSFER":108}. */
export function refundFees(): RefundFeeTable {
  const { REFUND_FEES } = readConfig({ REFUND_FEES: z.string().optional() });
  const feeTableSchema = z.partialRecord(z.enum(PAYMENT_METHODS), z.number().int().min(0));
  return REFUND_FEES ? feeTableSchema.parse(JSON.parse(REFUND_FEES)) : DEFAULT_REFUND_FEES;
}

/** Everything a seller's claim request needs. */
export function sellerClaimDeps() {
  return {
    store: claimStore(),
    workflows: stepFunctions(['settleClaim']),
    mailer: sesMailer(),
    policy: sellerCancelPolicy(),
    operatorEmail: operatorEmail(),
  };
}
