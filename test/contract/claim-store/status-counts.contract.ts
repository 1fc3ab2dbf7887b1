import { isDeepStrictEqual } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore, StatusCounts } from '../../../shared/app/ports/claim-store.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import {
  type MakeStore,
  privateYear,
  type TestData,
  pageUntil,
  expectConflict,
  claimIds,
  NO_STANDING,
  countsDelta,
} from './support.js';
import { storeWorld } from './store-world.js';

export function statusCountsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, moveOrder, moveClaim } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('statusCounts', () => {
    it('a seller with nothing has no counts', async () => {
      expect(await store.statusCounts(d.id('S'))).toEqual({ orders: {}, claims: {}, standing: NO_STANDING });
    });

    it('new orders and claims count in their status, for their seller only', async () => {
      await newOrder({ status: 'NEW' });
      await newOrder({ status: 'NEW' });
      await newOrder({ status: 'PREPARING' });
      await newClaim({ status: 'REQUESTED' });
      const otherSeller = d.id('S');
      await newOrder({ status: 'IN_TRANSIT', sellerId: otherSeller });
      expect(await store.statusCounts(d.sellerId)).toEqual({
        orders: { NEW: 2, PREPARING: 1 },
        claims: { REQUESTED: 1 },
        standing: NO_STANDING,
      });
      expect(await store.statusCounts(otherSeller)).toEqual({
        orders: { IN_TRANSIT: 1 },
        claims: {},
        standing: NO_STANDING,
      });
    });

    it(
      'a change of status moves a count (one less in the old, one more in the new); a write that keeps the ' +
        'status, or fails, moves none',
      async () => {
        const a = await newOrder({ status: 'NEW' });
        const b = await newOrder({ status: 'NEW' });
        const claim = await newClaim({ status: 'REQUESTED' });
        await store.commit(
          changeOf([
            moveOrder(a, { status: 'PREPARING' }),
            moveClaim(claim, { status: 'IN_PROGRESS' }),
            moveOrder(b, { updatedAt: '2021-03-12T00:00:00.000Z' }),
          ]),
        );
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 1, PREPARING: 1 },
          claims: { REQUESTED: 0, IN_PROGRESS: 1 },
          standing: NO_STANDING,
        });
        // Stale: a was read before its move.
        await expectConflict(
          store.commit(
            changeOf([
              moveOrder(a, { status: 'CANCELLED' }),
              { entity: 'order', value: d.order({ status: 'NEW' }), from: null },
            ]),
          ),
        );
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 1, PREPARING: 1 },
          claims: { REQUESTED: 0, IN_PROGRESS: 1 },
          standing: NO_STANDING,
        });
        const prepared = (await store.getOrder(a.orderNo))!;
        const inProgress = (await store.getClaim(claim.claimId))!;
        await store.commit(
          changeOf([moveOrder(prepared, { status: 'CANCELLED' }), moveClaim(inProgress, { status: 'COMPLETED' })]),
        );
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 1, PREPARING: 0, CANCELLED: 1 },
          claims: { REQUESTED: 0, IN_PROGRESS: 0, COMPLETED: 1 },
          standing: { ...NO_STANDING, sellerFaultOrders: 1 },
        });
      },
    );

    it('moves that cancel out in one commit leave the counts as they were', async () => {
      const a = await newOrder({ status: 'NEW' });
      const b = await newOrder({ status: 'PREPARING' });
      await store.commit(changeOf([moveOrder(a, { status: 'PREPARING' }), moveOrder(b, { status: 'NEW' })]));
      expect(await store.statusCounts(d.sellerId)).toEqual({
        orders: { NEW: 1, PREPARING: 1 },
        claims: {},
        standing: NO_STANDING,
      });
    });

    it(
      'the seller’s standing, in orders: every order of a seller-fault claim completed; apart, those cancelled ' +
        'while DELAYED and those refunded after shipping; buyer-fault claims and rewrites do not count',
      async () => {
        const cart = await newClaim({
          status: 'IN_PROGRESS',
          fault: 'SELLER',
          reason: 'OUT_OF_STOCK',
          orderNos: ['A-1', 'A-2', 'A-3'],
          delayedOrders: ['A-2'],
        });
        // A seller's own choice of SHIPPING_DELAY for an order that was not DELAYED: seller-fault, no delay line.
        const chosen = await newClaim({ status: 'IN_PROGRESS', fault: 'SELLER', reason: 'SHIPPING_DELAY' });
        const refund = await newClaim({
          status: 'IN_PROGRESS',
          fault: 'SELLER',
          reason: 'SHIPPING_DELAY',
          type: 'SELLER_REFUND',
        });
        // Stored before the delayed orders were kept: all its orders, since one was.
        const older = await newClaim({
          status: 'IN_PROGRESS',
          fault: 'SELLER',
          reason: 'OUT_OF_STOCK',
          orderDelayed: true,
        });
        const buyerFault = await newClaim({
          status: 'IN_PROGRESS',
          fault: 'BUYER',
          reason: 'BUYER_CHANGED_MIND',
          type: 'BUYER_CANCEL',
        });
        for (const claim of [cart, chosen, refund, older, buyerFault])
          await store.commit(changeOf([moveClaim(claim, { status: 'COMPLETED' })]));
        // A completed claim written again (a memo, an alert) is not counted twice.
        const completed = (await store.getClaim(cart.claimId))!;
        await store.commit(changeOf([moveClaim(completed, { sellerMemo: 'again' })]));
        expect((await store.statusCounts(d.sellerId)).standing).toEqual({
          sellerFaultOrders: 6,
          cancelledWhileDelayed: 2,
          refundedForDelay: 1,
        });
      },
    );

    it('the whole marketplace’s counts move with every seller’s', async () => {
      // Other tests write to the same store at the same time: the change is measured until one
      // measurement sees this test's commit alone.
      let delta: StatusCounts | undefined;
      const expected: StatusCounts = {
        orders: { NEW: 1, IN_TRANSIT: -1, DELIVERED: 1 },
        claims: { REQUESTED: 1 },
        standing: NO_STANDING,
      };
      for (let attempt = 0; attempt < 8 && !isDeepStrictEqual(delta, expected); attempt++) {
        const shipped = await newOrder({ status: 'IN_TRANSIT', sellerId: d.id('S') });
        const before = await store.statusCounts();
        await store.commit(
          changeOf([
            { entity: 'order', value: d.order({ status: 'NEW' }), from: null },
            { entity: 'claim', value: d.claim({ sellerId: d.id('S') }), from: null },
            moveOrder(shipped, { status: 'DELIVERED', deliveredAt: '2021-03-12T00:00:00.000Z' }),
          ]),
        );
        delta = countsDelta(before, await store.statusCounts());
      }
      expect(delta).toEqual(expected);
    });
  });

  describe('staleOpenClaims', () => {
    it(
      'open claims last changed before the time, newest first, each once, a page at a time; closed and ' +
        'since-changed ones are not',
      async () => {
        const year = privateYear();
        const at = (month: number, day: number) =>
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        const changedBefore = at(2, 1);
        const stale = {
          requested: await newClaim({ status: 'REQUESTED', requestedAt: at(1, 1), updatedAt: at(1, 10) }),
          inProgress: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(1, 2), updatedAt: at(1, 5) }),
          awaiting: await newClaim({
            status: 'AWAITING_APPROVAL',
            requestedAt: at(1, 3),
            updatedAt: at(1, 20),
            sellerId: d.id('S'),
          }),
          needsOperator: await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: at(1, 4), updatedAt: at(1, 15) }),
        };
        await newClaim({ status: 'REQUESTED', requestedAt: at(1, 5), updatedAt: at(3, 1) });
        await newClaim({ status: 'IN_PROGRESS', requestedAt: at(1, 6), updatedAt: changedBefore });
        for (const status of ['COMPLETED', 'FAILED', 'WITHDRAWN'] as const)
          await newClaim({ status, requestedAt: at(1, 7), updatedAt: at(1, 7) });
        const ours = new Set([d.sellerId, stale.awaiting.sellerId]);
        const oldest = stale.requested.requestedAt;
        const read = async (limit: number) => {
          const items = await pageUntil(
            (page) => store.staleOpenClaims(changedBefore, page),
            limit,
            (x) => x.requestedAt < oldest,
          );
          expect(new Set(claimIds(items)).size).toBe(items.length);
          for (const item of items)
            expect(item.updatedAt < changedBefore && !['COMPLETED', 'FAILED', 'WITHDRAWN'].includes(item.status)).toBe(
              true,
            );
          return items.filter((x) => ours.has(x.sellerId));
        };
        for (const limit of [1, 3, 100]) {
          expect(claimIds(await read(limit)), `limit ${limit}`).toEqual(
            claimIds([stale.needsOperator, stale.awaiting, stale.inProgress, stale.requested]),
          );
        }
        expect((await read(10)).find((x) => x.claimId === stale.awaiting.claimId)).toEqual(stale.awaiting);
        // Changed since, or closed: no longer stale.
        await store.commit(
          changeOf([
            moveClaim(stale.requested, { updatedAt: at(3, 2) }),
            moveClaim(stale.inProgress, { status: 'COMPLETED', updatedAt: at(1, 6) }),
          ]),
        );
        expect(claimIds(await read(2))).toEqual(claimIds([stale.needsOperator, stale.awaiting]));
      },
    );
  });
}
