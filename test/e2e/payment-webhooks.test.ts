// POST /payments/webhooks, as the payment provider calls it: believed only when signed with the
// shared secret, recently; recorded once; waking the settle-claim workflow that waits for it.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { signPaymentEvent } from '../../shared/app/settle/payment-events.js';
import { finishedExecution } from '../support/executions.js';
import {
  aCancellation,
  call,
  claimWhenSettled,
  eventually,
  paymentOperations,
  paymentsFail,
  registered,
  token,
} from '../support/http.js';

async function deliver(
  event: Record<string, unknown>,
  options: { secret?: string; at?: Date; signature?: string } = {},
) {
  const body = JSON.stringify(event);
  const signature =
    options.signature ??
    signPaymentEvent(options.secret ?? inject('paymentsWebhookSecret'), body, options.at ?? new Date());
  const response = await fetch(`${inject('apiUrl')}/payments/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'payments-signature': signature },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, any>,
  };
}

/** A card cancellation the card side holds (no webhook of its own; every check answers PENDING for a while). */
async function waitingCardRefund() {
  const order = await registered();
  await paymentsFail(order.orderNo, 'pending', 100);
  const seller = await token('seller', 'S-1');
  const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
    token: seller,
    body: aCancellation(),
  });
  const claimId = accepted.body.claimId as string;
  const refundId = `${claimId}.${order.orderNo}`;
  const [operation] = await eventually(
    () => paymentOperations(`refund:${refundId}:a1`),
    (found) => found.length === 1,
  );
  return { order, seller, claimId, refundId, reference: operation!.reference };
}

const confirmed = (refundId: string, orderNo: string, reference: string) => ({
  type: 'authorization_cancellation.confirmed',
  idempotencyKey: `refund:${refundId}:a1`,
  orderNo,
  reference,
});

describe('the payment provider’s webhook', () => {
  it(
    'a signed confirmation completes the waiting refund and wakes the workflow; a repeat changes ' + 'nothing',
    async () => {
      const { order, seller, claimId, refundId, reference } = await waitingCardRefund();
      const first = await deliver(confirmed(refundId, order.orderNo, reference));
      expect(first).toMatchObject({ status: 200, body: { outcome: 'RECORDED', refundId, status: 'COMPLETED' } });
      expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
      const settled = await claimWhenSettled(claimId, seller);
      expect(settled.body.status).toBe('COMPLETED');
      expect(settled.body.refunds[0]).toMatchObject({ status: 'COMPLETED', providerReference: reference });

      const again = await deliver(confirmed(refundId, order.orderNo, reference));
      expect(again).toMatchObject({ status: 200, body: { outcome: 'RECORDED', status: 'COMPLETED' } });
      const after = await call('GET', `/claims/${claimId}`, { token: seller });
      expect(after.body.refunds).toEqual(settled.body.refunds);
      expect(after.body.timeline.filter((e: { type: string }) => e.type === 'REFUND_COMPLETED')).toHaveLength(1);
    },
  );

  it.each([
    ['no signature', { signature: '' }],
    ['a signature with another secret', { secret: 'not-the-shared-secret-at-all' }],
    ['a signature ten minutes old (a replay)', { at: new Date(Date.now() - 10 * 60_000) }],
    ['a malformed signature', { signature: 't=abc,v1=zz' }],
  ])('%s: 401 problem+json, and nothing changes', async (_, options) => {
    const { order, seller, claimId, refundId, reference } = await waitingCardRefund();
    const refused = await deliver(confirmed(refundId, order.orderNo, reference), options);
    expect(refused.status).toBe(401);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status: 401, type: '/problems/unauthorized' });
    const claim = await call('GET', `/claims/${claimId}`, { token: seller });
    expect(claim.body.refunds[0]).toMatchObject({ status: 'PENDING' });
    // Then the real one: the claim completes.
    await deliver(confirmed(refundId, order.orderNo, reference));
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
  });

  it(
    'a signed event that does not validate is 400; one about no refund of ours, or an earlier attempt, is ' +
      'acknowledged and ignored',
    async () => {
      const bad = await deliver({
        type: 'authorization_cancellation.exploded',
        idempotencyKey: 'x',
        orderNo: 'T-1',
        reference: 'AC-1',
      });
      expect(bad).toMatchObject({ status: 400, body: { type: '/problems/invalid-request' } });
      expect(await deliver(confirmed('C-NOPE.T-NOPE', 'T-NOPE', 'AC-1'))).toMatchObject({
        status: 200,
        body: { outcome: 'IGNORED' },
      });
      expect(await deliver({ ...confirmed('x', 'T-1', 'AC-1'), idempotencyKey: 'withdrawal:W-1' })).toMatchObject({
        status: 200,
        body: { outcome: 'IGNORED' },
      });
      const { order, claimId, refundId, reference } = await waitingCardRefund();
      expect(
        await deliver({ ...confirmed(refundId, order.orderNo, reference), idempotencyKey: `refund:${refundId}:a7` }),
      ).toMatchObject({ status: 200, body: { outcome: 'IGNORED' } });
      await deliver(confirmed(refundId, order.orderNo, reference));
      expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
    },
  );

  it('a signed decline fails the refund and the claim goes to the operator', async () => {
    const { order, seller, claimId, refundId, reference } = await waitingCardRefund();
    const declined = await deliver({
      type: 'authorization_cancellation.declined',
      idempotencyKey: `refund:${refundId}:a1`,
      orderNo: order.orderNo,
      reference,
      reason: 'Issuer refused',
    });
    expect(declined.body).toMatchObject({ outcome: 'RECORDED', status: 'FAILED' });
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('FAILED');
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'PaymentDeclined' } });
    expect(claim.body.refunds[0].failure.cause).toContain('Issuer refused');
  });
});
