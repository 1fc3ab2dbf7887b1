// The refund workflow for each payment method and each failure, on the local runner against
// DynamoDB Local, the SES emulator and the local payment gateway, read from its execution history.
import { describe, expect, it } from 'vitest';
import { entered, finishedExecution, lambdaFailures } from '../support/executions.js';
import { aCancellation, call, claimWhenSettled, emailsTo, eventually, OPERATOR_EMAIL, paymentOperations, paymentsFail, registered, token } from '../support/http.js';

const refundExecution = (executionName: string) => finishedExecution('refund', executionName);

async function cancelled(overrides: Parameters<typeof registered>[0] = {}) {
  const order = await registered(overrides);
  const seller = await token('seller', 'S-1');
  const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
  expect(accepted.status).toBe(202);
  const claim = await claimWhenSettled(accepted.body.claimId, seller);
  return { order, seller, claim: claim.body, refundId: `${accepted.body.claimId}.${order.orderNo}` };
}

describe('refund workflow', () => {
  it('card: the authorization is cancelled, and the refund completes only once the card side confirms', async () => {
    const { claim, refundId } = await cancelled();
    expect(claim.status).toBe('COMPLETED');
    const { described, events } = await refundExecution(`${refundId}-a1`);
    expect(described.status).toBe('SUCCEEDED');
    expect(entered(events)).toEqual([
      'start-refund', 'route-refund', 'cancel-card-authorization', 'card-confirmed', 'wait-for-card', 'check-card-refund', 'card-confirmed', 'complete-refund', 'notify-buyer-refund', 'done',
    ]);
    const [refund] = claim.refunds;
    expect(refund).toMatchObject({ status: 'COMPLETED', method: 'CARD_AUTHORIZATION_CANCEL', attempts: 1 });
    expect(Date.parse(refund.confirmedAt)).toBeLessThanOrEqual(Date.parse(refund.completedAt));
    expect(await paymentOperations(`refund:${refundId}`)).toEqual([expect.objectContaining({ kind: 'AUTHORIZATION_CANCELLATION', received: 1 })]);
  });

  it.each(['CONVENIENCE_STORE', 'BANK_TRANSFER', 'BALANCE'] as const)('%s: credited once to the buyer’s balance', async (method) => {
    const buyerId = `B-${method}-${Date.now()}`;
    const { claim, refundId } = await cancelled({ payment: { method }, buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' } });
    const { events } = await refundExecution(`${refundId}-a1`);
    expect(entered(events)).toEqual(['start-refund', 'route-refund', 'credit-balance', 'complete-refund', 'notify-buyer-refund', 'done']);
    expect(claim.refunds[0]).toMatchObject({ status: 'COMPLETED', method: 'BALANCE_CREDIT' });
    const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: await token('buyer', buyerId) });
    expect(balance.body.balance).toEqual({ amount: 3200, currency: 'JPY' });
    expect(balance.body.entries).toEqual([expect.objectContaining({ entryId: `refund:${refundId}`, kind: 'REFUND_CREDIT', amount: { amount: 3200, currency: 'JPY' } })]);
    expect(await paymentOperations(`refund:${refundId}`)).toEqual([]);
  });

  it('a gateway that times out once: retried with the same key, processed once, the refund completes', async () => {
    const order = await registered();
    await paymentsFail(order.orderNo, 'timeout', 1);
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
    const refundId = `${accepted.body.claimId}.${order.orderNo}`;
    const { described, events } = await refundExecution(`${refundId}-a1`);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['PaymentUnavailable']);
    expect(await paymentOperations(`refund:${refundId}`)).toEqual([expect.objectContaining({ received: 2 })]);
    expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('COMPLETED');
  });

  it('a gateway failing transiently twice: backoff, then success', async () => {
    const order = await registered();
    await paymentsFail(order.orderNo, 'transient', 2);
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
    const { described, events } = await refundExecution(`${accepted.body.claimId}.${order.orderNo}-a1`);
    expect(described.status).toBe('SUCCEEDED');
    expect(lambdaFailures(events)).toEqual(['PaymentUnavailable', 'PaymentUnavailable']);
  });

  it('a declined cancellation: the refund FAILED, the claim NEEDS_OPERATOR, the operator told; completing it retries under the same key', async () => {
    const order = await registered();
    await paymentsFail(order.orderNo, 'decline', 1);
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
    const claimId = accepted.body.claimId as string;
    const refundId = `${claimId}.${order.orderNo}`;

    const { described, events } = await refundExecution(`${refundId}-a1`);
    expect(described.status).toBe('FAILED');
    expect(lambdaFailures(events)).toEqual(['PaymentDeclined']);
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'States.TaskFailed' } });
    expect(claim.body.refunds[0]).toMatchObject({ status: 'FAILED', failure: { error: 'PaymentDeclined' } });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.status).toBe('CANCELLED'); // the order is cancelled; the money is owed, and an operator has it
    const alerts = await eventually(() => emailsTo(OPERATOR_EMAIL), (found) => found.some((m) => m.subject.includes(claimId)));
    expect(alerts.some((m) => m.subject === `[order-claims] Claim ${claimId} needs an operator`)).toBe(true);

    const operator = await token('operator', 'OP-1');
    const resolved = await call('POST', `/claims/${claimId}/resolution`, { token: operator, body: { action: 'COMPLETE', reason: 'Card issuer confirmed by phone; retry.' } });
    expect(resolved.status).toBe(202);
    const retried = await refundExecution(`${refundId}-a2`);
    expect(retried.described.status).toBe('SUCCEEDED');
    const done = await eventually(() => call('GET', `/claims/${claimId}`, { token: seller }), (a) => a.body.status === 'COMPLETED');
    expect(done.body.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', attempts: 2 })]);
    expect(done.body.resolutions).toEqual([expect.objectContaining({ action: 'COMPLETE', by: { role: 'operator', id: 'OP-1' } })]);
    expect(await paymentOperations(`refund:${refundId}`)).toHaveLength(1);
  });

  it('a gateway that never answers: after every retry the refund FAILED and the claim NEEDS_OPERATOR', async () => {
    const order = await registered();
    await paymentsFail(order.orderNo, 'transient', 7);
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
    const { events } = await refundExecution(`${accepted.body.claimId}.${order.orderNo}-a1`);
    expect(lambdaFailures(events)).toEqual(Array(7).fill('PaymentUnavailable'));
    expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('NEEDS_OPERATOR');
  });
});
