// POST /orders/{orderNo}/payment: an order awaiting payment becomes NEW once it is paid; a payment
// that arrives after its order was cancelled unpaid is returned to the buyer, once.
import { describe, expect, it } from 'vitest';
import { confirmPayment } from '../../../../shared/app/orders/confirm-payment.js';
import { RefusedError } from '../../../../shared/app/common/errors.js';
import { applyClaim } from '../../../../shared/app/settle/apply-claim.js';
import { completeClaim } from '../../../../shared/app/settle/complete-claim.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';

const OPERATOR = { role: 'operator' as const, id: 'OP-1' };
const NOW = new Date('2026-11-25T01:00:00Z');
const LATER = new Date('2026-11-27T03:00:00Z');

const paymentDeps = (w: ReturnType<typeof world>) => ({
  store: w.store,
  mailer: w.mailer,
  operatorEmail: w.alerts.operatorEmail,
  fees: w.fees,
});
const applyDeps = (w: ReturnType<typeof world>) => ({
  store: w.store,
  mailer: w.mailer,
  payments: w.payments,
  fees: w.fees,
  cardWaitSeconds: 3600,
});
const unpaid = { status: 'PROCESSING' as const, payment: { method: 'CONVENIENCE_STORE' as const } };

/** A claim on an unpaid order, run to its end as the settle-claim workflow runs it. */
async function cancelledUnpaid(w: ReturnType<typeof world>) {
  const { claim, order } = await seedClaim(w.store, { order: unpaid });
  const applied = await applyClaim(applyDeps(w), claim.claimId, NOW);
  await completeClaim(w, claim.claimId, applied.confirmed, NOW);
  return { claim, order };
}

describe('confirm payment', () => {
  it('PROCESSING → NEW, with when it was paid and a timeline event; the counts move with it', async () => {
    const w = world();
    const order = await seedOrder(w.store, unpaid);

    const { order: paid, returned } = await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, NOW);

    expect(paid).toMatchObject({ status: 'NEW', paidAt: NOW.toISOString() });
    expect(returned).toBeUndefined();
    expect(w.store.events.at(-1)).toMatchObject({
      orderNo: order.orderNo,
      type: 'PAYMENT_CONFIRMED',
      actor: { role: 'operator', id: 'OP-1' },
    });
    const counts = await w.store.statusCounts(order.sellerId);
    expect(counts.orders).toMatchObject({ PROCESSING: 0, NEW: 1 });
  });

  it('an order that is not awaiting payment: 409 with its status, nothing changed', async () => {
    const w = world();
    const order = await seedOrder(w.store, { status: 'NEW' });
    const error = await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'NEW' });
    expect((await w.store.getOrder(order.orderNo))!.status).toBe('NEW');
  });
});

describe('money only where money was paid', () => {
  it('cancelling an unpaid order refunds nothing, charges no fee, and tells the buyer nothing was taken', async () => {
    const w = world();
    const { claim, order } = await cancelledUnpaid(w);

    const records = (await w.store.orderRecords(order.orderNo))!;
    expect(records.order).toMatchObject({ status: 'CANCELLED', cancelledUnpaid: { claimId: claim.claimId } });
    expect(records.refunds).toEqual([]);
    expect((await w.store.buyerLedger(order.buyer.id)).entries).toEqual([]);
    expect(await w.store.getClaim(claim.claimId)).toMatchObject({ status: 'COMPLETED' });
    const notices = records.messages.filter((m) => m.claimId === claim.claimId);
    expect(notices.map((m) => m.kind)).toEqual(['CLAIM_COMPLETED']);
    expect(notices[0]!.body).toContain('お支払い前にキャンセルされました');
    expect(w.store.published.filter((e) => e.type.startsWith('refund.') || e.type === 'balance.credited')).toEqual([]);
  });

  it(
    'a payment that arrives after the order was cancelled unpaid is returned to the balance, with the fee the ' +
      'cancellation would have had; the buyer and the operator are told',
    async () => {
      const w = world();
      const { claim, order } = await cancelledUnpaid(w);

      const { order: after, returned } = await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, LATER);

      expect(after).toMatchObject({ status: 'CANCELLED', paidAt: LATER.toISOString() });
      expect(returned).toMatchObject({
        refundId: `${claim.claimId}.${order.orderNo}`,
        latePayment: true,
        method: 'BALANCE_CREDIT',
        status: 'COMPLETED',
        amount: order.total,
        fee: { amount: 108, chargedTo: 'SELLER' },
      });
      const ledger = await w.store.buyerLedger(order.buyer.id);
      expect(ledger.balance.balance.amount).toBe(order.total.amount);
      expect(ledger.entries).toHaveLength(1);
      const records = (await w.store.orderRecords(order.orderNo))!;
      expect(records.timeline.map((e) => e.type)).toContain('LATE_PAYMENT_RETURNED');
      const notice = records.messages.find((m) => m.refundId === returned!.refundId)!;
      expect(notice).toMatchObject({ email: 'SENT' });
      expect(notice.body).toContain('キャンセル済みのご注文');
      expect(w.mailer.sent.map((m) => m.to)).toContain(w.alerts.operatorEmail);
      expect(w.store.published.map((e) => e.type)).toEqual(
        expect.arrayContaining(['refund.completed', 'balance.credited']),
      );
    },
  );

  it('the same late payment reported again is returned once: 409, nothing credited twice', async () => {
    const w = world();
    const { order } = await cancelledUnpaid(w);
    await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, LATER);

    const again = await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, LATER).catch((e: unknown) => e);

    expect((again as RefusedError).refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCELLED' });
    expect((await w.store.buyerLedger(order.buyer.id)).balance.balance.amount).toBe(order.total.amount);
  });

  it(
    'a payment that arrives while the cancellation runs makes the order paid, and the cancellation then refunds ' +
      'it',
    async () => {
      const w = world();
      const { claim, order } = await seedClaim(w.store, { order: unpaid });

      const { order: paid } = await confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, NOW);
      expect(paid).toMatchObject({ status: 'NEW', openClaimId: claim.claimId });
      await applyClaim(applyDeps(w), claim.claimId, NOW);

      const records = (await w.store.orderRecords(order.orderNo))!;
      expect(records.order.cancelledUnpaid).toBeUndefined();
      expect(records.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', amount: order.total })]);
    },
  );

  it(
    'a payment and the cancellation racing: whichever commits first, the buyer gets the money back exactly ' + 'once',
    async () => {
      for (const paymentFirst of [true, false]) {
        const w = world();
        const { claim, order } = await seedClaim(w.store, { order: unpaid });
        const pay = () => confirmPayment(paymentDeps(w), OPERATOR, order.orderNo, NOW);
        const cancel = async () => {
          const applied = await applyClaim(applyDeps(w), claim.claimId, NOW);
          await completeClaim(w, claim.claimId, applied.confirmed, NOW);
        };
        // The second to run finds the first's write: the payment's 409 would mean it was refused, not returned.
        if (paymentFirst) await Promise.all([pay(), cancel()]);
        else await Promise.all([cancel(), pay()]);
        const ledger = await w.store.buyerLedger(order.buyer.id);
        expect(ledger.balance.balance.amount, `payment first: ${paymentFirst}`).toBe(order.total.amount);
        expect((await w.store.orderRecords(order.orderNo))!.refunds).toHaveLength(1);
      }
    },
  );
});
