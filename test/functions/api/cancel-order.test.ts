// The cancel-order handler where it meets the SDK: DynamoDB and Step Functions mocked.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/cancel-order.js';
import { anOrder } from '../../support/fixtures.js';
import { apiEvent, context, json, sellerClaims } from '../../support/lambda.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

const body = { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', notice: { title: 'お詫び', body: '在庫切れのためキャンセルします。' } };
const event = (claims: Record<string, string> = sellerClaims()) =>
  apiEvent({ routeKey: 'POST /orders/{orderNo}/cancellations', path: '/orders/O-1/cancellations', pathParameters: { orderNo: 'O-1' }, body, claims });

function storedOrder(overrides = {}) {
  const order = anOrder({ status: 'PREPARING', expectedShipDate: '2099-01-01', ...overrides });
  return { ...order, pk: 'ORDER#O-1', sk: 'ORDER' };
}

beforeEach(() => {
  dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'ORDER' } }).resolves({ Item: storedOrder() });
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

describe('cancel-order handler', () => {
  it('opens the claim in one conditional transaction, starts the workflow named after it, answers 202', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });

    const answer = json(await handler(event(), context));

    expect(answer.statusCode).toBe(202);
    expect(answer.headers.location).toBe(`/claims/${answer.body.claimId}`);
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    const items = write!.args[0].input.TransactItems!.map((item) => item.Put!);
    const order = items.find((put) => put.Item!.sk === 'ORDER')!;
    expect(order.ConditionExpression).toBe('version = :read');
    expect(order.ExpressionAttributeValues).toEqual({ ':read': 1 });
    expect(order.Item).toMatchObject({ openClaimId: answer.body.claimId, version: 2, status: 'PREPARING' });
    const claim = items.find((put) => put.Item!.sk === 'CLAIM')!;
    expect(claim.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(claim.Item).toMatchObject({ status: 'REQUESTED', reason: 'OUT_OF_STOCK', fault: 'SELLER', sellerId: 'S-1' });
    expect(items.some((put) => String(put.Item!.sk).startsWith('MESSAGE#'))).toBe(true);

    const [start] = sfn.commandCalls(StartExecutionCommand);
    expect(start!.args[0].input).toEqual({ stateMachineArn: process.env.CLAIM_WORKFLOW_ARN, name: answer.body.claimId, input: JSON.stringify({ claimId: answer.body.claimId }) });
  });

  it('when the workflow cannot start, the claim is closed FAILED, the order let go, and the answer is 503', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('connect ECONNREFUSED'));
    // The compensation reads back the claim just written, and the order it holds.
    const opened: Record<string, unknown>[] = [];
    dynamo.on(TransactWriteCommand).callsFake((input) => {
      for (const item of input.TransactItems) opened.push(item.Put.Item);
      return {};
    });
    dynamo.on(GetCommand).callsFake((input) => ({ Item: opened.find((item) => item.pk === input.Key.pk && item.sk === input.Key.sk) ?? storedOrder() }));
    dynamo.on(BatchGetCommand).callsFake(() => ({ Responses: { [process.env.TABLE_NAME!]: [opened.find((item) => item.sk === 'ORDER')] } }));

    const answer = json(await handler(event(), context));

    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    const writes = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems!.map((item) => item.Put!.Item!));
    expect(writes).toHaveLength(2);
    const release = writes[1]!;
    expect(release.find((item) => item.sk === 'CLAIM')).toMatchObject({ status: 'FAILED', failure: { error: 'WorkflowNotStarted' } });
    expect(release.find((item) => item.sk === 'ORDER')).not.toHaveProperty('openClaimId');
  });

  it('a write that loses the race every time answers 409, never 500', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }),
    );

    const answer = json(await handler(event(), context));

    expect(answer.statusCode).toBe(409);
    expect(answer.body.type).toBe('/problems/concurrent-change');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('a token without a role is 401; a buyer is 403; neither touches the table', async () => {
    expect(json(await handler(event({}), context)).statusCode).toBe(401);
    expect(json(await handler(event({ 'custom:role': 'buyer', 'custom:party_id': 'B-1' }), context)).statusCode).toBe(403);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('an unexpected failure is 500 without details', async () => {
    dynamo.on(GetCommand).rejects(new Error('socket hang up'));
    const answer = json(await handler(event(), context));
    expect(answer.statusCode).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('socket');
  });
});
