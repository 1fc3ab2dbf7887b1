// The steps of workflows/return-claim.asl.json. The return's steps are the buyer's and the seller's
// API calls, each written on the claim first (return-claims.ts); the workflow waits on a task token
// for the next one, tells the buyer of each, and acts when a wait runs out. The wait only wakes the
// workflow: what happened is read from the claim, so a lost or repeated wake changes nothing.

import type { Claim } from '../../domain/claim.js';
import { languageFor } from '../../domain/notices.js';
import { returnNotice, type ReturnNotice } from '../../domain/return-notices.js';
import { nextReturnWait, overdueActionOf, type ReturnTiming, type ReturnWait } from '../../domain/return-waits.js';
import { changeOf } from '../changes/change-set.js';
import { moved } from '../claims/claim-moves.js';
import { loadClaim } from '../claims/load-claim.js';
import { retryOnConflict } from '../common/conflicts.js';
import { wakeAfterDecision } from '../claims/decided-wakes.js';
import { GIVE_UP_THROTTLED_AFTER_MS, newMessage, sendEmail } from '../messages/message-delivery.js';
import { pendingAlert, sendPendingAlert, tellOperator, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { Order } from '../../domain/order.js';
import { emailSeller } from '../cancel-requests/approval-steps.js';
import { emailSellerOf } from '../claims/seller-mail.js';
import { sellerClaimNotice } from '../../domain/seller-claim-notices.js';
import type { SellerProfile } from '../../domain/seller-profile.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';

export const RETURN_WORKFLOW = { role: 'system', id: 'return-workflow' };

/** The notice a status tells the buyer, if any: the buyer's own step (the parcel sent) needs none. */
function noticeOf(claim: Claim): ReturnNotice | undefined {
  switch (claim.status) {
    case 'AWAITING_APPROVAL':
      return 'REQUESTED';
    case 'AWAITING_RETURN':
      return 'APPROVED';
    case 'REFUSED':
      return 'REFUSED';
    case 'NEEDS_OPERATOR':
      return 'HANDED_OVER';
    case 'IN_PROGRESS':
    case 'COMPLETED':
      return claim.return?.receipt?.outcome === 'RECEIVED' ? 'RECEIVED' : undefined;
    default:
      return undefined;
  }
}

/**
 * Tells the buyer once (the notice's id is the claim's and the step's, so a retry finds it and only
 * sends an e-mail still to send). An e-mail SES throttles stays PENDING and the step fails with
 * EmailThrottled, for the workflow to run it again with backoff, for 12 hours; then it is FAILED,
 * for the seller or the operator to send again, and the return goes on.
 */
async function tellBuyer(
  deps: { store: ClaimStore; mailer: Mailer },
  claim: Claim,
  notice: ReturnNotice,
  now: Date,
  /** Run once, by the run that stores the notice, before the buyer's e-mail: the seller's notice of a request. */
  first: (order: Order) => Promise<void>,
) {
  const order = await deps.store.getOrder(claim.orderNo);
  if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
  const messageId = `M-${claim.claimId}-RETURN-${notice}`;
  let message = await deps.store.getMessage(order.orderNo, messageId);
  if (!message) {
    const words = returnNotice(notice, claim, languageFor(order.buyer.country));
    const fresh = {
      ...newMessage(
        order,
        { ...words, category: 'CANCEL_REFUND', alsoEmail: true, kind: 'RETURN_UPDATE', claimId: claim.claimId },
        now,
      ),
      messageId,
    };
    await deps.store.commit(changeOf([{ entity: 'message', value: fresh }]));
    message = { ...fresh, version: 1 };
    await first(order);
  }
  const retryThrottled = now.getTime() - Date.parse(message.createdAt) < GIVE_UP_THROTTLED_AFTER_MS;
  const sent = await sendEmail(deps.mailer, order, message, now, { retryThrottled });
  await deps.store.commit(changeOf(sent.writes));
  if (sent.message.email === 'PENDING')
    throw new StepError('EmailThrottled', `SES throttled the ${notice} notice of return ${claim.claimId}.`);
  return sent.message.email;
}

/**
 * advance-return: the buyer is told of the step the return is at (once), and the workflow learns
 * how long to wait for the next one, or that it waits for nothing more (refused, handed to the
 * operator, received and refunding in settle-claim, closed).
 */
export async function advanceReturn(
  deps: { store: ClaimStore; mailer: Mailer; profiles: SellerProfiles },
  claimId: string,
  timing: ReturnTiming,
  now: Date,
): Promise<ReturnWait & { notice?: ReturnNotice }> {
  const claim = await loadClaim(deps.store, claimId);
  if (claim.type !== 'RETURN') throw new StepError('ClaimClosed', `Claim ${claimId} is not a return.`);
  const notice = noticeOf(claim);
  // The seller learns of a request as a cancel request's seller does (a failed e-mail is recorded on the timeline).
  const tellSeller = async (order: Order) => {
    if (notice === 'REQUESTED') await deps.store.commit(changeOf([await emailSeller(deps, claim, order, false, now)]));
  };
  if (notice) await tellBuyer(deps, claim, notice, now, tellSeller);
  return { ...nextReturnWait(claim, timing, now), ...(notice ? { notice } : {}) };
}

/**
 * await-return-step: called with the task token of the wait for the step of `status`. While the
 * return is still there, the token is kept beside the claim for the API to wake; if it moved on
 * already, the workflow is woken at once. The token is never returned or logged.
 */
export async function awaitReturnStep(
  deps: { store: ClaimStore; workflows: Workflows },
  claimId: string,
  status: string,
  taskToken: string,
) {
  const now = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    if (claim.status !== status) return claim.status;
    await deps.store.commit(
      changeOf([{ entity: 'wait', value: { waitFor: { claimId }, token: taskToken, version: claim.version } }]),
    );
    return undefined;
  });
  if (now) await deps.workflows.wake(taskToken, { output: { status: now } });
  return { claimId, waiting: now === undefined };
}

