// Flow 1, the seller-fault cancellation before shipping: the API opens the claim (which holds the
// order), the cancel workflow then runs the steps below, each one safe to run again.

import { canMoveClaim, isClaimDelayed, type CancelScope, type Claim, type ClaimStatus } from '../domain/claim.js';
import { deliveryCounts, usableAsCancelNotice, type BuyerMessage } from '../domain/message.js';
import { claimCompletedNotice, languageFor } from '../domain/notices.js';
import { FINAL_STATUSES, type Order } from '../domain/order.js';
import type { CancelReason } from '../domain/reasons.js';
import { planRefund, type RefundFeeTable } from '../domain/refund.js';
import { applyClaim, decideSellerCancel, holdForClaim, releaseFromClaim, splitCart } from '../domain/transitions.js';
import { actor, ownsClaim, type Principal } from './access.js';
import { ForbiddenError, NotFoundError, RefusedError, UnavailableError } from './errors.js';
import { newId } from './ids.js';
import { deliverEmail, guardPersonalData, newMessage } from './messages.js';
import { claimSummary, loadOwnOrder, retryOnConflict, timelineEvent, unwrap } from './orders.js';
import type { ClaimStore, Mailer, Workflows, Write } from './ports.js';
import { StepError } from './step-errors.js';

const SYSTEM = { role: 'system', id: 'cancel-workflow' };

export interface SellerCancellationInput {
  reason: CancelReason;
  scope: CancelScope;
  sellerMemo: string;
  /** The notice to send the buyer first… */
  notice?: { title: string; body: string; alsoEmail: boolean };
  /** …or the id of one already sent. */
  noticeMessageId?: string;
}

async function resolveNotice(
  store: ClaimStore,
  order: Order,
  claimId: string,
  input: SellerCancellationInput,
  now: Date,
): Promise<{ noticeMessageId: string; writes: Write[] }> {
  if (input.noticeMessageId) {
    const message = await store.getMessage(order.orderNo, input.noticeMessageId);
    const problem = message ? usableAsCancelNotice(message, order.orderNo) : `No message ${input.noticeMessageId} on order ${order.orderNo}.`;
    if (problem) throw new RefusedError({ kind: 'RULE', rule: 'NOTICE_NOT_USABLE', detail: problem });
    return { noticeMessageId: input.noticeMessageId, writes: [] };
  }
  const notice = newMessage(order, { ...input.notice!, category: 'CANCEL_REFUND', kind: 'SELLER_MESSAGE', claimId }, now);
  return { noticeMessageId: notice.messageId, writes: [{ entity: 'message', value: notice }] };
}

async function openSellerCancellation(
  store: ClaimStore,
  principal: Principal,
  orderNo: string,
  input: SellerCancellationInput,
  now: Date,
): Promise<Claim> {
  const order = await loadOwnOrder(store, principal, orderNo);
  const terms = unwrap(decideSellerCancel(order, input.reason, now));
  // The buyer sees the seller memo in My Qoo10, and reads the notice.
  guardPersonalData(order, { sellerMemo: input.sellerMemo, 'notice.title': input.notice?.title, 'notice.body': input.notice?.body });

  const claimId = newId('C', now);
  const notice = await resolveNotice(store, order, claimId, input, now);
  const cart =
    input.scope === 'CART'
      ? splitCart((await store.ordersOfCart(order.cartNo)).filter((other) => other.orderNo !== orderNo), principal.id, input.reason, now)
      : { included: [], excluded: [] };
  const orders = [order, ...cart.included];

  const at = now.toISOString();
  const claim: Claim = {
    claimId,
    type: 'SELLER_CANCEL',
    status: 'REQUESTED',
    orderNo,
    orderNos: orders.map((o) => o.orderNo),
    excluded: cart.excluded,
    cartNo: order.cartNo,
    sellerId: order.sellerId,
    buyerId: order.buyer.id,
    reason: terms.reason,
    fault: terms.fault,
    scope: input.scope,
    sellerMemo: input.sellerMemo,
    noticeMessageId: notice.noticeMessageId,
    requestedBy: actor(principal),
    requestedAt: at,
    updatedAt: at,
    version: 0,
  };
  await store.commit([
    { entity: 'claim', value: claim },
    ...orders.flatMap((held): Write[] => [
      { entity: 'order', value: { ...holdForClaim(held, claimId, false), updatedAt: at } },
      { entity: 'event', value: timelineEvent(held.orderNo, 'CLAIM_OPENED', actor(principal), now, { claimId, detail: `SELLER_CANCEL ${terms.reason}` }) },
    ]),
    ...notice.writes,
  ]);
  return { ...claim, version: 1 };
}

