// POST /claims/{claimId}/approval: the owning seller approves; the claim settles as a cancellation.
// The approval passes the seller's policy as every seller cancellation does: an order the seller
// may not cancel (coupon terms, payment method) goes to the operator instead (the guide's FAQ).

import { memoLanguageWarning } from '../../domain/memo-language.js';
import { sellerCancelBlockedBy, type SellerCancelPolicy } from '../../domain/seller-policy.js';
import { decideOnRequest } from '../../domain/transitions.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { moved } from '../claims/claim-moves.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import { ForbiddenError, RefusedError } from '../common/errors.js';
import { guardPersonalData } from '../messages/personal-data-guard.js';
import { pendingAlert, trySendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { timelineEvent } from '../claims/timeline.js';
import { wake } from './decisions.js';
import { changeOf } from '../changes/change-set.js';

export interface ApprovalDeps extends OperatorAlerts {
  store: ClaimStore;
  workflows: Workflows;
  policy: SellerCancelPolicy;
}

/**
 * POST /claims/{claimId}/approval: the owning seller approves, with a memo the buyer reads if it gives one; the claim
 * settles as a cancellation.
 */
export async function approveRequest(
  deps: ApprovalDeps,
  principal: Principal,
  claimId: string,
  now: Date,
  input: { sellerMemo?: string } = {},
) {
  const decided = await retryOnConflict(async () => {
    const claim = await deps.store.getClaim(claimId);
    if (principal.role !== 'seller') throw new ForbiddenError(`Only the seller of claim ${claimId} approves it.`);
    if (!claim || claim.sellerId !== principal.id) throw notFound('claim', claimId);
    const order = (await deps.store.getOrder(claim.orderNo))!;
    unwrap(decideOnRequest(order, claim, 'APPROVE_CANCEL_REQUEST', now));
    guardPersonalData(order, { sellerMemo: input.sellerMemo });
    const blockedBy = sellerCancelBlockedBy(order, deps.policy);
    if (blockedBy) {
      const why =
        `${blockedBy} The buyer asked to cancel order ${claim.orderNo} and the seller approved: cancel it ` +
        `for them (POST /claims/${claimId}/resolution COMPLETE) or close it.`;
      await deps.store.commit(
        changeOf([
          {
            entity: 'claim',
            value: moved(claim, 'NEEDS_OPERATOR', now, {
              failure: { error: 'SellerCannotCancel', cause: blockedBy },
              ...pendingAlert(why),
            }),
            from: claim.status,
          },
          {
            entity: 'event',
            value: timelineEvent(claim.orderNo, 'CLAIM_NEEDS_OPERATOR', actor(principal), now, {
              claimId,
              detail: blockedBy,
            }),
          },
        ]),
      );
      return { blockedBy };
    }
    await deps.store.commit(
      changeOf([
        {
          entity: 'claim',
          value: moved(claim, 'IN_PROGRESS', now, input.sellerMemo ? { sellerMemo: input.sellerMemo } : {}),
          from: claim.status,
        },
        {
          entity: 'event',
          value: timelineEvent(claim.orderNo, 'CANCEL_REQUEST_APPROVED', actor(principal), now, { claimId }),
        },
      ]),
    );
    return { country: order.buyer.country };
  });
  if ('blockedBy' in decided) {
    await trySendPendingAlert(deps.store, deps, claimId, now);
    await wake(deps, claimId, 'HANDED_OVER');
    const detail = `${decided.blockedBy} The case went to the operator as claim ${claimId}.`;
    throw new RefusedError({ kind: 'RULE', rule: 'SELLER_CANNOT_CANCEL', detail }, [], { claimId });
  }
  await wake(deps, claimId, 'APPROVED');
  const warning = memoLanguageWarning(input.sellerMemo, decided.country);
  return { claimId, status: 'IN_PROGRESS' as const, ...(warning ? { warnings: [warning] } : {}) };
}
