// The reconciler, every few minutes: an open claim whose workflow run is missing (the API answered
// but the start never reached Step Functions) gets it started; one whose run ended while the claim
// is still open is brought to a defined state (FAILED if nothing was applied, NEEDS_OPERATOR if money
// is owed); a return's run still waiting is woken, in case the wake of the step that moved it on was
// lost (it reads the claim and waits again for what is left); a non-receipt whose run is gone takes
// the step its run would have taken when a wait ran out (overdue-non-receipt.ts); an operator alert
// still pending is sent. Every action is safe to repeat.

import { currentRun, runInput, type RunTiming } from './claim-runs.js';
import { wakeReturn } from '../returns/return-workflow.js';
import { trySendPendingAlert, type OperatorAlerts } from './operator-alerts.js';
import type { Claim } from '../../domain/claim.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { NonReceiptTiming, WorkflowRun, Workflows } from '../ports/workflows.js';
import { isReturnWait, returnDeadline } from '../../domain/return-waits.js';
import { failClaim } from '../settle/fail-claim.js';
import { overdueNonReceiptStep, takeOverdueNonReceiptStep } from '../non-receipt/overdue-non-receipt.js';
import { telemetry } from '../common/telemetry.js';

export interface ReconcileDeps {
  store: ClaimStore;
  workflows: Workflows;
  alerts: OperatorAlerts;
  timing: RunTiming;
  nonReceiptTiming: NonReceiptTiming;
}

export interface ReconcileOptions {
  /** A claim unchanged for this long is looked at; younger ones are still being handled. */
  staleAfterSeconds: number;
  /** At most this many runs asked after in one run of the reconciler (the rest wait for the next). */
  maxClaims: number;
}

export interface ReconcileReport {
  looked: number;
  /** Claims whose run was asked after (DescribeExecution): the run's work, bounded by maxClaims. */
  checked: number;
  started: string[];
  /** Returns whose waiting run was woken to read its claim again. */
  woken: string[];
  /** Non-receipt reports whose run was gone, each with the step taken for it ("claimId step"). */
  stepped: string[];
  closed: string[];
  alerted: string[];
}

const WAITING_SLOTS = 12;
const waitingSlot = (claimId: string) =>
  [...claimId].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 1_000_003, 7) % WAITING_SLOTS;

