// approve-request and await-decision where they meet the SDK: the decision is the claim's, the
// token only wakes the workflow, and a closed token (TaskTimedOut) is no error.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as approve } from '../../../functions/api/approve-request.js';
import { handler as awaitDecision } from '../../../functions/steps/await-decision.js';
import { anOrder } from '../../support/fixtures.js';
import { apiEvent, context, json, sellerClaims } from '../../support/lambda.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

const TOKEN = 'AAAA-secret-task-token-of-the-waiting-approval-0123456789';
const waitingClaim = (overrides = {}) => ({
  pk: 'CLAIM#C-1',
  sk: 'CLAIM',
  claimId: 'C-1',
  type: 'BUYER_CANCEL',
  status: 'AWAITING_APPROVAL',
  orderNo: 'O-1',
  orderNos: ['O-1'],
  excluded: [],
  cartNo: 'CART-1',
  sellerId: 'S-1',
  buyerId: 'B-1',
  reason: 'BUYER_CHANGED_MIND',
  fault: 'BUYER',
  scope: 'ORDER',
  requestedBy: { role: 'buyer', id: 'B-1' },
  requestedAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
  version: 3,
  ...overrides,
});
const requestedOrder = anOrder({
  status: 'CANCEL_REQUESTED',
  openClaimId: 'C-1',
  claimIds: ['C-1'],
  expectedShipDate: '2099-01-01',
});
const approveEvent = () =>
  apiEvent({
    routeKey: 'POST /claims/{claimId}/approval',
    path: '/claims/C-1/approval',
    pathParameters: { claimId: 'C-1' },
    claims: sellerClaims(),
  });

beforeEach(() => {
  dynamo.on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' } }).resolves({ Item: waitingClaim() });
  dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'ORDER' } }).resolves({ Item: requestedOrder });
  // The token is kept in an item of its own beside the claim.
  dynamo
    .on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'WAIT' } })
    .resolves({ Item: { pk: 'CLAIM#C-1', sk: 'WAIT', token: TOKEN } });
  dynamo.on(TransactWriteCommand).resolves({});
  // The order's outbox, for the next event's sequence number: empty.
  dynamo.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

describe('approve-request', () => {
  it(
    'writes the decision first (conditional on the version read), then wakes the workflow with the stored ' + 'token',
    async () => {
      sfn.on(SendTaskSuccessCommand).resolves({});
      const answer = json(await approve(approveEvent(), context));
      expect(answer).toMatchObject({ statusCode: 202, body: { claimId: 'C-1', status: 'IN_PROGRESS' } });
      const put = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!;
      expect(put).toMatchObject({ ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': 3 } });
      expect(put.Item).toMatchObject({ status: 'IN_PROGRESS', version: 4 });
      expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
        taskToken: TOKEN,
        output: JSON.stringify({ decision: 'APPROVED' }),
      });
      expect(JSON.stringify(answer)).not.toContain(TOKEN);
    },
  );

  it(
    'a token the workflow no longer waits on (TaskTimedOut) is no error: the decision stands on the ' + 'claim',
    async () => {
      sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
      expect(json(await approve(approveEvent(), context)).statusCode).toBe(202);
    },
  );

  it('a decision made by someone else first is 409, and nothing is sent', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'x',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    );
    dynamo
      .on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' } })
      .resolvesOnce({ Item: waitingClaim() })
      .resolves({ Item: waitingClaim({ status: 'WITHDRAWN', version: 4 }) });
    const answer = json(await approve(approveEvent(), context));
    expect(answer.statusCode).toBe(409);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('another seller is 404, as for an unknown claim', async () => {
    const event = apiEvent({
      routeKey: 'POST /claims/{claimId}/approval',
      path: '/claims/C-1/approval',
      pathParameters: { claimId: 'C-1' },
      claims: sellerClaims('S-2'),
    });
    expect(json(await approve(event, context)).statusCode).toBe(404);
  });
});

describe('await-decision step', () => {
  it(
    'keeps the token beside the waiting claim, written only if the claim is as read, and answers without ' + 'it',
    async () => {
      const result = await awaitDecision({ claimId: 'C-1', taskToken: TOKEN }, context);
      expect(result).toEqual({ claimId: 'C-1', waiting: true });
      const [put, check] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
      expect(put!.Put!.Item).toEqual({ pk: 'CLAIM#C-1', sk: 'WAIT', entity: 'wait', token: TOKEN });
      expect(check).toEqual({
        ConditionCheck: {
          TableName: expect.any(String),
          Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' },
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': 3 },
        },
      });
      expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
      expect(sfn.calls()).toHaveLength(0);
    },
  );

  it('wakes the workflow at once when the decision came before the wait', async () => {
    dynamo
      .on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' } })
      .resolves({ Item: waitingClaim({ status: 'WITHDRAWN' }) });
    sfn.on(SendTaskSuccessCommand).resolves({});
    expect(await awaitDecision({ claimId: 'C-1', taskToken: TOKEN }, context)).toEqual({
      claimId: 'C-1',
      waiting: false,
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: TOKEN,
      output: JSON.stringify({ decision: 'WITHDRAWN' }),
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it(
    'Step Functions not taking the wake (throttled past the SDK’s retries) fails the step WorkflowUnavailable, ' +
      'which the workflow retries',
    async () => {
      dynamo
        .on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' } })
        .resolves({ Item: waitingClaim({ status: 'WITHDRAWN' }) });
      sfn
        .on(SendTaskSuccessCommand)
        .rejects(
          Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { attempts: 3 } }),
        );
      await expect(awaitDecision({ claimId: 'C-1', taskToken: TOKEN }, context)).rejects.toMatchObject({
        name: 'WorkflowUnavailable',
        message: expect.stringContaining('ThrottlingException'),
      });
    },
  );
});
