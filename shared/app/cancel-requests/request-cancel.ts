// POST /orders/{orderNo}/cancel-requests (flow 3): a buyer cancels. PROCESSING and NEW cancel at
// once (buyer's fault, the seller is not told), DELAYED too (the seller's fault), PREPARING waits
// for the seller in the approval workflow.

import type { Claim } from '../../domain/claim.js';
import { delayedAmong } from '../../domain/order.js';
import type { CancelReason } from '../../domain/reasons.js';
import { decideBuyerCancel, holdForClaim, type BuyerCancelOutcome } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { startCurrentRun } from '../claims/claim-runs.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import { InvalidInputError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { loadOwnOrder } from '../orders/own-order.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { ApprovalTiming, Workflows } from '../ports/workflows.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';

export interface BuyerCancelInput {
  reason: CancelReason;
  message?: string;
  /** An operator filing for the buyer says why (the buyer could not file it). */
  onBehalfReason?: string;
  /** The API request's correlation id, which the claim keeps. */
  correlationId?: string;
}

export interface BuyerRequestDeps {
  store: ClaimStore;
  workflows: Workflows;
  timing: ApprovalTiming;
}

/** POST /orders/{orderNo}/cancel-requests: the buyer, or an operator on the buyer's behalf. */
export async function requestBuyerCancel(
  deps: BuyerRequestDeps,
  principal: Principal,
  orderNo: string,
  input: BuyerCancelInput,
  now: Date,
): Promise<{ claim: Claim; outcome: BuyerCancelOutcome }> {
  if (principal.role === 'operator' && !input.onBehalfReason) {
    throw new InvalidInputError('An operator files a request on the buyer’s behalf with the reason.', [
      { path: 'body.onBehalfReason', message: 'required for an operator' },
    ]);
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
      ...delayedAmong([order], now),
      ...(input.message ? { buyerMessage: input.message } : {}),
      requestedBy: actor(principal),
      requestedAt: at,
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      updatedAt: at,
      version: 0,
    };
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: claim, from: null },
        {
          entity: 'order',
          value: { ...holdForClaim(order, claim.claimId, awaitingSeller), updatedAt: at },
          from: order.status,
        },
        {
          entity: 'event',
          value: timelineEvent(orderNo, awaitingSeller ? 'CANCEL_REQUESTED' : 'CLAIM_OPENED', actor(principal), now, {
            claimId: claim.claimId,
            detail: `BUYER_CANCEL ${terms.reason}${input.onBehalfReason ? ` (filed for the buyer: ${input.onBehalfReason})` : ''}`,
          }),
        },
      ]),
    );
    return { claim: { ...claim, version: 1 }, outcome: terms.outcome };
  });

  await startCurrentRun(deps, opened.claim);
  return opened;
}
