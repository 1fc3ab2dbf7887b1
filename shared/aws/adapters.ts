// The real adapters, built once per cold start from the function's configuration. The SDK finds
// the endpoints itself (AWS_ENDPOINT_URL_* locally), so no code path here knows where it runs.

import { SESClient } from '@aws-sdk/client-ses';
import { z } from 'zod';
import { readConfig } from '../config.js';
import { DEFAULT_REFUND_FEES, type RefundFeeTable } from '../domain/refund.js';
import { PAYMENT_METHODS } from '../domain/order.js';
import { DynamoClaimStore } from './dynamo-store.js';
import { SesMailer } from './ses-mailer.js';
import { StepFunctionsWorkflows } from './sfn-workflows.js';

export const claimStore = () => new DynamoClaimStore(readConfig({ TABLE_NAME: z.string().min(1) }).TABLE_NAME);

/**
 * `attempts: 1` for workflow steps: the state machine owns retries there, with backoff and
 * jitter, and each attempt shows in the execution history.
 */
export function sesMailer(options: { attempts: number }) {
  const { NOTICE_FROM_ADDRESS } = readConfig({ NOTICE_FROM_ADDRESS: z.email() });
  return new SesMailer(NOTICE_FROM_ADDRESS, new SESClient({ maxAttempts: options.attempts }));
}

export const stepFunctions = () => new StepFunctionsWorkflows(readConfig({ CANCEL_WORKFLOW_ARN: z.string().min(1) }).CANCEL_WORKFLOW_ARN);

const feeTableSchema = z.partialRecord(z.enum(PAYMENT_METHODS), z.number().int().min(0));

/** REFUND_FEES: a JSON object of fee (JPY) by payment method, e.g. {"CONVENIENCE_STORE":108,"BANK_TRANSFER":108}. */
export function refundFees(): RefundFeeTable {
  const { REFUND_FEES } = readConfig({ REFUND_FEES: z.string().optional() });
  return REFUND_FEES ? feeTableSchema.parse(JSON.parse(REFUND_FEES)) : DEFAULT_REFUND_FEES;
}
