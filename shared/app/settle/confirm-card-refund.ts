// confirm-card-refund, in workflows/settle-claim.asl.json: the fallback when the provider's webhooks
// have not come within the wait. The card side is asked about each of the claim's card refunds
// still PENDING, under its idempotency key. Confirmed, the refund is COMPLETED; still pending, the
// workflow waits again, for up to 24 hours from the request; refused or too late, the refund is
// FAILED and the claim goes to the operator.

import { paymentKeyOf } from '../../domain/refund.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Payments } from '../ports/payments.js';
import { PaymentError } from '../ports/port-errors.js';
import { StepError } from '../common/step-errors.js';
import type { CardRefundRef } from './apply-claim.js';
import { recordCardOutcome, type CardOutcome } from './card-outcomes.js';

/** How long the card side may take to confirm before the refund is an operator's case. */
export const CARD_CONFIRMATION_LIMIT_MS = 24 * 3600_000;

/**
 * Every refund asked about at once, each recorded on its own, so that one the provider cannot
 * answer now does not hold up the others. A refusal (or 24 hours) fails the step before anything
 * the provider could not answer, which is retried; confirmed once all are.
 */
export async function confirmCardRefunds(
  deps: { store: ClaimStore; payments: Payments },
  claimId: string,
  refs: CardRefundRef[],
  now: Date,
): Promise<{ claimId: string; confirmed: boolean }> {
  const answers = await Promise.allSettled(refs.map((ref) => confirmCardRefund(deps, ref, now)));
  const failures = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as Error] : []));
  const final = failures.find(
    (error) =>
      error instanceof StepError &&
      (error.errorName === 'PaymentDeclined' || error.errorName === 'CardConfirmationTimedOut'),
  );
  if (final ?? failures[0]) throw final ?? failures[0];
  return { claimId, confirmed: answers.every((answer) => answer.status === 'fulfilled' && answer.value.confirmed) };
}

async function confirmCardRefund(
  deps: { store: ClaimStore; payments: Payments },
  ref: CardRefundRef,
  now: Date,
): Promise<{ refundId: string; confirmed: boolean }> {
  const refund = await deps.store.getRefund(ref.orderNo, ref.refundId);
  if (!refund) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
  let outcome: CardOutcome | undefined;
  if (refund.status === 'PENDING') {
    let answer: Awaited<ReturnType<Payments['authorizationCancellation']>>;
    try {
      answer = await deps.payments.authorizationCancellation(paymentKeyOf(refund));
    } catch (error) {
      if (error instanceof PaymentError) throw new StepError('PaymentUnavailable', error.message);
      throw error;
    }
    if (answer.state === 'CONFIRMED') outcome = { state: 'CONFIRMED', reference: answer.reference ?? '' };
    else if (answer.state === 'DECLINED')
      outcome = {
        state: 'FAILED',
        error: 'PaymentDeclined',
        cause: `The card side declined the cancellation ${answer.reference ?? ''}.`.replace(' .', '.'),
      };
    else if (answer.state === 'UNKNOWN')
      outcome = {
        state: 'FAILED',
        error: 'PaymentDeclined',
        cause: `The card side has no cancellation under ${paymentKeyOf(refund)}.`,
      };
    else if (now.getTime() - Date.parse(refund.attemptStartedAt ?? refund.createdAt) >= CARD_CONFIRMATION_LIMIT_MS) {
      outcome = {
        state: 'FAILED',
        error: 'CardConfirmationTimedOut',
        cause: `The card side did not confirm the cancellation ${answer.reference ?? ''} within 24 hours.`,
      };
    } else {
      return { refundId: refund.refundId, confirmed: false };
    }
  }
  const settled = outcome ? (await recordCardOutcome(deps.store, ref, outcome, now, refund)).refund : refund;
  if (settled.status === 'FAILED')
    throw new StepError(
      settled.failure?.error === 'CardConfirmationTimedOut' ? 'CardConfirmationTimedOut' : 'PaymentDeclined',
      settled.failure?.cause ?? `Refund ${settled.refundId} failed.`,
    );
  return { refundId: refund.refundId, confirmed: true };
}