export async function reconcileClaims(
  deps: ReconcileDeps,
  options: ReconcileOptions,
  now: Date,
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    looked: 0,
    checked: 0,
    started: [],
    woken: [],
    stepped: [],
    closed: [],
    alerted: [],
  };
  const changedBefore = new Date(now.getTime() - options.staleAfterSeconds * 1000).toISOString();
  // A request waits for the seller for days; while its token is stored, its run is known to wait,
  // until the run itself should have handed it over.
  const approvalWindowMs =
    (deps.timing.reminderAfterSeconds + deps.timing.handOverAfterSeconds + options.staleAfterSeconds) * 1000;
  const answerSeconds = deps.nonReceiptTiming.answerSeconds;
  const answerWindowMs = (answerSeconds + options.staleAfterSeconds) * 1000;
  /** How long a claim in each waiting status may go unchanged while its run is known to wait. */
  const waitWindowsMs: Record<string, number> = {
    AWAITING_APPROVAL: approvalWindowMs,
    AWAITING_SELLER: answerWindowMs,
  };
  const runNumber = Math.floor(now.getTime() / (options.staleAfterSeconds * 1000));
  // Every stale claim is looked at: those that only wait (for the seller, for an operator) cost a
  // read; those whose run must be asked after are gathered, and at most maxClaims of them are asked
  // this run, a different window each run, so that every one is reached however many there are.
  const toCheck: { claim: Claim; run: WorkflowRun }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.staleOpenClaims(changedBefore, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const claim of page.items) {
      report.looked++;
      if (claim.status === 'NEEDS_OPERATOR') {
        if (claim.operatorAlert?.status === 'PENDING') {
          await trySendPendingAlert(deps.store, deps.alerts, claim.claimId, now);
          report.alerted.push(claim.claimId);
        }
        // A report handed over unanswered waits in its run for the default refund: asked after once it is due.
        if (!overdueNonReceiptStep(claim, deps.nonReceiptTiming, options.staleAfterSeconds, now)) continue;
      }
      // A request that stored its token waits for days: its run is asked after in turns, one slot of
      // twelve each run (hourly in AWS), unless the wait should have ended by now.
      // So does a non-receipt report waiting for the seller's answer.
      if (
        waitsWithinWindow(claim, deps.timing, waitWindowsMs, options, now) &&
        (await deps.store.waitToken({ claimId: claim.claimId }))
      ) {
        if (waitingSlot(claim.claimId) !== runNumber % WAITING_SLOTS) continue;
      }
      const run = currentRun(claim) ?? overdueRun(claim, deps.nonReceiptTiming, options, now);
      if (run) toCheck.push({ claim, run });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const offset = toCheck.length > options.maxClaims ? (runNumber * options.maxClaims) % toCheck.length : 0;
  const window = [...toCheck.slice(offset), ...toCheck.slice(0, offset)].slice(0, options.maxClaims);
  for (const { claim, run } of window) {
    report.checked++;
    const status = await deps.workflows.status(run);
    if (status === 'RUNNING') {
      if (run.workflow === 'returnClaim') {
        await wakeReturn(deps, claim.claimId, claim.status);
        report.woken.push(claim.claimId);
      }
      continue;
    }
    const overdue = overdueNonReceiptStep(claim, deps.nonReceiptTiming, options.staleAfterSeconds, now);
    if (overdue) {
      const taken = await takeOverdueNonReceiptStep(deps, claim.claimId, overdue, now).then(
        () => true,
        (error: unknown) =>
          telemetry.warn('overdue step not taken; the next reconciler run tries again', {
            claimId: claim.claimId,
            error: error as Error,
          }),
      );
      if (taken) report.stepped.push(`${claim.claimId} ${overdue}`);
      continue;
    }
    if (status === 'MISSING') {
      // A start Step Functions does not take now is tried again on the next run; the others go on.
      const started = await deps.workflows.start(run, runInput(claim, run, deps.timing, deps.nonReceiptTiming)).then(
        () => true,
        (error: unknown) =>
          telemetry.warn('run not started; the next reconciler run tries again', {
            claimId: claim.claimId,
            error: error as Error,
          }),
      );
      if (started) report.started.push(claim.claimId);
      continue;
    }
    const closed = await failClaim(
      { store: deps.store, alerts: deps.alerts },
      {
        claimId: claim.claimId,
        outcome:
          claim.status === 'AWAITING_APPROVAL' || claim.status === 'AWAITING_SELLER' || isReturnWait(claim.status)
            ? 'NEEDS_OPERATOR'
            : 'FAILED',
        error: 'WorkflowEnded',
        cause: `Its workflow run ${run.name} ended ${status} while the claim was ${claim.status}.`,
      },
      now,
    ).catch((error: Error) => {
      // The claim is closed; only its alert is still pending, and the next run sends it.
      telemetry.warn('claim closed; its alert waits for the next run', { claimId: claim.claimId, error });
      return { status: 'NEEDS_OPERATOR' };
    });
    report.closed.push(`${claim.claimId} ${closed.status}`);
  }
  return report;
}

/** The run of a non-receipt that waits where currentRun names none (answered, or handed over), once its wait is due. */
function overdueRun(claim: Claim, timing: NonReceiptTiming, options: ReconcileOptions, now: Date) {
  return overdueNonReceiptStep(claim, timing, options.staleAfterSeconds, now)
    ? ({ workflow: 'nonReceiptClaim', name: claim.claimId } as const)
    : undefined;
}

/**
 * A claim whose run waits for a party (a request's decision, a non-receipt's answer, a return's next
 * step), and should still be waiting.
 */
function waitsWithinWindow(
  claim: Claim,
  timing: RunTiming,
  windowsMs: Record<string, number>,
  options: ReconcileOptions,
  now: Date,
): boolean {
  if (claim.type === 'RETURN') {
    if (!isReturnWait(claim.status) || timing.shipBackSeconds === undefined || timing.receiptSeconds === undefined)
      return false;
    const deadline = returnDeadline(claim, {
      ...timing,
      shipBackSeconds: timing.shipBackSeconds,
      receiptSeconds: timing.receiptSeconds,
    });
    return deadline !== undefined && now.getTime() < deadline + options.staleAfterSeconds * 1000;
  }
  const windowMs = windowsMs[claim.status];
  return windowMs !== undefined && now.getTime() - Date.parse(claim.updatedAt) < windowMs;
}
