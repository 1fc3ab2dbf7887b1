// A non-receipt report whose run is gone (never started, aborted, failed, or lost with the local
// stack) while it waits: the reconciler takes, once the wait is over, the step the run would have
// taken at its timeout, with the run's own step functions. So an unanswered report still goes to
// the operator and is still refunded by default; an answer the buyer left alone still closes as
// accepted. Each step acts only on what it finds, so a run that comes back and takes it too
// changes nothing, and the settle-claim run of a default refund has the name the workflow gives it.

import type { Claim } from '../../domain/claim.js';
import { startRunOf } from '../claims/claim-runs.js';
import type { OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { NonReceiptTiming, Workflows } from '../ports/workflows.js';
import { closeAnsweredNonReceipt, handOverNonReceipt, refundByDefault } from './unanswered-steps.js';

/** The step of non-receipt-claim.asl.json that ends each of its waits when the wait runs out. */
export type OverdueNonReceiptStep = 'hand-over-non-receipt' | 'refund-by-default' | 'close-answered-non-receipt';

/**
 * The step a non-receipt's run should have taken by now, `graceSeconds` after its wait ran out, or
 * none: not a non-receipt, not waiting, or still within its time.
 */
export function overdueNonReceiptStep(
  claim: Pick<Claim, 'type' | 'status' | 'requestedAt' | 'nonReceipt' | 'resolutions'>,
  timing: NonReceiptTiming,
  graceSeconds: number,
  now: Date,
): OverdueNonReceiptStep | undefined {
  if (claim.type !== 'NON_RECEIPT') return undefined;
  const after = (since: string | undefined, seconds: number) =>
    since !== undefined && now.getTime() >= Date.parse(since) + (seconds + graceSeconds) * 1000;
  const report = claim.nonReceipt;
  switch (claim.status) {
    case 'AWAITING_SELLER':
      return after(claim.requestedAt, timing.answerSeconds) ? 'hand-over-non-receipt' : undefined;
    case 'ANSWERED':
      return after(report?.answer?.at, timing.buyerSeconds) ? 'close-answered-non-receipt' : undefined;
    case 'NEEDS_OPERATOR': {
      // Only a report handed over unanswered waits for the default refund; an operator's decision ends the wait.
      const undecided = !report?.refundedByDefaultAt && (claim.resolutions ?? []).length === 0;
      return undecided && after(report?.unansweredAt, timing.refundAfterSeconds) ? 'refund-by-default' : undefined;
    }
    default:
      return undefined;
  }
}

/** Takes the overdue step; a default refund starts its settle-claim run, as the workflow's start-settle-claim does. */
export async function takeOverdueNonReceiptStep(
  deps: { store: ClaimStore; workflows: Workflows; alerts: OperatorAlerts; nonReceiptTiming: NonReceiptTiming },
  claimId: string,
  step: OverdueNonReceiptStep,
  now: Date,
): Promise<void> {
  switch (step) {
    case 'hand-over-non-receipt':
      await handOverNonReceipt({ store: deps.store, ...deps.alerts }, claimId, deps.nonReceiptTiming, now);
      return;
    case 'refund-by-default':
      if ((await refundByDefault(deps, claimId, now)).refund) await startRunOf(deps, claimId);
      return;
    case 'close-answered-non-receipt':
      await closeAnsweredNonReceipt({ store: deps.store, mailer: deps.alerts.mailer }, claimId, now);
      return;
  }
}
