// GET /claims/summary: the dashboard's claim counts.

import { claimCounts, delayCutoff, type ClaimStatus } from '../../domain/claim.js';
import type { Principal } from '../access.js';
import { ForbiddenError } from '../errors.js';
import type { BulkStore, ClaimStore } from '../ports.js';

const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;

/**
 * GET /claims/summary: the dashboard's counts, from the store's counters and the few open claims,
 * and the bulk cancellations waiting for an operator (the operator's queue; the seller's own).
 */
export async function summarizeClaims({ store, bulks }: { store: ClaimStore; bulks: BulkStore }, principal: Principal, filter: { sellerId?: string }, now: Date) {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const scope = sellerId ? { sellerId } : {};
  // The guide's dashboard shows "cancel requested" and "cancelling" over the last two weeks.
  const since = new Date(now.getTime() - TWO_WEEKS_MS).toISOString();
  const recent = (status: ClaimStatus) => store.countClaims({ ...scope, status, delayCutoff: delayCutoff(now), requestedSince: since });
  const [counts, delayed, bulkAwaitingApproval, requested, awaiting, inProgress] = await Promise.all([
    store.statusCounts(sellerId),
    store.countClaims({ ...scope, delayed: true, delayCutoff: delayCutoff(now) }),
    bulks.countAwaitingApproval(sellerId),
    recent('REQUESTED'),
    recent('AWAITING_APPROVAL'),
    recent('IN_PROGRESS'),
  ]);
  return {
    ...scope,
    ...claimCounts(counts.claims, delayed),
    lastTwoWeeks: { requested: requested + awaiting, inProgress },
    // Against the seller's standing: completed seller-fault cancellations, and those of DELAYED orders.
    sellerFault: { cancellations: counts.tally.sellerFault, delayedCancellations: counts.tally.delayed },
    bulkAwaitingApproval,
  };
}
