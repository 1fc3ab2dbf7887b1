// mark-delayed, in workflows/approve-cancel-request.asl.json.

import { loadClaim } from '../claims/load-claim.js';
import { retryOnConflict } from '../common/conflicts.js';
import { tellOperator, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { ApprovalTiming } from '../ports/workflows.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { APPROVAL_WORKFLOW, emailSeller, type NextWait } from './approval-steps.js';
import { changeOf } from '../changes/change-set.js';

/**
 * mark-delayed: 4 days without a decision: the claim is flagged delayed (지연), the seller reminded, the operator told.
 */
export async function markDelayed(
  deps: { store: ClaimStore; profiles: SellerProfiles } & OperatorAlerts,
  claimId: string,
  timing: ApprovalTiming,
  now: Date,
): Promise<NextWait> {
  let reminder: Promise<Write> | undefined;
  const claim = await retryOnConflict(async () => {
    const current = await loadClaim(deps.store, claimId);
    if (current.status !== 'AWAITING_APPROVAL' || current.delayedAt) return current;
    const order = await deps.store.getOrder(current.orderNo);
    if (!order) throw new StepError('OrderNotFound', `No order ${current.orderNo}.`);
    // Sent once, whatever the retries of the write.
    reminder ??= emailSeller(deps, current, order, true, now);
    await deps.store.commit(
      changeOf([
        {
          entity: 'claim',
          value: { ...current, delayedAt: now.toISOString(), updatedAt: now.toISOString() },
          from: current.status,
        },
        {
          entity: 'event',
          value: timelineEvent(current.orderNo, 'CLAIM_DELAYED', APPROVAL_WORKFLOW, now, {
            claimId,
            detail: 'No decision within 4 days of the request.',
          }),
        },
        await reminder,
      ]),
    );
    return current;
  });
  if (claim.status === 'AWAITING_APPROVAL') {
    await tellOperator(
      deps,
      claim,
      `The buyer's cancel request on order ${claim.orderNo} has waited over 4 days for seller ${claim.sellerId}. ` +
        `The seller was reminded; without a decision it comes to you.`,
    );
  }
  return { seconds: timing.handOverAfterSeconds, reminded: true };
}
