// The two card steps of settle-claim take the claim's list of card refunds; for one release they
// also take the single refund that executions started before the wait was one per claim still send.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { functionNamed } from '../../../infra/function-catalog.js';
import { environmentOf } from '../../../infra/function-environment.js';
import { workflowFile, WORKFLOWS } from '../../../infra/workflow-catalog.js';
import { refundsOf } from '../../../shared/workflow/card-refunds.js';

const ref = { claimId: 'C-1', orderNo: 'O-1', refundId: 'C-1.O-1' };
const schemas = new Map<string, z.ZodType>();

beforeAll(async () => {
  const deployment = {
    tableName: 't',
    noticeFromAddress: 'n@example.com',
    sesConfigurationSet: 'c',
    operatorEmail: 'o@example.com',
    paymentsEndpoint: 'https://p.example',
    paymentsWebhookSecretId: 's',
    workflowArn: () => 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
  };
  for (const fn of ['await-card-confirmation', 'confirm-card-refund']) {
    Object.assign(process.env, { AWS_REGION: 'us-east-1' }, environmentOf(functionNamed(fn), deployment));
    schemas.set(fn, ((await import(`../../../functions/steps/${fn}.ts`)) as { inputSchema: z.ZodType }).inputSchema);
  }
}, 60_000);

describe('the card steps’ input', () => {
  it.each(['await-card-confirmation', 'confirm-card-refund'])(
    '%s takes the list, or one refund as before; neither is refused',
    (fn) => {
      const token = fn === 'await-card-confirmation' ? { taskToken: 'T' } : {};
      const schema = schemas.get(fn)!;
      const listed = schema.safeParse({ claimId: 'C-1', refunds: [ref], ...token });
      const single = schema.safeParse({ ...ref, ...token });
      expect(listed.success && refundsOf(listed.data as never)).toEqual([ref]);
      expect(single.success && refundsOf(single.data as never)).toEqual([ref]);
      expect(schema.safeParse({ claimId: 'C-1', refunds: [], ...token }).success).toBe(true);
      expect(schema.safeParse({ claimId: 'C-1', ...token }).success).toBe(false);
    },
  );

  it('settle-claim itself always passes the list', () => {
    const { States } = JSON.parse(readFileSync(workflowFile(WORKFLOWS.settleClaim), 'utf8')) as {
      States: Record<string, { Parameters?: Record<string, any> }>;
    };
    expect(States['await-card-confirmation']!.Parameters!.Payload['refunds.$']).toBe('$.applied.awaiting');
    expect(States['confirm-card-refund']!.Parameters!['refunds.$']).toBe('$.applied.awaiting');
  });
});
