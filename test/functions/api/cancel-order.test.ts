// The cancel-order handler where it meets the SDK: DynamoDB and Step Functions mocked.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/cancel-order.js';
import { CORRELATION_ID } from '../../../shared/observability.js';
import { anOrder } from '../../support/fixtures.js';
import { apiEvent, context, json, sellerClaims } from '../../support/lambda.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

const body = {
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れ',
  notice: { title: 'お詫び', body: '在庫切れのためキャンセルします。' },
};
const event = (claims: Record<string, string> = sellerClaims()) =>
  apiEvent({
    routeKey: 'POST /orders/{orderNo}/cancellations',
    path: '/orders/O-1/cancellations',
    pathParameters: { orderNo: 'O-1' },
    body,
    claims,
  });

function storedOrder(overrides = {}) {
  const order = anOrder({ status: 'PREPARING', expectedShipDate: '2099-01-01', ...overrides });
  return { ...order, pk: 'ORDER#O-1', sk: 'ORDER' };
}

beforeEach(() => {
  dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'ORDER' } }).resolves({ Item: storedOrder() });
  // The order's outbox, for the next event's sequence number: empty.
  dynamo.on(QueryCommand).resolves({ Items: [] });
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
    const items = write!.args[0].input.TransactItems!.filter((item) => item.Put).map((item) => item.Put!);
    const order = items.find((put) => put.Item!.sk === 'ORDER')!;
    expect(order.ConditionExpression).toBe('version = :read');
    expect(order.ExpressionAttributeValues).toEqual({ ':read': 1 });
    expect(order.Item).toMatchObject({ openClaimId: answer.body.claimId, version: 2, status: 'PREPARING' });
    const claim = items.find((put) => put.Item!.sk === 'CLAIM')!;
    expect(claim.ConditionExpression).toBe('attribute_not_exists(pk)');
    // The API request's id is the claim's correlation id, carried into its workflow.
    expect(claim.Item).toMatchObject({
      status: 'REQUESTED',
      reason: 'OUT_OF_STOCK',
      fault: 'SELLER',
      sellerId: 'S-1',
      correlationId: 'req-1',
    });
    expect(items.some((put) => String(put.Item!.sk).startsWith('MESSAGE#'))).toBe(true);

    const [start] = sfn.commandCalls(StartExecutionCommand);
    expect(start!.args[0].input).toEqual({
      stateMachineArn: process.env.CLAIM_WORKFLOW_ARN,
      name: answer.body.claimId,
      input: JSON.stringify({ claimId: answer.body.claimId, correlationId: 'req-1' }),
    });
    expect(answer.headers).toMatchObject({ 'x-correlation-id': 'req-1' });
  });

  it(
    'without X-Correlation-Id, API Gateway’s base64 request id reaches the run as a correlation id its steps ' +
      'accept',
    async () => {
      dynamo.on(TransactWriteCommand).resolves({});
      sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
      // As an HTTP API hands it out (AWS's payload 2.0 example): base64, ending in '='.
      const fromAws = { ...event(), requestContext: { ...event().requestContext, requestId: 'JKJaXmPLvHcESHA=' } };

      const answer = json(await handler(fromAws, context));

      expect(answer.statusCode).toBe(202);
      const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!) as {
        correlationId: string;
      };
      expect(input.correlationId).toBe('JKJaXmPLvHcESHA');
      expect(input.correlationId).toMatch(CORRELATION_ID);
      expect(answer.headers['x-correlation-id']).toBe('JKJaXmPLvHcESHA');
    },
  );

  it(
    'when the workflow cannot start now, the claim is kept (202) for the reconciler, which finds it open and ' +
      'unchanged',
    async () => {
      sfn.on(StartExecutionCommand).rejects(new Error('connect ECONNREFUSED'));
      const answer = json(await handler(event(), context));
      expect(answer.statusCode).toBe(202);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
      // One transaction: the claim opened with the order held; nothing undone.
      const writes = dynamo
        .commandCalls(TransactWriteCommand)
        .map((call) => call.args[0].input.TransactItems!.filter((item) => item.Put).map((item) => item.Put!.Item!));
      expect(writes).toHaveLength(1);
      expect(writes[0]!.find((item) => item.sk === 'CLAIM')).toMatchObject({
        status: 'REQUESTED',
        gsi4pk: expect.stringMatching(/^OPEN#REQUESTED#\d{2}$/),
      });
      expect(writes[0]!.find((item) => item.sk === 'ORDER')).toMatchObject({ openClaimId: answer.body.claimId });
    },
  );

  it('a write that loses the race every time answers 409, never 500', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );

    const answer = json(await handler(event(), context));

    expect(answer.statusCode).toBe(409);
    expect(answer.body.type).toBe('/problems/concurrent-change');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(5); // read again and decide again, five times
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('a token without a role is 401; a buyer is 403; neither touches the table', async () => {
    expect(json(await handler(event({}), context)).statusCode).toBe(401);
    expect(json(await handler(event({ 'custom:role': 'buyer', 'custom:party_id': 'B-1' }), context)).statusCode).toBe(
      403,
    );
    expect(dynamo.calls()).toHaveLength(0);
  });

  it(
    'an ID token (which the JWT authorizer lets through when its audience matches) is 401, and touches ' + 'nothing',
    async () => {
      expect(json(await handler(event({ ...sellerClaims(), token_use: 'id' }), context)).statusCode).toBe(401);
      expect(dynamo.calls()).toHaveLength(0);
    },
  );

  it('an unexpected failure is 500 without details', async () => {
    dynamo.on(GetCommand).rejects(new Error('socket hang up'));
    const answer = json(await handler(event(), context));
    expect(answer.statusCode).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('socket');
  });
});
