// The bulk cancellation workflow's run: one per job, named after it (a second start is the same run).

import type { BulkCancellation } from '../../domain/bulk.js';

export const bulkRun = (bulkId: string) => ({ workflow: 'bulkCancellation' as const, name: bulkId });

/** What workflows/bulk-cancellation.asl.json starts with. */
export function bulkRunInput(
  job: Pick<BulkCancellation, 'bulkId' | 'correlationId' | 'approvalRequired'>,
  approvalWaitSeconds: number,
) {
  return {
    bulkId: job.bulkId,
    correlationId: job.correlationId ?? job.bulkId,
    approvalRequired: job.approvalRequired,
    approvalWaitSeconds,
  };
}
