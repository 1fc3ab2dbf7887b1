// Order intake (POST /orders): an operator registers an order; the cart belongs to the buyer of its first order.
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../../shared/app/common/errors.js';
import { registerOrder, type NewOrder } from '../../../../shared/app/orders/register-order.js';
import { world } from '../../../support/worlds.js';
import { NOW, OPERATOR, caught, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';

const intake = (overrides: Partial<NewOrder> = {}): NewOrder => ({
  orderNo: 'D-3001',
  cartNo: 'CART-D9',
  sellerId: 'S-1',
  buyer: { id: 'B-4', email: 'jun@example.jp', country: 'JP' },
  item: { code: 'X-1', name: '急須', quantity: 1 },
  total: { amount: 6500, currency: 'JPY' },
  payment: { method: 'CARD' },
  ...overrides,
});

describe('register an order', () => {
  it(
    'a new order is NEW, ordered now, with its cart given to its buyer and the registration on its timeline, in ' +
      'one commit',
    async () => {
      const { store, profiles } = world();

      const order = await registerOrder({ store, profiles }, OPERATOR, intake(), NOW);

      const stored = await store.getOrder('D-3001');
      expect(stored).toEqual({
        ...intake(),
        status: 'NEW',
        claimIds: [],
        orderedAt: '2026-11-25T01:00:00.000Z',
        // Paid at checkout (a card): the day a search by payment date finds it on.
        paidAt: '2026-11-25T01:00:00.000Z',
        updatedAt: '2026-11-25T01:00:00.000Z',
        version: 1,
      });
      expect(order).toEqual(stored);
      expect(await store.getCart('CART-D9')).toEqual({ cartNo: 'CART-D9', buyerId: 'B-4' });
      expect(store.events).toEqual([
        {
          orderNo: 'D-3001',
          at: '2026-11-25T01:00:00.000Z',
          type: 'ORDER_REGISTERED',
          actor: { role: 'operator', id: 'OP-1' },
          detail: 'NEW',
        },
      ]);
      expect(store.commits).toHaveLength(1);
      expect((await store.statusCounts('S-1')).orders).toEqual({ NEW: 1 });
    },
  );

  it('an order registered with an expected ship date is PREPARING', async () => {
    const { store, profiles } = world();

    const order = await registerOrder({ store, profiles }, OPERATOR, intake({ expectedShipDate: '2026-12-01' }), NOW);

    expect(order.status).toBe('PREPARING');
    expect((await store.getOrder('D-3001'))!).toMatchObject({ status: 'PREPARING', expectedShipDate: '2026-12-01' });
  });

  it('an imported order keeps the status and order date it was given', async () => {
    const { store, profiles } = world();

    await registerOrder(
      { store, profiles },
      OPERATOR,
      intake({ status: 'IN_TRANSIT', orderedAt: '2026-11-01T05:00:00.000Z', shippedAt: '2026-11-02T05:00:00.000Z' }),
      NOW,
    );

    expect((await store.getOrder('D-3001'))!).toMatchObject({
      status: 'IN_TRANSIT',
      orderedAt: '2026-11-01T05:00:00.000Z',
      updatedAt: '2026-11-25T01:00:00.000Z',
    });
    expect(store.events[0]!.detail).toBe('IN_TRANSIT');
  });

  it('a second order of the same buyer joins the cart', async () => {
    const { store, profiles } = world();
    await registerOrder({ store, profiles }, OPERATOR, intake(), NOW);

    await registerOrder(
      { store, profiles },
      OPERATOR,
      intake({ orderNo: 'D-3002', item: { code: 'X-2', name: '湯呑み', quantity: 2 } }),
      NOW,
    );

    expect((await store.ordersOfCart('CART-D9')).map((o) => o.orderNo).sort()).toEqual(['D-3001', 'D-3002']);
    expect(await store.getCart('CART-D9')).toEqual({ cartNo: 'CART-D9', buyerId: 'B-4' });
  });

  it(
    'an order number already registered is a conflict naming the order’s current status and actions; the first ' +
      'order is untouched',
    async () => {
      const { store, profiles } = world();
      await registerOrder({ store, profiles }, OPERATOR, intake({ expectedShipDate: '2026-12-01' }), NOW);
      const before = snapshot(store);

      const error = await caught(
        registerOrder({ store, profiles }, OPERATOR, intake({ total: { amount: 1, currency: 'JPY' } }), NOW),
        RefusedError,
      );

      expect(error.refusal).toEqual({
        kind: 'CONFLICT',
        detail: 'Order D-3001 is already registered.',
        currentStatus: 'PREPARING',
        allowedActions: ['SET_SHIP_DATE', 'SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL'],
      });
      expect(snapshot(store)).toEqual(before);
      expect((await store.getOrder('D-3001'))!.total.amount).toBe(6500);
    },
  );

  it.each(['CARD', 'BALANCE'] as const)(
    'an order paid by %s is paid at checkout: registering it awaiting payment is refused (PAYMENT_NOT_DEFERRED), ' +
      'nothing stored',
    async (method) => {
      const { store, profiles } = world();
      const before = snapshot(store);

      const error = await caught(
        registerOrder({ store, profiles }, OPERATOR, intake({ status: 'PROCESSING', payment: { method } }), NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'PAYMENT_NOT_DEFERRED' });
      expect(snapshot(store)).toEqual(before);
    },
  );

  it('a convenience-store order awaiting payment has no payment date yet', async () => {
    const { store, profiles } = world();
    const order = await registerOrder(
      { store, profiles },
      OPERATOR,
      intake({ status: 'PROCESSING', payment: { method: 'CONVENIENCE_STORE' } }),
      NOW,
    );
    expect(order.paidAt).toBeUndefined();
  });

  it(
    'an order of a seller without a profile is refused (SELLER_PROFILE_MISSING) and nothing is stored: nobody ' +
      'could tell that seller of a request',
    async () => {
      const { store, profiles } = world();
      const before = snapshot(store);

      const error = await caught(
        registerOrder({ store, profiles }, OPERATOR, intake({ sellerId: 'S-NEW' }), NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({
        kind: 'RULE',
        rule: 'SELLER_PROFILE_MISSING',
        detail: expect.stringContaining('PUT /sellers/S-NEW/profile'),
      });
      expect(snapshot(store)).toEqual(before);
    },
  );

  it('an order of another buyer in someone’s cart is refused (CART_OF_ANOTHER_BUYER) and not stored', async () => {
    const { store, profiles } = world();
    await registerOrder({ store, profiles }, OPERATOR, intake(), NOW);
    const before = snapshot(store);

    const error = await caught(
      registerOrder(
        { store, profiles },
        OPERATOR,
        intake({ orderNo: 'D-3002', buyer: { id: 'B-5', email: 'ko@example.jp', country: 'JP' } }),
        NOW,
      ),
      RefusedError,
    );

    expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'CART_OF_ANOTHER_BUYER' });
    expect(await store.getOrder('D-3002')).toBeUndefined();
    expect(snapshot(store)).toEqual(before);
  });

  it(
    'two checkouts taking the same cart at once: the one that commits first keeps it, the other is ' + 'refused',
    async () => {
      const { store, profiles } = world();
      const race = raceOnce(store, anyCommit, async () => {
        await registerOrder(
          { store, profiles },
          OPERATOR,
          intake({ orderNo: 'D-4001', buyer: { id: 'B-9', email: 'first@example.jp', country: 'JP' } }),
          NOW,
        );
      });

      const error = await caught(registerOrder({ store, profiles }, OPERATOR, intake(), NOW), RefusedError);

      expect(race.fired()).toBe(true);
      expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'CART_OF_ANOTHER_BUYER' });
      expect(await store.getCart('CART-D9')).toEqual({ cartNo: 'CART-D9', buyerId: 'B-9' });
      expect(await store.getOrder('D-3001')).toBeUndefined();
      expect(store.commits).toHaveLength(1);
    },
  );
});
