// await-approval, in workflows/bulk-cancellation.asl.json: a job over the approval size waits for
// the operator on a task token, as a buyer's request waits for the seller.

import { bulkApprovalRequest } from '../../domain/notices.js';
import { telemetry } from '../common/telemetry.js';
import { retryOnConflict } from '../common/conflicts.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { StepError } from '../common/step-errors.js';

export interface BulkApprovalDeps {
  bulks: BulkStore;
  workflows: Workflows;
  mailer: Mailer;
  operatorEmail: string;
}

/**
 * Keeps the token beside the job and asks the operator once; a job decided meanwhile (approved,
 * refused, cancelled by its seller) wakes the workflow at once. The token is never returned or logged.
 */
export async function awaitBulkApproval(deps: BulkApprovalDeps, bulkId: string, taskToken: string, now: Date) {
  const outcome = await retryOnConflict(async () => {
    const job = await deps.bulks.getBulk(bulkId);
    if (!job) throw new StepError('BulkNotFound', `No bulk cancellation ${bulkId}.`);
    if (job.status !== 'AWAITING_APPROVAL') return { decided: job.status, ask: false, job };
    const asked = { ...job, approvalRequestedAt: job.approvalRequestedAt ?? now.toISOString() };
    await deps.bulks.saveBulkWait(asked, taskToken);
    return { decided: undefined, ask: job.approvalRequestedAt === undefined, job };
  });
  if (outcome.decided) {
    await deps.workflows.wake(taskToken, { output: { decision: outcome.decided } });
    return { bulkId, waiting: false };
  }
  if (outcome.ask) {
    // The job is in the operator's queue and counts whatever SES says; the e-mail is a courtesy.
    await deps.mailer
      .send(deps.operatorEmail, bulkApprovalRequest(outcome.job))
      .catch((error: unknown) => telemetry.warn('bulk approval e-mail not sent', { bulkId, error: error as Error }));
  }
  return { bulkId, waiting: true };
}
