// apply-claim, the first step of workflows/settle-claim.asl.json: the claim still holds its orders
// and runs; the buyer's notice is e-mailed (the stored message is the notice; its e-mail never
// blocks); every order is cancelled (or returned) with its refund in one transaction, a balance
// refund credited there and then; the card side is asked to cancel each card authorization.
// Safe to run again at any point: what is done is found done.

import { canMoveClaim, type Claim } from '../../domain/claim.js';
import { post, type LedgerEntry } from '../../domain/ledger.js';
import { FINAL_STATUSES, type Order } from '../../domain/order.js';
import { completeRefund, failRefund, ledgerEntryIdOf, paymentKeyOf, planRefund, type Refund, type RefundFeeTable } from '../../domain/refund.js';
import { applyClaim as applyToOrder } from '../../domain/transitions.js';
import { retryOnConflict } from '../conflicts.js';
import { deliverEmail } from '../messages.js';
import { PaymentError, type ClaimStore, type Mailer, type Payments, type Write } from '../ports.js';
import { StepError } from '../step-errors.js';
import { timelineEvent } from '../timeline.js';

export const SYSTEM = { role: 'system', id: 'settle-claim' };

export interface ApplyClaimDeps {
  store: ClaimStore;
  mailer: Mailer;
  payments: Payments;
  fees: RefundFeeTable;
}

/** A card refund waiting for the card side's confirmation. */
export interface AwaitedRefund {
  claimId: string;
  orderNo: string;
  refundId: string;
}

export async function loadClaim(store: ClaimStore, claimId: string): Promise<Claim> {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new StepError('ClaimNotFound', `No claim ${claimId}.`);
  return claim;
}

/** The claim's effect is already on the order: it ended CANCELLED or RETURNED by this claim. */
export const appliedBy = (order: Order, claimId: string) => FINAL_STATUSES.includes(order.status) && order.claimIds.includes(claimId) && order.openClaimId === undefined;

/** The claim still holds every order it covers (or has already applied to it), and is IN_PROGRESS. */
async function begin(store: ClaimStore, claimId: string, now: Date): Promise<Claim> {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    const orders = await store.getOrders(claim.orderNos);
    const loose = claim.orderNos.filter((orderNo) => {
      const order = orders.find((o) => o.orderNo === orderNo);
      return !order || (order.openClaimId !== claimId && !appliedBy(order, claimId));
    });
    if (loose.length > 0) throw new StepError('ClaimNotHoldingOrder', `Claim ${claimId} does not hold ${loose.join(', ')}.`);
    if (claim.status === 'IN_PROGRESS') return claim;
    if (!canMoveClaim(claim.status, 'IN_PROGRESS')) throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const running: Claim = { ...claim, status: 'IN_PROGRESS', updatedAt: now.toISOString() };
    await store.commit([{ entity: 'claim', value: running, from: claim.status }]);
    return { ...running, version: running.version + 1 };
  });
}

/** The notice first: its e-mail, once. A failure stays on the message (counted, resendable); the claim goes on. */
async function emailNotice(deps: ApplyClaimDeps, claim: Claim, now: Date): Promise<void> {
  if (!claim.noticeMessageId) return;
  for (const orderNo of claim.orderNos) {
    const message = await deps.store.getMessage(orderNo, claim.noticeMessageId);
    if (!message) continue;
    if (message.email !== 'PENDING') return;
    const order = await deps.store.getOrder(orderNo);
    if (order) await deliverEmail(deps.store, deps.mailer, order, message, now);
    return;
  }
}

