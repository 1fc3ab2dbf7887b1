// apply-claim, the first step of workflows/settle-claim.asl.json. The claim still holds its orders;
// the buyer's notice is e-mailed (the stored message is the notice; its e-mail never blocks); then
// one transaction runs the claim, records the notice's e-mail, and cancels (or returns) every order
// with its refund, a balance refund credited there and then. Last, the card side is asked to
// cancel each card authorization. Safe to run again at any point: what is done is found done.

import { canMoveClaim, type Claim } from '../../domain/claim.js';
import type { BuyerMessage } from '../../domain/message.js';
import { FINAL_STATUSES, type Order } from '../../domain/order.js';
import {
  failRefund,
  paymentKeyOf,
  planRefund,
  refundIdOf,
  refundOwed,
  type Refund,
  type RefundFeeTable,
} from '../../domain/refund.js';
import { applyClaimToOrder } from '../../domain/transitions.js';
import { RefundCredits } from '../balance/refund-credits.js';
import { loadClaim } from '../claims/load-claim.js';
import { retryOnConflict } from '../common/conflicts.js';
import { sendEmail } from '../messages/message-delivery.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Payments } from '../ports/payments.js';
import { PaymentError } from '../ports/port-errors.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';

export const SYSTEM = { role: 'system', id: 'settle-claim' };

export interface ApplyClaimDeps {
  store: ClaimStore;
  mailer: Mailer;
  payments: Payments;
  fees: RefundFeeTable;
  /** How long a card refund waits for the provider's webhook before the provider is asked. */
  cardWaitSeconds: number;
}

/** A card refund the settle-claim workflow follows until the card side has answered. */
export interface CardRefundRef {
  claimId: string;
  orderNo: string;
  refundId: string;
}

/** A card refund the card side confirmed at once: complete-claim records it. */
export interface ConfirmedCardRefund extends CardRefundRef {
  reference: string;
}

export interface AppliedClaim {
  claimId: string;
  /** Card refunds still to be confirmed: the workflow waits for each. */
  awaiting: CardRefundRef[];
  confirmed: ConfirmedCardRefund[];
  cardWaitSeconds: number;
}

/** The claim's effect is already on the order: it ended CANCELLED or RETURNED by this claim. */
export const appliedBy = (order: Order, claimId: string) =>
  FINAL_STATUSES.includes(order.status) && order.claimIds.includes(claimId) && order.openClaimId === undefined;

/** The claim runs (or may start to) and holds every order it covers, or has applied to it. */
function checkRunnable(claim: Claim, orders: Order[]): void {
  const loose = claim.orderNos.filter((orderNo) => {
    const order = orders.find((o) => o.orderNo === orderNo);
    return !order || (order.openClaimId !== claim.claimId && !appliedBy(order, claim.claimId));
  });
  if (loose.length > 0)
    throw new StepError('ClaimNotHoldingOrder', `Claim ${claim.claimId} does not hold ${loose.join(', ')}.`);
  if (claim.status !== 'IN_PROGRESS' && !canMoveClaim(claim.status, 'IN_PROGRESS'))
    throw new StepError('ClaimClosed', `Claim ${claim.claimId} is ${claim.status}.`);
}

/** The claim's notice to the buyer, and the order it is stored on (usually the claim's own). */
export async function claimNotice(
  store: ClaimStore,
  claim: Claim,
  orders: Order[],
): Promise<{ order: Order; message: BuyerMessage } | undefined> {
  if (!claim.noticeMessageId) return undefined;
  const first = orders.filter((order) => order.orderNo === claim.orderNo);
  for (const order of [...first, ...orders.filter((o) => !first.includes(o))]) {
    const message = await store.getMessage(order.orderNo, claim.noticeMessageId);
    if (message) return { order, message };
  }
  return undefined;
}

/**
 * The notice's e-mail, if it is still to be sent: its outcome is written with the claim's
 * transaction. Sent once: a refused e-mail is the seller's to send again (POST .../resend); one SES
 * throttled stays PENDING and complete-claim sends it, before the completion's.
 */
