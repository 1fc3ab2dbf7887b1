// GET /claims?status=&delayed=: a seller's own claims, or every seller's for an operator; one page, newest first.
import { describe, expect, it } from 'vitest';
import { claimsCsv } from '../../../../shared/app/claims/claims-csv.js';
import { exportClaims, listClaims, type ClaimRow } from '../../../../shared/app/claims/list-claims.js';
import { ForbiddenError } from '../../../../shared/app/common/errors.js';
import { InvalidCursorError } from '../../../../shared/app/ports/port-errors.js';
import type { Claim, ClaimStatus } from '../../../../shared/domain/claim.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { BUYER, NOW, OPERATOR, SELLER, caught } from '../../../support/world-ledger.js';

async function claims() {
  const w = world();
  const seed = async (
    claimId: string,
    status: ClaimStatus,
    requestedAt: string,
    more: { sellerId?: string; claim?: Partial<Claim> } = {},
  ) =>
    (
      await seedClaim(w.store, {
        status,
        order: { sellerId: more.sellerId ?? 'S-1' },
        claim: { claimId, requestedAt, ...more.claim },
      })
    ).claim;
  const c = {
    awaitingOld: await seed('C-A', 'AWAITING_APPROVAL', '2026-11-19T00:00:00.000Z', {
      claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' },
    }), // over 4 days: delayed
    flagged: await seed('C-B', 'NEEDS_OPERATOR', '2026-11-22T00:00:00.000Z', {
      claim: { delayedAt: '2026-11-24T00:00:00.000Z' },
    }), // flagged delayed
    completedOld: await seed('C-C', 'COMPLETED', '2026-11-10T00:00:00.000Z', {
      claim: { completedAt: '2026-11-11T00:00:00.000Z' },
    }), // closed: never delayed
    inProgress: await seed('C-D', 'IN_PROGRESS', '2026-11-24T00:00:00.000Z'),
    otherSeller: await seed('C-E', 'IN_PROGRESS', '2026-11-23T00:00:00.000Z', { sellerId: 'S-2' }),
  };
  return { ...w, c };
}

