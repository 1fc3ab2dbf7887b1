// A seller opens a claim: a cancellation before shipping (flow 1) or a refund after shipping
// (flow 2). The API opens it, which holds the order; the claim workflow does the rest. An order
// the seller may not cancel alone (coupon, payment method) opens the claim for the operator.

import { MAX_ORDERS_PER_CLAIM, type CancelScope, type Claim, type ClaimType } from '../../domain/claim.js';
import { memoLanguageWarning, type AnswerWarning } from '../../domain/memo-language.js';
import { usableAsCancelNotice } from '../../domain/message.js';
import { delayedAmong, type Order } from '../../domain/order.js';
import type { CancelReason } from '../../domain/reasons.js';
import { sellerCancelBlockedBy, type SellerCancelPolicy } from '../../domain/seller-policy.js';
import { decideSellerCancel, decideSellerRefund, holdForClaim, splitCart } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { startCurrentRun } from './claim-runs.js';
import { pendingAlert, trySendPendingAlert } from './operator-alerts.js';
import { RefusedError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { guardPersonalData } from '../messages/personal-data-guard.js';
import { newMessage } from '../messages/message-delivery.js';
import { loadOwnOrder } from '../orders/own-order.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import { timelineEvent } from './timeline.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { changeOf } from '../changes/change-set.js';

export interface SellerClaimInput {
  reason: CancelReason;
  /** Cancellations only: this order, or every order of its cart. */
  scope?: CancelScope;
  sellerMemo: string;
  /** The notice to send the buyer first… */
  notice?: { title: string; body: string; alsoEmail: boolean };
  /** …or the id of one already sent. */
  noticeMessageId?: string;
  /** The API request's correlation id, which the claim keeps. */
  correlationId?: string;
  /**
   * A caller that may try again names the claim (a bulk job's line): a second try finds the first claim instead of
   * opening another.
   */
  claimId?: string;
}

export interface SellerClaimDeps {
  store: ClaimStore;
  workflows: Workflows;
  mailer: Mailer;
  policy: SellerCancelPolicy;
  operatorEmail: string;
}

async function resolveNotice(
  store: ClaimStore,
  order: Order,
  claimId: string,
  input: SellerClaimInput,
  now: Date,
): Promise<{ noticeMessageId: string; writes: Write[] }> {
  if (input.noticeMessageId) {
    const message = await store.getMessage(order.orderNo, input.noticeMessageId);
    const problem = message
      ? usableAsCancelNotice(message, order.orderNo)
      : `No message ${input.noticeMessageId} on order ${order.orderNo}.`;
    if (problem) throw new RefusedError({ kind: 'RULE', rule: 'NOTICE_NOT_USABLE', detail: problem });
    return { noticeMessageId: input.noticeMessageId, writes: [] };
  }
  const notice = newMessage(
    order,
    { ...input.notice!, category: 'CANCEL_REFUND', kind: 'SELLER_MESSAGE', claimId },
    now,
  );
  return { noticeMessageId: notice.messageId, writes: [{ entity: 'message', value: notice }] };
}

/** The opened claim, and what the seller should know of its request without being refused (the memo's language). */
export type OpenedClaim = Claim & { warnings: AnswerWarning[] };

async function openSellerClaim(
  deps: SellerClaimDeps,
  principal: Principal,
  orderNo: string,
  type: ClaimType,
  input: SellerClaimInput,
  now: Date,
): Promise<OpenedClaim> {
  const { store } = deps;
  const order = await loadOwnOrder(store, principal, orderNo);
  const terms = unwrap(
    type === 'SELLER_REFUND'
      ? decideSellerRefund(order, input.reason, now)
      : decideSellerCancel(order, input.reason, now),
  );
  // The buyer sees the seller memo in My Qoo10, and reads the notice.
  guardPersonalData(order, {
    sellerMemo: input.sellerMemo,
    'notice.title': input.notice?.title,
    'notice.body': input.notice?.body,
  });

  const claimId = input.claimId ?? newId('C', now);
  const notice = await resolveNotice(store, order, claimId, input, now);
  const blockedBy = sellerCancelBlockedBy(order, deps.policy);
  const scope = input.scope ?? 'ORDER';
  // The operator takes a blocked order alone; a cart's other orders are left for the seller.
  const cart =
    scope === 'CART' && !blockedBy
      ? splitCart(order, await store.ordersOfCart(order.cartNo), principal.id, input.reason, now, (other) =>
          sellerCancelBlockedBy(other, deps.policy),
        )
      : { included: [], excluded: [] };
  const orders = [order, ...cart.included];
  if (orders.length > MAX_ORDERS_PER_CLAIM) {
    throw new RefusedError(
      {
        kind: 'RULE',
        rule: 'CLAIM_TOO_LARGE',
        detail:
          `Cart ${order.cartNo} has ${orders.length} orders this seller can cancel; one cancellation covers ` +
          `at most ${MAX_ORDERS_PER_CLAIM}. Cancel them in smaller groups (scope ORDER), or as a bulk cancellation.`,
      },
      [],
      { limit: MAX_ORDERS_PER_CLAIM, orders: orders.length },
    );
  }

  const at = now.toISOString();
  const claim: Claim = {
    claimId,
    type,
    status: blockedBy ? 'NEEDS_OPERATOR' : 'REQUESTED',
    orderNo,
    orderNos: orders.map((o) => o.orderNo),
    excluded: cart.excluded,
    cartNo: order.cartNo,
    sellerId: order.sellerId,
    buyerId: order.buyer.id,
    reason: terms.reason,
    fault: terms.fault,
    scope,
    ...delayedAmong(orders, now),
    sellerMemo: input.sellerMemo,
    noticeMessageId: notice.noticeMessageId,
    requestedBy: actor(principal),
    requestedAt: at,
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
    ...(blockedBy ? { failure: { error: 'SellerCannotCancel', cause: blockedBy }, ...pendingAlert(blockedBy) } : {}),
    updatedAt: at,
    version: 0,
  };
  await store.commit(
    changeOf([
      { entity: 'claim', value: claim, from: null },
      ...orders.flatMap((held): Write[] => [
        { entity: 'order', value: { ...holdForClaim(held, claimId, false), updatedAt: at }, from: held.status },
        {
          entity: 'event',
          value: timelineEvent(held.orderNo, 'CLAIM_OPENED', actor(principal), now, {
            claimId,
            detail: `${type} ${terms.reason}`,
          }),
        },
        ...(blockedBy
          ? [
              {
                entity: 'event',
                value: timelineEvent(held.orderNo, 'CLAIM_NEEDS_OPERATOR', actor(principal), now, {
                  claimId,
                  detail: blockedBy,
                }),
              } as Write,
            ]
          : []),
      ]),
      // A cart's notice names every order it cancels (its subject too), not only the one it is stored on.
      ...notice.writes.map(
        (write): Write =>
          write.entity === 'message' && orders.length > 1
            ? { ...write, value: { ...write.value, aboutOrders: orders.map((o) => o.orderNo) } }
            : write,
      ),
    ]),
  );
  const warning = memoLanguageWarning(input.sellerMemo, order.buyer.country);
  return { ...claim, version: 1, warnings: warning ? [warning] : [] };
}

async function requestSellerClaim(
  deps: SellerClaimDeps,
  principal: Principal,
  orderNo: string,
  type: ClaimType,
  input: SellerClaimInput,
  now: Date,
): Promise<OpenedClaim> {
  const claim = await retryOnConflict(() => openSellerClaim(deps, principal, orderNo, type, input, now));
  if (claim.status === 'NEEDS_OPERATOR') {
    await trySendPendingAlert(deps.store, deps, claim.claimId, now);
    throw new RefusedError(
      {
        kind: 'RULE',
        rule: 'SELLER_CANNOT_CANCEL',
        detail: `${claim.failure!.cause} The case went to the operator as claim ${claim.claimId}.`,
      },
      [],
      { claimId: claim.claimId },
    );
  }
  await startCurrentRun(deps, claim);
  return claim;
}

/** POST /orders/{orderNo}/cancellations (flow 1). */
export const requestSellerCancellation = (
  deps: SellerClaimDeps,
  principal: Principal,
  orderNo: string,
  input: SellerClaimInput,
  now: Date,
) => requestSellerClaim(deps, principal, orderNo, 'SELLER_CANCEL', input, now);

/** POST /orders/{orderNo}/refunds (flow 2): the order is processed as a return. */
export const requestSellerRefund = (
  deps: SellerClaimDeps,
  principal: Principal,
  orderNo: string,
  input: SellerClaimInput,
  now: Date,
) => requestSellerClaim(deps, principal, orderNo, 'SELLER_REFUND', { ...input, scope: 'ORDER' }, now);
