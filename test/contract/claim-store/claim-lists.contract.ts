// The ClaimStore contract, in part: the claim lists and their counts. See claim-store.contract.ts.

import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimQuery, ClaimStore } from '../../../shared/app/ports/claim-store.js';
import type { Claim, ClaimStatus } from '../../../shared/domain/claim.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import {
  type MakeStore,
  privateYear,
  type TestData,
  pageAll,
  pageUntil,
  claimIds,
  newestClaimsFirst,
} from './support.js';
import { storeWorld } from './store-world.js';

export function claimListsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  const { newOrder, newClaim, moveClaim } = world;
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('listClaims and countClaims', () => {
    const cutoff = '2021-03-10T00:00:00.000Z';

    it('every seller’s closed claims: two years back from now, the same claims whatever the page size', async () => {
      const year = 3000 + Math.floor(Math.random() * 5000);
      const inMonth = (y: number, m: string) => `${y}-${m}-15T00:00:00.000Z`;
      const kept = [
        await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year, '06') }),
        await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year - 1, '07') }),
      ];
      await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year - 3, '06') });
      await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year + 1, '01') });
      const query: ClaimQuery = { status: 'WITHDRAWN', delayCutoff: cutoff, asOf: inMonth(year, '06') };
      for (const limit of [1, 2, 100]) {
        const { items } = await pageAll((page) => store.listClaims(query, page), limit);
        expect(
          claimIds(items).filter((id) => kept.some((k) => k.claimId === id)),
          `limit ${limit}`,
        ).toEqual(claimIds(kept));
        expect(items.filter((c) => c.sellerId === d.sellerId).length, `limit ${limit}`).toBe(2);
      }
    });

    it(
      'by seller: that seller’s claims only (not its orders), newest first, every claim once a page at a ' + 'time',
      async () => {
        const claims = [];
        for (let day = 1; day <= 6; day++)
          claims.push(
            await newClaim({
              requestedAt: `2021-03-${String(day).padStart(2, '0')}T00:00:00.000Z`,
              status: day % 2 ? 'REQUESTED' : 'COMPLETED',
            }),
          );
        claims.push(await newClaim({ requestedAt: '2021-03-04T00:00:00.000Z' }));
        await newClaim({ sellerId: d.id('S') });
        await newOrder({ orderedAt: '2021-03-05T00:00:00.000Z' });
        const expected = claimIds(newestClaimsFirst(claims));
        const query: ClaimQuery = { sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' };
        for (const limit of [1, 2, 3, 7, 8, 100]) {
          const { items, pages } = await pageAll((page) => store.listClaims(query, page), limit);
          expect(claimIds(items), `limit ${limit}`).toEqual(expected);
          expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        }
        expect((await store.listClaims(query, { limit: 1 })).items).toEqual([claims[5]]);
        expect(await store.countClaims(query)).toBe(claims.length);
        expect(await store.listClaims({ ...query, sellerId: d.id('S') }, { limit: 10 })).toEqual({
          items: [],
          nextCursor: null,
        });
        expect(await store.countClaims({ ...query, sellerId: d.id('S') })).toBe(0);
      },
    );

    it(
      'by status: the claims in that status now; a claim whose status changes moves from one list to the ' + 'other',
      async () => {
        const requested = [
          await newClaim({ requestedAt: '2021-03-01T00:00:00.000Z' }),
          await newClaim({ requestedAt: '2021-03-02T00:00:00.000Z' }),
        ];
        const inProgress = await newClaim({ status: 'IN_PROGRESS', requestedAt: '2021-03-03T00:00:00.000Z' });
        const completed = await newClaim({ status: 'COMPLETED', requestedAt: '2021-03-04T00:00:00.000Z' });
        const list = async (status: ClaimStatus) =>
          claimIds(
            (await pageAll((page) => store.listClaims({ sellerId: d.sellerId, status, delayCutoff: cutoff }, page), 1))
              .items,
          );
        const count = (status: ClaimStatus) => store.countClaims({ sellerId: d.sellerId, status, delayCutoff: cutoff });
        expect(await list('REQUESTED')).toEqual(claimIds([requested[1]!, requested[0]!]));
        expect(await list('IN_PROGRESS')).toEqual([inProgress.claimId]);
        expect(await list('COMPLETED')).toEqual([completed.claimId]);
        expect(await list('FAILED')).toEqual([]);
        await store.commit(
          changeOf([
            moveClaim(requested[0]!, { status: 'IN_PROGRESS' }),
            moveClaim(inProgress, { status: 'COMPLETED', completedAt: '2021-03-05T00:00:00.000Z' }),
          ]),
        );
        expect(await list('REQUESTED')).toEqual([requested[1]!.claimId]);
        expect(await list('IN_PROGRESS')).toEqual([requested[0]!.claimId]);
        expect(await list('COMPLETED')).toEqual(claimIds([completed, inProgress]));
        expect([
          await count('REQUESTED'),
          await count('IN_PROGRESS'),
          await count('COMPLETED'),
          await count('WITHDRAWN'),
        ]).toEqual([1, 1, 2, 0]);
      },
    );

    it(
      'delayed: open claims requested before the cutoff, or flagged delayed; not delayed: every other ' + 'claim',
      async () => {
        const at = (day: number) => `2021-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        const c = {
          requestedLong: await newClaim({ status: 'REQUESTED', requestedAt: at(1) }),
          needsOperatorLong: await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: at(2) }),
          completedLong: await newClaim({ status: 'COMPLETED', requestedAt: at(3) }),
          withdrawnFlagged: await newClaim({ status: 'WITHDRAWN', requestedAt: at(4), delayedAt: at(8) }),
          inProgressLong: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(9) }),
          atCutoff: await newClaim({ status: 'REQUESTED', requestedAt: cutoff }),
          failedRecent: await newClaim({ status: 'FAILED', requestedAt: at(11) }),
          awaitingFlagged: await newClaim({ status: 'AWAITING_APPROVAL', requestedAt: at(12), delayedAt: at(16) }),
          inProgressRecent: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(13) }),
        };
        const query = (extra: Partial<ClaimQuery>): ClaimQuery => ({
          sellerId: d.sellerId,
          delayCutoff: cutoff,
          ...extra,
        });
        const list = async (extra: Partial<ClaimQuery>, limit = 1) =>
          claimIds((await pageAll((page) => store.listClaims(query(extra), page), limit)).items);
        const delayed = claimIds([c.awaitingFlagged, c.inProgressLong, c.needsOperatorLong, c.requestedLong]);
        const notDelayed = claimIds([
          c.inProgressRecent,
          c.failedRecent,
          c.atCutoff,
          c.withdrawnFlagged,
          c.completedLong,
        ]);
        for (const limit of [1, 3, 100]) {
          expect(await list({ delayed: true }, limit), `limit ${limit}`).toEqual(delayed);
          expect(await list({ delayed: false }, limit), `limit ${limit}`).toEqual(notDelayed);
        }
        expect(await list({ status: 'IN_PROGRESS', delayed: true })).toEqual([c.inProgressLong.claimId]);
        expect(await list({ status: 'IN_PROGRESS', delayed: false })).toEqual([c.inProgressRecent.claimId]);
        expect(await list({ status: 'WITHDRAWN', delayed: true })).toEqual([]);
        expect(await list({ status: 'WITHDRAWN', delayed: false })).toEqual([c.withdrawnFlagged.claimId]);
        expect(await store.countClaims(query({ delayed: true }))).toBe(delayed.length);
        expect(await store.countClaims(query({ delayed: false }))).toBe(notDelayed.length);
        expect(await store.countClaims(query({ status: 'IN_PROGRESS', delayed: true }))).toBe(1);
        // Requested since: inclusive.
        expect(await store.countClaims(query({ requested: { from: at(12) } }))).toBe(2);
        expect(await store.countClaims(query({ requested: { from: at(12) }, delayed: true }))).toBe(1);
        expect(await store.countClaims(query({ requested: { from: at(2) }, status: 'COMPLETED' }))).toBe(1);
        expect(await store.countClaims(query({ requested: { from: at(14) } }))).toBe(0);
        // Requested within a period, both ends inclusive; listed and counted alike.
        const within = newestClaimsFirst(
          Object.values(c).filter((x) => x.requestedAt >= at(9) && x.requestedAt <= at(12)),
        );
        expect(within.length).toBeGreaterThan(2);
        expect(await list({ requested: { from: at(9), to: at(12) } }, 2)).toEqual(claimIds(within));
        expect(await store.countClaims(query({ requested: { from: at(9), to: at(12) } }))).toBe(within.length);
        // A claim that closes is no longer delayed.
        await store.commit(changeOf([moveClaim(c.needsOperatorLong, { status: 'FAILED' })]));
        expect(await list({ delayed: true })).toEqual(claimIds([c.awaitingFlagged, c.inProgressLong, c.requestedLong]));
      },
    );

    it(
      'every seller’s claims in an open status (the operator’s queue): newest first, each once; counted since a ' +
        'time',
      async () => {
        const year = privateYear();
        const since = `${year}-01-01T00:00:00.000Z`;
        const countBefore = await store.countClaims({
          status: 'NEEDS_OPERATOR',
          delayCutoff: cutoff,
          requested: { from: since },
        });
        const otherSeller = d.id('S');
        const claims = [
          await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: `${year}-01-02T00:00:00.000Z` }),
          await newClaim({
            status: 'NEEDS_OPERATOR',
            requestedAt: `${year}-02-02T00:00:00.000Z`,
            sellerId: otherSeller,
          }),
          await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: `${year}-02-03T00:00:00.000Z` }),
        ];
        await newClaim({ status: 'IN_PROGRESS', requestedAt: `${year}-02-04T00:00:00.000Z` });
        const mine = (items: Claim[]) => items.filter((x) => x.sellerId === d.sellerId || x.sellerId === otherSeller);
        const oldest = claims[0]!.requestedAt;
        for (const limit of [1, 2, 100]) {
          const items = await pageUntil(
            (page) => store.listClaims({ status: 'NEEDS_OPERATOR', delayCutoff: cutoff }, page),
            limit,
            (x) => x.requestedAt < oldest,
          );
          expect(new Set(claimIds(items)).size).toBe(items.length);
          expect(claimIds(mine(items)), `limit ${limit}`).toEqual(claimIds(newestClaimsFirst(claims)));
        }
        expect(
          await store.countClaims({ status: 'NEEDS_OPERATOR', delayCutoff: cutoff, requested: { from: since } }),
        ).toBe(countBefore + claims.length);
      },
    );

    it('by type: a seller’s return requests apart from its cancel requests, both AWAITING_APPROVAL', async () => {
      const asked = (type: 'RETURN' | 'BUYER_CANCEL', day: number) =>
        newClaim({ type, status: 'AWAITING_APPROVAL', requestedAt: `2021-03-0${day}T00:00:00.000Z` });
      const returns = [await asked('RETURN', 1), await asked('RETURN', 3), await asked('RETURN', 5)];
      await asked('BUYER_CANCEL', 2);
      await asked('BUYER_CANCEL', 4);
      const query: ClaimQuery = {
        sellerId: d.sellerId,
        status: 'AWAITING_APPROVAL',
        type: 'RETURN',
        delayCutoff: cutoff,
      };
      for (const limit of [1, 2, 100]) {
        const { items } = await pageAll((page) => store.listClaims(query, page), limit);
        expect(claimIds(items), `limit ${limit}`).toEqual(claimIds(newestClaimsFirst(returns)));
      }
      expect(await store.countClaims(query)).toBe(3);
      expect(await store.countClaims({ ...query, type: 'BUYER_CANCEL' })).toBe(2);
    });
  });
}
