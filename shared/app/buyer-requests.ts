// Flow 3: a buyer cancels. PROCESSING and NEW cancel at once (buyer's fault, the seller is not
// told), DELAYED too (the seller's fault), PREPARING waits for the seller in the approval
// workflow. The decision is always written to the claim first, by a conditional write, so the
// first decision wins; the task token only wakes the waiting workflow.

import { type Claim } from '../domain/claim.js';
import type { Order } from '../domain/order.js';
import { buyerWithdrawalNotice, languageFor, sellerRequestNotice, sellerWithdrawalNotice } from '../domain/notices.js';
import type { CancelReason } from '../domain/reasons.js';
import { decideBuyerCancel, decideOnRequest, holdForClaim, releaseFromClaim, type BuyerCancelOutcome } from '../domain/transitions.js';
import { actor, ownsClaim, type Principal } from './access.js';
import { moved } from './claim-moves.js';
import { startCurrentRun } from './claim-runs.js';
import { pendingAlert, sendPendingAlert, tellOperator, type OperatorAlerts } from './operator-alerts.js';
import { loadClaim } from './settle/apply-claim.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';
import { newId } from './ids.js';
import { deliverEmail, newMessage } from './messages.js';
import { loadOwnOrder } from './orders.js';
import { retryOnConflict, unwrap } from './conflicts.js';
import { timelineEvent } from './timeline.js';
import { MailError, type ApprovalTiming, type ClaimStore, type Decision, type Mailer, type Workflows, type Write } from './ports.js';
import { StepError } from './step-errors.js';

const SYSTEM = { role: 'system', id: 'approval-workflow' };

export interface BuyerCancelInput {
  reason: CancelReason;
  message?: string;
  /** An operator filing for the buyer says why (the buyer could not file it). */
  onBehalfReason?: string;
}

export interface BuyerRequestDeps {
  store: ClaimStore;
  workflows: Workflows;
  timing: ApprovalTiming;
}

/** POST /orders/{orderNo}/cancel-requests: the buyer, or an operator on the buyer's behalf. */
export async function requestBuyerCancel(deps: BuyerRequestDeps, principal: Principal, orderNo: string, input: BuyerCancelInput, now: Date): Promise<{ claim: Claim; outcome: BuyerCancelOutcome }> {
  if (principal.role === 'operator' && !input.onBehalfReason) {
    throw new InvalidInputError('An operator files a request on the buyer’s behalf with the reason.', [{ path: 'body.onBehalfReason', message: 'required for an operator' }]);
  }
  const opened = await retryOnConflict(async () => {
    const order = await loadOwnOrder(deps.store, principal, orderNo);
    const terms = unwrap(decideBuyerCancel(order, input.reason, now));
    const awaitingSeller = terms.outcome === 'AWAITING_SELLER';
    const at = now.toISOString();
    const claim: Claim = {
      claimId: newId('C', now),
      type: 'BUYER_CANCEL',
      status: awaitingSeller ? 'AWAITING_APPROVAL' : 'REQUESTED',
      orderNo,
      orderNos: [orderNo],
      excluded: [],
      cartNo: order.cartNo,
      sellerId: order.sellerId,
      buyerId: order.buyer.id,
      reason: terms.reason,
      fault: terms.fault,
      scope: 'ORDER',
      ...(input.message ? { buyerMessage: input.message } : {}),
      requestedBy: actor(principal),
      requestedAt: at,
      updatedAt: at,
      version: 0,
    };
    await deps.store.commit([
      { entity: 'claim', value: claim, from: null },
      { entity: 'order', value: { ...holdForClaim(order, claim.claimId, awaitingSeller), updatedAt: at }, from: order.status },
      {
        entity: 'event',
        value: timelineEvent(orderNo, awaitingSeller ? 'CANCEL_REQUESTED' : 'CLAIM_OPENED', actor(principal), now, {
          claimId: claim.claimId,
          detail: `BUYER_CANCEL ${terms.reason}${input.onBehalfReason ? ` (filed for the buyer: ${input.onBehalfReason})` : ''}`,
        }),
      },
    ]);
    return { claim: { ...claim, version: 1 }, outcome: terms.outcome };
  });

  await startCurrentRun(deps, opened.claim);
  return opened;
}

async function wake(workflows: Workflows, claim: Claim, decision: Decision): Promise<void> {
  // No token yet, or a closed one: the workflow reads the decision from the claim when it next waits or wakes.
  if (claim.approvalTaskToken) await workflows.wake(claim.approvalTaskToken, { output: { decision } });
}

