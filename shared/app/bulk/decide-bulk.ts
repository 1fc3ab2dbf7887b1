// A job that waits for approval: the operator approves or refuses it with a reason, or its seller
// cancels it. The decision is the job's, written first; the task token only wakes the workflow,
// which reads the job again (a decision made before the token was kept is found by the step that
// keeps it).

import type { BulkCancellation, BulkDecision } from '../../domain/bulk.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, StatusConflictError } from '../common/errors.js';
import { wakeAfterDecision } from '../claims/decided-wakes.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { Workflows } from '../ports/workflows.js';
import { bulkEvents } from '../changes/integration-events.js';

type Deps = { bulks: BulkStore; workflows: Workflows };

const STATUS_AFTER = { APPROVE: 'RUNNING', REFUSE: 'REFUSED', CANCEL: 'CANCELLED' } as const;

async function decide(
  deps: Deps,
  principal: Principal,
  bulkId: string,
  decision: 'APPROVE' | 'REFUSE' | 'CANCEL',
  reason: string | undefined,
  now: Date,
): Promise<BulkCancellation> {
  const decided = await retryOnConflict(async () => {
    const job = await deps.bulks.getBulk(bulkId);
    if (decision === 'CANCEL' ? principal.role !== 'seller' : principal.role !== 'operator') {
      throw new ForbiddenError(
        decision === 'CANCEL'
          ? `Only the seller of bulk cancellation ${bulkId} cancels it.`
          : 'Only an operator approves or refuses a bulk cancellation.',
      );
    }
    if (!job || (decision === 'CANCEL' && job.sellerId !== principal.id)) throw notFound('bulk cancellation', bulkId);
    if (job.status !== 'AWAITING_APPROVAL') {
      throw new StatusConflictError(
        `Bulk cancellation ${bulkId} is ${job.status}: only a job waiting for approval can be ` +
          `${decision === 'APPROVE' ? 'approved' : decision === 'REFUSE' ? 'refused' : 'cancelled'}.`,
        job.status,
        [],
      );
    }
    const at = now.toISOString();
    const record: BulkDecision = { decision, by: actor(principal), at, ...(reason ? { reason } : {}) };
    const next: BulkCancellation = {
      ...job,
      status: STATUS_AFTER[decision],
      decision: record,
      updatedAt: at,
      ...(decision === 'APPROVE' ? {} : { finishedAt: at }),
    };
    await deps.bulks.saveBulk(next, bulkEvents(next, job.status));
    return next;
  });
  const token = await deps.bulks.bulkWaitToken(bulkId);
  if (token) await wakeAfterDecision(deps.workflows, token, { output: { decision } }, { bulkId, decision });
  return decided;
}

/** POST /bulk-cancellations/{bulkId}/approval (operator). */
export async function decideBulkCancellation(
  deps: Deps,
  principal: Principal,
  bulkId: string,
  input: { decision: 'APPROVE' | 'REFUSE'; reason?: string },
  now: Date,
) {
  const job = await decide(deps, principal, bulkId, input.decision, input.reason, now);
  return { bulkId, status: job.status };
}

/** POST /bulk-cancellations/{bulkId}/cancellation (its seller): only while it waits, before any order is touched. */
export async function cancelBulkCancellation(deps: Deps, principal: Principal, bulkId: string, now: Date) {
  const job = await decide(deps, principal, bulkId, 'CANCEL', undefined, now);
  return { bulkId, status: job.status };
}
