// The steps of the claim workflow (workflows/settle-claim.asl.json), each safe to run again, and
// how a claim fails or reaches an operator.

import { canMoveClaim, type Claim, type ClaimStatus } from '../domain/claim.js';
import { deliveryCounts } from '../domain/message.js';
import { claimCompletedNotice, languageFor, operatorAlert } from '../domain/notices.js';
import { FINAL_STATUSES, type Order } from '../domain/order.js';
import { planRefund, type Refund, type RefundFeeTable } from '../domain/refund.js';
import { applyClaim, releaseFromClaim } from '../domain/transitions.js';
import { logger } from '../logger.js';
import { deliverEmail, newMessage } from './messages.js';
import { retryOnConflict, timelineEvent } from './orders.js';
import type { ClaimStore, Mailer, Write } from './ports.js';
import { causeMessage, StepError } from './step-errors.js';

const SYSTEM = { role: 'system', id: 'claim-workflow' };

export async function loadClaim(store: ClaimStore, claimId: string): Promise<Claim> {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new StepError('ClaimNotFound', `No claim ${claimId}.`);
  return claim;
}

export function moved(claim: Claim, status: ClaimStatus, now: Date, extra: Partial<Claim> = {}): Claim {
  if (!canMoveClaim(claim.status, status)) throw new StepError('ClaimClosed', `Claim ${claim.claimId} is ${claim.status}; it cannot become ${status}.`);
  return { ...claim, ...extra, status, updatedAt: now.toISOString() };
}

/** The claim's effect is already on the order: it ended CANCELLED or RETURNED by this claim. */
const appliedBy = (order: Order, claimId: string) => FINAL_STATUSES.includes(order.status) && order.claimIds.includes(claimId) && order.openClaimId === undefined;

/** check-transition: the claim still holds every order it covers (or has already applied to it), and runs. */
export async function beginClaim(store: ClaimStore, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    const orders = await store.getOrders(claim.orderNos);
    const loose = claim.orderNos.filter((orderNo) => {
      const order = orders.find((o) => o.orderNo === orderNo);
      return !order || (order.openClaimId !== claimId && !appliedBy(order, claimId));
    });
    if (loose.length > 0) throw new StepError('ClaimNotHoldingOrder', `Claim ${claimId} does not hold ${loose.join(', ')}.`);
    if (claim.status !== 'IN_PROGRESS') await store.commit([{ entity: 'claim', value: moved(claim, 'IN_PROGRESS', now) }]);
    return { claimId, orderNo: claim.orderNo, noticeMessageId: claim.noticeMessageId ?? null };
  });
}

/** notify-buyer: e-mails a message of the claim; a failure is thrown for the workflow to retry or catch. */
export async function notifyBuyer(store: ClaimStore, mailer: Mailer, claimId: string, messageId: string, now: Date) {
  const claim = await loadClaim(store, claimId);
  const message = (await Promise.all(claim.orderNos.map((orderNo) => store.getMessage(orderNo, messageId)))).find((m) => m !== undefined);
  const order = message && (await store.getOrder(message.orderNo));
  if (!order || !message) throw new StepError('MessageNotFound', `No message ${messageId} on the orders of claim ${claimId}.`);
  const outcome = await deliverEmail(store, mailer, order, message, now);
  if (outcome.failure) {
    throw new StepError(outcome.failure.retryable ? 'BuyerNoticeRetryable' : 'BuyerNoticeFailed', outcome.failure.message);
  }
  return { messageId, email: outcome.message.email, ...deliveryCounts([outcome.message]) };
}

/** What the refund workflow needs for one refund; the name changes with each attempt. */
const refundJob = (refund: Refund) => ({
  claimId: refund.claimId,
  orderNo: refund.orderNo,
  refundId: refund.refundId,
  executionName: `${refund.refundId}-a${refund.attempts}`,
});

/**
 * apply-claim: every order of the claim is cancelled (or, after shipping, returned) and its refund
 * recorded, all at once or not at all. Answers the refunds still to pay.
 */
export async function applyClaimToOrders(store: ClaimStore, fees: RefundFeeTable, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    if (claim.status !== 'IN_PROGRESS') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const orders = await store.getOrders(claim.orderNos);
    const writes: Write[] = [];
    const refunds: Refund[] = [];
    for (const order of orders) {
      if (appliedBy(order, claimId)) {
        // Applied by an earlier attempt: the transaction wrote the refund with it.
        const records = await store.orderRecords(order.orderNo);
        refunds.push(...(records?.refunds.filter((r) => r.claimId === claimId) ?? []));
        continue;
      }
      const applied = applyClaim(order, claim);
      if (!applied.ok) throw new StepError('ClaimNotHoldingOrder', applied.refusal.detail);
      const refund = planRefund(order, claim, fees, now);
      refunds.push(refund);
      writes.push(
        { entity: 'order', value: { ...applied.value, updatedAt: now.toISOString() } },
        { entity: 'refund', value: refund },
        { entity: 'event', value: timelineEvent(order.orderNo, applied.value.status, SYSTEM, now, { claimId, detail: claim.reason }) },
        { entity: 'event', value: timelineEvent(order.orderNo, 'REFUND_RECORDED', SYSTEM, now, { claimId, detail: `${refund.amount.amount} ${refund.amount.currency} by ${refund.method}` }) },
      );
    }
    if (refunds.length !== claim.orderNos.length) {
      throw new StepError('RefundMissing', `Claim ${claimId} covers ${claim.orderNos.length} orders but has ${refunds.length} refunds.`);
    }
    await store.commit(writes);
    return { claimId, refunds: refunds.filter((r) => r.status !== 'COMPLETED').map(refundJob) };
  });
}