/** POST /orders/{orderNo}/cancellations: opens the claim, then hands it to the cancel workflow. */
export async function requestSellerCancellation(
  deps: { store: ClaimStore; workflows: Workflows },
  principal: Principal,
  orderNo: string,
  input: SellerCancellationInput,
  now: Date,
): Promise<Claim> {
  const claim = await retryOnConflict(() => openSellerCancellation(deps.store, principal, orderNo, input, now));
  try {
    await deps.workflows.startCancellation(claim.claimId);
  } catch (error) {
    // Without its workflow the claim would hold the order for ever: close it and let go.
    await failClaim(deps.store, { claimId: claim.claimId, outcome: 'FAILED', error: 'WorkflowNotStarted', cause: (error as Error).message }, now);
    throw new UnavailableError(`The cancellation could not be started; nothing was changed. Try again shortly.`);
  }
  return claim;
}

// ── Workflow steps ──────────────────────────────────────────────────────────────────────────

async function loadClaim(store: ClaimStore, claimId: string): Promise<Claim> {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new StepError('ClaimNotFound', `No claim ${claimId}.`);
  return claim;
}

function moved(claim: Claim, status: ClaimStatus, now: Date, extra: Partial<Claim> = {}): Claim {
  if (!canMoveClaim(claim.status, status)) throw new StepError('ClaimClosed', `Claim ${claim.claimId} is ${claim.status}; it cannot become ${status}.`);
  return { ...claim, ...extra, status, updatedAt: now.toISOString() };
}

/** check-transition: the claim still holds every order it covers, and starts. */
export async function beginClaim(store: ClaimStore, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    if (claim.status !== 'IN_PROGRESS') {
      const orders = await store.getOrders(claim.orderNos);
      const loose = claim.orderNos.filter((orderNo) => orders.find((o) => o.orderNo === orderNo)?.openClaimId !== claimId);
      if (loose.length > 0) throw new StepError('ClaimNotHoldingOrder', `Claim ${claimId} does not hold ${loose.join(', ')}.`);
      await store.commit([{ entity: 'claim', value: moved(claim, 'IN_PROGRESS', now) }]);
    }
    return { claimId, orderNo: claim.orderNo, noticeMessageId: claim.noticeMessageId ?? null };
  });
}

/** notify-buyer: e-mails a message of the claim; a failure is thrown for the workflow to retry or catch. */
export async function notifyBuyer(store: ClaimStore, mailer: Mailer, claimId: string, messageId: string, now: Date) {
  const claim = await loadClaim(store, claimId);
  const [order, message] = await Promise.all([store.getOrder(claim.orderNo), store.getMessage(claim.orderNo, messageId)]);
  if (!order || !message) throw new StepError('MessageNotFound', `No message ${messageId} on order ${claim.orderNo}.`);
  const outcome = await deliverEmail(store, mailer, order, message, now);
  if (outcome.failure) {
    throw new StepError(outcome.failure.retryable ? 'BuyerNoticeRetryable' : 'BuyerNoticeFailed', outcome.failure.message);
  }
  return { messageId, email: outcome.message.email, ...deliveryCounts([outcome.message]) };
}

/** apply-cancellation: every order of the claim is cancelled and its refund recorded, all at once or not at all. */
export async function applyCancellation(store: ClaimStore, fees: RefundFeeTable, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    if (claim.status !== 'IN_PROGRESS') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const orders = await store.getOrders(claim.orderNos);
    const writes: Write[] = [];
    for (const order of orders) {
      // Already applied by an earlier attempt of this step: the transaction wrote the refund with it.
      if (FINAL_STATUSES.includes(order.status) && order.claimIds.includes(claimId) && order.openClaimId === undefined) continue;
      const applied = applyClaim(order, claim);
      if (!applied.ok) throw new StepError('ClaimNotHoldingOrder', applied.refusal.detail);
      const refund = planRefund(order, claim, fees, now);
      writes.push(
        { entity: 'order', value: { ...applied.value, updatedAt: now.toISOString() } },
        { entity: 'refund', value: refund },
        { entity: 'event', value: timelineEvent(order.orderNo, 'CANCELLED', SYSTEM, now, { claimId, detail: claim.reason }) },
        { entity: 'event', value: timelineEvent(order.orderNo, 'REFUND_RECORDED', SYSTEM, now, { claimId, detail: `${refund.amount.amount} ${refund.amount.currency} by ${refund.method}` }) },
      );
    }
    await store.commit(writes);
    return { claimId, cancelled: claim.orderNos };
  });
}

/**
 * settle-refund: completes the refunds recorded for the claim. For now the record is the refund;
 * the refund workflow (card authorization cancellation, balance credit) takes over this step.
 */
