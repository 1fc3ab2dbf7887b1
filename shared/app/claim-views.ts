// What anyone allowed may read of claims: one claim whole, a list, the dashboard's counts.

import { claimCounts, delayCutoff, isClaimDelayed, type ClaimStatus } from '../domain/claim.js';
import { deliveryCounts } from '../domain/message.js';
import { ownsClaim, ownsOrder, type Principal } from './access.js';
import { timelineFor } from './timeline.js';
import type { Refund } from '../domain/refund.js';
import type { BuyerMessage } from '../domain/message.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import { claimSummary, orderDetails } from './orders.js';
import type { ClaimStore, PageRequest } from './ports.js';

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
    { ...(sellerId ? { sellerId } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.delayed === undefined ? {} : { delayed: filter.delayed }), delayCutoff: delayCutoff(now) },
    { limit: filter.limit, ...(filter.cursor ? { cursor: filter.cursor } : {}) },
  );
  return {
    items: page.items.map((claim) => ({ ...claimSummary(claim, now), orderNo: claim.orderNo, orderNos: claim.orderNos, sellerId: claim.sellerId, buyerId: claim.buyerId })),
    nextCursor: page.nextCursor,
  };
}

/** GET /claims/summary: the dashboard's counts, from the store's counters and the few open claims. */
export async function summarizeClaims(store: ClaimStore, principal: Principal, filter: { sellerId?: string }, now: Date) {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const scope = sellerId ? { sellerId } : {};
  const [counts, delayed] = await Promise.all([store.statusCounts(sellerId), store.countClaims({ ...scope, delayed: true, delayCutoff: delayCutoff(now) })]);
  return { ...scope, ...claimCounts(counts.claims, delayed) };
}

/** A refund as this reader may see it: a buyer does not see the seller's fee or the provider's words. */
export function refundFor(role: string, refund: Refund) {
  const { version: _v, confirmationTaskToken: _backendOnly, ...visible } = refund;
  if (role !== 'buyer') return visible;
  const { fee: _fee, failure, ...forBuyer } = visible;
  return { ...forBuyer, ...(failure ? { failure: { error: failure.error } } : {}) };
}

/** A message as this reader may see it: a buyer does not see SES's words about it. */
export function messageFor(role: string, message: BuyerMessage) {
  const { version: _v, ...visible } = message;
  if (role !== 'buyer') return visible;
  const { emailError: _error, sesMessageId: _ses, ...forBuyer } = visible;
  return forBuyer;
}

/** GET /claims/{claimId}: the claim with its refunds, messages and timeline, as this reader may see them. */
export async function claimView(store: ClaimStore, principal: Principal, claimId: string, now: Date) {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
  if (!ownsClaim(principal, claim)) throw new ForbiddenError(`Claim ${claimId} is not yours.`);
  const all = (await Promise.all(claim.orderNos.map((orderNo) => store.orderRecords(orderNo)))).filter((r) => r !== undefined);
  // A buyer sees their own orders only, whatever the claim covers.
  const records = all.filter((r) => ownsOrder(principal, r.order));
  const refunds = records.flatMap((r) => r.refunds.filter((refund) => refund.claimId === claimId));
  const messages = records.flatMap((r) => r.messages.filter((m) => m.claimId === claimId || m.messageId === claim.noticeMessageId));
  const timeline = records.flatMap((r) => r.timeline.filter((event) => event.claimId === claimId)).sort((a, b) => a.at.localeCompare(b.at));
  const { version: _version, approvalTaskToken: _backendOnly, operatorAlert, resolutions, failure, ...visible } = claim;
  const role = principal.role;
  return {
    ...visible,
    ...claimSummary(claim, now),
    ...(role === 'buyer' ? (failure ? { failure: { error: failure.error } } : {}) : { ...(failure ? { failure } : {}), ...(resolutions ? { resolutions } : {}) }),
    ...(role === 'operator' && operatorAlert ? { operatorAlert } : {}),
    orderNos: role === 'buyer' ? records.map((r) => r.order.orderNo) : claim.orderNos,
    excluded: role === 'buyer' ? [] : claim.excluded,
    delayed: isClaimDelayed(claim, now),
    notice: deliveryCounts(messages.filter((m) => m.messageId === claim.noticeMessageId)),
    orders: records.map((r) => orderDetails(r.order, now)),
    refunds: refunds.map((refund) => refundFor(role, refund)),
    messages: messages.map((message) => messageFor(role, message)),
    timeline: timelineFor(role, timeline),
  };
}
