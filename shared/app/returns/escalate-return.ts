// POST /claims/{claimId}/escalation on a refused return: the buyer takes the seller's refusal to the
// operator, who may refund it; the order is held again for the operator's decision.

import { holdForClaim, allowedActions } from '../../domain/transitions.js';
import type { Principal } from '../common/access.js';
import { changeOf } from '../changes/change-set.js';
import { retryOnConflict } from '../common/conflicts.js';
import { RefusedError } from '../common/errors.js';
import { pendingAlert, trySendPendingAlert } from '../claims/operator-alerts.js';
import { ownReturn, stepped, type ReturnDeps } from './return-claims.js';

/** POST /claims/{claimId}/escalation (a refused return): the buyer takes it to the operator, who may refund it. */
export async function escalateReturn(
  deps: Pick<ReturnDeps, 'store' | 'mailer' | 'operatorEmail'>,
  principal: Principal,
  claimId: string,
  now: Date,
) {
  await retryOnConflict(async () => {
    const claim = await ownReturn(deps.store, principal, claimId, 'buyer', 'ESCALATE');
    const order = (await deps.store.getOrder(claim.orderNo))!;
    if (order.openClaimId !== undefined || order.status !== 'DELIVERED') {
      throw new RefusedError({
        kind: 'CONFLICT',
        detail:
          `Order ${order.orderNo} is ${order.status}` +
          `${order.openClaimId ? ` and held by claim ${order.openClaimId}` : ''}: ` +
          'the refusal can no longer be taken further.',
        currentStatus: order.status,
        allowedActions: allowedActions(order, now),
      });
    }
    const refusal = claim.return?.refusal?.reason ?? 'no reason kept';
    const why =
      `The buyer takes the seller's refusal of the return of order ${claim.orderNo} to you (${refusal}): ` +
      `refund it (POST /claims/${claimId}/resolution COMPLETE) or close it.`;
    // The claim says why it waits for the operator, as every NEEDS_OPERATOR claim does.
    const handed = {
      return: { ...claim.return!, escalatedAt: now.toISOString() },
      failure: { error: 'ReturnRefusalEscalated', cause: `The buyer disputes the seller's refusal: ${refusal}` },
      ...pendingAlert(why),
    };
    await deps.store.commit(
      changeOf([
        ...stepped(claim, 'NEEDS_OPERATOR', now, handed, 'RETURN_ESCALATED', principal),
        {
          entity: 'order',
          value: { ...holdForClaim(order, claimId, false), updatedAt: now.toISOString() },
          from: order.status,
        },
      ]),
    );
  });
  await trySendPendingAlert(deps.store, deps, claimId, now);
  return { claimId, status: 'NEEDS_OPERATOR' as const };
}
