// expire-request, in workflows/approve-cancel-request.asl.json.

import { loadClaim } from '../claims/load-claim.js';
import { moved } from '../claims/claim-moves.js';
import { retryOnConflict } from '../common/conflicts.js';
import { pendingAlert, sendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { decisionOf } from './decisions.js';
import { timelineEvent } from '../claims/timeline.js';
import { APPROVAL_WORKFLOW } from './approval-steps.js';
import { changeOf } from '../changes/change-set.js';

/**
 * expire-request: the last wait ran out. A request still waiting goes to the operator; one decided meanwhile goes its
 * way.
 */
export async function expireRequest(deps: { store: ClaimStore } & OperatorAlerts, claimId: string, now: Date) {
  const result = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    const decided = decisionOf(claim);
    if (decided) return { decision: decided as string, claim, handedOver: false };
    if (claim.status !== 'AWAITING_APPROVAL') return { decision: claim.status as string, claim, handedOver: false };
    await deps.store.commit(
      changeOf([
        {
          entity: 'claim',
          value: moved(claim, 'NEEDS_OPERATOR', now, {
            failure: { error: 'ApprovalTimedOut', cause: 'The seller did not decide on the buyer’s request in time.' },
            ...pendingAlert(
              `The seller did not decide on the buyer's cancel request on order ${claim.orderNo}: approve it for ` +
                `them (POST /claims/${claimId}/resolution COMPLETE) or close it.`,
            ),
          }),
          from: claim.status,
        },
        {
          entity: 'event',
          value: timelineEvent(claim.orderNo, 'CLAIM_NEEDS_OPERATOR', APPROVAL_WORKFLOW, now, {
            claimId,
            detail: 'ApprovalTimedOut',
          }),
        },
      ]),
    );
    return { decision: 'EXPIRED', claim, handedOver: true };
  });
  // Also on a retry of this step, which finds the claim handed over and its alert still pending.
  if (result.handedOver || result.decision === 'HANDED_OVER') await sendPendingAlert(deps.store, deps, claimId, now);
  return { claimId, decision: result.decision };
}
