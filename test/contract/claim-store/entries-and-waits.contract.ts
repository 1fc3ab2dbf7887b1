import { beforeEach, describe, expect, it } from 'vitest';
import type { Cart, ClaimStore, WaitFor } from '../../../shared/app/ports/claim-store.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import { type MakeStore, type TestData, expectConflict, orderNos, sorted } from './support.js';
import { storeWorld } from './store-world.js';

export function entriesAndWaitsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, newRefund, moveClaim } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('append-only entries, and carts', () => {
    it(
      'a ledger entry is only added: a second one with the same id conflicts, and the first stays as it ' + 'was',
      async () => {
        const entry = d.entry(1500);
        await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
        await expectConflict(
          store.commit(
            changeOf([{ entity: 'ledger', value: { ...entry, amount: { amount: 9999, currency: 'JPY' } } }]),
          ),
        );
        await expectConflict(store.commit(changeOf([{ entity: 'ledger', value: entry }])));
        expect((await store.buyerLedger(d.buyerId)).entries).toEqual([entry]);
      },
    );

    it('a ledger entry id is the buyer’s: another buyer’s entry of the same id is another entry', async () => {
      const entry = d.entry(1500);
      const otherBuyer = d.id('B');
      await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
      await store.commit(changeOf([{ entity: 'ledger', value: { ...entry, buyerId: otherBuyer } }]));
      expect((await store.buyerLedger(d.buyerId)).entries).toEqual([entry]);
      expect((await store.buyerLedger(otherBuyer)).entries).toEqual([{ ...entry, buyerId: otherBuyer }]);
    });

    it(
      'timeline events are only added: the same event twice, and events of the same moment, are all ' + 'kept',
      async () => {
        const order = await newOrder();
        const event = d.event(order.orderNo, '2021-03-10T09:00:00.000Z', 'SHIPPED');
        const sameMoment = d.event(order.orderNo, '2021-03-10T09:00:00.000Z', 'MESSAGE_SENT');
        await store.commit(changeOf([{ entity: 'event', value: event }]));
        await store.commit(changeOf([{ entity: 'event', value: event }]));
        await store.commit(changeOf([{ entity: 'event', value: sameMoment }]));
        const { timeline } = (await store.orderRecords(order.orderNo))!;
        expect(timeline).toHaveLength(3);
        expect(timeline).toEqual(expect.arrayContaining([event, event, sameMoment]));
        expect(timeline.filter((e) => e.type === 'SHIPPED')).toEqual([event, event]);
      },
    );

    it(
      'a cart belongs to its first buyer: its buyer may write it again, another buyer’s write conflicts and ' +
        'changes nothing',
      async () => {
        const first = d.order();
        const cart: Cart = { cartNo: first.cartNo, buyerId: d.buyerId };
        expect(await store.getCart(cart.cartNo)).toBeUndefined();
        await store.commit(
          changeOf([
            { entity: 'order', value: first, from: null },
            { entity: 'cart', value: cart },
          ]),
        );
        expect(await store.getCart(cart.cartNo)).toEqual(cart);
        const second = d.order({ cartNo: cart.cartNo });
        await store.commit(
          changeOf([
            { entity: 'order', value: second, from: null },
            { entity: 'cart', value: cart },
          ]),
        );
        const otherBuyer = { id: d.id('B'), email: 'taro@example.jp', country: 'JP' };
        const intruder = d.order({ cartNo: cart.cartNo, buyer: otherBuyer });
        await expectConflict(
          store.commit(
            changeOf([
              { entity: 'order', value: intruder, from: null },
              { entity: 'cart', value: { cartNo: cart.cartNo, buyerId: otherBuyer.id } },
            ]),
          ),
        );
        await expectConflict(
          store.commit(changeOf([{ entity: 'cart', value: { cartNo: cart.cartNo, buyerId: otherBuyer.id } }])),
        );
        expect(await store.getCart(cart.cartNo)).toEqual(cart);
        expect(await store.getOrder(intruder.orderNo)).toBeUndefined();
        expect(sorted(orderNos(await store.ordersOfCart(cart.cartNo)))).toEqual(
          sorted([first.orderNo, second.orderNo]),
        );
      },
    );
  });

  describe('waits', () => {
    it(
      'a wait on a claim stores its token for waitToken and leaves the claim as it was; no read of the claim ' +
        'carries the token',
      async () => {
        const claim = await newClaim();
        const waitFor: WaitFor = { claimId: claim.claimId };
        const token = `token-${d.tag}-secret`;
        expect(await store.waitToken(waitFor)).toBeUndefined();
        await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token, version: claim.version } }]));
        expect(await store.waitToken(waitFor)).toBe(token);
        const after = await store.getClaim(claim.claimId);
        expect(after).toEqual(claim);
        const reads = [
          after,
          await store.getClaims([claim.claimId]),
          await store.listClaims({ sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' }, { limit: 10 }),
        ];
        for (const read of reads) expect(JSON.stringify(read)).not.toContain(token);
        // Another claim has no token.
        expect(await store.waitToken({ claimId: (await newClaim()).claimId })).toBeUndefined();
      },
    );

    it(
      'a wait read before a decision conflicts; a decision after a wait goes through, and finds its ' + 'token',
      async () => {
        const claim = await newClaim({ status: 'AWAITING_APPROVAL' });
        const waitFor: WaitFor = { claimId: claim.claimId };
        await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-1', version: claim.version } }]));
        // The decision read the claim before the token was written: it goes through, and reads the token after its
        // write.
        await store.commit(changeOf([moveClaim(claim, { status: 'IN_PROGRESS' })]));
        expect(await store.waitToken(waitFor)).toBe('T-1');
        // A token written on the claim as read before the decision does not go through.
        await expectConflict(
          store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-2', version: claim.version } }])),
        );
        expect(await store.waitToken(waitFor)).toBe('T-1');
        const decided = (await store.getClaim(claim.claimId))!;
        expect(decided).toMatchObject({ status: 'IN_PROGRESS', version: claim.version + 1 });
        // A later wait, on the claim as it is, replaces the token.
        await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-3', version: decided.version } }]));
        expect(await store.waitToken(waitFor)).toBe('T-3');
        expect(await store.getClaim(claim.claimId)).toEqual(decided);
      },
    );

    it(
      'a wait on a refund: the token for waitToken, the refund as it was; no read of the refund carries the ' +
        'token; a wait read before a change conflicts',
      async () => {
        const order = await newOrder();
        const refund = await newRefund(order.orderNo);
        const waitFor: WaitFor = { orderNo: order.orderNo, refundId: refund.refundId };
        const token = `token-${d.tag}-card`;
        expect(await store.waitToken(waitFor)).toBeUndefined();
        await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token, version: refund.version } }]));
        expect(await store.waitToken(waitFor)).toBe(token);
        const after = await store.getRefund(order.orderNo, refund.refundId);
        expect(after).toEqual(refund);
        const records = (await store.orderRecords(order.orderNo))!;
        expect(records.refunds).toEqual([after]);
        for (const read of [after, records]) expect(JSON.stringify(read)).not.toContain(token);
        await store.commit(
          changeOf([{ entity: 'refund', value: { ...refund, status: 'COMPLETED' }, from: refund.status }]),
        );
        await expectConflict(
          store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-OLD', version: refund.version } }])),
        );
        expect(await store.waitToken(waitFor)).toBe(token);
        // The claim waits apart: the same ids as a claim's have no token.
        expect(await store.waitToken({ claimId: refund.claimId })).toBeUndefined();
      },
    );

    it(
      'refunds waited for together: each keeps the token and the list of all; a refund waited for alone lists ' +
        'itself',
      async () => {
        const order = await newOrder();
        const [first, second] = [await newRefund(order.orderNo), await newRefund((await newOrder()).orderNo)];
        const together = [first, second].map((refund) => ({ orderNo: refund.orderNo, refundId: refund.refundId }));
        await store.commit(
          changeOf(
            [first, second].map((refund) => ({
              entity: 'wait' as const,
              value: {
                waitFor: { orderNo: refund.orderNo, refundId: refund.refundId },
                token: 'T-BOTH',
                version: refund.version,
                together,
              },
            })),
          ),
        );
        for (const waitFor of together) expect(await store.refundWait(waitFor)).toEqual({ token: 'T-BOTH', together });
        const alone = await newRefund((await newOrder()).orderNo);
        const waitFor = { orderNo: alone.orderNo, refundId: alone.refundId };
        expect(await store.refundWait(waitFor)).toBeUndefined();
        await store.commit(
          changeOf([{ entity: 'wait', value: { waitFor, token: 'T-ALONE', version: alone.version } }]),
        );
        expect(await store.refundWait(waitFor)).toEqual({ token: 'T-ALONE', together: [waitFor] });
      },
    );

    it('a wait on a claim or a refund that does not exist conflicts, and stores no token', async () => {
      const claimId = d.id('C');
      const orderNo = d.id('O');
      for (const version of [0, 1]) {
        await expectConflict(
          store.commit(changeOf([{ entity: 'wait', value: { waitFor: { claimId }, token: 'T-X', version } }])),
        );
        await expectConflict(
          store.commit(
            changeOf([
              {
                entity: 'wait',
                value: { waitFor: { orderNo, refundId: `${claimId}.${orderNo}` }, token: 'T-X', version },
              },
            ]),
          ),
        );
      }
      expect(await store.waitToken({ claimId })).toBeUndefined();
      expect(await store.waitToken({ orderNo, refundId: `${claimId}.${orderNo}` })).toBeUndefined();
      expect(await store.getClaim(claimId)).toBeUndefined();
      expect(await store.getRefund(orderNo, `${claimId}.${orderNo}`)).toBeUndefined();
    });
  });
}
