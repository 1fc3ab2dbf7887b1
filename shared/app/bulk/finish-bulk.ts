// finish, in workflows/bulk-cancellation.asl.json: the job's final status, and one summary to the
// seller (not one per order). Reached when every chunk is worked, after a refusal or a cancellation,
// when no operator decided in time, or when a step failed for good.

import { finishedStatus, FINISHED_BULK_STATUSES, type BulkCancellation } from '../../domain/bulk.js';
import { bulkSummary } from '../../domain/seller-notices.js';
import { telemetry } from '../common/telemetry.js';
import { retryOnConflict } from '../common/conflicts.js';
import { GIVE_UP_THROTTLED_AFTER_MS } from '../messages/message-delivery.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { Mailer } from '../ports/mailer.js';
import { MailError } from '../ports/port-errors.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { causeMessage, StepError } from '../common/step-errors.js';
import { bulkEvents } from '../changes/integration-events.js';

export interface FinishBulkDeps {
  bulks: BulkStore;
  mailer: Mailer;
  profiles: SellerProfiles;
}

function ended(
  job: BulkCancellation,
  error: { Error: string; Cause?: string } | undefined,
  now: Date,
): BulkCancellation {
  const at = now.toISOString();
  if (FINISHED_BULK_STATUSES.includes(job.status)) return job;
  if (job.status === 'AWAITING_APPROVAL') {
    // The wait timed out: nobody approved it, so nothing was done.
    return {
      ...job,
      status: 'REFUSED',
      decision: {
        decision: 'EXPIRE',
        by: { role: 'system', id: 'bulk-cancellation' },
        at,
        reason: 'No operator approved the job in time; nothing was cancelled.',
      },
      finishedAt: at,
      updatedAt: at,
    };
  }
  if (job.nextChunk < job.chunks) {
    // A step failed for good: what was done stays done; the rest is reported as not run.
    const detail = error
      ? `${error.Error}: ${causeMessage(error.Cause ?? '')}`
      : 'The job stopped before every line was worked.';
    return {
      ...job,
      status: job.done > 0 ? 'COMPLETED_WITH_FAILURES' : 'FAILED',
      failure: { code: 'STOPPED', detail },
      finishedAt: at,
      updatedAt: at,
    };
  }
  return { ...job, status: finishedStatus(job), finishedAt: at, updatedAt: at };
}

export async function finishBulk(
  deps: FinishBulkDeps,
  bulkId: string,
  error: { Error: string; Cause?: string } | undefined,
  now: Date,
) {
  const job = await retryOnConflict(async () => {
    const current = await deps.bulks.getBulk(bulkId);
    if (!current) throw new StepError('BulkNotFound', `No bulk cancellation ${bulkId}.`);
    const next = ended(current, error, now);
    if (next !== current) await deps.bulks.saveBulk(next, bulkEvents(next, current.status));
    return next === current ? current : { ...next, version: current.version + 1 };
  });
  if (job.summary) return { bulkId, status: job.status };
  let summary: NonNullable<BulkCancellation['summary']>['status'] = 'NO_ADDRESS';
  const profile = await deps.profiles.getProfile(job.sellerId);
  if (profile) {
    summary = await deps.mailer.send(profile.contactEmail, bulkSummary(job, profile)).then(
      () => 'SENT' as const,
      (failure: unknown) => {
        // SES's quota: sent when the workflow runs this step again (for 12 hours), not given up.
        const finishedFor = now.getTime() - Date.parse(job.finishedAt ?? now.toISOString());
        if (failure instanceof MailError && failure.throttled && finishedFor < GIVE_UP_THROTTLED_AFTER_MS) {
          throw new StepError('EmailThrottled', failure.message);
        }
        telemetry.warn('bulk summary e-mail not sent', { bulkId, error: failure as Error });
        return 'FAILED' as const;
      },
    );
  }
  await retryOnConflict(async () => {
    const current = (await deps.bulks.getBulk(bulkId))!;
    if (!current.summary) {
      const summarized = { ...current, summary: { status: summary, at: now.toISOString() } };
      await deps.bulks.saveBulk(summarized, bulkEvents(summarized, current.status));
    }
  });
  return { bulkId, status: job.status };
}
