// Which workflow execution drives a claim now, by name: the API starts it, the approval workflow
// starts the settlement of an approved request, an operator's COMPLETE starts a new run, and the
// reconciler looks for it. Names are deterministic (the same run always has the same name), so
// starting a run twice starts it once.

import type { Claim } from '../../domain/claim.js';
import { telemetry } from '../common/telemetry.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { ApprovalTiming, NonReceiptTiming, WorkflowRun, Workflows } from '../ports/workflows.js';
import type { ReturnTiming } from '../../domain/return-waits.js';

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
      // A return waits for its steps in its own workflow; its refund, once received, in settle-claim.
      return { workflow: claim.type === 'RETURN' ? 'returnClaim' : 'approveCancelRequest', name: claim.claimId };
    case 'AWAITING_RETURN':
    case 'RETURN_IN_TRANSIT':
      return { workflow: 'returnClaim', name: claim.claimId };
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

/** How long the waits of a run last: an approval's, and a return's beside it when the caller starts returns. */
export type RunTiming = ApprovalTiming & Partial<Pick<ReturnTiming, 'shipBackSeconds' | 'receiptSeconds'>>;

/** How long a run waits, for the workflows that wait on people. */
export interface RunTimings {
  timing?: RunTiming;
  nonReceiptTiming?: NonReceiptTiming;
}

/** A run's input: the claim, its correlation id (the request that opened it), and for a wait on people its timing. */
export function runInput(
  claim: Pick<Claim, 'claimId' | 'correlationId'>,
  run: WorkflowRun,
  timing?: RunTiming,
  nonReceiptTiming?: NonReceiptTiming,
): Record<string, unknown> {
  const base = { claimId: claim.claimId, correlationId: claim.correlationId ?? claim.claimId };
  if (run.workflow === 'approveCancelRequest' && timing) {
    const { reminderAfterSeconds, handOverAfterSeconds } = timing;
    return { ...base, timing: { reminderAfterSeconds, handOverAfterSeconds } };
  }
  if (run.workflow === 'returnClaim') {
    if (timing?.shipBackSeconds === undefined || timing.receiptSeconds === undefined)
      throw new Error(`A return's run needs its timing (claim ${claim.claimId}).`);
    return { ...base, timing };
  }
  if (run.workflow === 'nonReceiptClaim') return { ...base, timing: nonReceiptTiming };
  return run.workflow === 'approveCancelRequest' ? { ...base, timing } : base;
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