/** complete-claim: the claim is done; the notice that says so is written with it, to be e-mailed next. */
export async function completeClaim(store: ClaimStore, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    if (claim.status === 'COMPLETED' && claim.completionMessageId) return { claimId, messageId: claim.completionMessageId };
    const order = await store.getOrder(claim.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
    const text = claimCompletedNotice(claim, languageFor(order.buyer.country));
    const notice = newMessage(order, { ...text, category: 'CANCEL_REFUND', alsoEmail: true, kind: 'CLAIM_COMPLETED', claimId }, now);
    const { failure: _resolved, ...rest } = claim;
    await store.commit([
      { entity: 'claim', value: moved(rest, 'COMPLETED', now, { completedAt: now.toISOString(), completionMessageId: notice.messageId }) },
      { entity: 'message', value: notice },
      ...claim.orderNos.map((orderNo): Write => ({ entity: 'event', value: timelineEvent(orderNo, 'CLAIM_COMPLETED', SYSTEM, now, { claimId }) })),
    ]);
    return { claimId, messageId: notice.messageId };
  });
}

export interface OperatorAlerts {
  mailer: Mailer;
  operatorEmail: string;
}

/** The claim list shows every case that needs an operator; the e-mail tells them at once. */
export async function alertOperator(deps: OperatorAlerts, claim: Pick<Claim, 'claimId' | 'orderNos' | 'sellerId'>, why: string): Promise<void> {
  try {
    await deps.mailer.send(deps.operatorEmail, operatorAlert(claim, why));
  } catch (error) {
    logger.error('operator alert not sent; the claim stays NEEDS_OPERATOR', { claimId: claim.claimId, error: error as Error });
  }
}

export interface ClaimFailureInput {
  claimId: string;
  outcome: 'FAILED' | 'NEEDS_OPERATOR';
  error: string;
  cause: string;
}

/**
 * fail-claim and hand-to-operator: the claim ends in a status that says why. A claim whose orders
 * were already cancelled is never merely FAILED: the money is owed, so an operator must finish it.
 */
export async function failClaim(deps: { store: ClaimStore; alerts?: OperatorAlerts }, input: ClaimFailureInput, now: Date) {
  const { store } = deps;
  const result = await retryOnConflict(async () => {
    const claim = await loadClaim(store, input.claimId);
    if (claim.status === 'FAILED' || claim.status === 'COMPLETED' || claim.status === 'WITHDRAWN' || claim.status === 'NEEDS_OPERATOR') {
      return { claim, status: claim.status, changed: false };
    }
    const orders = await store.getOrders(claim.orderNos);
    const outcome = orders.some((order) => appliedBy(order, claim.claimId)) ? 'NEEDS_OPERATOR' : input.outcome;
    const failure = { error: input.error, cause: causeMessage(input.cause) };
    const { approvalTaskToken: _closed, ...rest } = claim;
    const writes: Write[] = [{ entity: 'claim', value: moved(rest, outcome, now, { failure }) }];
    for (const order of orders) {
      if (outcome === 'FAILED' && order.openClaimId === claim.claimId) {
        writes.push({ entity: 'order', value: releaseFromClaim(order, claim.claimId, now) });
      }
      writes.push({
        entity: 'event',
        value: timelineEvent(order.orderNo, outcome === 'FAILED' ? 'CLAIM_FAILED' : 'CLAIM_NEEDS_OPERATOR', SYSTEM, now, {
          claimId: claim.claimId,
          detail: `${failure.error}: ${failure.cause}`,
        }),
      });
    }
    await store.commit(writes);
    return { claim, status: outcome, changed: true };
  });
  if (result.changed && result.status === 'NEEDS_OPERATOR') {
    // Only a claim already applied comes here; its callers (the workflows) always give the alerts.
    if (deps.alerts) await alertOperator(deps.alerts, result.claim, `${input.error}: ${causeMessage(input.cause)}`);
    else logger.error('claim needs an operator, and no alert could be sent', { claimId: input.claimId });
  }
  return { claimId: input.claimId, status: result.status };
}
