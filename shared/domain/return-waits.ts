// How long a return's workflow waits for its next step, and what happens when a wait runs out
// (workflows/return-claim.asl.json). Each wait ends at a deadline read from the claim itself (when it
// was asked, approved, sent back, flagged), so a wait woken early, or a run started again by the
// reconciler, waits only for what is left.

import type { Claim, ClaimStatus } from './claim.js';

export interface ReturnTiming {
  /** The guide's 4 days, as for a cancel request: then the request is flagged delayed and the operator told. */
  reminderAfterSeconds: number;
  /** Then, with still no answer (the seller's decision, or its receipt after the alert), the operator takes it. */
  handOverAfterSeconds: number;
  /** How long the buyer has to send the return back once it is approved; then the operator takes it. */
  shipBackSeconds: number;
  /** How long the seller has to confirm receipt once the return is on its way; then the operator is told. */
  receiptSeconds: number;
}

/** The statuses in which a return waits on the buyer or the seller, each with a task token. */
export const RETURN_WAITS = ['AWAITING_APPROVAL', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT'] as const;
export type ReturnWaitStatus = (typeof RETURN_WAITS)[number];

export const isReturnWait = (status: ClaimStatus): status is ReturnWaitStatus =>
  (RETURN_WAITS as readonly ClaimStatus[]).includes(status);

/**
 * The workflow's next wait: for the step of `status`, at most `seconds`, `flagged` when it is the
 * wait after the operator was told; or nothing more to wait for.
 */
export type ReturnWait =
  | { done: true; status: ClaimStatus }
  | { done: false; status: ReturnWaitStatus; seconds: number; flagged: boolean };

type WaitedClaim = Pick<Claim, 'status' | 'requestedAt' | 'delayedAt' | 'return'>;

/** When the wait of the claim's status runs out (ms), or undefined when the return waits on nobody. */
export function returnDeadline(claim: WaitedClaim, timing: ReturnTiming): number | undefined {
  const after = (iso: string | undefined, seconds: number) => Date.parse(iso ?? claim.requestedAt) + seconds * 1000;
  const steps = claim.return;
  switch (claim.status) {
    case 'AWAITING_APPROVAL':
      return claim.delayedAt
        ? after(claim.delayedAt, timing.handOverAfterSeconds)
        : after(claim.requestedAt, timing.reminderAfterSeconds);
    case 'AWAITING_RETURN':
      return after(steps?.approval?.at, timing.shipBackSeconds);
    case 'RETURN_IN_TRANSIT':
      return steps?.receiptOverdueAt
        ? after(steps.receiptOverdueAt, timing.handOverAfterSeconds)
        : after(steps?.shipment?.at, timing.receiptSeconds);
    default:
      return undefined;
  }
}

export function nextReturnWait(claim: WaitedClaim, timing: ReturnTiming, now: Date): ReturnWait {
  const deadline = returnDeadline(claim, timing);
  if (deadline === undefined || !isReturnWait(claim.status)) return { done: true, status: claim.status };
  const flagged =
    claim.status === 'AWAITING_APPROVAL'
      ? claim.delayedAt !== undefined
      : claim.status === 'RETURN_IN_TRANSIT' && claim.return?.receiptOverdueAt !== undefined;
  // At least a second: Step Functions takes no wait of 0, and a deadline just passed runs out at once.
  const seconds = Math.max(1, Math.ceil((deadline - now.getTime()) / 1000));
  return { done: false, status: claim.status, seconds, flagged };
}

/**
 * What the wait for `waited` does when it runs out: the seller's decision is flagged delayed first
 * (the operator is told), then handed over; the buyer's parcel, not sent in time, is handed over;
 * the seller's receipt is flagged overdue first (the operator is told), then handed over. A flag
 * already set is not set again (a step run again tells the operator again, and nothing more); NONE
 * when the return moved on meanwhile.
 */
export type OverdueAction =
  | { kind: 'FLAG_DELAYED'; already: boolean }
  | { kind: 'FLAG_RECEIPT_OVERDUE'; already: boolean }
  | { kind: 'NONE' }
  | { kind: 'HAND_OVER'; error: 'ReturnDecisionTimedOut' | 'ReturnNotShipped' | 'ReturnReceiptTimedOut' };

export function overdueActionOf(
  claim: WaitedClaim & Pick<Claim, 'type'>,
  waited: { status: string; flagged: boolean },
): OverdueAction {
  if (claim.type !== 'RETURN' || claim.status !== waited.status) return { kind: 'NONE' };
  switch (claim.status) {
    case 'AWAITING_APPROVAL':
      return waited.flagged
        ? { kind: 'HAND_OVER', error: 'ReturnDecisionTimedOut' }
        : { kind: 'FLAG_DELAYED', already: claim.delayedAt !== undefined };
    case 'AWAITING_RETURN':
      return { kind: 'HAND_OVER', error: 'ReturnNotShipped' };
    case 'RETURN_IN_TRANSIT':
      return waited.flagged
        ? { kind: 'HAND_OVER', error: 'ReturnReceiptTimedOut' }
        : { kind: 'FLAG_RECEIPT_OVERDUE', already: claim.return?.receiptOverdueAt !== undefined };
    default:
      return { kind: 'NONE' };
  }
}
