// GET /claims: a seller's own claims, or every claim for an operator.

import { delayCutoff, type ClaimStatus } from '../../domain/claim.js';
import type { Principal } from '../access.js';
import { ForbiddenError } from '../errors.js';
import type { ClaimStore, PageRequest } from '../ports.js';
import { claimSummary } from '../views.js';

/** GET /claims?status=&delayed=: a seller's own claims, or every claim for an operator; one page, newest first. */
export async function listClaims(
  store: ClaimStore,
  principal: Principal,
  filter: { status?: ClaimStatus; delayed?: boolean; sellerId?: string } & PageRequest,
  now: Date,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const page = await store.listClaims(
    { ...(sellerId ? { sellerId } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.delayed === undefined ? {} : { delayed: filter.delayed }), delayCutoff: delayCutoff(now), asOf: now.toISOString() },
    { limit: filter.limit, ...(filter.cursor ? { cursor: filter.cursor } : {}) },
  );
  return {
    items: page.items.map((claim) => ({ ...claimSummary(claim, now), orderNo: claim.orderNo, orderNos: claim.orderNos, sellerId: claim.sellerId, buyerId: claim.buyerId })),
    nextCursor: page.nextCursor,
  };
}