export async function settleRefunds(store: ClaimStore, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    const writes: Write[] = [];
    const refunds = [];
    for (const orderNo of claim.orderNos) {
      const records = await store.orderRecords(orderNo);
      for (const refund of records?.refunds.filter((r) => r.claimId === claimId) ?? []) {
        refunds.push({ refundId: refund.refundId, status: 'COMPLETED' });
        if (refund.status !== 'PENDING') continue;
        writes.push(
          { entity: 'refund', value: { ...refund, status: 'COMPLETED', completedAt: now.toISOString(), updatedAt: now.toISOString() } },
          { entity: 'event', value: timelineEvent(orderNo, 'REFUND_COMPLETED', SYSTEM, now, { claimId, detail: refund.refundId }) },
        );
      }
    }
    if (refunds.length !== claim.orderNos.length) {
      throw new StepError('RefundMissing', `Claim ${claimId} covers ${claim.orderNos.length} orders but has ${refunds.length} refunds.`);
    }
    await store.commit(writes);
    return { claimId, refunds };
  });
}

/** complete-claim: the claim is done; the notice that says so is written with it, to be e-mailed next. */
export async function completeClaim(store: ClaimStore, claimId: string, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, claimId);
    if (claim.status === 'COMPLETED' && claim.completionMessageId) return { claimId, messageId: claim.completionMessageId };
    const records = await store.orderRecords(claim.orderNo);
    if (!records) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
    const refunds = [];
    for (const orderNo of claim.orderNos) {
      const of = orderNo === claim.orderNo ? records : await store.orderRecords(orderNo);
      refunds.push(...(of?.refunds.filter((r) => r.claimId === claimId) ?? []));
    }
    const text = claimCompletedNotice(claim, refunds, languageFor(records.order.buyer.country));
    const notice: BuyerMessage = newMessage(records.order, { ...text, category: 'CANCEL_REFUND', alsoEmail: true, kind: 'CLAIM_COMPLETED', claimId }, now);
    await store.commit([
      { entity: 'claim', value: moved(claim, 'COMPLETED', now, { completedAt: now.toISOString(), completionMessageId: notice.messageId }) },
      { entity: 'message', value: notice },
      ...claim.orderNos.map((orderNo): Write => ({ entity: 'event', value: timelineEvent(orderNo, 'CLAIM_COMPLETED', SYSTEM, now, { claimId }) })),
    ]);
    return { claimId, messageId: notice.messageId };
  });
}

export interface ClaimFailureInput {
  claimId: string;
  outcome: 'FAILED' | 'NEEDS_OPERATOR';
  error: string;
  cause: string;
}

/** Lambda reports a failure's cause as JSON with the error's message and trace; keep the message only. */
function causeMessage(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return cause.slice(0, 1000);
}

/**
 * fail-claim and hand-to-operator: the claim ends in a status that says why. A claim whose orders
 * were already cancelled is never merely FAILED: the money is owed, so an operator must finish it.
 */
export async function failClaim(store: ClaimStore, input: ClaimFailureInput, now: Date) {
  return retryOnConflict(async () => {
    const claim = await loadClaim(store, input.claimId);
    if (claim.status === 'FAILED' || claim.status === 'COMPLETED' || claim.status === 'WITHDRAWN') {
      return { claimId: claim.claimId, status: claim.status };
    }
    const orders = await store.getOrders(claim.orderNos);
    const applied = orders.some((order) => FINAL_STATUSES.includes(order.status) && order.claimIds.includes(claim.claimId));
    const outcome = applied ? 'NEEDS_OPERATOR' : input.outcome;
    const failure = { error: input.error, cause: causeMessage(input.cause) };
    const writes: Write[] = [{ entity: 'claim', value: moved(claim, canMoveClaim(claim.status, outcome) ? outcome : 'FAILED', now, { failure }) }];
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
    return { claimId: claim.claimId, status: outcome };
  });
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

/** GET /claims/{claimId}: the claim with its refunds, messages and timeline. */
export async function claimView(store: ClaimStore, principal: Principal, claimId: string, now: Date) {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
  if (!ownsClaim(principal, claim)) throw new ForbiddenError(`Claim ${claimId} is not yours.`);
  const records = (await Promise.all(claim.orderNos.map((orderNo) => store.orderRecords(orderNo)))).filter((r) => r !== undefined);
  const refunds = records.flatMap((r) => r.refunds.filter((refund) => refund.claimId === claimId));
  const messages = records.flatMap((r) => r.messages.filter((m) => m.claimId === claimId || m.messageId === claim.noticeMessageId));
  const timeline = records.flatMap((r) => r.timeline.filter((event) => event.claimId === claimId)).sort((a, b) => a.at.localeCompare(b.at));
  const { version: _version, ...visible } = claim;
  return {
    ...visible,
    ...claimSummary(claim, now),
    delayed: isClaimDelayed(claim, now),
    notice: deliveryCounts(messages.filter((m) => m.messageId === claim.noticeMessageId)),
    refunds: refunds.map(({ version: _v, ...refund }) => refund),
    messages: messages.map(({ version: _v, ...message }) => message),
    timeline,
  };
}
