// POST /claims/{claimId}/withdrawal: the buyer withdraws, or an operator for them, with the reason.

import { decideOnRequest, releaseFromClaim } from '../../domain/transitions.js';
import { actor, notFound, ownsClaim, type Principal } from '../common/access.js';
import { moved } from '../claims/claim-moves.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import { ForbiddenError, InvalidInputError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { timelineEvent } from '../claims/timeline.js';
import { telemetry } from '../common/telemetry.js';
import { wake } from './decisions.js';
import { changeOf } from '../changes/change-set.js';

/**
 * POST /claims/{claimId}/withdrawal: the buyer withdraws, or an operator for them, with the reason. The order goes back
 * to PREPARING.
 */
export async function withdrawRequest(
  deps: { store: ClaimStore; workflows: Workflows },
  principal: Principal,
  claimId: string,
  input: { reason?: string },
  now: Date,
) {
  if (principal.role === 'operator' && !input.reason) {
    throw new InvalidInputError('An operator withdraws a request with the reason.', [
      { path: 'body.reason', message: 'required for an operator' },
    ]);
  }
  await retryOnConflict(async () => {
    const claim = await deps.store.getClaim(claimId);
    // The guide: the seller cannot refuse; only the buyer's withdrawal ends a request.
    if (principal.role === 'seller')
      throw new ForbiddenError(`Only the buyer of claim ${claimId}, or an operator, withdraws it.`);
    if (!claim || !ownsClaim(principal, claim)) throw notFound('claim', claimId);
    const order = (await deps.store.getOrder(claim.orderNo))!;
    unwrap(decideOnRequest(order, claim, 'WITHDRAW_CANCEL_REQUEST', now));
    const withdrawal = {
      by: actor(principal),
      ...(input.reason ? { reason: input.reason } : {}),
      at: now.toISOString(),
    };
    await deps.store.commit(
      changeOf([
        {
          entity: 'claim',
          value: moved(claim, 'WITHDRAWN', now, { withdrawal, completedAt: now.toISOString() }),
          from: claim.status,
        },
        { entity: 'order', value: releaseFromClaim(order, claimId, now), from: order.status },
        {
          entity: 'event',
          value: timelineEvent(claim.orderNo, 'CANCEL_REQUEST_WITHDRAWN', actor(principal), now, {
            claimId,
            ...(input.reason ? { detail: input.reason } : {}),
          }),
        },
      ]),
    );
  });
  telemetry.claimOutcome('WITHDRAWN');
  await wake(deps, claimId, 'WITHDRAWN');
  return { claimId, status: 'WITHDRAWN' as const };
}