async function emailNotice(deps: ApplyClaimDeps, claim: Claim, orders: Order[], now: Date): Promise<Write[]> {
  const notice = await claimNotice(deps.store, claim, orders);
  if (notice?.message.email !== 'PENDING') return [];
  return (await sendEmail(deps.mailer, notice.order, notice.message, now, { retryThrottled: true })).writes;
}

/**
 * The claim IN_PROGRESS, the notice's e-mail recorded, every order cancelled (or returned) with
 * its refund: one transaction. A balance refund is credited in it. Answers the claim's refunds.
 */
async function applyToOrders(deps: ApplyClaimDeps, claimId: string, now: Date): Promise<Refund[]> {
  // Sent at most once per run of this step, whatever the transaction's retries.
  let notice: Promise<Write[]> | undefined;
  return retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    const orders = await deps.store.getOrders(claim.orderNos);
    checkRunnable(claim, orders);
    const pending = orders.filter((order) => !appliedBy(order, claimId));
    if (pending.length === 0) return refundsWritten(deps.store, claimId, orders);
    if (pending.length !== orders.length)
      throw new StepError('ClaimPartlyApplied', `Claim ${claimId} is applied to some of its orders only.`);
    notice ??= emailNotice(deps, claim, orders, now);
    const writes: Write[] = [...(await notice)];
    // The cancellation is dated when it is written, after the notice went out.
    const at = new Date(Math.max(now.getTime() + 1, Date.now()));
    if (claim.status !== 'IN_PROGRESS')
      writes.push({
        entity: 'claim',
        value: { ...claim, status: 'IN_PROGRESS', updatedAt: at.toISOString() },
        from: claim.status,
      });
    const refunds: Refund[] = [];
    const credits = new RefundCredits(deps.store);
    for (const order of orders) {
      const applied = applyClaimToOrder(order, claim, at);
      if (!applied.ok) throw new StepError('ClaimNotHoldingOrder', applied.refusal.detail);
      const cancelled: Write = {
        entity: 'order',
        value: { ...applied.value, updatedAt: at.toISOString() },
        from: order.status,
      };
      if (!refundOwed(applied.value, claimId)) {
        const detail = `${claim.reason}; not paid yet: nothing to refund`;
        writes.push(cancelled, {
          entity: 'event',
          value: timelineEvent(order.orderNo, applied.value.status, SYSTEM, at, { claimId, detail }),
        });
        continue;
      }
      let refund = planRefund(order, claim, deps.fees, at);
      let detail = `${claim.reason}; refund ${refund.amount.amount} ${refund.amount.currency} by ${refund.method}`;
      if (refund.method === 'BALANCE_CREDIT') {
        const credited = await credits.credit(refund, at);
        refund = credited.refund;
        writes.push(credited.write);
        detail += ', credited to the buyer’s balance';
      } else {
        detail += ', the card side asked to cancel the authorization';
      }
      refunds.push(refund);
      writes.push(
        cancelled,
        { entity: 'refund', value: refund, from: null },
        { entity: 'event', value: timelineEvent(order.orderNo, applied.value.status, SYSTEM, at, { claimId, detail }) },
      );
    }
    writes.push(...credits.balanceWrites());
    await deps.store.commit(changeOf(writes));
    return refunds.map((refund) => ({ ...refund, version: refund.version + 1 }));
  });
}

/** Applied by an earlier run: the same transaction wrote the refunds of the orders that were paid. */
async function refundsWritten(store: ClaimStore, claimId: string, orders: Order[]): Promise<Refund[]> {
  const owed = orders.filter((order) => refundOwed(order, claimId));
  const refunds = await Promise.all(
    owed.map((order) => store.getRefund(order.orderNo, refundIdOf(claimId, order.orderNo))),
  );
  if (refunds.some((refund) => !refund))
    throw new StepError('RefundMissing', `Claim ${claimId} is applied but a refund is missing.`);
  return refunds as Refund[];
}

