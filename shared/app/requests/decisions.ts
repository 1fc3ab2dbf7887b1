// A buyer's cancel request is decided on the claim, by a conditional write, so the first decision
// wins; the task token of the waiting approval workflow only wakes it.

import type { Claim } from '../../domain/claim.js';
import type { ClaimStore, Workflows } from '../ports.js';

/** How a request was decided, as the approval workflow's wait receives it. */
export type RequestDecision = 'APPROVED' | 'WITHDRAWN';

export const decisionOf = (claim: Claim): RequestDecision | undefined => (claim.status === 'IN_PROGRESS' ? 'APPROVED' : claim.status === 'WITHDRAWN' ? 'WITHDRAWN' : undefined);

/** Wakes the waiting workflow with the decision. No token yet, or a closed one: the workflow reads the decision from the claim when it next waits or wakes. */
export async function wake(deps: { store: ClaimStore; workflows: Workflows }, claimId: string, decision: RequestDecision): Promise<void> {
  const token = await deps.store.waitToken({ claimId });
  if (token) await deps.workflows.wake(token, { output: { decision } });
}
