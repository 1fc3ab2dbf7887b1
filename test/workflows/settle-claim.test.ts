// The real settle-claim workflow file on the local runner, against DynamoDB Local, the SES
// stand-in and the local payment gateway, read through its execution history as one would read it
// in the Step Functions console.
import { describe, expect, it } from 'vitest';
import { entered, finishedExecution as finished, lambdaFailures } from '../support/executions.js';
import {
  aCancellation,
  call,
  claimWhenSettled,
  emailsTo,
  eventually,
  OPERATOR_EMAIL,
  paymentOperations,
  paymentsFail,
  registered,
  sesFails,
  token,
  webhooksFor,
} from '../support/http.js';
import { STEPS } from '../../shared/workflow/steps.js';

const finishedExecution = (name: string) => finished('settle-claim', name);

async function startCancellation(
  overrides: Parameters<typeof registered>[0] = {},
  before?: (order: Awaited<ReturnType<typeof registered>>) => Promise<void>,
) {
  const order = await registered(overrides);
  await before?.(order);
  const seller = await token('seller', 'S-1');
  const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
    token: seller,
    body: aCancellation(),
  });
  expect(accepted.status).toBe(202);
  const claimId = accepted.body.claimId as string;
  return { order, seller, claimId, refundId: `${claimId}.${order.orderNo}` };
}

const lambdaCalls = (events: Awaited<ReturnType<typeof finishedExecution>>['events']) =>
  events.filter((e) => e.type === 'LambdaFunctionScheduled').length;

