import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore } from '../../../shared/app/ports/claim-store.js';
import type { OrderStatus } from '../../../shared/domain/order.js';
import { type MakeStore, type TestData, pageAll, orderNos, newestOrdersFirst, byOrderDate } from './support.js';
import { storeWorld } from './store-world.js';

export function orderSearchContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('searchOrders', () => {
    it(
      'pages in the sort order of the keys (bytes, not the locale): order numbers of mixed case are each listed ' +
        'once',
      async () => {
        const same = '2021-07-01T00:00:00.000Z';
        const lower = await newOrder({ orderNo: `a-${d.id('O')}`, orderedAt: same });
        const upper = await newOrder({ orderNo: `B-${d.id('O')}`, orderedAt: same });
        const query = { sellerId: d.sellerId, from: '2021-07-01', to: '2021-07-01', today: '2021-07-02' };
        const { items } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), 1);
        expect(orderNos(items).sort()).toEqual([lower.orderNo, upper.orderNo].sort());
      },
    );

    it('a cursor from below the range is an empty page, not an error', async () => {
      await newOrder({ orderedAt: '2021-08-01T00:00:00.000Z' });
      const forged = Buffer.from(JSON.stringify({ after: 'ORDER#0' })).toString('base64url');
      expect(
        await store.searchOrders(
          byOrderDate({ sellerId: d.sellerId, from: '2021-08-01', to: '2021-08-31', today: '2021-09-01' }),
          { limit: 10, cursor: forged },
        ),
      ).toEqual({ items: [], nextCursor: null });
    });

    it('by seller: that seller’s orders within the dates, both ends inclusive, newest first', async () => {
      const at = (orderedAt: string) => newOrder({ orderedAt });
      const first = await at('2021-04-01T00:00:00.000Z');
      const middle = await at('2021-04-15T12:00:00.000Z');
      const last = await at('2021-04-30T23:59:59.999Z');
      await at('2021-03-31T23:59:59.999Z');
      await at('2021-05-01T00:00:00.000Z');
      await newOrder({ orderedAt: '2021-04-10T00:00:00.000Z', sellerId: d.id('S') });
      const query = { sellerId: d.sellerId, from: '2021-04-01', to: '2021-04-30T23:59:59.999Z', today: '2021-06-15' };
      const page = await store.searchOrders(byOrderDate(query), { limit: 10 });
      expect(page).toEqual({ items: [last, middle, first], nextCursor: null });
      // A day as `to` runs to that day's end.
      expect(
        orderNos((await store.searchOrders(byOrderDate({ ...query, to: '2021-04-30' }), { limit: 10 })).items),
      ).toEqual(orderNos([last, middle, first]));
      expect(
        (await store.searchOrders(byOrderDate({ ...query, from: '2021-04-16', to: '2021-04-29' }), { limit: 10 }))
          .items,
      ).toEqual([]);
      expect((await store.searchOrders(byOrderDate({ ...query, sellerId: d.id('S') }), { limit: 10 })).items).toEqual(
        [],
      );
    });

    it('by effective status: an unshipped order past its ship date is DELAYED, whatever is stored', async () => {
      const today = '2021-06-15';
      const at = (day: number) => `2021-06-${String(day).padStart(2, '0')}T01:00:00.000Z`;
      const o = {
        pastShipDate: await newOrder({ orderedAt: at(1), status: 'NEW', expectedShipDate: '2021-06-14' }),
        shipsToday: await newOrder({ orderedAt: at(2), status: 'NEW', expectedShipDate: today }),
        noShipDate: await newOrder({ orderedAt: at(3), status: 'NEW' }),
        storedDelayed: await newOrder({ orderedAt: at(4), status: 'DELAYED' }),
        preparing: await newOrder({ orderedAt: at(5), status: 'PREPARING', expectedShipDate: '2021-06-20' }),
        shippedLate: await newOrder({ orderedAt: at(6), status: 'IN_TRANSIT', expectedShipDate: '2021-06-01' }),
        awaitingPaymentLate: await newOrder({
          orderedAt: at(7),
          status: 'PROCESSING',
          expectedShipDate: '2021-06-01',
        }),
        delayedRedated: await newOrder({ orderedAt: at(8), status: 'DELAYED', expectedShipDate: '2099-01-01' }),
      };
      const search = async (status: OrderStatus) =>
        orderNos(
          (
            await store.searchOrders(
              byOrderDate({
                sellerId: d.sellerId,
                from: '2021-06-01',
                to: '2021-06-30T23:59:59.999Z',
                status,
                today,
              }),
              { limit: 100 },
            )
          ).items,
        );
      expect(await search('DELAYED')).toEqual(
        orderNos([o.delayedRedated, o.awaitingPaymentLate, o.storedDelayed, o.pastShipDate]),
      );
      expect(await search('NEW')).toEqual(orderNos([o.noShipDate, o.shipsToday]));
      expect(await search('PREPARING')).toEqual(orderNos([o.preparing]));
      expect(await search('IN_TRANSIT')).toEqual(orderNos([o.shippedLate]));
      expect(await search('PROCESSING')).toEqual([]);
    });

    it('a page at a time: newest first, every order once, none missed, only the last page short', async () => {
      const orders = [];
      for (let day = 1; day <= 6; day++)
        orders.push(await newOrder({ orderedAt: `2021-07-${String(day).padStart(2, '0')}T00:00:00.000Z` }));
      // Two of the same moment: the order number decides.
      orders.push(await newOrder({ orderedAt: '2021-07-03T00:00:00.000Z' }));
      await newOrder({ orderedAt: '2021-07-04T00:00:00.000Z', sellerId: d.id('S') });
      const expected = orderNos(newestOrdersFirst(orders));
      const query = { sellerId: d.sellerId, from: '2021-07-01', to: '2021-07-31T23:59:59.999Z', today: '2021-06-01' };
      for (const limit of [1, 2, 3, 7, 8, 100]) {
        const { items, pages } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
        expect(orderNos(items), `limit ${limit}`).toEqual(expected);
        expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
      }
    });
  });
}
