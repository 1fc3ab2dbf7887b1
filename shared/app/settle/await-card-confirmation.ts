// await-card-confirmation, in workflows/settle-claim.asl.json: called with the task token of the
// state that waits for the card side. While the refund is PENDING the token is kept beside it, for
// the provider's webhook to finish the wait; a refund already settled (the webhook came first)
// finishes it at once. The token is never returned or logged.

import { retryOnConflict } from '../conflicts.js';
import type { ClaimStore, Workflows } from '../ports.js';
import { StepError } from '../step-errors.js';
import type { CardRefundRef } from './apply-claim.js';
import { waitOutcomeOf } from './card-outcomes.js';

export async function awaitCardConfirmation(deps: { store: ClaimStore; workflows: Workflows }, ref: CardRefundRef, taskToken: string) {
  const settled = await retryOnConflict(async () => {
    const refund = await deps.store.getRefund(ref.orderNo, ref.refundId);
    if (!refund) throw new StepError('RefundNotFound', `No refund ${ref.refundId} on order ${ref.orderNo}.`);
    const outcome = waitOutcomeOf(refund);
    if (outcome) return outcome;
    await deps.store.commit([{ entity: 'wait', value: { waitFor: { orderNo: ref.orderNo, refundId: ref.refundId }, token: taskToken, version: refund.version } }]);
    return undefined;
  });
  if (settled) await deps.workflows.wake(taskToken, settled);
  return { refundId: ref.refundId, waiting: settled === undefined };
}
