// The secrets scan: the task tokens of waiting approvals never leave the backend — not in any
// answer, e-mail, log line, or an execution's output or history.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { executionArn, sfn } from '../support/executions.js';
import { call, eventually, registered, token } from '../support/http.js';
import { record } from './support.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

async function storedToken(claimId: string): Promise<string> {
  const read = await eventually(
    () => db.send(new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } })),
    (answer) => typeof answer.Item?.token === 'string',
  );
  return read.Item!.token as string;
}

describe('secrets scan', () => {
  it('no task token in any response, e-mail, log line or execution output', async () => {
    const seller = await token('seller', 'S-SECRET');
    const operator = await token('operator', 'OP-1');
    const seen: string[] = [];
    const tokens: string[] = [];
    const claims: string[] = [];
    for (let i = 0; i < 4; i++) {
      const order = await registered({ sellerId: 'S-SECRET', status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const buyer = await token('buyer', order.buyer.id);
      const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
        token: buyer,
        body: { message: 'please' },
      });
      seen.push(JSON.stringify(asked.body));
      claims.push(asked.body.claimId);
      tokens.push(await storedToken(asked.body.claimId));
      for (const [path, who] of [
        [`/claims/${asked.body.claimId}`, seller],
        [`/claims/${asked.body.claimId}`, buyer],
        [`/claims/${asked.body.claimId}`, operator],
        [`/orders/${order.orderNo}`, seller],
        ['/claims?status=AWAITING_APPROVAL', seller],
        ['/claims/summary', seller],
      ] as const) {
        seen.push(JSON.stringify((await call('GET', path, { token: who })).body));
      }
      // Half are decided while waiting, the others left to wait.
      if (i % 2 === 0)
        seen.push(
          JSON.stringify((await call('POST', `/claims/${asked.body.claimId}/approval`, { token: seller })).body),
        );
    }
    const store = (await (await fetch(`${inject('mailViewerUrl')}/store`)).json()) as { emails: unknown[] };
    seen.push(JSON.stringify(store.emails));
    const logs = readFileSync(inject('logFile'), 'utf8');
    seen.push(logs);
    for (const claimId of claims) {
      const arn = executionArn('approve-cancel-request', claimId);
      seen.push(JSON.stringify(await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))));
      seen.push(JSON.stringify((await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }))).events));
    }
    const leaks = tokens.filter((taskToken) => seen.some((text) => text.includes(taskToken)));
    record('secrets', {
      tokens: tokens.length,
      scanned: {
        answers: seen.length - 2 - claims.length * 2,
        emails: store.emails.length,
        logBytes: logs.length,
        executions: claims.length,
      },
      leaks: leaks.length,
    });
    expect(tokens).toHaveLength(4);
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
