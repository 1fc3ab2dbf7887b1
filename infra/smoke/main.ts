// npm run smoke: after the first deploy (and any later one), the checks AWS alone can answer, run
// against the stack's outputs (npx cdk deploy --outputs-file cdk-outputs.json):
//
//   SMOKE_OPERATOR_EMAIL=ops@shop.example SMOKE_SELLER_EMAIL=smoke@shop.example SMOKE_SELLER_ID=S-SMOKE npm run smoke
//
// Both users exist (npm run admin -- create-user), the seller with party id SMOKE_SELLER_ID, used
// for nothing else: the smoke registers and cancels one demo order of it. The region is the AWS CLI's.

import { existsSync, readFileSync } from 'node:fs';
import { ask } from '../admin/ask.js';
import { awsTarget, type SmokeOutputs } from './aws-target.js';
import { runSmoke } from './smoke.js';

const file = process.argv[2] ?? 'cdk-outputs.json';
const needed = ['SMOKE_OPERATOR_EMAIL', 'SMOKE_SELLER_EMAIL', 'SMOKE_SELLER_ID'] as const;
const missing = needed.filter((name) => !process.env[name]);
if (!existsSync(file) || missing.length > 0) {
  process.stderr.write(
    `npm run smoke [cdk-outputs.json]: ${existsSync(file) ? '' : `no ${file} (npx cdk deploy --outputs-file ${file}); `}${missing.length ? `set ${missing.join(', ')}` : ''}\n`,
  );
  process.exit(2);
}
const outputs = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, SmokeOutputs>).OrderClaims;
if (!outputs) {
  process.stderr.write(`${file} has no OrderClaims stack\n`);
  process.exit(2);
}
const users = {
  operatorEmail: process.env.SMOKE_OPERATOR_EMAIL!,
  sellerEmail: process.env.SMOKE_SELLER_EMAIL!,
  sellerId: process.env.SMOKE_SELLER_ID!,
};
const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;
const passed = await runSmoke(
  awsTarget(outputs, users, ask, (line) => process.stderr.write(`${line}\n`)),
  ({ step, outcome, detail }) =>
    process.stdout.write(`${mark[outcome]} ${step}: ${outcome === 'skipped' ? 'skipped: ' : ''}${detail}\n`),
);
process.stdout.write(
  passed
    ? 'The deployment passed its smoke check.\n'
    : 'The deployment failed its smoke check: see the lines marked ✗ (README, "Deploying").\n',
);
process.exit(passed ? 0 : 1);