describe('list claims', () => {
  it('a seller sees its own claims, newest first, each with its order, seller, buyer and delayed flag', async () => {
    const { store, c } = await claims();

    const page = await listClaims(store, SELLER, { limit: 50 }, NOW);
    const order = (await store.getOrder(c.awaitingOld.orderNo))!;

    expect(page.items.map((i) => i.claimId)).toEqual(['C-D', 'C-B', 'C-A', 'C-C']);
    expect(page.items[2]).toEqual({
      claimId: 'C-A',
      type: 'BUYER_CANCEL',
      status: 'AWAITING_APPROVAL',
      reason: 'BUYER_CHANGED_MIND',
      fault: 'BUYER',
      delayed: true,
      requestedAt: '2026-11-19T00:00:00.000Z',
      completedAt: undefined,
      sellerMemo: '在庫切れ',
      orderNo: c.awaitingOld.orderNo,
      orderNos: [c.awaitingOld.orderNo],
      cartNo: c.awaitingOld.cartNo,
      sellerId: 'S-1',
      buyerId: 'B-1',
      // The orders it found DELAYED when opened (none): what the seller's record lists.
      delayedOrders: [],
      // Of its order, what the guide's grid shows: the order's date, ship date, cart and product.
      orderedAt: order.orderedAt,
      expectedShipDate: order.expectedShipDate,
      shippedAt: order.shippedAt,
      item: order.item,
    });
    expect(page.items.map((i) => i.delayed)).toEqual([false, true, true, false]);
    expect(page.nextCursor).toBeNull();
  });

  it('by status', async () => {
    const { store } = await claims();

    const page = await listClaims(store, SELLER, { limit: 50, status: 'IN_PROGRESS' }, NOW);

    expect(page.items.map((i) => i.claimId)).toEqual(['C-D']);
  });

  it('only the delayed ones (open, and over 4 days or flagged), or only the others', async () => {
    const { store } = await claims();

    expect((await listClaims(store, SELLER, { limit: 50, delayed: true }, NOW)).items.map((i) => i.claimId)).toEqual([
      'C-B',
      'C-A',
    ]);
    expect((await listClaims(store, SELLER, { limit: 50, delayed: false }, NOW)).items.map((i) => i.claimId)).toEqual([
      'C-D',
      'C-C',
    ]);
  });

  it('a seller naming another seller still sees only its own', async () => {
    const { store } = await claims();

    const page = await listClaims(store, SELLER, { limit: 50, sellerId: 'S-2' }, NOW);

    expect(page.items.map((i) => i.sellerId)).toEqual(['S-1', 'S-1', 'S-1', 'S-1']);
  });

  it('an operator sees every seller’s claims, or one seller’s', async () => {
    const { store } = await claims();

    expect((await listClaims(store, OPERATOR, { limit: 50 }, NOW)).items.map((i) => i.claimId)).toEqual([
      'C-D',
      'C-E',
      'C-B',
      'C-A',
      'C-C',
    ]);
    expect(
      (await listClaims(store, OPERATOR, { limit: 50, sellerId: 'S-2' }, NOW)).items.map((i) => i.claimId),
    ).toEqual(['C-E']);
  });

  it('page by page with the cursor', async () => {
    const { store } = await claims();

    const first = await listClaims(store, SELLER, { limit: 2 }, NOW);
    const second = await listClaims(store, SELLER, { limit: 2, cursor: first.nextCursor! }, NOW);

    expect(first.items.map((i) => i.claimId)).toEqual(['C-D', 'C-B']);
    expect(second.items.map((i) => i.claimId)).toEqual(['C-A', 'C-C']);
    expect(second.nextCursor).toBeNull();
  });

  it('a buyer is forbidden (buyers see their claims on their orders); a foreign cursor is refused', async () => {
    const { store } = await claims();

    await caught(listClaims(store, BUYER, { limit: 50 }, NOW), ForbiddenError);
    await caught(listClaims(store, SELLER, { limit: 50, cursor: 'garbage' }, NOW), InvalidCursorError);
  });

  it('by order: that order’s claims; another seller’s order lists nothing, as an unknown one does', async () => {
    const { store, c } = await claims();

    expect(
      (await listClaims(store, SELLER, { limit: 50, orderNo: c.inProgress.orderNo }, NOW)).items.map((i) => i.claimId),
    ).toEqual(['C-D']);
    expect((await listClaims(store, SELLER, { limit: 50, orderNo: c.otherSeller.orderNo }, NOW)).items).toEqual([]);
    expect((await listClaims(store, SELLER, { limit: 50, orderNo: 'NOPE' }, NOW)).items).toEqual([]);
    expect(
      (await listClaims(store, OPERATOR, { limit: 50, orderNo: c.otherSeller.orderNo }, NOW)).items.map(
        (i) => i.claimId,
      ),
    ).toEqual(['C-E']);
  });

  it('by a period of request days in Japan, both days included', async () => {
    const { store } = await claims();

    // C-B was requested at 09:00 JST on 22 November, C-A at 09:00 JST on the 19th.
    const page = await listClaims(store, SELLER, { limit: 50, from: '2026-11-19', to: '2026-11-22' }, NOW);
    expect(page.items.map((i) => i.claimId)).toEqual(['C-B', 'C-A']);
    expect(
      (await listClaims(store, SELLER, { limit: 50, from: '2026-11-23' }, NOW)).items.map((i) => i.claimId),
    ).toEqual(['C-D']);
    expect((await listClaims(store, SELLER, { limit: 50, orderNo: 'NOPE', from: '2026-11-23' }, NOW)).items).toEqual(
      [],
    );
  });
});

describe('export claims', () => {
  it(
    'the grid as CSV in parts of 1,000 rows: the header and a BOM on the first, every claim once, times in ' + 'Japan',
    async () => {
      const w = world();
      for (let i = 0; i < 1001; i++)
        await seedClaim(w.store, {
          claim: { requestedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() },
        });
      const first = await exportClaims(w.store, SELLER, {}, NOW);
      expect(first.items).toHaveLength(1000);
      const second = await exportClaims(w.store, SELLER, { cursor: first.nextCursor! }, NOW);
      expect(second).toMatchObject({ nextCursor: null });
      expect(second.items).toHaveLength(1);
      const ids = [...first.items, ...second.items].map((row) => row.claimId);
      expect(new Set(ids).size).toBe(1001);

      const csv = claimsCsv(second.items, true).split('\r\n');
      expect(csv[0]!.startsWith('\uFEFFclaimId,type,status,reason,fault,delayed,requestedAt (JST)')).toBe(true);
      // The oldest claim: requested at 00:00 UTC on 1 November, 09:00 in Japan.
      expect(csv[1]).toContain(',2026-11-01 09:00:00,');
      expect(claimsCsv(second.items, false).startsWith('C-')).toBe(true);
    },
  );

  it('a cell a spreadsheet would run as a formula is written as text; commas and quotes are quoted', () => {
    const row: ClaimRow = {
      ...{
        claimId: '=HYPERLINK("x")',
        type: 'SELLER_CANCEL',
        status: 'COMPLETED',
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
        delayed: false,
      },
      ...{
        requestedAt: '2026-11-01T00:00:00.000Z',
        completedAt: undefined,
        orderNo: 'O-1',
        orderNos: ['O-1'],
        cartNo: 'C,1',
        sellerId: 'S-1',
        buyerId: 'B-1',
        delayedOrders: [],
      },
    };
    const line = claimsCsv([row], false);
    expect(line.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(line).toContain(',"C,1",');
  });
});
