// GET /claims/summary: the dashboard's claim counts.

import { claimCounts, delayCutoff, type ClaimStatus, type ClaimType } from '../../domain/claim.js';
import { lastTwoWeeksSince } from '../../domain/order.js';
import type { Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { ClaimStore } from '../ports/claim-store.js';

/**
 * GET /claims/summary: the dashboard's counts, from the store's counters and the few open claims,
 * and the bulk cancellations waiting for an operator (the operator's queue; the seller's own).
 */
export async function summarizeClaims(
  { store, bulks }: { store: ClaimStore; bulks: BulkStore },
  principal: Principal,
  filter: { sellerId?: string },
  now: Date,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const scope = sellerId ? { sellerId } : {};
  // The guide's dashboard shows "cancel requested" and "cancelling" over the last two weeks, in days
  // of the marketplace's calendar (Japan): each the count of one status, as the claim list filters it.
  const since = lastTwoWeeksSince(now);
  const recent = (status: ClaimStatus, type?: ClaimType) =>
    store.countClaims({
      ...scope,
      status,
      ...(type ? { type } : {}),
      delayCutoff: delayCutoff(now),
      requested: { from: since },
    });
  // The non-receipt tab (미수취) likewise: reports waiting for the seller, and answered ones waiting for the buyer;
  // and the returns tab (반품): approved returns waiting for the parcel, and parcels on their way back.
  const [
    counts,
    delayed,
    bulkAwaitingApproval,
    awaitingApproval,
    inProgress,
    nonReceiptReported,
    nonReceiptAnswered,
    returnRequested,
    returnApproved,
    returnInTransit,
  ] = await Promise.all([
    store.statusCounts(sellerId),
    store.countClaims({ ...scope, delayed: true, delayCutoff: delayCutoff(now) }),
    bulks.countAwaitingApproval(sellerId),
    recent('AWAITING_APPROVAL'),
    recent('IN_PROGRESS'),
    recent('AWAITING_SELLER'),
    recent('ANSWERED'),
    // A return request waits AWAITING_APPROVAL as a cancel request does: each tab counts its own.
    recent('AWAITING_APPROVAL', 'RETURN'),
    recent('AWAITING_RETURN'),
    recent('RETURN_IN_TRANSIT'),
  ]);
  return {
    ...scope,
    ...claimCounts(counts.claims, delayed),
    lastTwoWeeks: {
      since,
      cancelRequested: awaitingApproval - returnRequested,
      inProgress,
      nonReceiptReported,
      nonReceiptAnswered,
      returnRequested,
      returnApproved,
      returnInTransit,
    },
    // Against the seller's standing, all time, in orders (domain/claim.ts, standingOf).
    standing: counts.standing,
    bulkAwaitingApproval,
  };
}
