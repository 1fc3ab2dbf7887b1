// What the card side said about a card refund, recorded once, whoever learns it first: the
// provider's webhook, or the workflow asking after its wait ran out. The settle-claim workflow's
// wait for it is finished with the same outcome.

import { completeRefund, failRefund, type Refund } from '../../domain/refund.js';
import { retryOnConflict } from '../common/conflicts.js';
import type { ClaimStore, RefundRef } from '../ports/claim-store.js';
import type { WaitOutcome } from '../ports/workflows.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { SYSTEM } from './apply-claim.js';
import { changeOf } from '../changes/change-set.js';

export type CardOutcome =
  | { state: 'CONFIRMED'; reference: string }
  | { state: 'FAILED'; error: 'PaymentDeclined' | 'CardConfirmationTimedOut'; cause: string };

/**
 * How the waiting task ends for the card refunds it waits for together (a claim's): failed as soon
 * as one failed, confirmed once all are; undefined while the card side has not answered for all.
 */
export function waitOutcomeOf(refunds: Refund[]): WaitOutcome | undefined {
  const failed = refunds.find((refund) => refund.status === 'FAILED');
  if (failed)
    return {
      error: failed.failure?.error ?? 'PaymentDeclined',
      cause: failed.failure?.cause ?? `Refund ${failed.refundId} failed.`,
    };
  return refunds.every((refund) => refund.status === 'COMPLETED') ? { output: { confirmed: true } } : undefined;
}

/** The refunds of a wait, read consistently; one that is not there is a bug, not a state. */
export async function readRefunds(store: ClaimStore, refs: RefundRef[]): Promise<Refund[]> {
  return Promise.all(
    refs.map(async (ref) => {
      const refund = await store.getRefund(ref.orderNo, ref.refundId);
      if (!refund) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
      return refund;
    }),
  );
}

/**
 * Records the outcome on a PENDING refund (once: a refund already settled is left as it is) and
 * answers the refund as it now stands, with the wait for it, if any (its token, and the refunds it
 * waits for with this one): waking it again is harmless (a closed token is refused), so a repeated
 * event still wakes a wait the first missed.
 * `read` is the refund as the caller has just read it, if it has.
 */
export async function recordCardOutcome(
  store: ClaimStore,
  ref: RefundRef,
  outcome: CardOutcome,
  now: Date,
  read?: Refund,
): Promise<{ refund: Refund; waiting?: { token: string; together: RefundRef[] } }> {
  // The caller's own read serves the first attempt; after a conflict the refund is read again.
  let justRead = read;
  const recorded = await retryOnConflict(async () => {
    const current = justRead ?? (await store.getRefund(ref.orderNo, ref.refundId));
    justRead = undefined;
    if (!current) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
    // A confirmation after the refund was failed for want of one (24 hours without it): the money did
    // move, so the refund is COMPLETED after all, and the claim's operator finds it so.
    const lateConfirmation =
      current.status === 'FAILED' &&
      outcome.state === 'CONFIRMED' &&
      current.failure?.error === 'CardConfirmationTimedOut';
    if (current.status !== 'PENDING' && !lateConfirmation) return { refund: current };
    const settled =
      outcome.state === 'CONFIRMED'
        ? completeRefund({ ...current, providerReference: outcome.reference, confirmedAt: now.toISOString() }, now)
        : failRefund(current, { error: outcome.error, cause: outcome.cause }, now);
    // A confirmation is the refund alone (with its refund.completed event): complete-claim dates it
    // on the timeline. A refusal ends the claim's run, so it goes on the timeline now.
    await store.commit(
      changeOf([
        { entity: 'refund', value: settled, from: current.status },
        ...(outcome.state === 'FAILED'
          ? [
              {
                entity: 'event' as const,
                value: timelineEvent(current.orderNo, 'REFUND_FAILED', SYSTEM, now, {
                  claimId: current.claimId,
                  detail: outcome.cause,
                }),
              },
            ]
          : []),
        // Its claim is no longer running (it waits for an operator): the timeline says so now.
        ...(lateConfirmation
          ? [
              {
                entity: 'event' as const,
                value: timelineEvent(current.orderNo, 'REFUND_CONFIRMED_LATE', SYSTEM, now, {
                  claimId: current.claimId,
                  detail: `${current.refundId}: ${outcome.state === 'CONFIRMED' ? outcome.reference : ''}`,
                }),
              },
            ]
          : []),
      ]),
    );
    return { refund: { ...settled, version: settled.version + 1 } };
  });
  // Read after the write: a token stored before it is found here; one stored after it found the
  // refund settled and woke its own wait (its write checked the refund's version).
  const waiting = await store.refundWait({ orderNo: ref.orderNo, refundId: ref.refundId });
  return { refund: recorded.refund, ...(waiting ? { waiting } : {}) };
}