/** Every order cancelled (or returned) with its refund, all at once; a balance refund is credited in the same transaction. */
async function applyToOrders(deps: ApplyClaimDeps, claimId: string, now: Date): Promise<Refund[]> {
  return retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    if (claim.status !== 'IN_PROGRESS') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const orders = await deps.store.getOrders(claim.orderNos);
    const writes: Write[] = [];
    const refunds: Refund[] = [];
    const ledgers = new Map<string, Awaited<ReturnType<ClaimStore['buyerLedger']>>>();
    for (const order of orders) {
      if (appliedBy(order, claimId)) {
        // Applied by an earlier attempt: the same transaction wrote the refund.
        const records = await deps.store.orderRecords(order.orderNo);
        refunds.push(...(records?.refunds.filter((r) => r.claimId === claimId) ?? []));
        continue;
      }
      const applied = applyToOrder(order, claim);
      if (!applied.ok) throw new StepError('ClaimNotHoldingOrder', applied.refusal.detail);
      let refund = planRefund(order, claim, deps.fees, now);
      let detail = `${claim.reason}; refund ${refund.amount.amount} ${refund.amount.currency} by ${refund.method}`;
      if (refund.method === 'BALANCE_CREDIT') {
        const ledger = ledgers.get(refund.buyerId) ?? (await deps.store.buyerLedger(refund.buyerId));
        const entry: LedgerEntry = { entryId: ledgerEntryIdOf(refund), buyerId: refund.buyerId, kind: 'REFUND_CREDIT', amount: refund.amount, refundId: refund.refundId, at: now.toISOString() };
        const posted = post(ledger.balance, entry);
        if (!posted.ok) throw new StepError('LedgerRefused', posted.detail);
        ledgers.set(refund.buyerId, { ...ledger, balance: posted.balance, entries: [...ledger.entries, entry] });
        writes.push({ entity: 'ledger', value: entry });
        refund = completeRefund(refund, now);
        detail += ', credited to the buyer’s balance';
      }
      refunds.push(refund);
      writes.push(
        { entity: 'order', value: { ...applied.value, updatedAt: now.toISOString() }, from: order.status },
        { entity: 'refund', value: refund },
        { entity: 'event', value: timelineEvent(order.orderNo, applied.value.status, SYSTEM, now, { claimId, detail }) },
      );
    }
    for (const ledger of ledgers.values()) writes.push({ entity: 'balance', value: ledger.balance });
    if (refunds.length !== claim.orderNos.length) {
      throw new StepError('RefundMissing', `Claim ${claimId} covers ${claim.orderNos.length} orders but has ${refunds.length} refunds.`);
    }
    await deps.store.commit(writes);
    return refunds;
  });
}

/** Asks the card side to cancel each card authorization not yet confirmed; answers the ones still to confirm. */
async function requestCardCancellations(deps: ApplyClaimDeps, refunds: Refund[], now: Date): Promise<AwaitedRefund[]> {
  const awaiting: AwaitedRefund[] = [];
  let declined: string | undefined;
  for (const refund of refunds) {
    if (refund.method !== 'CARD_AUTHORIZATION_CANCEL' || refund.status !== 'PENDING') continue;
    if (refund.providerReference) {
      awaiting.push({ claimId: refund.claimId, orderNo: refund.orderNo, refundId: refund.refundId });
      continue;
    }
    let answer;
    try {
      answer = await deps.payments.cancelAuthorization({ idempotencyKey: paymentKeyOf(refund), orderNo: refund.orderNo, amount: refund.amount });
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error;
      if (error.failure === 'UNAVAILABLE') throw new StepError('PaymentUnavailable', error.message);
      answer = { reference: '', state: 'DECLINED' as const, why: error.message };
    }
    await retryOnConflict(async () => {
      const current = (await deps.store.getRefund(refund.orderNo, refund.refundId))!;
      if (current.status !== 'PENDING') return;
      const next =
        answer.state === 'DECLINED'
          ? failRefund(current, { error: 'PaymentDeclined', cause: 'why' in answer ? answer.why : 'The card side declined to cancel the authorization.' }, now)
          : answer.state === 'CONFIRMED'
            ? completeRefund({ ...current, providerReference: answer.reference, cancellationRequestedAt: now.toISOString(), confirmedAt: now.toISOString() }, now)
            : { ...current, providerReference: answer.reference, cancellationRequestedAt: now.toISOString(), updatedAt: now.toISOString() };
      await deps.store.commit([
        { entity: 'refund', value: next },
        { entity: 'event', value: timelineEvent(refund.orderNo, answer.state === 'DECLINED' ? 'REFUND_FAILED' : 'CARD_AUTHORIZATION_CANCEL_REQUESTED', SYSTEM, now, { claimId: refund.claimId, detail: answer.reference || answer.state }) },
      ]);
    });
    if (answer.state === 'DECLINED') declined = `The card side declined to cancel the authorization of order ${refund.orderNo}.`;
    else if (answer.state === 'PENDING') awaiting.push({ claimId: refund.claimId, orderNo: refund.orderNo, refundId: refund.refundId });
  }
  if (declined) throw new StepError('PaymentDeclined', declined);
  return awaiting;
}

export async function applyClaim(deps: ApplyClaimDeps, claimId: string, now: Date): Promise<{ claimId: string; awaiting: AwaitedRefund[] }> {
  const claim = await begin(deps.store, claimId, now);
  await emailNotice(deps, claim, now);
  const refunds = await applyToOrders(deps, claimId, now);
  const failed = refunds.find((refund) => refund.status === 'FAILED');
  if (failed) throw new StepError('PaymentDeclined', `Refund ${failed.refundId} failed: ${failed.failure?.cause ?? 'declined'}; an operator resumes it.`);
  return { claimId, awaiting: await requestCardCancellations(deps, refunds, now) };
}
