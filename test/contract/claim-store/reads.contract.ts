// The ClaimStore contract, in part: the reads by id, and the overdue orders. See claim-store.contract.ts.

import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore } from '../../../shared/app/ports/claim-store.js';
import type { BuyerMessage } from '../../../shared/domain/message.js';
import type { Order } from '../../../shared/domain/order.js';
import type { Refund } from '../../../shared/domain/refund.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import { type MakeStore, type TestData, orderNos, claimIds, sorted } from './support.js';
import { storeWorld } from './store-world.js';

export function readsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, newRefund, moveOrder } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('reads by id', () => {
    it('getOrder, getClaim, getRefund, getMessage, getCart: undefined for what is not there', async () => {
      const order = await newOrder();
      const refund = await newRefund(order.orderNo);
      expect(await store.getOrder(d.id('O'))).toBeUndefined();
      expect(await store.getClaim(d.id('C'))).toBeUndefined();
      expect(await store.getRefund(order.orderNo, d.id('C'))).toBeUndefined();
      // A refund or a message is its order's: not found under another order.
      expect(await store.getRefund(d.id('O'), refund.refundId)).toBeUndefined();
      const message = d.message(order.orderNo);
      await store.commit(changeOf([{ entity: 'message', value: message }]));
      expect(await store.getMessage(order.orderNo, message.messageId)).toEqual({ ...message, version: 1 });
      expect(await store.getMessage(d.id('O'), message.messageId)).toBeUndefined();
      expect(await store.getCart(d.id('CART'))).toBeUndefined();
    });

    it('getOrders and getClaims: those found, each once, whatever is missing; none for no ids', async () => {
      const orders = [await newOrder(), await newOrder(), await newOrder()];
      const claims = [await newClaim(), await newClaim()];
      const [a, b, c] = orders as [Order, Order, Order];
      const found = await store.getOrders([a.orderNo, d.id('O'), b.orderNo, a.orderNo]);
      expect(sorted(orderNos(found))).toEqual(sorted([a.orderNo, b.orderNo]));
      expect(found.find((o) => o.orderNo === a.orderNo)).toEqual(a);
      expect(await store.getOrders([])).toEqual([]);
      // More ids than one batch read takes.
      const many = [...Array.from({ length: 110 }, () => d.id('O')), c.orderNo, a.orderNo];
      expect(sorted(orderNos(await store.getOrders(many)))).toEqual(sorted([a.orderNo, c.orderNo]));
      const foundClaims = await store.getClaims([
        claims[1]!.claimId,
        d.id('C'),
        claims[0]!.claimId,
        claims[1]!.claimId,
      ]);
      expect(sorted(claimIds(foundClaims))).toEqual(sorted(claimIds(claims)));
      expect(foundClaims.find((x) => x.claimId === claims[0]!.claimId)).toEqual(claims[0]);
      expect(await store.getClaims([])).toEqual([]);
    });

    it('ordersOfCart: every order of the cart, whoever’s seller, and none of another cart', async () => {
      const cartNo = d.id('CART');
      const mine = [await newOrder({ cartNo }), await newOrder({ cartNo, sellerId: d.id('S') })];
      await newOrder({ cartNo: `${cartNo}0` });
      await newOrder();
      const found = await store.ordersOfCart(cartNo);
      expect(sorted(orderNos(found))).toEqual(sorted(orderNos(mine)));
      expect(found.find((o) => o.orderNo === mine[1]!.orderNo)).toEqual(mine[1]);
      expect(await store.ordersOfCart(d.id('CART'))).toEqual([]);
    });

    it(
      'orderRecords: the order with its own refunds, messages and timeline (in time order), nothing of another ' +
        'order; undefined without the order',
      async () => {
        const order = await newOrder();
        const other = await newOrder({ orderNo: `${order.orderNo}0` });
        const refunds = [d.refund(order.orderNo), d.refund(order.orderNo)];
        const messages = [d.message(order.orderNo), d.message(order.orderNo)];
        const times = ['2021-03-10T09:00:03.000Z', '2021-03-10T09:00:01.000Z', '2021-03-10T09:00:02.000Z'];
        await store.commit(
          changeOf([
            { entity: 'refund', value: refunds[1]!, from: null },
            { entity: 'message', value: messages[1]! },
            { entity: 'event', value: d.event(order.orderNo, times[0]!, 'THIRD') },
          ]),
        );
        await store.commit(
          changeOf([
            { entity: 'refund', value: refunds[0]!, from: null },
            { entity: 'event', value: d.event(order.orderNo, times[1]!, 'FIRST') },
          ]),
        );
        await store.commit(
          changeOf([
            { entity: 'message', value: messages[0]! },
            { entity: 'event', value: d.event(order.orderNo, times[2]!, 'SECOND') },
          ]),
        );
        await store.commit(
          changeOf([
            { entity: 'refund', value: d.refund(other.orderNo), from: null },
            { entity: 'message', value: d.message(other.orderNo) },
            { entity: 'event', value: d.event(other.orderNo, '2021-03-10T09:00:00.000Z', 'OTHER') },
          ]),
        );
        // A card refund's token lives beside it, and is not one of the records.
        await store.commit(
          changeOf([
            {
              entity: 'wait',
              value: {
                waitFor: { orderNo: order.orderNo, refundId: refunds[0]!.refundId },
                token: 'T-R',
                version: 1,
              },
            },
          ]),
        );

        const records = (await store.orderRecords(order.orderNo))!;
        expect(records.order).toEqual(order);
        const byRefundId = (r: Refund[]) => [...r].sort((x, y) => (x.refundId < y.refundId ? -1 : 1));
        expect(byRefundId(records.refunds)).toEqual(
          byRefundId([
            { ...refunds[0]!, version: 1 },
            { ...refunds[1]!, version: 1 },
          ]),
        );
        const byMessageId = (m: BuyerMessage[]) => [...m].sort((x, y) => (x.messageId < y.messageId ? -1 : 1));
        expect(byMessageId(records.messages)).toEqual(byMessageId(messages.map((m) => ({ ...m, version: 1 }))));
        expect(records.timeline).toEqual([
          d.event(order.orderNo, times[1]!, 'FIRST'),
          d.event(order.orderNo, times[2]!, 'SECOND'),
          d.event(order.orderNo, times[0]!, 'THIRD'),
        ]);
        expect(await store.orderRecords(d.id('O'))).toBeUndefined();
        // An order without anything yet.
        const bare = await newOrder();
        expect(await store.orderRecords(bare.orderNo)).toEqual({
          order: bare,
          refunds: [],
          messages: [],
          timeline: [],
        });
      },
    );
  });

  describe('overdueOrders', () => {
    it(
      'a seller’s unshipped orders whose ship date is before today, whatever their stored status; they leave ' +
        'once shipped or re-dated',
      async () => {
        const today = '2021-06-15';
        const late = await newOrder({ status: 'NEW', expectedShipDate: '2021-06-14' });
        const lateWhilePreparing = await newOrder({ status: 'PREPARING', expectedShipDate: '2021-06-01' });
        const storedDelayed = await newOrder({ status: 'DELAYED', expectedShipDate: '2021-06-10' });
        const awaitingPayment = await newOrder({ status: 'PROCESSING', expectedShipDate: '2021-05-01' });
        await newOrder({ status: 'PROCESSING', expectedShipDate: today });
        await newOrder({ status: 'NEW' });
        await newOrder({ status: 'DELAYED' });
        await newOrder({ status: 'IN_TRANSIT', expectedShipDate: '2021-06-01' });
        await newOrder({ status: 'CANCELLED', expectedShipDate: '2021-06-01' });
        await newOrder({ status: 'CANCEL_REQUESTED', expectedShipDate: '2021-06-01' });
        await newOrder({ status: 'NEW', expectedShipDate: '2021-06-01', sellerId: d.id('S') });
        const overdue = async () => sorted(orderNos(await store.overdueOrders(d.sellerId, today)));
        expect(await overdue()).toEqual(sorted(orderNos([late, lateWhilePreparing, storedDelayed, awaitingPayment])));
        expect((await store.overdueOrders(d.sellerId, today)).find((o) => o.orderNo === late.orderNo)).toEqual(late);
        await store.commit(
          changeOf([moveOrder(late, { status: 'IN_TRANSIT', shippedAt: '2021-06-15T01:00:00.000Z' })]),
        );
        await store.commit(changeOf([moveOrder(lateWhilePreparing, { expectedShipDate: '2021-07-01' })]));
        expect(await overdue()).toEqual(sorted(orderNos([storedDelayed, awaitingPayment])));
        expect(await store.overdueOrders(d.sellerId, '2021-05-01')).toEqual([]);
        expect(await store.overdueOrders(d.id('S'), today)).toEqual([]);
      },
    );
  });
}
