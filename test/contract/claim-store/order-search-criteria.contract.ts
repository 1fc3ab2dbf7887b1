import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimQuery, ClaimStore, OrderQuery } from '../../../shared/app/ports/claim-store.js';
import { InvalidCursorError } from '../../../shared/app/ports/port-errors.js';
import type { Order } from '../../../shared/domain/order.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import {
  type MakeStore,
  privateYear,
  type TestData,
  pageAll,
  orderNos,
  newestOrdersFirst,
  byOrderDate,
} from './support.js';
import { storeWorld } from './store-world.js';

export function orderSearchCriteriaContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, moveOrder } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('searchOrders, by the dates and criteria of the guide’s search, for buyers, with bad cursors', () => {
    it.each(['PAID', 'SHIPPED'] as const)(
      'by %s date: a seller’s orders of that date within the period, newest first by it, a page at a time; orders ' +
        'without that date yet are not listed',
      async (dateType) => {
        const field = dateType === 'PAID' ? 'paidAt' : 'shippedAt';
        const day = (n: number) => `2021-10-${String(n).padStart(2, '0')}T03:00:00.000Z`;
        // Ordered long before: a period of payment or shipping dates finds them by that date alone.
        const dated = [3, 1, 5, 2].map((n) =>
          newOrder({ orderedAt: '2021-01-01T00:00:00.000Z', status: 'IN_TRANSIT', [field]: day(n) }),
        );
        const orders = await Promise.all(dated);
        await newOrder({ status: 'IN_TRANSIT', [field]: day(20) });
        await newOrder({ status: dateType === 'PAID' ? 'PROCESSING' : 'NEW', orderedAt: day(2) });
        await newOrder({ status: 'IN_TRANSIT', [field]: day(2), sellerId: d.id('S') });
        const query: OrderQuery = {
          sellerId: d.sellerId,
          criteria: { dateType, from: day(1), to: day(10) },
          asOf: day(11),
        };
        const expected = orderNos([...orders].sort((a, b) => (a[field]! < b[field]! ? 1 : -1)));
        for (const limit of [1, 3, 100]) {
          const { items, pages } = await pageAll((page) => store.searchOrders(query, page), limit);
          expect(orderNos(items), `limit ${limit}`).toEqual(expected);
          expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        }
      },
    );

    it(
      'what the period’s orders must match: a product code, a buyer, a tracking number, a cart, each with a ' +
        'status',
      async () => {
        const at = '2021-11-02T00:00:00.000Z';
        const tea = await newOrder({ orderedAt: at, item: { code: 'TEA-X', name: '抹茶', quantity: 1 } });
        const buyer = { id: d.id('B'), email: 'criteria@example.jp', country: 'JP' };
        const bought = await newOrder({ orderedAt: at, buyer });
        const tracked = await newOrder({
          orderedAt: at,
          status: 'IN_TRANSIT',
          shippedAt: at,
          shipment: { carrier: 'Yamato', trackingNumber: '1234-5678' },
        });
        const carted = await newOrder({ orderedAt: at, cartNo: `CART-${d.id('C')}` });
        const query = (extra: Partial<OrderQuery['criteria']>): OrderQuery => ({
          sellerId: d.sellerId,
          criteria: { dateType: 'ORDERED', from: '2021-11-01', to: '2021-11-03', ...extra },
          asOf: '2021-11-04T00:00:00.000Z',
        });
        const found = async (extra: Partial<OrderQuery['criteria']>) =>
          orderNos((await store.searchOrders(query(extra), { limit: 10 })).items);
        expect(await found({ itemCode: 'TEA-X' })).toEqual([tea.orderNo]);
        expect(await found({ buyerId: buyer.id })).toEqual([bought.orderNo]);
        expect(await found({ trackingNumber: '1234-5678' })).toEqual([tracked.orderNo]);
        expect(await found({ trackingNumber: '1234-5678', status: 'NEW' })).toEqual([]);
        expect(await found({ cartNos: [carted.cartNo] })).toEqual([carted.orderNo]);
        expect(await found({ itemCode: 'NONE' })).toEqual([]);
      },
    );

    it('a buyer’s orders: across sellers, newest first, a page at a time, each once and as stored now', async () => {
      const buyer = { id: d.id('B'), email: 'contract-buyer@example.jp', country: 'JP' };
      const orders = [];
      for (let day = 1; day <= 5; day++)
        orders.push(
          await newOrder({
            buyer,
            orderedAt: `2021-09-${String(day).padStart(2, '0')}T00:00:00.000Z`,
            ...(day === 3 ? { sellerId: d.id('S') } : {}),
          }),
        );
      await newOrder({ orderedAt: '2021-09-02T00:00:00.000Z' });
      // A change after it was indexed shows: the index keeps keys only, the order is read itself.
      const changed = { ...orders[1]!, status: 'PREPARING' as const, expectedShipDate: '2021-09-10' };
      await store.commit(changeOf([moveOrder(orders[1]!, { status: 'PREPARING', expectedShipDate: '2021-09-10' })]));
      const expected = orderNos(newestOrdersFirst(orders));
      for (const limit of [1, 2, 5, 100]) {
        const { items, pages } = await pageAll((page) => store.buyerOrders(buyer.id, page), limit);
        expect(orderNos(items), `limit ${limit}`).toEqual(expected);
        expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        expect(items.find((o) => o.orderNo === changed.orderNo)?.status).toBe('PREPARING');
      }
      expect(await store.buyerOrders(d.id('B'), { limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it('a page at a time with a status: only the orders in that status, each once', async () => {
      const orders = [];
      for (let day = 1; day <= 9; day++)
        orders.push(
          await newOrder({
            orderedAt: `2021-08-${String(day).padStart(2, '0')}T00:00:00.000Z`,
            status: day % 2 ? 'NEW' : 'IN_TRANSIT',
          }),
        );
      const query = {
        sellerId: d.sellerId,
        from: '2021-08-01',
        to: '2021-08-31T23:59:59.999Z',
        status: 'NEW' as const,
        today: '2021-08-01',
      };
      const expected = orderNos(newestOrdersFirst(orders.filter((o) => o.status === 'NEW')));
      for (const limit of [1, 2, 5, 6]) {
        const { items, pages } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
        expect(orderNos(items), `limit ${limit}`).toEqual(expected);
        expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
      }
    });

    it(
      'every seller’s orders (an operator’s search) over several months: newest first, each once, a page at a ' +
        'time',
      async () => {
        const year = privateYear();
        const at = (month: number, day: number) =>
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        const otherSeller = d.id('S');
        const orders = [
          await newOrder({ orderedAt: at(1, 1) }),
          await newOrder({ orderedAt: at(1, 20), sellerId: otherSeller, status: 'IN_TRANSIT' }),
          await newOrder({ orderedAt: at(2, 5), status: 'IN_TRANSIT' }),
          await newOrder({ orderedAt: at(2, 6), sellerId: otherSeller }),
          await newOrder({ orderedAt: at(4, 30), status: 'IN_TRANSIT' }),
          await newOrder({ orderedAt: at(4, 30) }),
        ];
        await newOrder({ orderedAt: at(5, 1) });
        await newOrder({ orderedAt: `${year - 1}-12-31T23:59:59.999Z` });
        const mine = (items: Order[]) => items.filter((o) => o.sellerId === d.sellerId || o.sellerId === otherSeller);
        const query = { from: `${year}-01-01`, to: `${year}-04-30T23:59:59.999Z`, today: `${year}-01-01` };
        for (const limit of [1, 2, 4, 100]) {
          const { items } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
          expect(new Set(orderNos(items)).size).toBe(items.length);
          expect(orderNos(mine(items)), `limit ${limit}`).toEqual(orderNos(newestOrdersFirst(orders)));
        }
        const { items: inTransit } = await pageAll(
          (page) => store.searchOrders(byOrderDate({ ...query, status: 'IN_TRANSIT' }), page),
          1,
        );
        expect(orderNos(mine(inTransit))).toEqual(
          orderNos(newestOrdersFirst(orders.filter((o) => o.status === 'IN_TRANSIT'))),
        );
      },
    );

    it('a cursor the store did not give out is an InvalidCursorError, for orders and for claims', async () => {
      await newOrder({ orderedAt: '2021-09-01T00:00:00.000Z' });
      await newOrder({ orderedAt: '2021-09-02T00:00:00.000Z' });
      await newClaim();
      await newClaim();
      const orderQuery = {
        sellerId: d.sellerId,
        from: '2021-09-01',
        to: '2021-09-30T23:59:59.999Z',
        today: '2021-09-01',
      };
      const claimQuery: ClaimQuery = { sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' };
      const orderCursor = (await store.searchOrders(byOrderDate(orderQuery), { limit: 1 })).nextCursor!;
      const claimCursor = (await store.listClaims(claimQuery, { limit: 1 })).nextCursor!;
      expect(orderCursor).toEqual(expect.any(String));
      expect(claimCursor).toEqual(expect.any(String));
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const forged = [
        'not-a-cursor',
        'bm90LW91cnM',
        encode({ after: 5 }),
        encode(['ORDER#']),
        encode(null),
        encode({ before: 'ORDER#2021' }),
        encode({ after: `ORDER#${'9'.repeat(300)}` }),
        encode({ after: `CLAIM#${'9'.repeat(300)}` }),
      ];
      for (const cursor of [...forged, claimCursor]) {
        await expect(store.searchOrders(byOrderDate(orderQuery), { limit: 1, cursor }), cursor).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      }
      for (const cursor of [...forged, orderCursor]) {
        await expect(store.listClaims(claimQuery, { limit: 1, cursor }), cursor).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(
          store.staleOpenClaims('2000-01-01T00:00:00.000Z', { limit: 1, cursor }),
          cursor,
        ).rejects.toBeInstanceOf(InvalidCursorError);
      }
      // Its own cursors it takes.
      expect((await store.searchOrders(byOrderDate(orderQuery), { limit: 1, cursor: orderCursor })).items).toHaveLength(
        1,
      );
      expect((await store.listClaims(claimQuery, { limit: 1, cursor: claimCursor })).items).toHaveLength(1);
    });
  });
}
