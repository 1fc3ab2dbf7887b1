// GET /claims/summary: the dashboard's claim counts (requested, in progress, completed, delayed, …).
import { FakeBulkStore } from '../../../support/fake-bulk-store.js';
import { describe, expect, it } from 'vitest';
import { listClaims } from '../../../../shared/app/claims/list-claims.js';
import { summarizeClaims } from '../../../../shared/app/claims/summarize-claims.js';
import { ForbiddenError } from '../../../../shared/app/common/errors.js';
import { lastTwoWeeksSince } from '../../../../shared/domain/order.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { BUYER, NOW, OPERATOR, SELLER, caught } from '../../../support/world-ledger.js';

const SINCE = lastTwoWeeksSince(NOW);
const NO_AFTER_DELIVERY = {
  nonReceiptReported: 0,
  nonReceiptAnswered: 0,
  returnRequested: 0,
  returnApproved: 0,
  returnInTransit: 0,
};

async function claims() {
  const w = world();
  const old = '2026-11-19T00:00:00.000Z';
  await seedClaim(w.store, { status: 'REQUESTED' });
  await seedClaim(w.store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: old } }); // delayed
  await seedClaim(w.store, { status: 'IN_PROGRESS' });
  await seedClaim(w.store, { status: 'IN_PROGRESS', claim: { delayedAt: '2026-11-24T00:00:00.000Z' } }); // flagged delayed
  await seedClaim(w.store, { status: 'COMPLETED', applied: true, claim: { requestedAt: old } }); // closed: not delayed
  await seedClaim(w.store, { status: 'NEEDS_OPERATOR' });
  await seedClaim(w.store, { status: 'WITHDRAWN' });
  await seedClaim(w.store, { status: 'FAILED' });
  await seedClaim(w.store, { status: 'IN_PROGRESS', order: { sellerId: 'S-2' }, claim: { requestedAt: old } });
  return w;
}

