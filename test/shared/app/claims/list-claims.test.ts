// GET /claims?status=&delayed=: a seller's own claims, or every seller's for an operator; one page, newest first.
import { describe, expect, it } from 'vitest';
import { listClaims } from '../../../../shared/app/claims/list-claims.js';
import { ForbiddenError } from '../../../../shared/app/errors.js';
import { InvalidCursorError } from '../../../../shared/app/ports.js';
import type { Claim, ClaimStatus } from '../../../../shared/domain/claim.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { BUYER, NOW, OPERATOR, SELLER, caught } from '../../../support/worlds-extra-a.js';

async function claims() {
  const w = world();
  const seed = async (claimId: string, status: ClaimStatus, requestedAt: string, more: { sellerId?: string; claim?: Partial<Claim> } = {}) =>
    (await seedClaim(w.store, { status, order: { sellerId: more.sellerId ?? 'S-1' }, claim: { claimId, requestedAt, ...more.claim } })).claim;
  const c = {
    awaitingOld: await seed('C-A', 'AWAITING_APPROVAL', '2026-11-19T00:00:00.000Z', { claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' } }), // over 4 days: delayed
    flagged: await seed('C-B', 'NEEDS_OPERATOR', '2026-11-22T00:00:00.000Z', { claim: { delayedAt: '2026-11-24T00:00:00.000Z' } }), // flagged delayed
    completedOld: await seed('C-C', 'COMPLETED', '2026-11-10T00:00:00.000Z', { claim: { completedAt: '2026-11-11T00:00:00.000Z' } }), // closed: never delayed
    inProgress: await seed('C-D', 'IN_PROGRESS', '2026-11-24T00:00:00.000Z'),
    otherSeller: await seed('C-E', 'IN_PROGRESS', '2026-11-23T00:00:00.000Z', { sellerId: 'S-2' }),
  };
  return { ...w, c };
}

describe('list claims', () => {
  it('a seller sees its own claims, newest first, each with its order, seller, buyer and delayed flag', async () => {
    const { store, c } = await claims();

    const page = await listClaims(store, SELLER, { limit: 50 }, NOW);

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
      orderNo: c.awaitingOld.orderNo,
      orderNos: [c.awaitingOld.orderNo],
      sellerId: 'S-1',
      buyerId: 'B-1',
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

    expect((await listClaims(store, SELLER, { limit: 50, delayed: true }, NOW)).items.map((i) => i.claimId)).toEqual(['C-B', 'C-A']);
    expect((await listClaims(store, SELLER, { limit: 50, delayed: false }, NOW)).items.map((i) => i.claimId)).toEqual(['C-D', 'C-C']);
  });

  it('a seller naming another seller still sees only its own', async () => {
    const { store } = await claims();

    const page = await listClaims(store, SELLER, { limit: 50, sellerId: 'S-2' }, NOW);

    expect(page.items.map((i) => i.sellerId)).toEqual(['S-1', 'S-1', 'S-1', 'S-1']);
  });

  it('an operator sees every seller’s claims, or one seller’s', async () => {
    const { store } = await claims();

    expect((await listClaims(store, OPERATOR, { limit: 50 }, NOW)).items.map((i) => i.claimId)).toEqual(['C-D', 'C-E', 'C-B', 'C-A', 'C-C']);
    expect((await listClaims(store, OPERATOR, { limit: 50, sellerId: 'S-2' }, NOW)).items.map((i) => i.claimId)).toEqual(['C-E']);
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
});