/** POST /claims/{claimId}/approval: the owning seller approves; the claim settles as a cancellation. */
export async function approveRequest(deps: Omit<BuyerRequestDeps, 'timing'>, principal: Principal, claimId: string, now: Date) {
  const decided = await retryOnConflict(async () => {
    const claim = await deps.store.getClaim(claimId);
    if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
    if (principal.role !== 'seller' || claim.sellerId !== principal.id) throw new ForbiddenError(`Only the seller of claim ${claimId} approves it.`);
    const order = (await deps.store.getOrder(claim.orderNo))!;
    unwrap(decideOnRequest(order, claim, 'APPROVE_CANCEL_REQUEST', now));
    const { approvalTaskToken: _token, ...rest } = claim;
    await deps.store.commit([
      { entity: 'claim', value: moved(rest, 'IN_PROGRESS', now), from: claim.status },
      { entity: 'event', value: timelineEvent(claim.orderNo, 'CANCEL_REQUEST_APPROVED', actor(principal), now, { claimId }) },
    ]);
    return claim;
  });
  await wake(deps.workflows, decided, 'APPROVED');
  return { claimId, status: 'IN_PROGRESS' as const };
}

/** POST /claims/{claimId}/withdrawal: the buyer withdraws, or an operator for them, with the reason. The order goes back to PREPARING. */
export async function withdrawRequest(deps: Omit<BuyerRequestDeps, 'timing'>, principal: Principal, claimId: string, input: { reason?: string }, now: Date) {
  if (principal.role === 'operator' && !input.reason) {
    throw new InvalidInputError('An operator withdraws a request with the reason.', [{ path: 'body.reason', message: 'required for an operator' }]);
  }
  const decided = await retryOnConflict(async () => {
    const claim = await deps.store.getClaim(claimId);
    if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
    if (!(principal.role === 'operator' || (principal.role === 'buyer' && ownsClaim(principal, claim)))) {
      // The guide: the seller cannot refuse; only the buyer's withdrawal ends a request.
      throw new ForbiddenError(`Only the buyer of claim ${claimId}, or an operator, withdraws it.`);
    }
    const order = (await deps.store.getOrder(claim.orderNo))!;
    unwrap(decideOnRequest(order, claim, 'WITHDRAW_CANCEL_REQUEST', now));
    const { approvalTaskToken: _token, ...rest } = claim;
    const withdrawal = { by: actor(principal), ...(input.reason ? { reason: input.reason } : {}), at: now.toISOString() };
    await deps.store.commit([
      { entity: 'claim', value: moved(rest, 'WITHDRAWN', now, { withdrawal, completedAt: now.toISOString() }), from: claim.status },
      { entity: 'order', value: releaseFromClaim(order, claimId, now), from: order.status },
      { entity: 'event', value: timelineEvent(claim.orderNo, 'CANCEL_REQUEST_WITHDRAWN', actor(principal), now, { claimId, ...(input.reason ? { detail: input.reason } : {}) }) },
    ]);
    return claim;
  });
  await wake(deps.workflows, decided, 'WITHDRAWN');
  return { claimId, status: 'WITHDRAWN' as const };
}

// ── Approval workflow steps ─────────────────────────────────────────────────────────────────

/** What the approval workflow waits for next: how long, and whether the seller was reminded already. */
export interface NextWait {
  seconds: number;
  reminded: boolean;
}

/** Sends the seller the request (or the reminder) and answers the timeline event that records how it went. */
async function emailSeller(mailer: Mailer, claim: Claim, order: Order, reminder: boolean, now: Date): Promise<Write> {
  let outcome = 'SELLER_NOTIFIED';
  let failure: MailError | undefined;
  if (!order.sellerEmail) outcome = 'SELLER_NOTIFIED_IN_CLAIM_LIST';
  else {
    try {
      await mailer.send(order.sellerEmail, sellerRequestNotice(claim, reminder));
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      failure = error;
      outcome = 'SELLER_NOTICE_FAILED';
    }
  }
  return { entity: 'event', value: timelineEvent(order.orderNo, reminder ? `${outcome}_REMINDER` : outcome, SYSTEM, now, { claimId: claim.claimId, ...(failure ? { detail: failure.message } : {}) }) };
}

/**
 * notify-seller: the request still holds its CANCEL_REQUESTED order, and the seller learns of it.
 * An e-mail that fails (after the SDK's retries) is recorded and the request waits all the same:
 * the seller sees it in the claim list, and the reminder and the operator follow.
 */
export async function notifySeller(deps: { store: ClaimStore; mailer: Mailer }, claimId: string, timing: ApprovalTiming, now: Date): Promise<NextWait> {
  const next = { seconds: timing.reminderAfterSeconds, reminded: false };
  const claim = await loadClaim(deps.store, claimId);
  // Decided before the workflow got here: the wait ends at once with the decision.
  if (decisionOf(claim)) return next;
  const order = await deps.store.getOrder(claim.orderNo);
  if (claim.type !== 'BUYER_CANCEL' || !order || order.openClaimId !== claimId) throw new StepError('ClaimNotHoldingOrder', `Claim ${claimId} does not hold order ${claim.orderNo}.`);
  await deps.store.commit([await emailSeller(deps.mailer, claim, order, false, now)]);
  return next;
}

const decisionOf = (claim: Claim): Decision | undefined => (claim.status === 'IN_PROGRESS' ? 'APPROVED' : claim.status === 'WITHDRAWN' ? 'WITHDRAWN' : undefined);

