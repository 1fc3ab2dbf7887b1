// One store and one test's data for each test of a contract part, with the writes the parts use
// to set the scene. The store is made again before every test and cleaned up after it.

import { afterEach, beforeEach } from 'vitest';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import type { ClaimStore, Write } from '../../../shared/app/ports/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { Order } from '../../../shared/domain/order.js';
import type { Refund } from '../../../shared/domain/refund.js';
import { testData, type MakeStore, type TestData } from './support.js';

export interface StoreWorld {
  readonly store: ClaimStore;
  readonly d: TestData;
  newOrder(overrides?: Partial<Order>): Promise<Order>;
  newClaim(overrides?: Partial<Claim>): Promise<Claim>;
  newRefund(orderNo: string, overrides?: Partial<Refund>): Promise<Refund>;
  /** Writes an order read at its version, in a new status or the same. */
  moveOrder(order: Order, changes: Partial<Order>): Write;
  moveClaim(claim: Claim, changes: Partial<Claim>): Write;
}

/** Registers the store's set-up and clean-up around each test of the calling describe block. */
export function storeWorld(makeStore: MakeStore): StoreWorld {
  let store: ClaimStore;
  let cleanup: (() => Promise<void>) | undefined;
  let d: TestData;
  beforeEach(async () => {
    ({ store, cleanup } = await makeStore());
    d = testData();
  });
  afterEach(async () => {
    await cleanup?.();
  });
  return {
    get store() {
      return store;
    },
    get d() {
      return d;
    },
    async newOrder(overrides = {}) {
      const order = d.order(overrides);
      await store.commit(changeOf([{ entity: 'order', value: order, from: null }]));
      return (await store.getOrder(order.orderNo))!;
    },
    async newClaim(overrides = {}) {
      const claim = d.claim(overrides);
      await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
      return (await store.getClaim(claim.claimId))!;
    },
    async newRefund(orderNo, overrides = {}) {
      const refund = d.refund(orderNo, overrides);
      await store.commit(changeOf([{ entity: 'refund', value: refund, from: null }]));
      return (await store.getRefund(orderNo, refund.refundId))!;
    },
    moveOrder: (order, changes) => ({ entity: 'order', value: { ...order, ...changes }, from: order.status }),
    moveClaim: (claim, changes) => ({ entity: 'claim', value: { ...claim, ...changes }, from: claim.status }),
  };
}
