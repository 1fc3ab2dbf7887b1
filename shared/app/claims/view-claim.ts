// GET /claims/{claimId}: the claim with its refunds, messages and timeline, as this reader may see them.

import { isClaimDelayed } from '../../domain/claim.js';
import { deliveryCounts } from '../../domain/message.js';
import { notFound, ownsClaim, ownsOrder, type Principal } from '../common/access.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { actorFor, timelineFor } from './timeline.js';
import { claimSummary, messageFor, orderDetails, refundFor } from './views.js';

/** GET /claims/{claimId}: the claim with its refunds, messages and timeline, as this reader may see them. */
export async function viewClaim(store: ClaimStore, principal: Principal, claimId: string, now: Date) {
  const claim = await store.getClaim(claimId);
  if (!claim || !ownsClaim(principal, claim)) throw notFound('claim', claimId);
  const all = (await Promise.all(claim.orderNos.map((orderNo) => store.orderRecords(orderNo)))).filter(
    (r) => r !== undefined,
  );
  // A buyer sees their own orders only, whatever the claim covers.
  const records = all.filter((r) => ownsOrder(principal, r.order));
  const refunds = records.flatMap((r) => r.refunds.filter((refund) => refund.claimId === claimId));
  const messages = records.flatMap((r) =>
    r.messages.filter((m) => m.claimId === claimId || m.messageId === claim.noticeMessageId),
  );
  const timeline = records
    .flatMap((r) => r.timeline.filter((event) => event.claimId === claimId))
    .sort((a, b) => a.at.localeCompare(b.at));
  const { version: _version, operatorAlert, resolutions, failure, ...visible } = claim;
  const role = principal.role;
  return {
    ...visible,
    ...claimSummary(claim, now),
    ...(role === 'buyer'
      ? failure
        ? { failure: { error: failure.error } }
        : {}
      : { ...(failure ? { failure } : {}), ...(resolutions ? { resolutions } : {}) }),
    ...(role === 'operator' && operatorAlert ? { operatorAlert } : {}),
    requestedBy: actorFor(role, claim.requestedBy),
    ...(claim.withdrawal ? { withdrawal: { ...claim.withdrawal, by: actorFor(role, claim.withdrawal.by) } } : {}),
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