/**
 * await-decision: called with the task token of the waiting state. While the request waits, the
 * token is stored on the claim for the decision to wake it; if the decision is already made, the
 * workflow is woken at once. The token is never returned or logged.
 */
export async function awaitDecision(deps: { store: ClaimStore; workflows: Workflows }, claimId: string, taskToken: string, now: Date) {
  const outcome = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    const decided = decisionOf(claim);
    if (decided) return decided;
    if (claim.status !== 'AWAITING_APPROVAL') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}; nothing waits for a decision.`);
    await deps.store.commit([{ entity: 'claim', value: { ...claim, approvalTaskToken: taskToken, updatedAt: now.toISOString() }, from: claim.status }]);
    return undefined;
  });
  if (outcome) await deps.workflows.wake(taskToken, { output: { decision: outcome } });
  return { claimId, waiting: outcome === undefined };
}

/** mark-delayed: 4 days without a decision: the claim is flagged delayed (지연), the seller reminded, the operator told. */
export async function markDelayed(deps: { store: ClaimStore } & OperatorAlerts, claimId: string, timing: ApprovalTiming, now: Date): Promise<NextWait> {
  let reminder: Promise<Write> | undefined;
  const claim = await retryOnConflict(async () => {
    const current = await loadClaim(deps.store, claimId);
    if (current.status !== 'AWAITING_APPROVAL' || current.delayedAt) return current;
    const order = await deps.store.getOrder(current.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${current.orderNo}.`);
    // Sent once, whatever the retries of the write.
    reminder ??= emailSeller(deps.mailer, current, order, true, now);
    await deps.store.commit([
      { entity: 'claim', value: { ...current, delayedAt: now.toISOString(), updatedAt: now.toISOString() }, from: current.status },
      { entity: 'event', value: timelineEvent(current.orderNo, 'CLAIM_DELAYED', SYSTEM, now, { claimId, detail: 'No decision within 4 days of the request.' }) },
      await reminder,
    ]);
    return current;
  });
  if (claim.status === 'AWAITING_APPROVAL') {
    await tellOperator(deps, claim, `The buyer's cancel request on order ${claim.orderNo} has waited over 4 days for seller ${claim.sellerId}. The seller was reminded; without a decision it comes to you.`);
  }
  return { seconds: timing.handOverAfterSeconds, reminded: true };
}

/** expire-request: the last wait ran out. A request still waiting goes to the operator; one decided meanwhile goes its way. */
export async function expireRequest(deps: { store: ClaimStore } & OperatorAlerts, claimId: string, now: Date) {
  const result = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    const decided = decisionOf(claim);
    if (decided) return { decision: decided as string, claim, handedOver: false };
    if (claim.status !== 'AWAITING_APPROVAL') return { decision: claim.status as string, claim, handedOver: false };
    const { approvalTaskToken: _token, ...rest } = claim;
    await deps.store.commit([
      {
        entity: 'claim',
        value: moved(rest, 'NEEDS_OPERATOR', now, {
          failure: { error: 'ApprovalTimedOut', cause: 'The seller did not decide on the buyer’s request in time.' },
          ...pendingAlert(`The seller did not decide on the buyer's cancel request on order ${claim.orderNo}: approve it for them (POST /claims/${claimId}/resolution COMPLETE) or close it.`),
        }),
        from: claim.status,
      },
      { entity: 'event', value: timelineEvent(claim.orderNo, 'CLAIM_NEEDS_OPERATOR', SYSTEM, now, { claimId, detail: 'ApprovalTimedOut' }) },
    ]);
    return { decision: 'EXPIRED', claim, handedOver: true };
  });
  if (result.handedOver) await sendPendingAlert(deps.store, deps, claimId, now);
  return { claimId, decision: result.decision };
}

/** notify-withdrawal: the buyer and the seller are told the request is withdrawn and the order will ship. */
export async function notifyWithdrawal(deps: { store: ClaimStore; mailer: Mailer }, claimId: string, now: Date) {
  const claim = await loadClaim(deps.store, claimId);
  const order = await deps.store.getOrder(claim.orderNo);
  if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
  const notice = newMessage(order, { ...buyerWithdrawalNotice(order.orderNo, languageFor(order.buyer.country)), category: 'CANCEL_REFUND', alsoEmail: true, kind: 'REQUEST_WITHDRAWN', claimId }, now);
  await deps.store.commit([{ entity: 'message', value: notice }]);
  const buyer = await deliverEmail(deps.store, deps.mailer, order, { ...notice, version: 1 }, now);
  let seller = 'NO_SELLER_EMAIL';
  if (order.sellerEmail) {
    seller = await deps.mailer.send(order.sellerEmail, sellerWithdrawalNotice(claim)).then(
      () => 'SENT',
      (error: Error) => `FAILED: ${error.message}`,
    );
  }
  return { claimId, buyerEmail: buyer.message.email, sellerEmail: seller };
}
