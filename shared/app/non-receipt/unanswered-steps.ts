// The steps of workflows/non-receipt-claim.asl.json when a wait runs out: the seller's answer did
// not come in time, so the report goes to the operator (who is told it will be refunded by default),
// and after the operator's time, if nobody decided meanwhile, the refund runs (charged to the
// seller); or the buyer did not take an answer further in time, so it closes as accepted. Each reads
// the claim and acts only on what it finds, so a retry, a late step or an operator's decision first
// leaves nothing to do.

import type { Claim } from '../../domain/claim.js';
import { changeOf } from '../changes/change-set.js';
import { loadClaim } from '../claims/load-claim.js';
import { moved } from '../claims/claim-moves.js';
import { retryOnConflict } from '../common/conflicts.js';
import { pendingAlert, sendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { NonReceiptTiming } from '../ports/workflows.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { emailNotice, noticeWrite } from './non-receipt-notices.js';

export const NON_RECEIPT_WORKFLOW = { role: 'system', id: 'non-receipt-claim' };

const handedOverUnanswered = (claim: Claim) =>
  claim.status === 'NEEDS_OPERATOR' && claim.nonReceipt?.unansweredAt !== undefined;

/** hand-over-non-receipt: unanswered in time, the report goes to the operator; the buyer is told. */
export async function handOverNonReceipt(
  deps: { store: ClaimStore } & OperatorAlerts,
  claimId: string,
  timing: NonReceiptTiming,
  now: Date,
): Promise<{ claimId: string; handedOver: boolean; answered: boolean }> {
  const claim = await retryOnConflict(async () => {
    const found = await loadClaim(deps.store, claimId);
    if (found.status !== 'AWAITING_SELLER') return found;
    const order = await deps.store.getOrder(found.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${found.orderNo}.`);
    const refundAt = new Date(now.getTime() + timing.refundAfterSeconds * 1000).toISOString();
    const why =
      `The seller did not answer the buyer's report that order ${found.orderNo} did not arrive. It is refunded ` +
      `in full, charged to the seller, at ${refundAt} unless you decide first: refund it now ` +
      `(POST /claims/${claimId}/resolution COMPLETE) or close it.`;
    const next = moved(found, 'NEEDS_OPERATOR', now, {
      nonReceipt: { ...found.nonReceipt!, unansweredAt: now.toISOString() },
      failure: { error: 'NonReceiptUnanswered', cause: 'The seller did not answer the report in time.' },
      ...pendingAlert(why),
    });
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: next, from: found.status },
        {
          entity: 'event',
          value: timelineEvent(found.orderNo, 'CLAIM_NEEDS_OPERATOR', NON_RECEIPT_WORKFLOW, now, {
            claimId,
            detail: 'NonReceiptUnanswered',
          }),
        },
        noticeWrite(order, next, 'UNANSWERED', now),
      ]),
    );
    return next;
  });
  const handedOver = handedOverUnanswered(claim) && (claim.resolutions ?? []).length === 0;
  // Also on a retry of this step, which finds the claim handed over and its alert or notice still to send.
  if (handedOver) {
    await sendPendingAlert(deps.store, deps, claimId, now);
    await emailNotice(deps, claim.orderNo, claimId, 'UNANSWERED', now);
  }
  // Answered meanwhile (its wake lost): the workflow goes on to wait for the buyer.
  return { claimId, handedOver, answered: claim.status === 'ANSWERED' };
}

/**
 * refund-by-default: the operator's time is over. A report still handed over unanswered, with no
 * operator's decision, is refunded: the claim runs (settle-claim, started by the workflow under the
 * claim's id), as a seller's REFUND answer would have.
 */
export async function refundByDefault(deps: { store: ClaimStore }, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    if (claim.nonReceipt?.refundedByDefaultAt) return { claimId, refund: claim.status === 'IN_PROGRESS' };
    if (!handedOverUnanswered(claim) || (claim.resolutions ?? []).length > 0) return { claimId, refund: false };
    const { failure: _decided, operatorAlert: _told, ...rest } = claim;
    const next = moved(rest, 'IN_PROGRESS', now, {
      nonReceipt: { ...claim.nonReceipt!, refundedByDefaultAt: now.toISOString() },
    });
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: next, from: claim.status },
        {
          entity: 'event',
          value: timelineEvent(claim.orderNo, 'NON_RECEIPT_REFUNDED_BY_DEFAULT', NON_RECEIPT_WORKFLOW, now, {
            claimId,
          }),
        },
      ]),
    );
    return { claimId, refund: true };
  });
}

/** close-answered-non-receipt: the buyer's time is over; an answer still open closes as accepted. */
export async function closeAnsweredNonReceipt(deps: { store: ClaimStore; mailer: Mailer }, claimId: string, now: Date) {
  const claim = await retryOnConflict(async () => {
    const found = await loadClaim(deps.store, claimId);
    if (found.status !== 'ANSWERED') return undefined;
    const order = await deps.store.getOrder(found.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${found.orderNo}.`);
    const at = now.toISOString();
    const nonReceipt = { ...found.nonReceipt!, acceptedAt: at, acceptedByDefault: true as const };
    const next = moved(found, 'COMPLETED', now, { nonReceipt, completedAt: at });
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: next, from: found.status },
        {
          entity: 'event',
          value: timelineEvent(found.orderNo, 'NON_RECEIPT_ACCEPTED', NON_RECEIPT_WORKFLOW, now, {
            claimId,
            detail: 'The buyer did not take the answer further in time.',
          }),
        },
        noticeWrite(order, next, 'CLOSED', now),
      ]),
    );
    return next;
  });
  if (claim) await emailNotice(deps, claim.orderNo, claimId, 'CLOSED', now);
  return { claimId, closed: claim !== undefined };
}
