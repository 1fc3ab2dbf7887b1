// confirm-card-refund, in workflows/settle-claim.asl.json: has the card side confirmed the
// cancellation of the authorization? Confirmed, the refund is COMPLETED; still pending, the step
// says so (CardConfirmationPending) and the workflow asks again later, for 24 hours; refused or
// too late, the refund is FAILED and the claim goes to the operator.

import { completeRefund, failRefund, type Refund } from '../../domain/refund.js';
import { retryOnConflict } from '../conflicts.js';
import { PaymentError, type ClaimStore, type Payments } from '../ports.js';
import { StepError } from '../step-errors.js';
import { timelineEvent } from '../timeline.js';
import { SYSTEM } from './apply-claim.js';

/** How long the card side may take to confirm before the refund is an operator's case. */
export const CARD_CONFIRMATION_LIMIT_MS = 24 * 3600_000;

async function record(store: ClaimStore, ref: { orderNo: string; refundId: string }, change: (refund: Refund) => Refund, eventType: string, detail: string, now: Date) {
  await retryOnConflict(async () => {
    const current = (await store.getRefund(ref.orderNo, ref.refundId))!;
    if (current.status !== 'PENDING') return;
    await store.commit([
      { entity: 'refund', value: change(current) },
      { entity: 'event', value: timelineEvent(current.orderNo, eventType, SYSTEM, now, { claimId: current.claimId, detail }) },
    ]);
  });
}

export async function confirmCardRefund(deps: { store: ClaimStore; payments: Payments }, ref: { orderNo: string; refundId: string }, now: Date) {
  const refund = await deps.store.getRefund(ref.orderNo, ref.refundId);
  if (!refund) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
  if (refund.status === 'COMPLETED') return { refundId: refund.refundId, status: refund.status };
  if (refund.status === 'FAILED' || !refund.providerReference) throw new StepError('PaymentDeclined', `Refund ${refund.refundId} is ${refund.status}; an operator resumes it.`);
  let state;
  try {
    ({ state } = await deps.payments.authorizationCancellation(refund.providerReference));
  } catch (error) {
    if (error instanceof PaymentError) throw new StepError('PaymentUnavailable', error.message);
    throw error;
  }
  if (state === 'CONFIRMED') {
    await record(deps.store, ref, (current) => completeRefund({ ...current, confirmedAt: now.toISOString() }, now), 'REFUND_COMPLETED', refund.refundId, now);
    return { refundId: refund.refundId, status: 'COMPLETED' };
  }
  if (state === 'DECLINED') {
    const cause = `The card side declined the cancellation ${refund.providerReference}.`;
    await record(deps.store, ref, (current) => failRefund(current, { error: 'PaymentDeclined', cause }, now), 'REFUND_FAILED', cause, now);
    throw new StepError('PaymentDeclined', cause);
  }
  if (now.getTime() - Date.parse(refund.cancellationRequestedAt ?? refund.createdAt) >= CARD_CONFIRMATION_LIMIT_MS) {
    const cause = `The card side did not confirm the cancellation ${refund.providerReference} within 24 hours.`;
    await record(deps.store, ref, (current) => failRefund(current, { error: 'CardConfirmationTimedOut', cause }, now), 'REFUND_FAILED', cause, now);
    throw new StepError('CardConfirmationTimedOut', cause);
  }
  throw new StepError('CardConfirmationPending', `The card side has not confirmed ${refund.providerReference} yet.`);
}
