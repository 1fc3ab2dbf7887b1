// GET /orders/{orderNo}: the order as its owner sees it.

import { effectiveStatus } from '../../domain/order.js';
import { refundPreviewOf } from '../../domain/refund.js';
import type { Claim } from '../../domain/claim.js';
import { decideNonReceiptReport } from '../../domain/non-receipt.js';
import type { Order } from '../../domain/order.js';
import { returnRefusedBefore } from '../../domain/returns.js';
import { actionsOf, allowedActions, type OrderAction } from '../../domain/transitions.js';
import { requireOwnOrder, type Principal } from '../common/access.js';
import { NotFoundError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { timelineFor } from '../claims/timeline.js';
import { claimSummary, messageFor, refundFor } from '../claims/views.js';

/**
 * An action the order's status allows but an earlier claim has used up: a second non-receipt report,
 * a return asked again after a refusal (each goes on in its claim). Not offered, as the API would refuse it.
 */
function spentByEarlierClaims(action: OrderAction, order: Order, claims: Claim[]): boolean {
  if (action === 'REPORT_NON_RECEIPT') return !decideNonReceiptReport(order, claims).ok;
  if (action === 'REQUEST_RETURN') return returnRefusedBefore(claims) !== undefined;
  return false;
}

/** The order as its owner sees it: effective status, claims, refunds, messages and timeline. */
export async function viewOrder(store: ClaimStore, principal: Principal, orderNo: string, now: Date) {
  const records = await store.orderRecords(orderNo);
  if (!records) throw new NotFoundError(`No order ${orderNo}.`);
  const { order, refunds, messages, timeline } = records;
  requireOwnOrder(principal, order);
  const claims = await store.getClaims(order.claimIds);
  const openClaim = claims.find((claim) => claim.claimId === order.openClaimId);
  // Orders registered before seller profiles may still carry the seller's address: never shown.
  const {
    version: _version,
    openClaimId,
    sellerEmail: _legacy,
    ...visible
  } = order as typeof order & { sellerEmail?: string };
  return {
    ...visible,
    status: effectiveStatus(order, now),
    storedStatus: order.status,
    claimInProgress: openClaimId ?? null,
    // What this caller may do now.
    allowedActions: actionsOf(principal.role, allowedActions(order, now, openClaim)).filter(
      (action) => !spentByEarlierClaims(action, order, claims),
    ),
    refundPreview: refundPreviewOf(order),
    claims: claims.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).map((claim) => claimSummary(claim, now)),
    refunds: refunds.map((refund) => refundFor(principal.role, refund)),
    messages: messages.map((message) => messageFor(principal.role, message)),
    timeline: timelineFor(
      principal.role,
      timeline.sort((a, b) => a.at.localeCompare(b.at)),
    ),
  };
}
