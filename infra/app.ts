// The CDK app: `npm run synth` (offline, with example values it passes itself) and
// `npx cdk deploy -c …` (with an account and the deployment's own values, which are required).

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { deploymentSettings } from './settings.js';
import { OrderClaimsStack } from './stack.js';

const app = new App();
new OrderClaimsStack(app, 'OrderClaims', {
  ...deploymentSettings((key) => app.node.tryGetContext(key) as unknown),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
