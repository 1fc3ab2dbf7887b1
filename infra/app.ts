// The CDK app: `npx cdk synth` (offline) and `npx cdk deploy` (with an account).

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OrderClaimsStack } from './stack.js';

const app = new App();
new OrderClaimsStack(app, 'OrderClaims', {
  noticeFromAddress: app.node.tryGetContext('noticeFromAddress') ?? 'no-reply@orders.example.com',
  operatorEmail: app.node.tryGetContext('operatorEmail') ?? 'operators@orders.example.com',
  paymentsEndpoint: app.node.tryGetContext('paymentsEndpoint') ?? 'https://payments.example.com/v1',
  sellerCancelPolicy: app.node.tryGetContext('sellerCancelPolicy'),
  refundFees: app.node.tryGetContext('refundFees'),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