/** A refusal is final for this attempt: the refund FAILED, and the claim goes to the operator. */
async function recordDeclined(store: ClaimStore, refund: Refund, cause: string, now: Date): Promise<void> {
  await retryOnConflict(async () => {
    const current = (await store.getRefund(refund.orderNo, refund.refundId))!;
    if (current.status !== 'PENDING') return;
    await store.commit(
      changeOf([
        {
          entity: 'refund',
          value: failRefund(current, { error: 'PaymentDeclined', cause }, now),
          from: current.status,
        },
        {
          entity: 'event',
          value: timelineEvent(refund.orderNo, 'REFUND_FAILED', SYSTEM, now, {
            claimId: refund.claimId,
            detail: cause,
          }),
        },
      ]),
    );
  });
}

/**
 * Asks the card side to cancel each card authorization not yet settled, under the refund's
 * idempotency key (a repeat gets the first answer). Nothing is written for an accepted request:
 * its outcome arrives by webhook, or is recorded by complete-claim when the card side confirmed at once.
 */
/** The reference of an earlier attempt of this refund the card side has confirmed, if any. */
async function confirmedEarlier(payments: Payments, refund: Refund): Promise<string | undefined> {
  for (let attempt = 1; attempt < refund.attempts; attempt++) {
    const outcome = await payments.authorizationCancellation(paymentKeyOf({ ...refund, attempts: attempt }));
    if (outcome.state === 'CONFIRMED') return outcome.reference ?? '';
  }
  return undefined;
}

async function requestCardCancellations(
  deps: ApplyClaimDeps,
  refunds: Refund[],
  now: Date,
): Promise<Pick<AppliedClaim, 'awaiting' | 'confirmed'>> {
  const awaiting: CardRefundRef[] = [];
  const confirmed: ConfirmedCardRefund[] = [];
  const declined: string[] = [];
  for (const refund of refunds) {
    if (refund.method !== 'CARD_AUTHORIZATION_CANCEL' || refund.status !== 'PENDING') continue;
    const ref = { claimId: refund.claimId, orderNo: refund.orderNo, refundId: refund.refundId };
    try {
      // A new attempt only if no earlier one went through after all (one that timed out may have
      // been confirmed since): the card side is asked about each earlier key first.
      const earlier = await confirmedEarlier(deps.payments, refund);
      if (earlier) {
        confirmed.push({ ...ref, reference: earlier });
        continue;
      }
      const answer = await deps.payments.cancelAuthorization({
        idempotencyKey: paymentKeyOf(refund),
        orderNo: refund.orderNo,
        amount: refund.amount,
      });
      if (answer.state === 'CONFIRMED') confirmed.push({ ...ref, reference: answer.reference });
      else if (answer.state === 'PENDING') awaiting.push(ref);
      else {
        await recordDeclined(deps.store, refund, `The card side declined the cancellation ${answer.reference}.`, now);
        declined.push(refund.orderNo);
      }
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error;
      if (error.failure === 'UNAVAILABLE') throw new StepError('PaymentUnavailable', error.message);
      await recordDeclined(deps.store, refund, error.message, now);
      declined.push(refund.orderNo);
    }
  }
  if (declined.length > 0)
    throw new StepError(
      'PaymentDeclined',
      `The card side declined to cancel the authorization of ${declined.join(', ')}.`,
    );
  return { awaiting, confirmed };
}

export async function applyClaim(deps: ApplyClaimDeps, claimId: string, now: Date): Promise<AppliedClaim> {
  const refunds = await applyToOrders(deps, claimId, now);
  const failed = refunds.find((refund) => refund.status === 'FAILED');
  if (failed)
    throw new StepError(
      'PaymentDeclined',
      `Refund ${failed.refundId} failed: ${failed.failure?.cause ?? 'declined'}; an operator resumes it.`,
    );
  return { claimId, ...(await requestCardCancellations(deps, refunds, now)), cardWaitSeconds: deps.cardWaitSeconds };
}
