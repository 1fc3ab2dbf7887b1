import type { Order } from '../../shared/domain/order.js';

/** A JP buyer's card order of S-1, NEW, registered at noon on 2026-11-20 (Japan). */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderNo: 'O-1',
    cartNo: 'CART-1',
    sellerId: 'S-1',
    buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
    item: { code: 'TEA-01', name: '抹茶セット', quantity: 1 },
    total: { amount: 3200, currency: 'JPY' },
    payment: { method: 'CARD' },
    status: 'NEW',
    claimIds: [],
    orderedAt: '2026-11-20T03:00:00.000Z',
    updatedAt: '2026-11-20T03:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** 2026-11-25 10:00 in Japan. */
export const NOW = new Date('2026-11-25T01:00:00.000Z');
