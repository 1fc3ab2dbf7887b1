// Which workflow execution drives a claim now, by name: the API starts it, the approval workflow
// starts the settlement of an approved request, an operator's COMPLETE starts a new run, and the
// reconciler looks for it. Names are deterministic (the same run always has the same name), so
// starting a run twice starts it once.

import type { Claim } from '../domain/claim.js';
import { telemetry } from './telemetry.js';
import type { ClaimStore } from './ports/claim-store.js';
import type { ApprovalTiming, NonReceiptTiming, WorkflowRun, Workflows } from './ports/workflows.js';

/** How many runs an operator started (each COMPLETE or SETTLED_OUTSIDE resolution is one). */
export const operatorRuns = (claim: Pick<Claim, 'resolutions'>) =>
  (claim.resolutions ?? []).filter((r) => r.action !== 'CLOSE').length;

/**
 * The execution that should be driving the claim, or none when it waits on nobody's workflow (closed, or an operator's
 * case).
 */
export function currentRun(
  claim: Pick<Claim, 'claimId' | 'status' | 'resolutions'> & Partial<Pick<Claim, 'type'>>,
): WorkflowRun | undefined {
  switch (claim.status) {
    case 'AWAITING_APPROVAL':
      // A return's steps are the buyer's and the seller's calls; only its refund runs a workflow.
      return claim.type === 'RETURN' ? undefined : { workflow: 'approveCancelRequest', name: claim.claimId };
    case 'AWAITING_SELLER':
      // A non-receipt report: its workflow waits for the seller's answer, and hands it over unanswered.
      return { workflow: 'nonReceiptClaim', name: claim.claimId };
    case 'REQUESTED':
    case 'IN_PROGRESS': {
      const runs = operatorRuns(claim);
      return { workflow: 'settleClaim', name: runs > 0 ? `${claim.claimId}-op${runs}` : claim.claimId };
    }
    default:
      return undefined;
  }
}

/** How long a run waits, for the workflows that wait on people. */
export interface RunTimings {
  timing?: ApprovalTiming;
  nonReceiptTiming?: NonReceiptTiming;
}

/** A run's input: the claim, its correlation id (the request that opened it), and for a wait on people its timing. */
export function runInput(
  claim: Pick<Claim, 'claimId' | 'correlationId'>,
  run: WorkflowRun,
  timing?: ApprovalTiming,
  nonReceiptTiming?: NonReceiptTiming,
): Record<string, unknown> {
  const base = { claimId: claim.claimId, correlationId: claim.correlationId ?? claim.claimId };
  if (run.workflow === 'approveCancelRequest') return { ...base, timing };
  if (run.workflow === 'nonReceiptClaim') return { ...base, timing: nonReceiptTiming };
  return base;
}

/**
 * Starts the claim's current run. If Step Functions does not take it now, the claim is left as it
 * is, committed and holding its orders: the reconciler starts it within minutes. The caller has
 * already answered for the claim; it is not lost.
 */
export async function startCurrentRun(
  deps: { workflows: Workflows } & RunTimings,
  claim: Claim,
): Promise<'STARTED' | 'LEFT_TO_RECONCILER' | 'NOTHING_TO_RUN'> {
  const run = currentRun(claim);
  if (!run) return 'NOTHING_TO_RUN';
  try {
    await deps.workflows.start(run, runInput(claim, run, deps.timing, deps.nonReceiptTiming));
    return 'STARTED';
  } catch (error) {
    telemetry.warn('workflow not started; the reconciler will start it', {
      claimId: claim.claimId,
      run: run.name,
      error: error as Error,
    });
    return 'LEFT_TO_RECONCILER';
  }
}

/** Reads the claim again and starts its current run (after a commit that changed what runs). */
export async function startRunOf(deps: { store: ClaimStore; workflows: Workflows } & RunTimings, claimId: string) {
  const claim = await deps.store.getClaim(claimId);
  return claim ? startCurrentRun(deps, claim) : 'NOTHING_TO_RUN';
}
