// The steps after a non-receipt report: the seller answers (proof or a re-shipment: the buyer
// decides; a refund: settle-claim refunds in full by the payment method), the buyer accepts the
// answer or takes it to the operator. Each is a conditional write on the claim, so of two at once
// the first wins and the second is refused by the status it finds. An answer lets go of the order
// (it may be delivered, returned, refunded meanwhile); an escalation holds it again for the operator.

import type { Claim, ClaimStatus } from '../../domain/claim.js';
import type { NonReceiptNoticeStep } from '../../domain/non-receipt-notices.js';
import {
  answerMovesTo,
  requireNonReceiptStep,
  type NonReceiptAnswer,
  type NonReceiptStep,
} from '../../domain/non-receipt.js';
import { allowedActions, holdForClaim, releaseFromClaim } from '../../domain/transitions.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { changeOf } from '../changes/change-set.js';
import { moved } from '../claims/claim-moves.js';
import { startCurrentRun } from '../claims/claim-runs.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, RefusedError, StatusConflictError } from '../common/errors.js';
import { pendingAlert, trySendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { wake } from '../cancel-requests/decisions.js';
import { timelineEvent } from '../claims/timeline.js';
import { emailNotice, noticeWrite } from './non-receipt-notices.js';

/** The non-receipt claim, if it is this caller's to act on as `role`; a claim of another party is not found. */
async function ownNonReceipt(
  store: ClaimStore,
  principal: Principal,
  claimId: string,
  role: 'seller' | 'buyer',
  step: NonReceiptStep,
): Promise<Claim> {
  if (principal.role !== role) throw new ForbiddenError(`Only the ${role} of claim ${claimId} takes this step.`);
  const claim = await store.getClaim(claimId);
  if (!claim || (role === 'seller' ? claim.sellerId : claim.buyerId) !== principal.id) throw notFound('claim', claimId);
  const ready = requireNonReceiptStep(claim, step);
  if (!ready.ok) {
    const allowed = ready.refusal.kind === 'STATUS' ? ready.refusal.allowed : [];
    throw new StatusConflictError(ready.refusal.detail, claim.status, allowed);
  }
  return claim;
}

/** The claim's step: the claim moved, the step on the order's timeline, the buyer's notice stored. */
async function step(
  store: ClaimStore,
  claim: Claim,
  to: ClaimStatus,
  extra: Partial<Claim>,
  told: { event: string; notice: NonReceiptNoticeStep; detail?: string },
  principal: Principal,
  now: Date,
  more: Write[] = [],
): Promise<Claim> {
  const next = moved(claim, to, now, extra);
  const order = (await store.getOrder(claim.orderNo))!;
  const detail = told.detail ? { detail: told.detail } : {};
  await store.commit(
    changeOf([
      { entity: 'claim', value: next, from: claim.status },
      {
        entity: 'event',
        value: timelineEvent(claim.orderNo, told.event, actor(principal), now, { claimId: claim.claimId, ...detail }),
      },
      noticeWrite(order, next, told.notice, now),
      ...more,
    ]),
  );
  return { ...next, version: claim.version + 1 };
}

export interface NonReceiptAnswerInput {
  answer: NonReceiptAnswer;
  carrier?: string;
  trackingNo?: string;
  note?: string;
}

/** POST /claims/{claimId}/non-receipt-answer: the owner seller answers the report. */
export async function answerNonReceipt(
  deps: { store: ClaimStore; workflows: Workflows; mailer: Mailer },
  principal: Principal,
  claimId: string,
  input: NonReceiptAnswerInput,
  now: Date,
) {
  const claim = await retryOnConflict(async () => {
    const found = await ownNonReceipt(deps.store, principal, claimId, 'seller', 'ANSWER');
    const answer = { ...input, at: now.toISOString() };
    const to = answerMovesTo(input.answer);
    const order = (await deps.store.getOrder(found.orderNo))!;
    // A refund keeps the order held until settle-claim has refunded it; proof or a re-shipment lets go of it.
    const release: Write[] =
      to === 'ANSWERED' ? [{ entity: 'order', value: releaseFromClaim(order, claimId, now), from: order.status }] : [];
    const tracking = input.carrier && input.trackingNo ? ` ${input.carrier} ${input.trackingNo}` : '';
    const told = { event: 'NON_RECEIPT_ANSWERED', notice: 'ANSWERED' as const, detail: `${input.answer}${tracking}` };
    const extra = { nonReceipt: { ...found.nonReceipt!, answer } };
    return step(deps.store, found, to, extra, told, principal, now, release);
  });
  // The answer is the claim's; the token only ends the workflow's wait (which reads the claim if it is lost).
  await wake(deps, claimId, claim.status === 'ANSWERED' ? 'ANSWERED' : 'REFUNDED');
  if (claim.status === 'IN_PROGRESS') await startCurrentRun(deps, claim);
  await emailNotice(deps, claim.orderNo, claimId, 'ANSWERED', now);
  return { claimId, status: claim.status };
}

/** POST /claims/{claimId}/non-receipt-acceptance: the owner buyer accepts the answer; no money moves. */
export async function acceptNonReceiptAnswer(
  deps: { store: ClaimStore; workflows: Workflows; mailer: Mailer },
  principal: Principal,
  claimId: string,
  now: Date,
) {
  const claim = await retryOnConflict(async () => {
    const found = await ownNonReceipt(deps.store, principal, claimId, 'buyer', 'ACCEPT');
    const at = now.toISOString();
    const extra = { nonReceipt: { ...found.nonReceipt!, acceptedAt: at }, completedAt: at };
    return step(
      deps.store,
      found,
      'COMPLETED',
      extra,
      { event: 'NON_RECEIPT_ACCEPTED', notice: 'ACCEPTED' },
      principal,
      now,
    );
  });
  await wake(deps, claimId, 'CLOSED');
  await emailNotice(deps, claim.orderNo, claimId, 'ACCEPTED', now);
  return { claimId, status: claim.status };
}

/** POST /claims/{claimId}/escalation (an answered non-receipt): the buyer takes it to the operator. */
export async function escalateNonReceipt(
  deps: { store: ClaimStore; workflows: Workflows } & OperatorAlerts,
  principal: Principal,
  claimId: string,
  now: Date,
) {
  const claim = await retryOnConflict(async () => {
    const found = await ownNonReceipt(deps.store, principal, claimId, 'buyer', 'ESCALATE');
    const order = (await deps.store.getOrder(found.orderNo))!;
    if (order.openClaimId !== undefined || (order.status !== 'IN_TRANSIT' && order.status !== 'DELIVERED')) {
      throw new RefusedError({
        kind: 'CONFLICT',
        detail:
          `Order ${order.orderNo} is ${order.status}` +
          `${order.openClaimId ? ` and held by claim ${order.openClaimId}` : ''}: ` +
          'the answer can no longer be taken further.',
        currentStatus: order.status,
        allowedActions: allowedActions(order, now),
      });
    }
    const answer = found.nonReceipt?.answer;
    const why =
      `The buyer of order ${found.orderNo} does not accept the seller's answer to a non-receipt report ` +
      `(${answer?.answer ?? 'none'}${answer?.note ? `: ${answer.note}` : ''}): refund it, charged to the seller ` +
      `(POST /claims/${claimId}/resolution COMPLETE), or close it.`;
    const extra = {
      nonReceipt: { ...found.nonReceipt!, escalatedAt: now.toISOString() },
      failure: { error: 'NonReceiptDisputed', cause: 'The buyer does not accept the seller’s answer.' },
      ...pendingAlert(why),
    };
    const hold: Write = {
      entity: 'order',
      value: { ...holdForClaim(order, claimId, false), updatedAt: now.toISOString() },
      from: order.status,
    };
    const told = { event: 'NON_RECEIPT_ESCALATED', notice: 'ESCALATED' as const };
    return step(deps.store, found, 'NEEDS_OPERATOR', extra, told, principal, now, [hold]);
  });
  await wake(deps, claimId, 'HANDED_OVER');
  await trySendPendingAlert(deps.store, deps, claimId, now);
  await emailNotice(deps, claim.orderNo, claimId, 'ESCALATED', now);
  return { claimId, status: 'NEEDS_OPERATOR' as const };
}
