// POST /orders/{orderNo}/delivery: the operator records the delivery → DELIVERED.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { deliverOrder } from '../../../../shared/app/orders/deliver-order.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, OPERATOR, caught, snapshot } from '../../../support/world-ledger.js';

describe('deliver an order', () => {
  it('an order in transit is DELIVERED, with the time, on the timeline by the operator', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'IN_TRANSIT', shippedAt: '2026-11-23T01:00:00.000Z' });

    const delivered = await deliverOrder(store, OPERATOR, order.orderNo, NOW);

    const stored = (await store.getOrder(order.orderNo))!;
    expect(stored).toEqual({
      ...order,
      status: 'DELIVERED',
      deliveredAt: '2026-11-25T01:00:00.000Z',
      updatedAt: '2026-11-25T01:00:00.000Z',
      version: order.version + 1,
    });
    expect(delivered).toEqual(stored);
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: '2026-11-25T01:00:00.000Z',
        type: 'DELIVERED',
        actor: { role: 'operator', id: 'OP-1' },
        detail: 'DELIVERED',
      },
    ]);
    expect((await store.statusCounts('S-1')).orders).toEqual({ IN_TRANSIT: 0, DELIVERED: 1 });
  });

  it.each([
    ['NEW', ['SET_SHIP_DATE', 'SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL']],
    ['DELIVERED', ['SELLER_REFUND', 'REQUEST_RETURN', 'REPORT_NON_RECEIPT']],
    ['RETURNED', []],
  ] as const)('a %s order cannot be delivered (409); nothing changes', async (status, allowed) => {
    const { store } = world();
    const order = await seedOrder(store, { status });
    const before = snapshot(store);

    const error = await caught(deliverOrder(store, OPERATOR, order.orderNo, NOW), RefusedError);

    expect(error.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: status, allowedActions: allowed });
    expect(snapshot(store)).toEqual(before);
  });

  it('an unknown order is not found', async () => {
    const { store } = world();
    await caught(deliverOrder(store, OPERATOR, 'NO-SUCH-ORDER', NOW), NotFoundError);
    expect(store.commits).toHaveLength(0);
  });
});
