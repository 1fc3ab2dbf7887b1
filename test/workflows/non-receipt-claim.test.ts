// The non-receipt workflow on the local runner: it waits on a task token for the seller's answer,
// ends when woken, reads an answer whose wake was lost when its wait times out, and hands an
// unanswered report to the operator, then refunds it by default through settle-claim.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { entered, finishedExecution } from '../support/executions.js';
import { aSeller, call, eventually, registered, token } from '../support/http.js';
import { STEPS } from '../../shared/workflow/steps.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

const waitKey = (claimId: string) => ({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } });
const storedToken = async (claimId: string) =>
  (
    await eventually(
      () => db.send(new GetCommand(waitKey(claimId))),
      (answer) => Boolean(answer.Item?.token),
    )
  ).Item!.token as string;

async function report() {
  const { sellerId } = await aSeller();
  const order = await registered({ status: 'IN_TRANSIT', sellerId });
  const reported = await call('POST', `/orders/${order.orderNo}/non-receipt`, {
    token: await token('buyer', order.buyer.id),
    body: {},
  });
  expect(reported.status).toBe(202);
  return { order, claimId: reported.body.claimId as string, seller: await token('seller', sellerId) };
}

// The buyer's wait is 8 s on the test stack.
const finished = (claimId: string) => finishedExecution('non-receipt-claim', claimId, 30_000);

describe('non-receipt-claim workflow', () => {
  it('answered: woken, it waits for the buyer, who stays silent: the answer closes as accepted', async () => {
    const { claimId, seller } = await report();
    await storedToken(claimId);
    const answered = await call('POST', `/claims/${claimId}/non-receipt-answer`, {
      token: seller,
      body: { answer: 'PROOF', note: '配達済み' },
    });
    expect(answered.status).toBe(202);
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([
      STEPS.awaitDecision,
      'route-answer',
      STEPS.awaitBuyer,
      STEPS.closeAnsweredNonReceipt,
      'end-report',
    ]);
    const claim = (await call('GET', `/claims/${claimId}`, { token: seller })).body;
    expect(claim.status).toBe('COMPLETED');
  });

  it('the buyer accepts while the workflow waits for them: woken, it ends', async () => {
    const { order, claimId, seller } = await report();
    const first = await storedToken(claimId);
    await call('POST', `/claims/${claimId}/non-receipt-answer`, { token: seller, body: { answer: 'PROOF' } });
    await eventually(
      () => db.send(new GetCommand(waitKey(claimId))),
      (answer) => typeof answer.Item?.token === 'string' && answer.Item.token !== first,
    );
    const buyer = await token('buyer', order.buyer.id);
    expect((await call('POST', `/claims/${claimId}/non-receipt-acceptance`, { token: buyer, body: {} })).status).toBe(
      202,
    );
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([STEPS.awaitDecision, 'route-answer', STEPS.awaitBuyer, 'end-report']);
  });

  it('a wake lost: the wait times out, reads the answer, hands nothing over, waits for the buyer', async () => {
    const { claimId, seller } = await report();
    await storedToken(claimId);
    // The token lost before the answer (as if Step Functions never took the wake): the answer is the claim's.
    await db.send(new DeleteCommand(waitKey(claimId)));
    await call('POST', `/claims/${claimId}/non-receipt-answer`, { token: seller, body: { answer: 'PROOF' } });
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([
      STEPS.awaitDecision,
      STEPS.handOverNonReceipt,
      'route-hand-over',
      STEPS.awaitBuyer,
      STEPS.closeAnsweredNonReceipt,
      'end-report',
    ]);
    expect((await call('GET', `/claims/${claimId}`, { token: seller })).body.status).toBe('COMPLETED');
  });

  it('unanswered: handed to the operator, then refunded by default through settle-claim', async () => {
    const { order, claimId, seller } = await report();
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([
      STEPS.awaitDecision,
      STEPS.handOverNonReceipt,
      'route-hand-over',
      'wait-for-operator',
      STEPS.refundByDefault,
      'route-by-default',
      'start-settle-claim',
      'end-report',
    ]);
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body).toMatchObject({ status: 'RETURNED' });
    expect(read.body.refunds).toHaveLength(1);
  });
});
