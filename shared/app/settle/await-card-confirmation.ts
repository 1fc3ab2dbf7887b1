// await-card-confirmation, in workflows/settle-claim.asl.json: called with the task token of the
// state that waits for the card side to answer for the claim's card refunds (all of them: one wait
// per claim, not one per refund). While any is PENDING the token is kept beside each pending one,
// with the list of all, for the provider's webhook to finish the wait once all are answered; refunds
// already settled (the webhook came first, or none was awaited) finish it at once. The token is
// never returned or logged.

import { retryOnConflict } from '../common/conflicts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import type { CardRefundRef } from './apply-claim.js';
import { readRefunds, waitOutcomeOf } from './card-outcomes.js';
import { changeOf } from '../changes/change-set.js';

export async function awaitCardConfirmation(
  deps: { store: ClaimStore; workflows: Workflows },
  claimId: string,
  refs: CardRefundRef[],
  taskToken: string,
) {
  const together = refs.map(({ orderNo, refundId }) => ({ orderNo, refundId }));
  const settled = await retryOnConflict(async () => {
    const refunds = await readRefunds(deps.store, together);
    const outcome = waitOutcomeOf(refunds);
    if (outcome) return outcome;
    const pending = refunds.filter((refund) => refund.status === 'PENDING');
    await deps.store.commit(
      changeOf(
        pending.map((refund) => ({
          entity: 'wait' as const,
          value: {
            waitFor: { orderNo: refund.orderNo, refundId: refund.refundId },
            token: taskToken,
            version: refund.version,
            together,
          },
        })),
      ),
    );
    return undefined;
  });
  if (settled) await deps.workflows.wake(taskToken, settled);
  return { claimId, waiting: settled === undefined };
}
