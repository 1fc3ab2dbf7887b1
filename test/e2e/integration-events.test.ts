// Integration events over the local stack (docs/EVENTS.md): each flow's events arrive on the bus
// stand-in from the table's stream, in order, exactly once, numbered 1…n in their partition, and
// each validates against its published JSON Schema.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { IntegrationEvent } from '../../shared/app/ports/change-set.js';
import { eventValidator } from '../support/event-schemas.js';
import {
  aCancellation,
  aSeller,
  call,
  claimWhenSettled,
  emailsTo,
  eventsOf,
  eventually,
  paymentsFail,
  registered,
  token,
} from '../support/http.js';

const validate = eventValidator();
const aBuyer = () => {
  const id = `B-EV-${randomUUID().slice(0, 8).toUpperCase()}`;
  return { id, email: `${id.toLowerCase()}@example.jp`, country: 'JP' };
};

/** The partition's events once `expected` many have arrived (and a moment more, to see that no others follow). */
async function settledEvents(partitionkey: string, expected: number): Promise<IntegrationEvent[]> {
  await eventually(
    () => eventsOf(partitionkey),
    (events) => events.length >= expected,
    20_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const events = await eventsOf(partitionkey);
  // Exactly once, numbered without gaps, each valid as published.
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  expect(events.map((e) => Number(e.sequence))).toEqual(events.map((_, i) => i + 1));
  for (const event of events) expect(validate(event)).toEqual([]);
  return events;
}
const types = (events: IntegrationEvent[]) => events.map((e) => e.type);

describe('integration events, flow by flow', () => {
  it(
    'a seller cancellation paid by card: requested, cancelled, refund pending then completed, claim ' + 'completed',
    async () => {
      const order = await registered({ buyer: aBuyer() });
      const seller = await token('seller', 'S-1');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      await claimWhenSettled(accepted.body.claimId, seller);
      const events = await settledEvents(`order:${order.orderNo}`, 5);
      expect(types(events)).toEqual([
        'claim.requested',
        'order.cancelled',
        'refund.pending',
        'refund.completed',
        'claim.completed',
      ]);
      expect(events[1]).toMatchObject({
        subject: order.orderNo,
        data: {
          orderNo: order.orderNo,
          claimId: accepted.body.claimId,
          sellerId: 'S-1',
          buyerId: order.buyer.id,
          status: 'CANCELLED',
        },
      });
      expect(events[3]).toMatchObject({
        subject: `${accepted.body.claimId}.${order.orderNo}`,
        data: { refundMethod: 'CARD_AUTHORIZATION_CANCEL', status: 'COMPLETED' },
      });
      // Filtered by type on the API's origin, as the API has it.
      const cancelled = (await (
        await fetch(`${inject('apiUrl')}/__events?type=order.cancelled`)
      ).json()) as IntegrationEvent[];
      expect(cancelled.filter((e) => e.subject === order.orderNo)).toHaveLength(1);
    },
  );

  it(
    'a cash refund: completed at once and credited, the credit in the buyer’s partition; then a ' + 'withdrawal',
    async () => {
      const buyer = aBuyer();
      const order = await registered({
        buyer,
        payment: { method: 'CONVENIENCE_STORE' },
        total: { amount: 5000, currency: 'JPY' },
      });
      const seller = await token('seller', 'S-1');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      await claimWhenSettled(accepted.body.claimId, seller);
      expect(types(await settledEvents(`order:${order.orderNo}`, 4))).toEqual([
        'claim.requested',
        'order.cancelled',
        'refund.completed',
        'claim.completed',
      ]);
      const account = { bankName: 'みずほ銀行', branch: '渋谷支店', accountNumber: '1234567', holder: 'ヤマダ ハナコ' };
      const withdrawn = await call('POST', `/buyers/${buyer.id}/withdrawals`, {
        token: await token('buyer', buyer.id),
        body: { amount: { amount: 3000, currency: 'JPY' }, bankAccount: account },
      });
      expect(withdrawn.body.status).toBe('COMPLETED');
      const balance = await settledEvents(`buyer:${buyer.id}`, 2);
      expect(types(balance)).toEqual(['balance.credited', 'withdrawal.completed']);
      expect(balance[1]).toMatchObject({
        subject: withdrawn.body.withdrawalId,
        data: { buyerId: buyer.id, status: 'COMPLETED' },
      });
      expect(JSON.stringify(balance)).not.toContain('1234567');
    },
  );

  it('a buyer’s request the seller approves; another the buyer withdraws', async () => {
    const { sellerId, sellerEmail: shop, sellerToken: seller } = await aSeller();
    const ask = async () => {
      const order = await registered({
        sellerId,
        buyer: aBuyer(),
        status: 'PREPARING',
        expectedShipDate: '2099-01-01',
      });
      const buyer = await token('buyer', order.buyer.id);
      const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
        token: buyer,
        body: { reason: 'BUYER_CHANGED_MIND', message: 'もっと安い商品を見つけたため' },
      });
      expect(asked.body.outcome).toBe('AWAITING_SELLER');
      // The approval workflow waits once the seller has been told.
      await eventually(
        () => emailsTo(shop),
        (found) => found.some((mail) => mail.subject.includes(order.orderNo)),
      );
      return { order, buyer, claimId: asked.body.claimId as string };
    };
    const [approved, withdrawn] = await Promise.all([ask(), ask()]);
    await eventually(
      () => call('POST', `/claims/${approved.claimId}/approval`, { token: seller }),
      (answer) => answer.status === 202,
    );
    await eventually(
      () => call('POST', `/claims/${withdrawn.claimId}/withdrawal`, { token: withdrawn.buyer, body: {} }),
      (answer) => answer.status === 202,
    );
    await claimWhenSettled(approved.claimId, seller);
    expect(types(await settledEvents(`order:${approved.order.orderNo}`, 7))).toEqual([
      'claim.requested',
      'claim.awaiting-approval',
      'claim.approved',
      'order.cancelled',
      'refund.pending',
      'refund.completed',
      'claim.completed',
    ]);
    expect(types(await settledEvents(`order:${withdrawn.order.orderNo}`, 3))).toEqual([
      'claim.requested',
      'claim.awaiting-approval',
      'claim.withdrawn',
    ]);
  });

  it(
    'a declined card refund goes to the operator, who completes it: failed, needs-operator, resumed, pending ' +
      'again, completed',
    async () => {
      const order = await registered({ buyer: aBuyer() });
      await paymentsFail(order.orderNo, 'decline');
      const seller = await token('seller', 'S-1');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('NEEDS_OPERATOR');
      const resolved = await call('POST', `/claims/${accepted.body.claimId}/resolution`, {
        token: await token('operator', 'OP-1'),
        body: { action: 'COMPLETE', reason: 'The card side fixed the merchant account.' },
      });
      expect(resolved.status).toBe(202);
      await eventually(
        () => call('GET', `/claims/${accepted.body.claimId}`, { token: seller }),
        (answer) => answer.body.status === 'COMPLETED',
      );
      expect(types(await settledEvents(`order:${order.orderNo}`, 9))).toEqual([
        'claim.requested',
        'order.cancelled',
        'refund.pending',
        'refund.failed',
        'claim.needs-operator',
        'claim.resumed',
        'refund.pending',
        'refund.completed',
        'claim.completed',
      ]);
    },
  );

  it(
    'an order the seller may not cancel (a coupon): the claim opens needing the operator, who completes ' + 'it',
    async () => {
      const order = await registered({ buyer: aBuyer(), coupon: { code: 'WELCOME10', sellerCancellable: false } });
      const seller = await token('seller', 'S-1');
      const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      expect(refused.status).toBe(422);
      expect(types(await settledEvents(`order:${order.orderNo}`, 2))).toEqual([
        'claim.requested',
        'claim.needs-operator',
      ]);
      const resolved = await call('POST', `/claims/${refused.body.claimId}/resolution`, {
        token: await token('operator', 'OP-1'),
        body: { action: 'COMPLETE', reason: 'Coupon returned to the buyer.' },
      });
      expect(resolved.status).toBe(202);
      await claimWhenSettled(refused.body.claimId, seller);
      expect(types(await settledEvents(`order:${order.orderNo}`, 7))).toEqual([
        'claim.requested',
        'claim.needs-operator',
        'claim.resumed',
        'order.cancelled',
        'refund.pending',
        'refund.completed',
        'claim.completed',
      ]);
    },
  );

  it('a refund after shipping: the order is returned', async () => {
    const order = await registered({ buyer: aBuyer(), status: 'IN_TRANSIT' });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: seller,
      body: {
        reason: 'SHIPPING_DELAY',
        sellerMemo: '発送遅延のため返金いたします。',
        notice: { title: '返金のご案内', body: '発送が遅れたため、返金いたします。' },
      },
    });
    expect(accepted.status).toBe(202);
    await claimWhenSettled(accepted.body.claimId, seller);
    expect(types(await settledEvents(`order:${order.orderNo}`, 5))).toEqual([
      'claim.requested',
      'order.returned',
      'refund.pending',
      'refund.completed',
      'claim.completed',
    ]);
  });

  it(
    'a bulk cancellation: submitted, running, finished, in its own partition; each order’s own events in the ' +
      'order’s',
    async () => {
      const seller = await token('seller', 'S-1');
      const orders = await Promise.all(
        [1, 2].map(() => registered({ buyer: aBuyer(), payment: { method: 'BALANCE' } })),
      );
      const submitted = await call('POST', '/bulk-cancellations', {
        token: seller,
        body: {
          orders: orders.map((o) => ({ orderNo: o.orderNo })),
          reason: 'OUT_OF_STOCK',
          sellerMemo: '在庫切れのためキャンセルいたします。',
          notice: {
            title: 'ご注文 {orderNo} 在庫切れのお詫び',
            body: '在庫切れのため、ご注文 {orderNo} をキャンセルいたします。',
          },
        },
      });
      expect(submitted.status).toBe(202);
      const bulkId = submitted.body.bulkId as string;
      const events = await settledEvents(`bulk:${bulkId}`, 3);
      expect(types(events)).toEqual([
        'bulk-cancellation.submitted',
        'bulk-cancellation.running',
        'bulk-cancellation.finished',
      ]);
      expect(events[2]!.data).toMatchObject({ bulkId, sellerId: 'S-1', status: 'COMPLETED' });
      for (const order of orders)
        expect(types(await settledEvents(`order:${order.orderNo}`, 4))).toEqual([
          'claim.requested',
          'order.cancelled',
          'refund.completed',
          'claim.completed',
        ]);
    },
  );
});
