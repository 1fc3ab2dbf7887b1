// GET /orders: the seller's order screen (by order numbers, or by order date and status), and the operator's search
// across sellers.
import { describe, expect, it } from 'vitest';
import { searchOrders } from '../../../../shared/app/orders/search-orders.js';
import { InvalidInputError } from '../../../../shared/app/common/errors.js';
import { InvalidCursorError } from '../../../../shared/app/ports/port-errors.js';
import type { Order } from '../../../../shared/domain/order.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, OPERATOR, SELLER, caught } from '../../../support/world-ledger.js';

const at = (day: string) => `${day}T03:00:00.000Z`;

async function shop() {
  const w = world();
  const seed = (orderNo: string, overrides: Partial<Order>) => seedOrder(w.store, { orderNo, ...overrides });
  const orders = {
    a: await seed('A-1', { orderedAt: at('2026-11-01'), status: 'NEW' }),
    b: await seed('A-2', {
      orderedAt: at('2026-11-10'),
      status: 'PREPARING',
      expectedShipDate: '2026-11-30',
      openClaimId: 'C-9',
      claimIds: ['C-9'],
    }),
    c: await seed('A-3', { orderedAt: at('2026-11-20'), status: 'PREPARING', expectedShipDate: '2026-11-22' }), // overdue: DELAYED
    d: await seed('A-4', { orderedAt: at('2026-11-24'), status: 'IN_TRANSIT' }),
    other: await seed('Z-1', { orderedAt: at('2026-11-15'), sellerId: 'S-2' }),
    old: await seed('Z-2', { orderedAt: at('2025-10-01'), sellerId: 'S-2' }),
  };
  return { ...w, orders };
}

