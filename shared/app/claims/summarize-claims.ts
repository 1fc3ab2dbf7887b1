// GET /claims/summary: the dashboard's claim counts.

import { claimCounts, delayCutoff } from '../../domain/claim.js';
import type { Principal } from '../access.js';
import { ForbiddenError } from '../errors.js';
import type { BulkStore, ClaimStore } from '../ports.js';

/**
 * GET /claims/summary: the dashboard's counts, from the store's counters and the few open claims,
 * and the bulk cancellations waiting for an operator (the operator's queue; the seller's own).
 */
export async function summarizeClaims({ store, bulks }: { store: ClaimStore; bulks: BulkStore }, principal: Principal, filter: { sellerId?: string }, now: Date) {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const scope = sellerId ? { sellerId } : {};
  const [counts, delayed, bulkAwaitingApproval] = await Promise.all([
    store.statusCounts(sellerId),
    store.countClaims({ ...scope, delayed: true, delayCutoff: delayCutoff(now) }),
    bulks.countAwaitingApproval(sellerId),
  ]);
  return { ...scope, ...claimCounts(counts.claims, delayed), bulkAwaitingApproval };
}
