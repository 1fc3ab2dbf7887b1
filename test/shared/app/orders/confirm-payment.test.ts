// POST /orders/{orderNo}/payment: an order awaiting payment becomes NEW once it is paid.
import { describe, expect, it } from 'vitest';
import { confirmPayment } from '../../../../shared/app/orders/confirm-payment.js';
import { RefusedError } from '../../../../shared/app/errors.js';
import { seedOrder, world } from '../../../support/worlds.js';

const OPERATOR = { role: 'operator' as const, id: 'OP-1' };
const NOW = new Date('2026-11-25T01:00:00Z');

describe('confirm payment', () => {
  it('PROCESSING → NEW, with when it was paid and a timeline event; the counts move with it', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'PROCESSING' });

    const paid = await confirmPayment(store, OPERATOR, order.orderNo, NOW);

    expect(paid).toMatchObject({ status: 'NEW', paidAt: NOW.toISOString() });
    expect(store.events.at(-1)).toMatchObject({ orderNo: order.orderNo, type: 'PAYMENT_CONFIRMED', actor: { role: 'operator', id: 'OP-1' } });
    const counts = await store.statusCounts(order.sellerId);
    expect(counts.orders).toMatchObject({ PROCESSING: 0, NEW: 1 });
  });

  it('an order that is not awaiting payment: 409 with its status, nothing changed', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'NEW' });
    const error = await confirmPayment(store, OPERATOR, order.orderNo, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'NEW' });
    expect((await store.getOrder(order.orderNo))!.status).toBe('NEW');
  });
});
