import { randomBytes } from 'node:crypto';
import type { BulkCancellation } from '../../shared/domain/bulk.js';
import type { Order } from '../../shared/domain/order.js';
import type { SellerProfile } from '../../shared/domain/seller-profile.js';

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

/** S-1's profile: a Japanese store, told at shop-s1@example.jp. */
export function aSellerProfile(overrides: Partial<SellerProfile> = {}): SellerProfile {
  return {
    sellerId: 'S-1',
    storeName: '抹茶の店',
    contactEmail: 'shop-s1@example.jp',
    language: 'ja',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: { role: 'operator', id: 'OP-1' },
    version: 1,
    ...overrides,
  };
}

/** A running job of a seller of its own, 2 lines in 1 chunk, not yet stored. */
export function aBulkJob(overrides: Partial<BulkCancellation> = {}): BulkCancellation {
  const bulkId = `BC-${randomBytes(5).toString('hex').toUpperCase()}`;
  return {
    bulkId,
    sellerId: `S-${randomBytes(5).toString('hex').toUpperCase()}`,
    status: 'RUNNING',
    total: 2,
    done: 0,
    failed: 0,
    chunks: 1,
    nextChunk: 0,
    sellerMemo: 'memo',
    notice: { title: 't', body: 'b', alsoEmail: true },
    approvalRequired: false,
    submittedBy: { role: 'seller', id: 'S' },
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    version: 0,
    ...overrides,
  };
}
