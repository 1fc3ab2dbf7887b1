// The ClaimStore contract, in part: commits and their conflicts. See claim-store.contract.ts.

import { beforeEach, describe, expect, it } from 'vitest';
import type { Cart, ClaimStore, Write } from '../../../shared/app/ports/claim-store.js';
import { emptyBalance } from '../../../shared/domain/ledger.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import { type MakeStore, type TestData, expectConflict, expectRefusedAsBug, NO_STANDING } from './support.js';
import { storeWorld } from './store-world.js';

export function commitsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, moveOrder, moveClaim } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('commit', () => {
    it('writes nothing for no writes', async () => {
      const counts = await store.statusCounts();
      await expect(store.commit(changeOf([]))).resolves.toBeUndefined();
      expect(await store.statusCounts()).toEqual(counts);
    });

    // Each case: something that makes the commit fail, prepared beforehand.
    const failures: { what: string; prepare: () => Promise<Write> }[] = [
      {
        what: 'an order written at a stale version',
        prepare: async () => {
          const order = await newOrder();
          await store.commit(changeOf([moveOrder(order, { status: 'PREPARING' })]));
          return moveOrder(order, { status: 'IN_TRANSIT' });
        },
      },
      {
        what: 'a claim that already exists, written as new',
        prepare: async () => ({ entity: 'claim', value: { ...(await newClaim()), version: 0 }, from: null }),
      },
      {
        what: 'a ledger entry already there',
        prepare: async () => {
          const entry = d.entry(700, { buyerId: d.id('B') });
          await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
          return { entity: 'ledger', value: entry };
        },
      },
      {
        what: 'a cart of another buyer',
        prepare: async () => {
          const cart: Cart = { cartNo: d.id('CART'), buyerId: d.id('B') };
          await store.commit(changeOf([{ entity: 'cart', value: cart }]));
          return { entity: 'cart', value: { ...cart, buyerId: d.id('B') } };
        },
      },
      {
        what: 'a wait at a stale version',
        prepare: async () => {
          const claim = await newClaim();
          await store.commit(changeOf([moveClaim(claim, { status: 'IN_PROGRESS' })]));
          return {
            entity: 'wait',
            value: { waitFor: { claimId: claim.claimId }, token: 'stale-token', version: claim.version },
          };
        },
      },
    ];
    for (const failure of failures) {
      it(`is all or nothing: with ${failure.what}, it conflicts and nothing of it is written`, async () => {
        const failing = await failure.prepare();
        const countsBefore = await store.statusCounts(d.sellerId);
        const order = d.order();
        const claim = d.claim({ orderNo: order.orderNo });
        const refund = d.refund(order.orderNo, { claimId: claim.claimId });
        const message = d.message(order.orderNo);
        const buyerId = d.id('B');
        const writes: Write[] = [
          { entity: 'order', value: order, from: null },
          { entity: 'cart', value: { cartNo: order.cartNo, buyerId } },
          { entity: 'claim', value: claim, from: null },
          { entity: 'refund', value: refund, from: null },
          { entity: 'message', value: message },
          { entity: 'event', value: d.event(order.orderNo, '2021-03-10T09:00:00.000Z') },
          { entity: 'ledger', value: d.entry(3200, { buyerId }) },
          { entity: 'balance', value: d.balance(3200, { buyerId }) },
          { entity: 'withdrawal', value: d.withdrawal(100, { buyerId }), from: null },
        ];
        // Wherever the failing write stands.
        await expectConflict(store.commit(changeOf([...writes, failing])));
        await expectConflict(store.commit(changeOf([failing, ...writes])));
        expect(await store.getOrder(order.orderNo)).toBeUndefined();
        expect(await store.orderRecords(order.orderNo)).toBeUndefined();
        expect(await store.getCart(order.cartNo)).toBeUndefined();
        expect(await store.getClaim(claim.claimId)).toBeUndefined();
        expect(await store.getRefund(order.orderNo, refund.refundId)).toBeUndefined();
        expect(await store.getMessage(order.orderNo, message.messageId)).toBeUndefined();
        expect(await store.buyerLedger(buyerId)).toEqual({
          balance: emptyBalance(buyerId),
          entries: [],
          withdrawals: [],
        });
        expect(await store.statusCounts(d.sellerId)).toEqual(countsBefore);
        // And the same writes without the failing one go through.
        await store.commit(changeOf(writes));
        expect(await store.getOrder(order.orderNo)).toEqual({ ...order, version: 1 });
        expect((await store.buyerLedger(buyerId)).entries).toHaveLength(1);
      });
    }

    it('a commit that names one item twice is refused, and nothing of it is written', async () => {
      const claim = await newClaim();
      const order = d.order();
      const entry = d.entry(100);
      const others: Write[] = [
        { entity: 'order', value: order, from: null },
        { entity: 'event', value: d.event(order.orderNo, '2021-03-10T09:00:00.000Z') },
      ];
      await expectRefusedAsBugOrConflict(
        store.commit(changeOf([...others, { entity: 'ledger', value: entry }, { entity: 'ledger', value: entry }])),
      );
      await expectRefusedAsBugOrConflict(
        store.commit(
          changeOf([
            ...others,
            moveClaim(claim, { status: 'IN_PROGRESS' }),
            { entity: 'wait', value: { waitFor: { claimId: claim.claimId }, token: 'T-1', version: claim.version } },
          ]),
        ),
      );
      const again = d.order();
      await expectRefusedAsBugOrConflict(
        store.commit(
          changeOf([
            ...others,
            { entity: 'order', value: again, from: null },
            { entity: 'order', value: { ...again, status: 'PREPARING' }, from: null },
          ]),
        ),
      );
      expect(await store.getOrder(order.orderNo)).toBeUndefined();
      expect(await store.getOrder(again.orderNo)).toBeUndefined();
      expect((await store.buyerLedger(d.buyerId)).entries).toEqual([]);
      expect(await store.getClaim(claim.claimId)).toEqual(claim);
      expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
      expect(await store.statusCounts(d.sellerId)).toEqual({
        orders: {},
        claims: { REQUESTED: 1 },
        standing: NO_STANDING,
      });
    });

    /**
     * DynamoDB refuses one item twice (a bug in the caller); DynamoDB Local may report the second write's condition
     * instead.
     */
    async function expectRefusedAsBugOrConflict(promise: Promise<unknown>) {
      await expect(promise).rejects.toBeInstanceOf(Error);
    }

    const events = (orderNo: string, count: number): Write[] =>
      Array.from({ length: count }, (_, i) => ({
        entity: 'event',
        value: d.event(
          orderNo,
          `2021-03-10T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
        ),
      }));

    it(
      'more than 100 items in one commit is an Error, not a conflict, and nothing of it is written; 100 are ' +
        'written',
      async () => {
        const order = await newOrder();
        await expectRefusedAsBug(store.commit(changeOf(events(order.orderNo, 101))));
        expect((await store.orderRecords(order.orderNo))!.timeline).toEqual([]);
        await store.commit(changeOf(events(order.orderNo, 100)));
        expect((await store.orderRecords(order.orderNo))!.timeline).toHaveLength(100);
      },
    );

    it('the counts a commit changes are items of it: one for the seller, one for the whole marketplace', async () => {
      const order = await newOrder();
      const fresh = d.order();
      // 98 events + the new order + its two counts = 101.
      await expectRefusedAsBug(
        store.commit(changeOf([...events(order.orderNo, 98), { entity: 'order', value: fresh, from: null }])),
      );
      expect(await store.getOrder(fresh.orderNo)).toBeUndefined();
      // 97 + 1 + 2 = 100.
      await store.commit(changeOf([...events(order.orderNo, 97), { entity: 'order', value: fresh, from: null }]));
      expect(await store.getOrder(fresh.orderNo)).toMatchObject({ version: 1 });
      // A write that leaves the status as it was changes no count: 99 events + the order = 100.
      await store.commit(
        changeOf([...events(order.orderNo, 99), moveOrder(order, { updatedAt: '2021-03-12T00:00:00.000Z' })]),
      );
      // Moves that cancel out change no count either: 98 + 2 = 100.
      const fresher = (await store.getOrder(fresh.orderNo))!;
      const prepared = (await store.getOrder(order.orderNo))!;
      await store.commit(changeOf([moveOrder(prepared, { status: 'PREPARING' })]));
      const preparing = (await store.getOrder(order.orderNo))!;
      await store.commit(
        changeOf([
          ...events(order.orderNo, 98),
          moveOrder(preparing, { status: 'NEW' }),
          moveOrder(fresher, { status: 'PREPARING' }),
        ]),
      );
      expect((await store.orderRecords(order.orderNo))!.timeline).toHaveLength(97 + 99 + 98);
      expect(await store.statusCounts(d.sellerId)).toEqual({
        orders: { NEW: 1, PREPARING: 1 },
        claims: {},
        standing: NO_STANDING,
      });
    });

    it('a wait is two items (the token, and its owner’s version)', async () => {
      const order = await newOrder();
      const claim = await newClaim();
      const wait: Write = {
        entity: 'wait',
        value: { waitFor: { claimId: claim.claimId }, token: 'T-100', version: claim.version },
      };
      await expectRefusedAsBug(store.commit(changeOf([...events(order.orderNo, 99), wait])));
      expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
      await store.commit(changeOf([...events(order.orderNo, 98), wait]));
      expect(await store.waitToken({ claimId: claim.claimId })).toBe('T-100');
    });
  });
}
