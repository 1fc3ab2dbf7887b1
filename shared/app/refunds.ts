// The steps of the refund workflow (workflows/refund.asl.json): by card, the authorization is
// cancelled and the refund stays PENDING until the card side confirms; by cash or balance, the
// amount is credited to the buyer's balance. Each step is safe to run again, and every payment
// call carries the refund's own idempotency key, so no retry ever pays twice.

import { post } from '../domain/ledger.js';
import { languageFor, refundCompletedNotice } from '../domain/notices.js';
import { completeRefund, failRefund, paymentKeyOf, type Refund } from '../domain/refund.js';
import { newMessage } from './messages.js';
import { retryOnConflict, timelineEvent } from './orders.js';
import { PaymentError, type ClaimStore, type Payments, type Write } from './ports.js';
import { causeMessage, StepError } from './step-errors.js';

const SYSTEM = { role: 'system', id: 'refund-workflow' };

export interface RefundRef {
  orderNo: string;
  refundId: string;
}

async function loadRefund(store: ClaimStore, ref: RefundRef): Promise<Refund> {
  const refund = await store.getRefund(ref.orderNo, ref.refundId);
  if (!refund) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
  return refund;
}

function paymentStepError(error: unknown): unknown {
  if (!(error instanceof PaymentError)) return error;
  return new StepError(error.failure === 'DECLINED' ? 'PaymentDeclined' : 'PaymentUnavailable', error.message);
}

/** start-refund: what to do for this refund. A completed one is left alone; a failed one waits for an operator. */
export async function startRefund(store: ClaimStore, ref: RefundRef) {
  const refund = await loadRefund(store, ref);
  if (refund.status === 'FAILED') throw new StepError('RefundClosed', `Refund ${refund.refundId} failed; an operator resumes it.`);
  return { refundId: refund.refundId, orderNo: refund.orderNo, claimId: refund.claimId, method: refund.method, status: refund.status, attempts: refund.attempts };
}

/** cancel-card-authorization: asks the card side; it may confirm at once, or later. */
export async function cancelCardAuthorization(store: ClaimStore, payments: Payments, ref: RefundRef, now: Date) {
  const refund = await loadRefund(store, ref);
  let answer;
  try {
    answer = await payments.cancelAuthorization({ idempotencyKey: paymentKeyOf(refund), orderNo: refund.orderNo, amount: refund.amount });
  } catch (error) {
    throw paymentStepError(error);
  }
  if (answer.state === 'DECLINED') throw new StepError('PaymentDeclined', `The card side declined to cancel the authorization of order ${refund.orderNo}.`);
  await retryOnConflict(async () => {
    const current = await loadRefund(store, ref);
    if (current.providerReference === answer.reference && (answer.state !== 'CONFIRMED' || current.confirmedAt)) return;
    await store.commit([
      {
        entity: 'refund',
        value: { ...current, providerReference: answer.reference, ...(answer.state === 'CONFIRMED' ? { confirmedAt: now.toISOString() } : {}), updatedAt: now.toISOString() },
      },
      { entity: 'event', value: timelineEvent(refund.orderNo, 'CARD_AUTHORIZATION_CANCEL_REQUESTED', SYSTEM, now, { claimId: refund.claimId, detail: answer.reference }) },
    ]);
  });
  return { confirmed: answer.state === 'CONFIRMED', checks: 0 };
}

/** check-card-refund: has the card side confirmed? The workflow waits between checks, a bounded number of times. */
export async function checkCardRefund(store: ClaimStore, payments: Payments, ref: RefundRef & { checks: number }, now: Date) {
  const refund = await loadRefund(store, ref);
  if (!refund.providerReference) throw new StepError('RefundNotStarted', `Refund ${refund.refundId} has no card cancellation to check.`);
  let answer;
  try {
    answer = await payments.authorizationCancellation(refund.providerReference);
  } catch (error) {
    throw paymentStepError(error);
  }
  if (answer.state === 'DECLINED') throw new StepError('PaymentDeclined', `The card side declined the cancellation ${refund.providerReference}.`);
  if (answer.state === 'CONFIRMED' && !refund.confirmedAt) {
    await store.commit([{ entity: 'refund', value: { ...refund, confirmedAt: now.toISOString(), updatedAt: now.toISOString() } }]);
  }
  return { confirmed: answer.state === 'CONFIRMED', checks: ref.checks + 1 };
}

