// request-cancel where it meets the SDK: a request whose approval workflow cannot start now is kept, for the reconciler
// to start.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/request-cancel.js';
import { anOrder } from '../../support/fixtures.js';
import { apiEvent, context, json } from '../../support/lambda.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
beforeEach(() => {
  // The order's outbox, for the next event's sequence number: empty.
  dynamo.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

describe('request-cancel handler', () => {
  it(
    'when the approval workflow cannot start now: 202, and the request stays AWAITING_APPROVAL, holding the ' + 'order',
    async () => {
      const stored: Record<string, Record<string, unknown>> = {
        'ORDER#O-1/ORDER': {
          ...anOrder({ status: 'PREPARING', expectedShipDate: '2099-01-01' }),
          pk: 'ORDER#O-1',
          sk: 'ORDER',
        },
      };
      dynamo.on(GetCommand).callsFake((input) => ({ Item: stored[`${input.Key.pk}/${input.Key.sk}`] }));
      dynamo.on(BatchGetCommand).callsFake((input) => ({
        Responses: {
          [process.env.TABLE_NAME!]: input.RequestItems[process.env.TABLE_NAME!].Keys.map(
            (k: { pk: string; sk: string }) => stored[`${k.pk}/${k.sk}`],
          ),
        },
      }));
      dynamo.on(TransactWriteCommand).callsFake((input) => {
        for (const { Put } of input.TransactItems) if (Put) stored[`${Put.Item.pk}/${Put.Item.sk}`] = Put.Item;
        return {};
      });
      sfn.on(StartExecutionCommand).rejects(new Error('connect ECONNREFUSED'));

      const event = apiEvent({
        routeKey: 'POST /orders/{orderNo}/cancel-requests',
        path: '/orders/O-1/cancel-requests',
        pathParameters: { orderNo: 'O-1' },
        body: {},
        claims: { 'custom:role': 'buyer', 'custom:party_id': 'B-1' },
      });
      const answer = json(await handler(event, context));

      expect(answer.statusCode).toBe(202);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
      const claim = Object.values(stored).find((item) => item.sk === 'CLAIM')!;
      expect(claim).toMatchObject({ status: 'AWAITING_APPROVAL', claimId: answer.body.claimId });
      expect(stored['ORDER#O-1/ORDER']).toMatchObject({ status: 'CANCEL_REQUESTED', openClaimId: answer.body.claimId });
    },
  );
});
