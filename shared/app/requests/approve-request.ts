// POST /claims/{claimId}/approval: the owning seller approves; the claim settles as a cancellation.

import { decideOnRequest } from '../../domain/transitions.js';
import { actor, type Principal } from '../access.js';
import { moved } from '../claim-moves.js';
import { retryOnConflict, unwrap } from '../conflicts.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { guardPersonalData } from '../messages/personal-data-guard.js';
import { memoLanguageWarning } from '../../domain/memo-language.js';
import type { ClaimStore, Workflows } from '../ports.js';
import { timelineEvent } from '../timeline.js';
import { wake } from './decisions.js';

/** POST /claims/{claimId}/approval: the owning seller approves, with a memo the buyer reads if it gives one; the claim settles as a cancellation. */
export async function approveRequest(deps: { store: ClaimStore; workflows: Workflows }, principal: Principal, claimId: string, now: Date, input: { sellerMemo?: string } = {}) {
  const country = await retryOnConflict(async () => {
    const claim = await deps.store.getClaim(claimId);
    if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
    if (principal.role !== 'seller' || claim.sellerId !== principal.id) throw new ForbiddenError(`Only the seller of claim ${claimId} approves it.`);
    const order = (await deps.store.getOrder(claim.orderNo))!;
    unwrap(decideOnRequest(order, claim, 'APPROVE_CANCEL_REQUEST', now));
    guardPersonalData(order, { sellerMemo: input.sellerMemo });
    await deps.store.commit([
      { entity: 'claim', value: moved(claim, 'IN_PROGRESS', now, input.sellerMemo ? { sellerMemo: input.sellerMemo } : {}), from: claim.status },
      { entity: 'event', value: timelineEvent(claim.orderNo, 'CANCEL_REQUEST_APPROVED', actor(principal), now, { claimId }) },
    ]);
    return order.buyer.country;
  });
  await wake(deps, claimId, 'APPROVED');
  const warning = memoLanguageWarning(input.sellerMemo, country);
  return { claimId, status: 'IN_PROGRESS' as const, ...(warning ? { warnings: [warning] } : {}) };
}