/**
 * Wakes the return's workflow after an API call moved it on. No token yet, a closed one, or Step
 * Functions not taking it now: the workflow reads the claim when its wait next ends, and the
 * reconciler wakes a run that waits on a stale claim.
 */
export async function wakeReturn(deps: { store: ClaimStore; workflows: Workflows }, claimId: string, status: string) {
  const token = await deps.store.waitToken({ claimId });
  if (token) await wakeAfterDecision(deps.workflows, token, { output: { status } }, { claimId, status });
}

const OVERDUE_WHY = {
  FLAG_DELAYED: (c: Claim) =>
    `The buyer's return request on order ${c.orderNo} has waited over 4 days for seller ${c.sellerId}. ` +
    'Without a decision it comes to you.',
  FLAG_RECEIPT_OVERDUE: (c: Claim) =>
    `Seller ${c.sellerId} has not confirmed receipt of the return of order ${c.orderNo}, sent back ` +
    `${c.return?.shipment ? `by ${c.return.shipment.carrier} ${c.return.shipment.trackingNo} ` : ''}` +
    `on ${c.return?.shipment?.at ?? '?'}. Ask the seller; without a confirmation it comes to you.`,
  ReturnDecisionTimedOut: (c: Claim) => `The seller did not decide on the buyer's return of order ${c.orderNo}.`,
  ReturnNotShipped: (c: Claim) => `The buyer did not send back the approved return of order ${c.orderNo}.`,
  ReturnReceiptTimedOut: (c: Claim) =>
    `The seller did not confirm receipt of the return of order ${c.orderNo} after you were told.`,
};

/**
 * mark-return-overdue: the wait for the step of `waited.status` ran out. The seller's decision is
 * flagged delayed (지연) and the operator told; the seller's receipt is flagged overdue and the
 * operator told; a wait that runs out after the flag, or the buyer's parcel never sent, goes to the
 * operator (NEEDS_OPERATOR). A return that moved on meanwhile is left as it is.
 */
export async function markReturnOverdue(
  deps: { store: ClaimStore; profiles: SellerProfiles } & OperatorAlerts,
  claimId: string,
  waited: { status: string; flagged: boolean },
  now: Date,
) {
  const at = now.toISOString();
  let reminder: Promise<Write> | undefined;
  const done = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    const action = overdueActionOf(claim, waited);
    if (action.kind === 'NONE' || (action.kind !== 'HAND_OVER' && action.already)) return { claim, action };
    let next: Claim;
    let event: [string, string];
    const extra: Write[] = [];
    const order = await deps.store.getOrder(claim.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
    if (action.kind === 'FLAG_DELAYED') {
      next = { ...claim, delayedAt: at, updatedAt: at };
      event = ['CLAIM_DELAYED', 'No decision within 4 days of the return request.'];
      // The seller is reminded once, whatever the retries of the write.
      reminder ??= emailSeller(deps, claim, order, true, now);
      extra.push(await reminder);
    } else if (action.kind === 'FLAG_RECEIPT_OVERDUE') {
      next = { ...claim, return: { ...claim.return!, receiptOverdueAt: at }, updatedAt: at };
      event = ['RETURN_RECEIPT_OVERDUE', 'The seller has not confirmed receipt in time.'];
      // The seller is told once, as the operator is, that the receipt is overdue.
      const overdue = (to: SellerProfile) => sellerClaimNotice('RETURN_RECEIPT_OVERDUE', claim, to);
      const record = { by: RETURN_WORKFLOW, about: 'RETURN_RECEIPT_OVERDUE' };
      reminder ??= emailSellerOf(deps, order, claimId, overdue, record, now);
      extra.push(await reminder);
    } else {
      const why = OVERDUE_WHY[action.error](claim);
      next = moved(claim, 'NEEDS_OPERATOR', now, {
        failure: { error: action.error, cause: why },
        ...pendingAlert(`${why} Refund it (POST /claims/${claimId}/resolution COMPLETE) or close it.`),
      });
      event = ['CLAIM_NEEDS_OPERATOR', action.error];
    }
    const [type, detail] = event;
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: next, from: claim.status },
        { entity: 'event', value: timelineEvent(claim.orderNo, type, RETURN_WORKFLOW, now, { claimId, detail }) },
        ...extra,
      ]),
    );
    return { claim, action };
  });
  const { claim, action } = done;
  if (action.kind === 'FLAG_DELAYED' || action.kind === 'FLAG_RECEIPT_OVERDUE')
    await tellOperator(deps, claim, OVERDUE_WHY[action.kind](claim));
  // Also on a retry of this step, which finds the claim handed over and its alert still pending.
  if (action.kind === 'HAND_OVER' || claim.status === 'NEEDS_OPERATOR')
    await sendPendingAlert(deps.store, deps, claimId, now);
  return { claimId, overdue: action.kind };
}