describe('summarize claims', () => {
  it(
    'a seller’s own counts: requested (with those awaiting approval), in progress, completed, delayed, needs ' +
      'operator, withdrawn, failed',
    async () => {
      const { store } = await claims();

      expect(await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, NOW)).toEqual({
        sellerId: 'S-1',
        requested: 2,
        inProgress: 2,
        completed: 1,
        delayed: 2,
        needsOperator: 1,
        withdrawn: 1,
        failed: 1,
        lastTwoWeeks: { since: SINCE, cancelRequested: 1, inProgress: 2, ...NO_AFTER_DELIVERY },
        standing: { sellerFaultOrders: 1, cancelledWhileDelayed: 0, refundedForDelay: 0 },
        bulkAwaitingApproval: 0,
      });
    },
  );

  it('a seller naming another seller still gets its own counts', async () => {
    const { store } = await claims();

    expect(
      await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, { sellerId: 'S-2' }, NOW),
    ).toMatchObject({ sellerId: 'S-1', inProgress: 2 });
  });

  it('an operator gets the whole marketplace’s counts, or one seller’s', async () => {
    const { store } = await claims();

    expect(await summarizeClaims({ store, bulks: new FakeBulkStore() }, OPERATOR, {}, NOW)).toEqual({
      requested: 2,
      inProgress: 3,
      completed: 1,
      delayed: 3,
      needsOperator: 1,
      withdrawn: 1,
      failed: 1,
      lastTwoWeeks: { since: SINCE, cancelRequested: 1, inProgress: 3, ...NO_AFTER_DELIVERY },
      standing: { sellerFaultOrders: 1, cancelledWhileDelayed: 0, refundedForDelay: 0 },
      bulkAwaitingApproval: 0,
    });
    expect(await summarizeClaims({ store, bulks: new FakeBulkStore() }, OPERATOR, { sellerId: 'S-2' }, NOW)).toEqual({
      sellerId: 'S-2',
      requested: 0,
      inProgress: 1,
      completed: 0,
      delayed: 1,
      needsOperator: 0,
      withdrawn: 0,
      failed: 0,
      lastTwoWeeks: { since: SINCE, cancelRequested: 0, inProgress: 1, ...NO_AFTER_DELIVERY },
      standing: { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 },
      bulkAwaitingApproval: 0,
    });
  });

  it(
    'the last two weeks are marketplace days: from midnight in Japan 13 days before today, whatever the UTC ' + 'date',
    async () => {
      const w = world();
      // NOW is 10:00 on 25 November in Japan: the two weeks start at 00:00 JST on 12 November (15:00 UTC on the 11th).
      expect(SINCE).toBe('2026-11-11T15:00:00.000Z');
      await seedClaim(w.store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: '2026-11-11T15:30:00.000Z' } }); // 00:30 JST on the 12th
      await seedClaim(w.store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: '2026-11-11T14:30:00.000Z' } }); // 23:30 JST on the 11th
      const summary = await summarizeClaims({ store: w.store, bulks: new FakeBulkStore() }, SELLER, {}, NOW);
      expect(summary.lastTwoWeeks).toEqual({
        since: SINCE,
        cancelRequested: 1,
        inProgress: 0,
        ...NO_AFTER_DELIVERY,
      });
    },
  );

  it('a claim becomes delayed once 4 days have passed since it was requested', async () => {
    const { store } = world();
    await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: '2026-11-21T01:00:00.000Z' } });

    expect((await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, NOW)).delayed).toBe(0); // exactly 4 days
    expect(
      (await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, new Date('2026-11-25T01:00:01Z')))
        .delayed,
    ).toBe(1);
  });

  it(
    'the last two weeks, as the guide’s dashboard shows them: a request of three weeks ago counts all-time ' + 'only',
    async () => {
      const { store } = world();
      await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: '2026-11-04T00:00:00.000Z' } });
      await seedClaim(store, { status: 'IN_PROGRESS', claim: { requestedAt: '2026-11-04T00:00:00.000Z' } });
      await seedClaim(store, { status: 'AWAITING_APPROVAL' });

      const counts = await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, NOW);
      expect(counts).toMatchObject({
        requested: 2,
        inProgress: 1,
        lastTwoWeeks: { cancelRequested: 1, inProgress: 0, nonReceiptReported: 0, nonReceiptAnswered: 0 },
      });
    },
  );

  it('the non-receipt tab: reports waiting for the seller and answered ones, of the last two weeks', async () => {
    const { store } = world();
    const report = { type: 'NON_RECEIPT' as const, reason: 'NOT_RECEIVED' as const };
    await seedClaim(store, { status: 'AWAITING_SELLER', claim: report });
    await seedClaim(store, {
      status: 'AWAITING_SELLER',
      claim: { ...report, requestedAt: '2026-11-04T00:00:00.000Z' },
    });
    await seedClaim(store, { status: 'ANSWERED', claim: report });

    const counts = await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, NOW);
    expect(counts).toMatchObject({
      requested: 2,
      inProgress: 1,
      lastTwoWeeks: { cancelRequested: 0, inProgress: 0, nonReceiptReported: 1, nonReceiptAnswered: 1 },
    });
  });

  it(
    'the returns tab: returns asked (apart from cancel requests, both AWAITING_APPROVAL), approved and waiting ' +
      'for the parcel, and on their way back, of the last two weeks',
    async () => {
      const { store } = world();
      const asked = { type: 'RETURN' as const, reason: 'DEFECTIVE' as const };
      await seedClaim(store, { status: 'AWAITING_RETURN', claim: asked });
      await seedClaim(store, {
        status: 'AWAITING_RETURN',
        claim: { ...asked, requestedAt: '2026-11-04T00:00:00.000Z' },
      });
      await seedClaim(store, { status: 'RETURN_IN_TRANSIT', claim: asked });
      await seedClaim(store, { status: 'RETURN_IN_TRANSIT', claim: asked });
      await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: asked });
      await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: { type: 'BUYER_CANCEL' } });

      const counts = await summarizeClaims({ store, bulks: new FakeBulkStore() }, SELLER, {}, NOW);
      expect(counts.lastTwoWeeks).toMatchObject({
        cancelRequested: 1,
        returnRequested: 1,
        returnApproved: 1,
        returnInTransit: 2,
      });
      const returns = await listClaims(store, SELLER, { status: 'AWAITING_APPROVAL', type: 'RETURN', limit: 50 }, NOW);
      expect(returns.items.map((row) => row.type)).toEqual(['RETURN']);
    },
  );

  it('a buyer is forbidden', async () => {
    const { store } = await claims();
    await caught(summarizeClaims({ store, bulks: new FakeBulkStore() }, BUYER, {}, NOW), ForbiddenError);
  });
});