describe('search orders', () => {
  it(
    'by several order numbers: the seller’s own ones, newest first, as the order screen shows them; others’ and ' +
      'unknown ones are left out',
    async () => {
      const { store, orders } = await shop();

      const result = await searchOrders(store, SELLER, { limit: 50, orderNos: ['A-1', 'Z-1', 'A-3', 'NOPE'] }, NOW);

      expect(result).toEqual({
        items: [
          {
            orderNo: 'A-3',
            cartNo: orders.c.cartNo,
            sellerId: 'S-1',
            status: 'DELAYED',
            item: orders.c.item,
            buyer: { id: 'B-1', country: 'JP' },
            total: orders.c.total,
            payment: orders.c.payment,
            expectedShipDate: '2026-11-22',
            orderedAt: at('2026-11-20'),
            claimInProgress: null,
          },
          {
            orderNo: 'A-1',
            cartNo: orders.a.cartNo,
            sellerId: 'S-1',
            status: 'NEW',
            item: orders.a.item,
            buyer: { id: 'B-1', country: 'JP' },
            total: orders.a.total,
            payment: orders.a.payment,
            expectedShipDate: undefined,
            orderedAt: at('2026-11-01'),
            claimInProgress: null,
          },
        ],
        nextCursor: null,
      });
    },
  );

  it(
    'by order numbers and status, the status as every rule reads it (an overdue PREPARING order is ' + 'DELAYED)',
    async () => {
      const { store } = await shop();

      const delayed = await searchOrders(
        store,
        SELLER,
        { limit: 50, orderNos: ['A-1', 'A-2', 'A-3'], status: 'DELAYED' },
        NOW,
      );
      const preparing = await searchOrders(
        store,
        SELLER,
        { limit: 50, orderNos: ['A-1', 'A-2', 'A-3'], status: 'PREPARING' },
        NOW,
      );

      expect(delayed.items.map((o) => o.orderNo)).toEqual(['A-3']);
      expect(preparing.items.map((o) => o.orderNo)).toEqual(['A-2']);
      expect(preparing.items[0]!.claimInProgress).toBe('C-9');
    },
  );

  it('an operator finds any seller’s orders by number, or one seller’s when it names the seller', async () => {
    const { store } = await shop();

    const all = await searchOrders(store, OPERATOR, { limit: 50, orderNos: ['A-1', 'Z-1'] }, NOW);
    const ofS2 = await searchOrders(store, OPERATOR, { limit: 50, orderNos: ['A-1', 'Z-1'], sellerId: 'S-2' }, NOW);

    expect(all.items.map((o) => o.orderNo)).toEqual(['Z-1', 'A-1']);
    expect(ofS2.items.map((o) => o.orderNo)).toEqual(['Z-1']);
  });

  it('a seller naming another seller still sees only its own orders', async () => {
    const { store } = await shop();

    const result = await searchOrders(store, SELLER, { limit: 50, sellerId: 'S-2' }, NOW);

    expect(result.items.map((o) => o.orderNo)).toEqual(['A-4', 'A-3', 'A-2', 'A-1']);
  });

  it('without a range, the seller’s orders of all time up to now, newest first', async () => {
    const { store } = await shop();

    const result = await searchOrders(store, SELLER, { limit: 50 }, NOW);

    expect(result.items.map((o) => o.orderNo)).toEqual(['A-4', 'A-3', 'A-2', 'A-1']);
    expect(result.range).toEqual({ from: null, to: NOW.toISOString() });
    expect(result.nextCursor).toBeNull();
  });

  it('a date range includes both of its days, days in Japan', async () => {
    const { store } = await shop();

    const result = await searchOrders(store, SELLER, { limit: 50, from: '2026-11-10', to: '2026-11-20' }, NOW);

    expect(result.items.map((o) => o.orderNo)).toEqual(['A-3', 'A-2']);
    expect(result.range).toEqual({ from: '2026-11-09T15:00:00.000Z', to: '2026-11-20T14:59:59.999Z' });
  });

  it(
    'an order placed at 08:30 on 1 May in Japan (23:30 UTC on 30 April) is found on 1 May, not on 30 ' + 'April',
    async () => {
      const { store } = world();
      await seedOrder(store, { orderNo: 'J-1', orderedAt: '2024-04-30T23:30:00.000Z' });

      const mayDay = await searchOrders(store, SELLER, { limit: 10, from: '2024-05-01', to: '2024-05-01' }, NOW);
      const dayBefore = await searchOrders(store, SELLER, { limit: 10, from: '2024-04-30', to: '2024-04-30' }, NOW);

      expect(mayDay.items.map((o) => o.orderNo)).toEqual(['J-1']);
      expect(dayBefore.items).toEqual([]);
    },
  );

  it(
    'by payment or shipping date, and by product code, buyer, tracking number or cart: the guide’s search ' + 'fields',
    async () => {
      const { store } = world();
      const paidLate = await seedOrder(store, {
        orderNo: 'P-1',
        orderedAt: at('2026-11-01'),
        paidAt: at('2026-11-12'),
      });
      const shipped = await seedOrder(store, {
        orderNo: 'P-2',
        orderedAt: at('2026-11-02'),
        paidAt: at('2026-11-02'),
        status: 'IN_TRANSIT',
        shippedAt: at('2026-11-12'),
        shipment: { carrier: 'Yamato', trackingNumber: 'TRK-9' },
      });
      await seedOrder(store, {
        orderNo: 'P-3',
        orderedAt: at('2026-11-12'),
        paidAt: at('2026-11-12'),
        item: { code: 'MUG-1', name: 'Mug', quantity: 1 },
        buyer: { id: 'B-9', email: 'b9@example.jp', country: 'JP' },
      });
      const search = async (query: Omit<Parameters<typeof searchOrders>[2], 'limit'>) =>
        (await searchOrders(store, SELLER, { ...query, limit: 10 }, NOW)).items.map((o) => o.orderNo);

      expect(await search({ dateType: 'PAID', from: '2026-11-12', to: '2026-11-12' })).toEqual(['P-3', 'P-1']);
      expect(await search({ dateType: 'SHIPPED', from: '2026-11-12', to: '2026-11-12' })).toEqual([shipped.orderNo]);
      expect(await search({ dateType: 'ORDERED', from: '2026-11-12', to: '2026-11-12' })).toEqual(['P-3']);
      expect(await search({ itemCode: 'MUG-1' })).toEqual(['P-3']);
      expect(await search({ buyerId: 'B-9' })).toEqual(['P-3']);
      expect(await search({ trackingNumber: 'TRK-9' })).toEqual(['P-2']);
      expect(await search({ cartNos: [paidLate.cartNo, shipped.cartNo] })).toEqual(['P-2', 'P-1']);
    },
  );

  it(
    'every seller’s orders are searched by order date only: by payment date an operator names the seller ' + '(400)',
    async () => {
      const { store } = await shop();
      await caught(searchOrders(store, OPERATOR, { limit: 10, dateType: 'PAID' }, NOW), InvalidInputError);
      expect(
        (await searchOrders(store, OPERATOR, { limit: 10, dateType: 'PAID', sellerId: 'S-2' }, NOW)).items,
      ).toEqual([]);
    },
  );

  it(
    'by status over the range: DELAYED includes the overdue orders stored as PREPARING; PREPARING leaves them ' + 'out',
    async () => {
      const { store } = await shop();

      expect(
        (await searchOrders(store, SELLER, { limit: 50, status: 'DELAYED' }, NOW)).items.map((o) => o.orderNo),
      ).toEqual(['A-3']);
      expect(
        (await searchOrders(store, SELLER, { limit: 50, status: 'PREPARING' }, NOW)).items.map((o) => o.orderNo),
      ).toEqual(['A-2']);
    },
  );

  it('one page at a time: the cursor of a page gives the next, and the last page has none', async () => {
    const { store } = await shop();

    const first = await searchOrders(store, SELLER, { limit: 3 }, NOW);
    const second = await searchOrders(store, SELLER, { limit: 3, cursor: first.nextCursor! }, NOW);

    expect(first.items.map((o) => o.orderNo)).toEqual(['A-4', 'A-3', 'A-2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.items.map((o) => o.orderNo)).toEqual(['A-1']);
    expect(second.nextCursor).toBeNull();
  });

  it('an operator’s search across sellers without a range covers the last 365 days', async () => {
    const { store } = await shop();

    const result = await searchOrders(store, OPERATOR, { limit: 50 }, NOW);

    expect(result.items.map((o) => o.orderNo)).toEqual(['A-4', 'A-3', 'Z-1', 'A-2', 'A-1']);
    // From midnight in Japan, 365 marketplace days before today (10:00 on 25 November in Japan).
    expect(result.range).toEqual({ from: '2025-11-24T15:00:00.000Z', to: NOW.toISOString() });
  });

  it('an operator naming a seller searches all of that seller’s time', async () => {
    const { store } = await shop();

    const result = await searchOrders(store, OPERATOR, { limit: 50, sellerId: 'S-2' }, NOW);

    expect(result.items.map((o) => o.orderNo)).toEqual(['Z-1', 'Z-2']);
  });

  it('a cursor this list did not give out is refused', async () => {
    const { store } = await shop();
    await caught(searchOrders(store, SELLER, { limit: 10, cursor: 'bm90LW91cnM' }, NOW), InvalidCursorError);
  });
});
