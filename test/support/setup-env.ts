// Unit tests: the configuration the functions read at cold start, pointing nowhere real.
import { afterEach } from 'vitest';

Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  TABLE_NAME: 'order-claims-test',
  NOTICE_FROM_ADDRESS: 'no-reply@orders.example.com',
  SES_CONFIGURATION_SET: 'order-claims-test',
  CLAIM_WORKFLOW_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:settle-claim',
  APPROVAL_WORKFLOW_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:approve-cancel-request',
  RETURN_WORKFLOW_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:return-claim',
  OPERATOR_EMAIL: 'operators@orders.example.com',
  PAYMENTS_ENDPOINT: 'http://127.0.0.1:9/payments',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  PAYMENTS_WEBHOOK_SECRET_ID: 'payments-webhook',
});

afterEach(() => {
  delete process.env.REFUND_FEES;
});