/** credit-balance: the refund goes to the buyer's balance, once: the entry's key is the refund. */
export async function creditBalance(store: ClaimStore, ref: RefundRef, now: Date) {
  return retryOnConflict(async () => {
    const refund = await loadRefund(store, ref);
    const entryId = `refund:${refund.refundId}`;
    const ledger = await store.buyerLedger(refund.buyerId);
    if (ledger.entries.some((entry) => entry.entryId === entryId)) return { credited: false, balance: ledger.balance.balance };
    const posted = post(ledger.balance, { amount: refund.amount });
    if (!posted.ok) throw new StepError('LedgerRefused', posted.detail);
    const at = now.toISOString();
    await store.commit([
      { entity: 'ledger', value: { entryId, buyerId: refund.buyerId, kind: 'REFUND_CREDIT', amount: refund.amount, refundId: refund.refundId, at } },
      { entity: 'balance', value: posted.balance },
      { entity: 'event', value: timelineEvent(refund.orderNo, 'BALANCE_CREDITED', SYSTEM, now, { claimId: refund.claimId, detail: `${refund.amount.amount} ${refund.amount.currency}` }) },
    ]);
    return { credited: true, balance: posted.balance.balance };
  });
}

/** complete-refund: the refund is COMPLETED; the buyer's notice of it is written with it, to be e-mailed next. */
export async function finishRefund(store: ClaimStore, ref: RefundRef, now: Date) {
  return retryOnConflict(async () => {
    const refund = await loadRefund(store, ref);
    const order = await store.getOrder(refund.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${refund.orderNo}.`);
    if (refund.status === 'COMPLETED') {
      const records = await store.orderRecords(refund.orderNo);
      const notice = records?.messages.find((m) => m.kind === 'REFUND_COMPLETED' && m.refundId === refund.refundId);
      return { claimId: refund.claimId, messageId: notice?.messageId ?? null };
    }
    const notice = newMessage(order, { ...refundCompletedNotice(refund, languageFor(order.buyer.country)), category: 'CANCEL_REFUND', alsoEmail: true, kind: 'REFUND_COMPLETED', claimId: refund.claimId }, now);
    const writes: Write[] = [
      { entity: 'refund', value: completeRefund(refund, now) },
      { entity: 'message', value: { ...notice, refundId: refund.refundId } },
      { entity: 'event', value: timelineEvent(refund.orderNo, 'REFUND_COMPLETED', SYSTEM, now, { claimId: refund.claimId, detail: refund.refundId }) },
    ];
    await store.commit(writes);
    return { claimId: refund.claimId, messageId: notice.messageId };
  });
}

/** fail-refund: the refund is FAILED with the reason; the claim workflow hands the claim to an operator. */
export async function abandonRefund(store: ClaimStore, ref: RefundRef & { error: string; cause: string }, now: Date) {
  return retryOnConflict(async () => {
    const refund = await loadRefund(store, ref);
    if (refund.status !== 'PENDING') return { refundId: refund.refundId, status: refund.status };
    await store.commit([
      { entity: 'refund', value: failRefund(refund, { error: ref.error, cause: causeMessage(ref.cause) }, now) },
      { entity: 'event', value: timelineEvent(refund.orderNo, 'REFUND_FAILED', SYSTEM, now, { claimId: refund.claimId, detail: `${ref.error}: ${causeMessage(ref.cause).slice(0, 200)}` }) },
    ]);
    return { refundId: refund.refundId, status: 'FAILED' };
  });
}
