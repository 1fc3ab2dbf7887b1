// The return workflow on the local runner (workflows/return-claim.asl.json), with the stack's short
// waits (test/support/local-stack.ts): 3 s to the delayed flag and 3 s more to the operator for the
// seller's decision, 8 s for the buyer's parcel, 4 s for the seller's receipt and 3 s more. Each
// scenario goes through the public API and asserts on the execution's history, the claim and the
// e-mails the buyer and the operator received.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { entered, executionArn, finishedExecution, sfn } from '../support/executions.js';
import { aSeller, call, emailsTo, eventually, OPERATOR_EMAIL, registered, token } from '../support/http.js';
import { STEPS } from '../../shared/workflow/steps.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

/** Until the run keeps a token for the step of `status` (it waits there). */
const waiting = (claimId: string) =>
  eventually(
    () => db.send(new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } })),
    (answer) => typeof answer.Item?.token === 'string',
  );

async function aReturn(reason = 'CHANGED_MIND') {
  const { sellerId, sellerEmail } = await aSeller();
  const order = await registered({ status: 'IN_TRANSIT', sellerId });
  await call('POST', `/orders/${order.orderNo}/delivery`, { token: await token('operator', 'OP-1') });
  const buyer = await token('buyer', order.buyer.id);
  const seller = await token('seller', sellerId);
  const asked = await call('POST', `/orders/${order.orderNo}/returns`, { token: buyer, body: { reason } });
  expect(asked.status).toBe(202);
  const claimId = asked.body.claimId as string;
  return { order, buyer, seller, claimId, sellerEmail };
}

const approve = (claimId: string, seller: string) =>
  call('POST', `/claims/${claimId}/return-decision`, {
    token: seller,
    body: { decision: 'APPROVE', returnAddress: '東京都港区1-2-3 返品センター', instructions: '元の箱で' },
  });
const shipBack = (claimId: string, buyer: string) =>
  call('POST', `/claims/${claimId}/return-shipment`, {
    token: buyer,
    body: { carrier: 'ヤマト運輸', trackingNo: '1234-5678-9012' },
  });
/** The status each wait of the run waited in, in order, and those whose timer ran out. */
function waits(events: HistoryEvent[]) {
  const entered: string[] = [];
  const timedOut: string[] = [];
  for (const event of events) {
    const details = event.stateEnteredEventDetails;
    if (details?.name === STEPS.awaitReturnStep)
      entered.push((JSON.parse(details.input ?? '{}') as { wait: { status: string } }).wait.status);
    if (event.type === 'TaskTimedOut') timedOut.push(entered.at(-1)!);
  }
  return { entered, timedOut };
}

/** Until the run waits for the step of `status`. */
const waitingIn = (claimId: string, status: string) =>
  eventually(
    async () =>
      (await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn('return-claim', claimId) })))
        .events ?? [],
    (events) => waits(events).entered.includes(status),
  );

const claimOf = (claimId: string, seller: string) => call('GET', `/claims/${claimId}`, { token: seller });
const subjects = async (address: string) => (await emailsTo(address)).map((email) => email.subject);
const finished = (claimId: string, timeoutMs = 20_000) => finishedExecution('return-claim', claimId, timeoutMs);

