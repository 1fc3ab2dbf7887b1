// GET /orders/summary: the seller dashboard's order counts (QSM main page).
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../../shared/app/common/errors.js';
import { setShipDate } from '../../../../shared/app/orders/set-ship-date.js';
import { shipOrder } from '../../../../shared/app/orders/ship-order.js';
import { summarizeOrders } from '../../../../shared/app/orders/summarize-orders.js';
import { lastTwoWeeksSince } from '../../../../shared/domain/order.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';
import { NOW, OPERATOR, OTHER_SELLER, SELLER, caught } from '../../../support/world-ledger.js';

describe('summarize orders', () => {
  it(
    'counts awaiting payment, new, preparing, shipping requested, delayed (whatever is stored) and cancel ' +
      'requested (now, and filed in the last two weeks)',
    async () => {
      const { store } = world();
      await seedOrder(store, { status: 'PROCESSING' });
      await seedOrder(store, { status: 'PROCESSING', expectedShipDate: '2026-11-20' }); // overdue
      await seedOrder(store, { status: 'NEW' });
      await seedOrder(store, { status: 'NEW' });
      await seedOrder(store, { status: 'NEW', expectedShipDate: '2026-11-24' }); // overdue
      await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-25' }); // today: on time
      await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-23' }); // overdue
      await seedOrder(store, { status: 'DELAYED', expectedShipDate: '2026-11-23' });
      await seedOrder(store, { status: 'IN_TRANSIT' });
      await seedClaim(store, {
        status: 'AWAITING_APPROVAL',
        order: { status: 'PREPARING', expectedShipDate: '2026-11-28' },
      });
      // Asked three weeks ago: CANCEL_REQUESTED now, not among the last two weeks' requests.
      await seedClaim(store, {
        status: 'AWAITING_APPROVAL',
        order: { status: 'PREPARING', expectedShipDate: '2026-11-28' },
        claim: { requestedAt: '2026-11-04T00:00:00.000Z' },
      });
      await seedOrder(store, { status: 'NEW', sellerId: 'S-2' });

      const summary = await summarizeOrders(store, SELLER, 'S-1', NOW);

      expect(summary).toEqual({
        ...{
          sellerId: 'S-1',
          awaitingPayment: 1,
          new: 2,
          preparing: 1,
          shippingRequested: 8,
          delayed: 4,
          cancelRequested: 2,
        },
        lastTwoWeeks: { since: lastTwoWeeksSince(NOW), cancelRequested: 1 },
      });
    },
  );

  it('follows the orders as they move', async () => {
    const { store } = world();
    const a = await seedOrder(store, { status: 'NEW' });
    const b = await seedOrder(store, { status: 'NEW' });

    await setShipDate(store, SELLER, a.orderNo, '2026-11-30', NOW);
    await shipOrder(store, SELLER, b.orderNo, NOW);

    expect(await summarizeOrders(store, SELLER, 'S-1', NOW)).toMatchObject({
      sellerId: 'S-1',
      awaitingPayment: 0,
      new: 0,
      preparing: 1,
      shippingRequested: 1,
      delayed: 0,
      cancelRequested: 0,
    });
    // A week later the ship date has passed: the same order now counts as delayed.
    expect(await summarizeOrders(store, SELLER, 'S-1', new Date('2026-12-02T01:00:00Z'))).toMatchObject({
      shippingRequested: 1,
      delayed: 1,
    });
  });

  it('a seller with no orders sees zeros', async () => {
    const { store } = world();
    expect(await summarizeOrders(store, SELLER, 'S-1', NOW)).toEqual({
      ...{
        sellerId: 'S-1',
        awaitingPayment: 0,
        new: 0,
        preparing: 0,
        shippingRequested: 0,
        delayed: 0,
        cancelRequested: 0,
      },
      lastTwoWeeks: { since: lastTwoWeeksSince(NOW), cancelRequested: 0 },
    });
  });

  it('an operator sees any seller’s counts; a seller asking for another’s is forbidden', async () => {
    const { store } = world();
    await seedOrder(store, { status: 'NEW', sellerId: 'S-2' });

    expect(await summarizeOrders(store, OPERATOR, 'S-2', NOW)).toMatchObject({
      sellerId: 'S-2',
      new: 1,
      shippingRequested: 1,
    });
    await caught(summarizeOrders(store, OTHER_SELLER, 'S-1', NOW), ForbiddenError);
    await caught(summarizeOrders(store, SELLER, 'S-2', NOW), ForbiddenError);
  });
});
