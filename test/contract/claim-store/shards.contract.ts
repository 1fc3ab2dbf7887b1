// The ClaimStore contract for lists long enough to span every shard of their partition keys
// (docs/STORAGE.md: a list every order or claim of a seller, or of the marketplace, is written to
// is spread over several partition keys). Through the port alone, a list reads as one: newest first,
// each item once, the same pages and cursors as before, whatever shard each item landed in; an
// item changed keeps its place. It runs on the fake and on DynamoDB Local, as the rest of the contract.

import { randomInt } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore, OrderQuery, Write } from '../../../shared/app/ports/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { Order } from '../../../shared/domain/order.js';
import { pageAll, testData, type MakeStore } from './support.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';

const minute = (year: number, n: number) =>
  new Date(Date.UTC(year, 0, 1) + n * 7 * 3600_000 + n * 60_000).toISOString();
const newestFirst = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? 1 : -1));

export function claimStoreShardsContract(name: string, makeStore: MakeStore): void {
  describe(`ClaimStore contract, lists across shards: ${name}`, () => {
    let store: ClaimStore;
    let cleanup: (() => Promise<void>) | undefined;
    let d: ReturnType<typeof testData>;
    // A year no other test writes in: the operator's lists across sellers hold only this test's items.
    let year: number;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      d = testData();
      year = 2100 + randomInt(800);
    });
    afterEach(async () => {
      await cleanup?.();
    });

    const commitAll = async (writes: Write[]) => {
      for (let i = 0; i < writes.length; i += 10) await store.commit(changeOf(writes.slice(i, i + 10)));
    };

    it(
      '48 claims of one seller: the seller’s list, a status’s list and the operator’s months read each once, ' +
        'newest first, page by page',
      async () => {
        // Over two months of the private year, hours apart.
        const claims: Claim[] = Array.from({ length: 48 }, (_, n) => d.claim({ requestedAt: minute(year, n * 4) }));
        await commitAll(claims.map((claim): Write => ({ entity: 'claim', value: claim, from: null })));
        const expected = newestFirst(claims, (c) => `${c.requestedAt}#${c.claimId}`).map((c) => c.claimId);
        const asOf = `${year}-12-31T00:00:00.000Z`;
        const lists = {
          seller: { sellerId: d.sellerId, delayCutoff: `${year - 1}-01-01T00:00:00.000Z`, asOf },
          status: {
            sellerId: d.sellerId,
            status: 'REQUESTED' as const,
            delayCutoff: `${year - 1}-01-01T00:00:00.000Z`,
            asOf,
          },
          operator: {
            delayCutoff: `${year - 1}-01-01T00:00:00.000Z`,
            asOf,
            requested: { from: `${year}-01-01`, to: `${year}-12-31` },
          },
        };
        for (const [list, query] of Object.entries(lists)) {
          for (const limit of [5, 48]) {
            const { items, pages } = await pageAll((page) => store.listClaims(query, page), limit);
            expect(
              items.map((c) => c.claimId),
              `${list}, limit ${limit}`,
            ).toEqual(expected);
            expect(pages, `${list}, limit ${limit}`).toBe(Math.ceil(48 / limit));
          }
        }
      },
    );

    it(
      'a claim that changes status keeps its place in the seller’s list and moves between its status lists, on ' +
        'every page',
      async () => {
        const claims = Array.from({ length: 20 }, (_, n) => d.claim({ requestedAt: minute(year, n) }));
        await commitAll(claims.map((claim): Write => ({ entity: 'claim', value: claim, from: null })));
        const moved = claims.filter((_, n) => n % 3 === 0);
        // As stored: version 1.
        await commitAll(
          moved.map(
            (claim): Write => ({
              entity: 'claim',
              value: { ...claim, status: 'IN_PROGRESS', version: 1 },
              from: 'REQUESTED',
            }),
          ),
        );
        const query = (status?: 'REQUESTED' | 'IN_PROGRESS') => ({
          sellerId: d.sellerId,
          delayCutoff: `${year - 1}-01-01T00:00:00.000Z`,
          ...(status ? { status } : {}),
        });
        const ids = (list: Claim[]) => newestFirst(list, (c) => c.requestedAt).map((c) => c.claimId);
        expect((await pageAll((page) => store.listClaims(query(), page), 3)).items.map((c) => c.claimId)).toEqual(
          ids(claims),
        );
        expect(
          (await pageAll((page) => store.listClaims(query('IN_PROGRESS'), page), 3)).items.map((c) => c.claimId),
        ).toEqual(ids(moved));
        expect(
          (await pageAll((page) => store.listClaims(query('REQUESTED'), page), 3)).items.map((c) => c.claimId),
        ).toEqual(ids(claims.filter((c) => !moved.includes(c))));
        expect(await store.countClaims(query('IN_PROGRESS'))).toBe(moved.length);
      },
    );

    it(
      '40 orders of one seller by order date, and every seller’s by month: each once, newest first, page by ' + 'page',
      async () => {
        const orders: Order[] = Array.from({ length: 40 }, (_, n) => d.order({ orderedAt: minute(year, n * 5) }));
        await commitAll(orders.map((order): Write => ({ entity: 'order', value: order, from: null })));
        const expected = newestFirst(orders, (o) => `${o.orderedAt}#${o.orderNo}`).map((o) => o.orderNo);
        const criteria = {
          dateType: 'ORDERED' as const,
          from: `${year}-01-01T00:00:00.000Z`,
          to: `${year}-12-31T23:59:59.999Z`,
        };
        const queries: Record<string, OrderQuery> = {
          seller: { sellerId: d.sellerId, criteria, asOf: `${year}-12-31T00:00:00.000Z` },
          operator: { criteria, asOf: `${year}-12-31T00:00:00.000Z` },
        };
        for (const [list, query] of Object.entries(queries)) {
          for (const limit of [7, 100]) {
            const { items } = await pageAll((page) => store.searchOrders(query, page), limit);
            expect(
              items.map((o) => o.orderNo),
              `${list}, limit ${limit}`,
            ).toEqual(expected);
          }
        }
      },
    );

    it('a seller’s overdue orders across the shards of its ship dates, earliest first', async () => {
      const orders = Array.from({ length: 24 }, (_, n) =>
        d.order({ status: 'NEW', expectedShipDate: `${year - 1}-0${1 + (n % 9)}-${String(10 + n).padStart(2, '0')}` }),
      );
      await commitAll(orders.map((order): Write => ({ entity: 'order', value: order, from: null })));
      const overdue = await store.overdueOrders(d.sellerId, `${year}-01-01`);
      expect(overdue.map((o) => o.orderNo)).toEqual(
        [...orders]
          .sort((a, b) => (`${a.expectedShipDate}#${a.orderNo}` < `${b.expectedShipDate}#${b.orderNo}` ? -1 : 1))
          .map((o) => o.orderNo),
      );
    });
  });
}