describe('return-claim workflow', () => {
  it('approved, sent back, received: each wait woken by its step, the buyer told of each, refunded', async () => {
    const { order, buyer, seller, claimId } = await aReturn();
    await waiting(claimId);
    expect((await approve(claimId, seller)).status).toBe(202);
    await waitingIn(claimId, 'AWAITING_RETURN');
    expect((await shipBack(claimId, buyer)).status).toBe(202);
    await waitingIn(claimId, 'RETURN_IN_TRANSIT');
    const received = await call('POST', `/claims/${claimId}/return-receipt`, {
      token: seller,
      body: { outcome: 'RECEIVED' },
    });
    expect(received.status).toBe(202);
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    const path = entered(events);
    expect(path.slice(0, 3)).toEqual([STEPS.advanceReturn, 'check-return-wait', STEPS.awaitReturnStep]);
    expect(path.slice(-3)).toEqual([STEPS.advanceReturn, 'check-return-wait', 'end-return']);
    expect(path).not.toContain(STEPS.failClaim);
    // The parcel's and the receipt's waits were ended by their steps' wakes, not by their timers (8 s and 4 s); the
    // decision's (3 s) may run out first on a loaded machine, which only flags the claim.
    const { entered: waited, timedOut } = waits(events);
    expect(waited).toEqual(expect.arrayContaining(['AWAITING_APPROVAL', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT']));
    expect(timedOut.filter((status) => status !== 'AWAITING_APPROVAL')).toEqual([]);
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
    expect((await claimOf(claimId, seller)).body.status).toBe('COMPLETED');
    const mails = await eventually(
      () => subjects(order.buyer.email),
      (found) => found.some((subject) => subject.includes('返金')),
    );
    expect(mails).toEqual(
      expect.arrayContaining([
        `【Qoo10】ご注文 ${order.orderNo} の返品申請を受け付けました`,
        `【Qoo10】ご注文 ${order.orderNo} の返品が承認されました`,
        `【Qoo10】ご注文 ${order.orderNo} の返品が到着しました`,
      ]),
    );
    const approvedMail = (await emailsTo(order.buyer.email)).find((email) => email.subject.includes('承認'))!;
    expect(approvedMail.body.text).toContain('返送先: 東京都港区1-2-3 返品センター');
  });

  it('refused: the buyer reads the reason and the way to the operator; the run ends', async () => {
    const { order, seller, claimId } = await aReturn();
    const refused = await call('POST', `/claims/${claimId}/return-decision`, {
      token: seller,
      body: { decision: 'REFUSE', reason: '使用済みのため' },
    });
    expect(refused.status).toBe(202);
    expect((await finished(claimId)).described.status).toBe('SUCCEEDED');
    const mail = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.some((email) => email.subject.includes('お受けできません')),
    );
    const refusal = mail.find((email) => email.subject.includes('お受けできません'))!;
    expect(refusal.body.text).toContain('理由: 使用済みのため');
  });

  it('unanswered: flagged delayed after the first wait (the operator told), then the operator’s', async () => {
    const { order, seller, claimId, sellerEmail } = await aReturn();
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events).filter((state) => state === STEPS.markReturnOverdue)).toHaveLength(2);
    expect(events.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(2);
    expect((await claimOf(claimId, seller)).body).toMatchObject({
      status: 'NEEDS_OPERATOR',
      delayed: true,
      failure: { error: 'ReturnDecisionTimedOut' },
    });
    const operator = (await emailsTo(OPERATOR_EMAIL)).filter((email) => email.body.text?.includes(order.orderNo));
    expect(operator.map((email) => email.body.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('has waited over 4 days'),
        expect.stringContaining('did not decide on the buyer'),
      ]),
    );
    expect(await subjects(order.buyer.email)).toContain(`【Qoo10】ご注文 ${order.orderNo} の返品は運営が対応します`);
    // The seller was told of the request, then reminded once at the flag.
    expect(await subjects(sellerEmail)).toEqual([
      `[Qoo10 QSM] お客様から返品申請がありました: 注文 ${order.orderNo}`,
      `[Qoo10 QSM] 【リマインド】4日以上対応されていない返品申請があります: 注文 ${order.orderNo}`,
    ]);
  });

  it('a receipt not confirmed in time: the operator is told, and the seller’s receipt still settles it', async () => {
    const { order, buyer, seller, claimId } = await aReturn('DEFECTIVE');
    await approve(claimId, seller);
    await shipBack(claimId, buyer);
    await eventually(
      () => emailsTo(OPERATOR_EMAIL),
      (found) =>
        found.some((email) =>
          email.body.text?.includes(`has not confirmed receipt of the return of order ${order.orderNo}`),
        ),
    );
    expect((await claimOf(claimId, seller)).body.status).toBe('RETURN_IN_TRANSIT');
    const received = await call('POST', `/claims/${claimId}/return-receipt`, {
      token: seller,
      body: { outcome: 'RECEIVED' },
    });
    expect(received.status).toBe(202);
    const { described, events } = await finished(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events).filter((state) => state === STEPS.markReturnOverdue)).toHaveLength(1);
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
  });

  it('an approved return never sent back goes to the operator when its wait runs out', async () => {
    const { order, seller, claimId } = await aReturn();
    await approve(claimId, seller);
    const { described } = await finished(claimId, 30_000);
    expect(described.status).toBe('SUCCEEDED');
    expect((await claimOf(claimId, seller)).body).toMatchObject({
      status: 'NEEDS_OPERATOR',
      failure: { error: 'ReturnNotShipped' },
    });
    const operator = await emailsTo(OPERATOR_EMAIL);
    expect(
      operator.some((email) =>
        email.body.text?.includes(`did not send back the approved return of order ${order.orderNo}`),
      ),
    ).toBe(true);
  });
});
