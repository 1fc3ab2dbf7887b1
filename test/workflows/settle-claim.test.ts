// The real settle-claim workflow file on the local runner, against DynamoDB Local and the SES emulator,
// read through its execution history as one would read it in the Step Functions console.
import { describe, expect, it } from 'vitest';
import { entered, finishedExecution as finished, lambdaFailures } from '../support/executions.js';
import { aCancellation, call, claimWhenSettled, emailsTo, registered, sesFails, token } from '../support/http.js';

const finishedExecution = (claimId: string) => finished('settle-claim', claimId);

async function startCancellation(overrides: Parameters<typeof registered>[0] = {}) {
  const order = await registered(overrides);
  const seller = await token('seller', 'S-1');
  const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
  expect(accepted.status).toBe(202);
  return { order, seller, claimId: accepted.body.claimId as string };
}

describe('settle-claim workflow, seller cancellation', () => {
  it('happy path: every step once, in order, and the execution succeeds', async () => {
    const { claimId } = await startCancellation();
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual(['check-transition', 'notice-to-send', 'notify-buyer', 'apply-claim', 'refund-each', 'refund', 'complete-claim', 'notify-buyer-done', 'done']);
    expect(events.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(5);
    expect(lambdaFailures(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('SES throttled twice, then it succeeds: two retries in the history, one e-mail, the claim completes', async () => {
    const email = `throttled-${Date.now()}@example.jp`;
    await sesFails(email, 2, 'Throttling');
    const { claimId, seller } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' } });
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['BuyerNoticeRetryable', 'BuyerNoticeRetryable']);
    const notifyScheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled' && e.lambdaFunctionScheduledEventDetails?.resource?.endsWith(':notify-buyer'));
    expect(notifyScheduled).toHaveLength(4); // the notice three times, the completion notice once (the refund notice is the child's)

    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body.status).toBe('COMPLETED');
    const notice = claim.body.messages.find((m: { messageId: string }) => m.messageId === claim.body.noticeMessageId);
    expect(notice).toMatchObject({ email: 'SENT', emailAttempts: 3 });
    expect(await emailsTo(email)).toHaveLength(3);
  });

  it('SES refusing for good: the claim is FAILED with the reason, and the order is untouched', async () => {
    const email = `rejected-${Date.now()}@example.jp`;
    await sesFails(email, 1, 'MessageRejected');
    const { claimId, seller, order } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' }, status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('ClaimNotCompleted');
    expect(entered(events)).toEqual(['check-transition', 'notice-to-send', 'notify-buyer', 'fail-claim', 'claim-not-completed']);
    expect(lambdaFailures(events)).toEqual(['BuyerNoticeFailed']);

    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body).toMatchObject({ status: 'FAILED', failure: { error: 'BuyerNoticeFailed', cause: expect.stringContaining('MessageRejected') } });
    expect(claim.body.notice.emails).toEqual({ sent: 0, failed: 1 });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body).toMatchObject({ status: 'PREPARING', refunds: [], claimInProgress: null });
    expect(read.body.allowedActions).toContain('SHIP');
    // Let go, the order can be cancelled again once the buyer can be told.
    const again = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
    expect(again.status).toBe(202);
    expect((await claimWhenSettled(again.body.claimId, seller)).body.status).toBe('COMPLETED');
  });

  it('SES throttling past every retry also fails the claim cleanly', async () => {
    const email = `always-throttled-${Date.now()}@example.jp`;
    await sesFails(email, 6, 'Throttling');
    const { claimId, seller, order } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' } });
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('FAILED');
    expect(lambdaFailures(events)).toEqual(Array(6).fill('BuyerNoticeRetryable'));
    expect((await claimWhenSettled(claimId, seller)).body.status).toBe('FAILED');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({ status: 'NEW', refunds: [] });
  });

  it('failed refund and completion e-mails do not undo a completed claim: they stay recorded as failed', async () => {
    const email = `done-rejected-${Date.now()}@example.jp`;
    const order = await registered({ buyer: { id: 'B-1', email, country: 'JP' } });
    const seller = await token('seller', 'S-1');
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, { token: seller, body: { category: 'CANCEL_REFUND', title: 'お詫び', body: '在庫切れです。', alsoEmail: true } });
    // The notice has gone; the next two e-mails (the refund's and the completion's) are refused.
    await sesFails(email, 2, 'MessageRejected');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', noticeMessageId: sent.body.messageId } });
    const claimId = accepted.body.claimId as string;
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['BuyerNoticeFailed']);
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body.status).toBe('COMPLETED');
    expect(claim.body.refunds[0].status).toBe('COMPLETED');
    for (const kind of ['REFUND_COMPLETED', 'CLAIM_COMPLETED']) {
      expect(claim.body.messages.find((m: { kind: string }) => m.kind === kind)).toMatchObject({ email: 'FAILED', emailError: expect.stringContaining('MessageRejected') });
    }
  });
});