describe('settle-claim workflow, seller cancellation', () => {
  it('a card refund: apply, the provider’s webhook wakes the wait, complete; no polling', async () => {
    const { claimId, seller, refundId, order } = await startCancellation();
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([STEPS.applyClaim, STEPS.awaitCardConfirmation, STEPS.completeClaim]);
    expect(lambdaCalls(events)).toBe(2);
    expect(events.filter((e) => e.type === 'TaskScheduled')).toHaveLength(1);
    expect(lambdaFailures(events)).toEqual([]);
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body.refunds).toEqual([
      expect.objectContaining({
        status: 'COMPLETED',
        method: 'CARD_AUTHORIZATION_CANCEL',
        attempts: 1,
        providerReference: expect.stringMatching(/^AC-/),
        confirmedAt: expect.any(String),
      }),
    ]);
    expect(claim.body.refunds[0]).not.toHaveProperty('confirmationTaskToken');
    expect(await paymentOperations(`refund:${refundId}:a1`)).toEqual([
      expect.objectContaining({ kind: 'AUTHORIZATION_CANCELLATION', received: 1 }),
    ]);
    expect(await webhooksFor(`refund:${refundId}:a1`)).toEqual([
      expect.objectContaining({ type: 'authorization_cancellation.confirmed', status: 200 }),
    ]);
    expect(claim.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['CANCELLED', 'REFUND_COMPLETED', 'CLAIM_COMPLETED']),
    );
    expect(order.orderNo).toBeDefined();
  });

  it(
    'the card side confirming in its answer: nothing to wait for (the wait ends at once), complete-claim records ' +
      'the refund',
    async () => {
      const { claimId, seller } = await startCancellation({}, (order) => paymentsFail(order.orderNo, 'instant', 1));
      const { described, events } = await finishedExecution(claimId);
      expect(described.status).toBe('SUCCEEDED');
      expect(entered(events)).toEqual([STEPS.applyClaim, STEPS.awaitCardConfirmation, STEPS.completeClaim]);
      expect((await claimWhenSettled(claimId, seller)).body.refunds).toEqual([
        expect.objectContaining({
          status: 'COMPLETED',
          providerReference: expect.stringMatching(/^AC-/),
          confirmedAt: expect.any(String),
        }),
      ]);
    },
  );

  it('a lost webhook: after the wait the provider is asked, and the refund completes', async () => {
    const { claimId, seller, refundId } = await startCancellation({}, (order) =>
      paymentsFail(order.orderNo, 'silent', 1),
    );
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([
      STEPS.applyClaim,
      STEPS.awaitCardConfirmation,
      STEPS.confirmCardRefund,
      'check-card-confirmed',
      STEPS.completeClaim,
    ]);
    expect(await webhooksFor(`refund:${refundId}:a1`)).toEqual([]);
    expect((await claimWhenSettled(claimId, seller)).body.refunds[0]).toMatchObject({
      status: 'COMPLETED',
      confirmedAt: expect.any(String),
    });
  });

  it('a declined webhook: the refund FAILED, the claim NEEDS_OPERATOR', async () => {
    const { claimId, seller } = await startCancellation({}, (order) => paymentsFail(order.orderNo, 'decline-later', 1));
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('FAILED');
    expect(entered(events)).toEqual([
      STEPS.applyClaim,
      STEPS.awaitCardConfirmation,
      STEPS.failClaim,
      'claim-not-completed',
    ]);
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'PaymentDeclined' } });
    expect(claim.body.refunds[0]).toMatchObject({ status: 'FAILED', failure: { error: 'PaymentDeclined' } });
  });

  it.each(['CONVENIENCE_STORE', 'BANK_TRANSFER', 'BALANCE'] as const)(
    '%s: credited once to the buyer’s balance, with the cancellation; three states',
    async (method) => {
      const buyerId = `B-${method}-${Date.now()}`;
      const { claimId, seller, refundId } = await startCancellation({
        payment: { method },
        buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' },
      });
      const { events } = await finishedExecution(claimId);
      expect(entered(events)).toEqual([STEPS.applyClaim, STEPS.awaitCardConfirmation, STEPS.completeClaim]);
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body.refunds[0]).toMatchObject({ status: 'COMPLETED', method: 'BALANCE_CREDIT' });
      const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: await token('buyer', buyerId) });
      expect(balance.body.balance).toEqual({ amount: 3200, currency: 'JPY' });
      expect(balance.body.entries).toEqual([
        expect.objectContaining({
          entryId: `refund:${refundId}`,
          kind: 'REFUND_CREDIT',
          amount: { amount: 3200, currency: 'JPY' },
        }),
      ]);
      expect(await paymentOperations(`refund:${refundId}:a1`)).toEqual([]);
    },
  );

  it('SES throttling is retried by the SDK: one e-mail, no failed step, the claim completes', async () => {
    const email = `throttled-${Date.now()}@example.jp`;
    await sesFails(email, 2, 'Throttling');
    const { claimId, seller } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' } });
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual([]);
    const claim = await claimWhenSettled(claimId, seller);
    expect(
      claim.body.messages.find((m: { messageId: string }) => m.messageId === claim.body.noticeMessageId),
    ).toMatchObject({ email: 'SENT', emailAttempts: 1 });
    expect(
      await eventually(
        () => emailsTo(email),
        (found) => found.length === 3,
      ),
    ).toHaveLength(3);
  });

  it(
    'SES refusing the notice e-mail: the stored message is the notice, the claim completes, the e-mail is recorded ' +
      'FAILED',
    async () => {
      const email = `rejected-${Date.now()}@example.jp`;
      await sesFails(email, 1, 'MessageRejected');
      const { claimId, seller, order } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' } });
      const { described } = await finishedExecution(claimId);
      expect(described.status).toBe('SUCCEEDED');
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body.status).toBe('COMPLETED');
      expect(claim.body.notice).toEqual({ messages: { sent: 1, failed: 0 }, emails: { sent: 0, failed: 1 } });
      expect(
        claim.body.messages.find((m: { messageId: string }) => m.messageId === claim.body.noticeMessageId),
      ).toMatchObject({ email: 'FAILED', emailError: expect.stringContaining('MessageRejected') });
      // The seller sends it again once the address works.
      const resent = await call('POST', `/orders/${order.orderNo}/messages/${claim.body.noticeMessageId}/resend`, {
        token: seller,
      });
      expect(resent.body).toMatchObject({ email: 'SENT', emailAttempts: 2 });
    },
  );

  it('a bounce reported by SES after the send is recorded on the message', async () => {
    const email = `bounces-${Date.now()}@example.jp`;
    await sesFails(email, 1, 'Bounce');
    const { claimId, seller } = await startCancellation({ buyer: { id: 'B-1', email, country: 'JP' } });
    await finishedExecution(claimId);
    const claim = await eventually(
      () => call('GET', `/claims/${claimId}`, { token: seller }),
      (answer) => answer.body.messages?.some((m: { email: string }) => m.email === 'BOUNCED'),
    );
    expect(claim.body.status).toBe('COMPLETED');
    expect(
      claim.body.messages.find((m: { messageId: string }) => m.messageId === claim.body.noticeMessageId),
    ).toMatchObject({ email: 'BOUNCED', emailError: 'Bounce: Permanent/General' });
    expect(claim.body.notice.emails).toEqual({ sent: 0, failed: 1 });
    expect(claim.body.timeline.map((e: { type: string }) => e.type)).toContain('EMAIL_BOUNCED');
  });

  it(
    'completion and refund e-mails refused: the claim stays completed, each e-mail recorded FAILED, the done ' +
      'notice first',
    async () => {
      const email = `done-rejected-${Date.now()}@example.jp`;
      const order = await registered({ buyer: { id: 'B-1', email, country: 'JP' } });
      const seller = await token('seller', 'S-1');
      const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
        token: seller,
        body: { category: 'CANCEL_REFUND', title: 'お詫び', body: '在庫切れです。', alsoEmail: true },
      });
      await sesFails(email, 2, 'MessageRejected');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', noticeMessageId: sent.body.messageId },
      });
      const claimId = accepted.body.claimId as string;
      expect((await finishedExecution(claimId)).described.status).toBe('SUCCEEDED');
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body.status).toBe('COMPLETED');
      const notices = claim.body.messages.filter((m: { kind: string }) => m.kind !== 'SELLER_MESSAGE');
      expect(notices.map((m: { kind: string }) => m.kind)).toEqual(['CLAIM_COMPLETED', 'REFUND_COMPLETED']);
      for (const notice of notices)
        expect(notice).toMatchObject({ email: 'FAILED', emailError: expect.stringContaining('MessageRejected') });
    },
  );

  it('a gateway that times out once: retried with the same key, processed once, the refund completes', async () => {
    const { claimId, seller, refundId } = await startCancellation({}, (order) =>
      paymentsFail(order.orderNo, 'timeout', 1),
    );
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['PaymentUnavailable']);
    // Processed once, however often it arrived: the retry repeats the key, unless the webhook settled the refund first.
    expect(await paymentOperations(`refund:${refundId}:a1`)).toEqual([
      expect.objectContaining({ kind: 'AUTHORIZATION_CANCELLATION' }),
    ]);
    expect((await claimWhenSettled(claimId, seller)).body.status).toBe('COMPLETED');
  });

  it('a gateway failing transiently twice: backoff, then success', async () => {
    const { claimId } = await startCancellation({}, (order) => paymentsFail(order.orderNo, 'transient', 2));
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['PaymentUnavailable', 'PaymentUnavailable']);
  });

  it('the card side slow to confirm and no webhook: asked after each wait, then the refund completes', async () => {
    const { claimId, seller } = await startCancellation({}, (order) => paymentsFail(order.orderNo, 'pending', 2));
    const { described, events } = await finishedExecution(claimId);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events).filter((state) => state === 'confirm-card-refund')).toHaveLength(3);
    expect(lambdaFailures(events)).toEqual([]);
    expect((await claimWhenSettled(claimId, seller)).body.refunds[0]).toMatchObject({
      status: 'COMPLETED',
      confirmedAt: expect.any(String),
    });
  });

  it(
    'a declined cancellation: the refund FAILED, the claim NEEDS_OPERATOR, the operator told; completing it tries ' +
      'again with a new key',
    async () => {
      const { order, claimId, seller, refundId } = await startCancellation({}, (placed) =>
        paymentsFail(placed.orderNo, 'decline', 1),
      );
      const { described, events } = await finishedExecution(claimId);
      expect(described.status).toBe('FAILED');
      expect(entered(events)).toEqual([STEPS.applyClaim, STEPS.failClaim, 'claim-not-completed']);
      expect(lambdaFailures(events)).toEqual(['PaymentDeclined']);
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'PaymentDeclined' } });
      expect(claim.body.refunds[0]).toMatchObject({ status: 'FAILED', failure: { error: 'PaymentDeclined' } });
      expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.status).toBe('CANCELLED'); // the money is owed; an operator has it
      const alerts = await eventually(
        () => emailsTo(OPERATOR_EMAIL),
        (found) => found.some((m) => m.subject.includes(claimId)),
      );
      expect(alerts.filter((m) => m.subject === `[order-claims] Claim ${claimId} needs an operator`)).toHaveLength(1);

      const operator = await token('operator', 'OP-1');
      const resolved = await call('POST', `/claims/${claimId}/resolution`, {
        token: operator,
        body: { action: 'COMPLETE', reason: 'Card issuer confirmed by phone; retry.' },
      });
      expect(resolved.status).toBe(202);
      expect((await finishedExecution(`${claimId}-op1`)).described.status).toBe('SUCCEEDED');
      const done = await eventually(
        () => call('GET', `/claims/${claimId}`, { token: seller }),
        (a) => a.body.status === 'COMPLETED',
      );
      expect(done.body.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', attempts: 2 })]);
      expect(done.body.resolutions).toEqual([
        expect.objectContaining({ action: 'COMPLETE', by: { role: 'operator', id: 'OP-1' } }),
      ]);
      // The first key keeps its refusal; the second attempt has its own.
      expect(await paymentOperations(`refund:${refundId}:a1`)).toEqual([expect.objectContaining({ received: 1 })]);
      expect(await paymentOperations(`refund:${refundId}:a2`)).toEqual([expect.objectContaining({ received: 1 })]);
    },
  );

  it(
    'a gateway that never answers: after every retry the claim NEEDS_OPERATOR; completing it asks again under the ' +
      'same key',
    async () => {
      const { claimId, seller, refundId } = await startCancellation({}, (order) =>
        paymentsFail(order.orderNo, 'transient', 7),
      );
      const { events } = await finishedExecution(claimId);
      expect(lambdaFailures(events)).toEqual(Array(7).fill('PaymentUnavailable'));
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body.status).toBe('NEEDS_OPERATOR');
      expect(claim.body.refunds[0]).toMatchObject({ status: 'PENDING', attempts: 1 });
      await call('POST', `/claims/${claimId}/resolution`, {
        token: await token('operator', 'OP-1'),
        body: { action: 'COMPLETE', reason: 'The gateway is back.' },
      });
      expect((await finishedExecution(`${claimId}-op1`)).described.status).toBe('SUCCEEDED');
      expect(await paymentOperations(`refund:${refundId}:a1`)).toEqual([expect.objectContaining({ received: 1 })]);
    },
  );
});
