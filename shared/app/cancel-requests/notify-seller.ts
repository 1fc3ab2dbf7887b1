// notify-seller, the first step of workflows/approve-cancel-request.asl.json.

import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { ApprovalTiming } from '../ports/workflows.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { loadClaim } from '../claims/load-claim.js';
import { decisionOf } from './decisions.js';
import { StepError } from '../common/step-errors.js';
import { emailSeller, type NextWait } from './approval-steps.js';
import { changeOf } from '../changes/change-set.js';

/**
 * notify-seller: the request still holds its CANCEL_REQUESTED order, and the seller learns of it.
 * An e-mail that fails (after the SDK's retries) is recorded and the request waits all the same:
 * the seller sees it in the claim list, and the reminder and the operator follow.
 */
export async function notifySeller(
  deps: { store: ClaimStore; mailer: Mailer; profiles: SellerProfiles },
  claimId: string,
  timing: ApprovalTiming,
  now: Date,
): Promise<NextWait> {
  const next = { seconds: timing.reminderAfterSeconds, reminded: false };
  const claim = await loadClaim(deps.store, claimId);
  // Decided before the workflow got here: the wait ends at once with the decision.
  if (decisionOf(claim)) return next;
  const order = await deps.store.getOrder(claim.orderNo);
  if (claim.type !== 'BUYER_CANCEL' || !order || order.openClaimId !== claimId)
    throw new StepError('ClaimNotHoldingOrder', `Claim ${claimId} does not hold order ${claim.orderNo}.`);
  await deps.store.commit(changeOf([await emailSeller(deps, claim, order, false, now)]));
  return next;
}
