// A buyer's cancel request is decided on the claim, by a conditional write, so the first decision
// wins; the task token of the waiting approval workflow only wakes it.

import type { Claim } from '../../domain/claim.js';
import { wakeAfterDecision } from '../claims/decided-wakes.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';

/**
 * How a request was decided, as the approval workflow's wait receives it: approved, withdrawn, or
 * handed to the operator (the seller approved an order only the operator may cancel, or nobody
 * decided in time), which ends the approval workflow: the operator's resolution runs the claim.
 */
export type RequestDecision = 'APPROVED' | 'WITHDRAWN' | 'HANDED_OVER' | 'ANSWERED' | 'REFUNDED' | 'CLOSED';

const DECISIONS: Partial<Record<Claim['status'], RequestDecision>> = {
  IN_PROGRESS: 'APPROVED',
  WITHDRAWN: 'WITHDRAWN',
  NEEDS_OPERATOR: 'HANDED_OVER',
};

/**
 * A non-receipt report waits for the seller's answer, then an answer for the buyer
 * (non-receipt-claim.asl.json): answered (the buyer's turn), refunded, closed, or handed over.
 */
const ANSWERS: Partial<Record<Claim['status'], RequestDecision>> = {
  ANSWERED: 'ANSWERED',
  IN_PROGRESS: 'REFUNDED',
  COMPLETED: 'CLOSED',
  FAILED: 'CLOSED',
  NEEDS_OPERATOR: 'HANDED_OVER',
};

export const decisionOf = (claim: Pick<Claim, 'type' | 'status'>): RequestDecision | undefined =>
  (claim.type === 'NON_RECEIPT' ? ANSWERS : DECISIONS)[claim.status];

/** The status in which a claim's workflow waits on a task token for the seller (or the buyer). */
export const waitingStatusOf = (claim: Pick<Claim, 'type'>): Claim['status'] =>
  claim.type === 'NON_RECEIPT' ? 'AWAITING_SELLER' : 'AWAITING_APPROVAL';

/**
 * Wakes the waiting workflow with the decision. No token yet, a closed one, or Step Functions not
 * taking it now: the workflow reads the decision from the claim when it next waits or wakes.
 */
export async function wake(
  deps: { store: ClaimStore; workflows: Workflows },
  claimId: string,
  decision: RequestDecision,
): Promise<void> {
  const token = await deps.store.waitToken({ claimId });
  if (token) await wakeAfterDecision(deps.workflows, token, { output: { decision } }, { claimId, decision });
}
