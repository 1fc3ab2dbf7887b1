// await-decision, in workflows/approve-cancel-request.asl.json and non-receipt-claim.asl.json.

import type { Claim } from '../../domain/claim.js';
import { retryOnConflict } from '../common/conflicts.js';
import { loadClaim } from '../claims/load-claim.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { decisionOf, waitingStatusOf } from './decisions.js';
import { StepError } from '../common/step-errors.js';
import { changeOf } from '../changes/change-set.js';

/**
 * await-decision: called with the task token of the waiting state. While the request waits, the
 * token is kept beside the claim for the decision to wake it; if the decision is already made, the
 * workflow is woken at once. The token is never returned or logged.
 */
export async function awaitDecision(
  deps: { store: ClaimStore; workflows: Workflows },
  claimId: string,
  taskToken: string,
  /** The status this wait is for, when not the claim type's first (an answered non-receipt waits for the buyer). */
  waitingFor?: Claim['status'],
) {
  const outcome = await retryOnConflict(async () => {
    const claim = await loadClaim(deps.store, claimId);
    if (claim.status !== (waitingFor ?? waitingStatusOf(claim))) {
      const decided = decisionOf(claim);
      if (decided) return decided;
      throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}; nothing waits for a decision.`);
    }
    await deps.store.commit(
      changeOf([{ entity: 'wait', value: { waitFor: { claimId }, token: taskToken, version: claim.version } }]),
    );
    return undefined;
  });
  if (outcome) await deps.workflows.wake(taskToken, { output: { decision: outcome } });
  return { claimId, waiting: outcome === undefined };
}
