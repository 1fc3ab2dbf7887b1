// The approval workflow on the local runner, and the runner's callback pattern: a fresh token per
// waiting task, SendTaskSuccess/Failure/Heartbeat, TaskTimedOut for a closed or unknown token.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { entered, finishedExecution, sfn } from '../support/executions.js';
import { call, eventually, registered, token } from '../support/http.js';
import { STEPS } from '../../shared/workflow/steps.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

async function storedToken(claimId: string, other?: string): Promise<string> {
  const read = await eventually(
    () => db.send(new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } })),
    (answer) => typeof answer.Item?.token === 'string' && answer.Item.token !== other,
  );
  return read.Item!.token as string;
}

async function request() {
  const order = await registered({ status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
    token: await token('buyer', order.buyer.id),
    body: {},
  });
  expect(asked.body.outcome).toBe('AWAITING_SELLER');
  return { order, claimId: asked.body.claimId as string };
}

const finished = (claimId: string) => finishedExecution('approve-cancel-request', claimId);

describe('approve-cancel-request workflow', () => {
  it('approved: waits on its token, wakes, and starts the settlement of the claim', async () => {
    const { claimId } = await request();
    await storedToken(claimId);
    expect((await call('POST', `/claims/${claimId}/approval`, { token: await token('seller', 'S-1') })).status).toBe(
      202,
    );
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    // The stack's first wait is 3 s: on a loaded machine the approval may come after the reminder.
    const path = entered(events);
    expect(path.slice(0, 2)).toEqual([STEPS.notifySeller, STEPS.awaitDecision]);
    expect(path.slice(-3)).toEqual(['route-decision', 'start-settle-claim', 'end-request']);
    expect(path).not.toContain(STEPS.expireRequest);
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
  });

  it('a token that is unknown, or already answered, is TaskTimedOut', async () => {
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'no-such-token', output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    const { claimId } = await request();
    const taskToken = await storedToken(claimId);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    await call('POST', `/claims/${claimId}/approval`, { token: await token('seller', 'S-1') });
    await finished(claimId);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ decision: 'WITHDRAWN' }) })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken }))).rejects.toBeInstanceOf(TaskTimedOut);
    await finishedExecution('settle-claim', claimId);
    expect((await call('GET', `/claims/${claimId}`, { token: await token('seller', 'S-1') })).body.status).toBe(
      'COMPLETED',
    );
  });

  it('the wait times out (shortened by configuration), a fresh token is minted, the old one is closed', async () => {
    const { claimId } = await request();
    const first = await storedToken(claimId);
    const second = await storedToken(claimId, first); // after the reminder, the second wait has its own token
    expect(second).not.toBe(first);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: JSON.stringify({ decision: 'APPROVED' }) })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    // A failure sent on the open token ends the wait: the claim goes to the operator with the reason.
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: second, error: 'SellerUnreachable', cause: 'The shop closed.' }),
    );
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('FAILED');
    expect(entered(events)).toEqual([
      STEPS.notifySeller,
      STEPS.awaitDecision,
      'check-wait-outcome',
      STEPS.markDelayed,
      STEPS.awaitDecision,
      STEPS.failClaim,
      'request-not-completed',
    ]);
    expect(events.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(1);
    const claim = await call('GET', `/claims/${claimId}`, { token: await token('seller', 'S-1') });
    expect(claim.body).toMatchObject({
      status: 'NEEDS_OPERATOR',
      delayed: true,
      failure: { error: 'SellerUnreachable', cause: 'The shop closed.' },
    });
  });
});
