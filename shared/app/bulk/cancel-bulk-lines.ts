// cancel-lines, in workflows/bulk-cancellation.asl.json: the next chunk's pending lines, each
// cancelled exactly as a seller's single cancellation (the same rules, notice first, claim, refund
// by its payment method), then the chunk and the job's counts written together. Each line's claim
// id is fixed by its job and line, so a step tried again finds the claims it opened: no order is
// cancelled or refunded twice.

import { lineClaimId, noticeFor, countsOf, type BulkCancellation, type BulkLine } from '../../domain/bulk.js';
import type { Claim } from '../../domain/claim.js';
import { startCurrentRun } from '../claim-runs.js';
import { requestSellerCancellation, type SellerClaimDeps } from '../claims/request-seller-claim.js';
import { ForbiddenError, NotFoundError, RefusedError } from '../errors.js';
import type { BulkStore } from '../ports.js';
import { StepError } from '../step-errors.js';
import { mapLimited } from '../../map-limited.js';
import { bulkEvents } from '../integration-events.js';

export interface BulkLineDeps extends SellerClaimDeps {
  bulks: BulkStore;
  /** Lines worked at once within a step. */
  lineConcurrency: number;
  /**
   * The pace of a job: lines (each a StartExecution and a claim's Lambda steps) a second at most,
   * kept by the workflow's Wait between chunks (docs/DECISIONS.md).
   */
  linesPerSecond: number;
}

/** A line whose claim exists: cancelled by it, or handed to the operator by it. */
function lineOf(line: BulkLine, claim: Claim): BulkLine {
  if (claim.status === 'NEEDS_OPERATOR' || (claim.status === 'COMPLETED' && claim.type !== 'SELLER_CANCEL')) {
    return { ...line, status: 'FAILED', claimId: claim.claimId, failure: { code: 'SELLER_CANNOT_CANCEL', detail: `${claim.failure?.cause ?? 'Needs an operator.'} The case went to the operator as claim ${claim.claimId}.` } };
  }
  return { ...line, status: 'CANCELLED', claimId: claim.claimId };
}

async function cancelLine(deps: BulkLineDeps, job: BulkCancellation, line: BulkLine, now: Date): Promise<BulkLine> {
  const claimId = lineClaimId(job.bulkId, line.line);
  const existing = await deps.store.getClaim(claimId);
  if (existing) {
    // Opened by an earlier try: its run is started again (once: runs are named), and counted.
    if (existing.status !== 'NEEDS_OPERATOR') await startCurrentRun(deps, existing);
    return lineOf(line, existing);
  }
  try {
    const seller = { role: 'seller' as const, id: job.sellerId };
    const notice = noticeFor(job.notice, line.orderNo);
    const claim = await requestSellerCancellation(deps, seller, line.orderNo, { reason: line.reason, sellerMemo: job.sellerMemo, notice, claimId, correlationId: job.correlationId ?? job.bulkId }, now);
    return lineOf(line, claim);
  } catch (error) {
    if (!(error instanceof RefusedError || error instanceof NotFoundError || error instanceof ForbiddenError)) throw error;
    // Refused: because a twin of this step opened the claim meanwhile, or for the order's own reasons.
    const opened = await deps.store.getClaim(claimId);
    if (opened) return lineOf(line, opened);
    const code = error instanceof RefusedError ? (error.refusal.kind === 'CONFLICT' ? 'NOT_CANCELLABLE' : error.refusal.rule) : error instanceof NotFoundError ? 'UNKNOWN_ORDER' : 'NOT_YOUR_ORDER';
    return { ...line, status: 'FAILED', failure: { code, detail: error.message } };
  }
}


export interface ChunkWorked {
  bulkId: string;
  more: boolean;
  done: number;
  failed: number;
  /** How long the workflow waits before the next chunk, to keep to the pace. */
  waitSeconds: number;
}

export async function cancelBulkLines(deps: BulkLineDeps, bulkId: string, now: Date): Promise<ChunkWorked> {
  const started = Date.now();
  const job = await deps.bulks.getBulk(bulkId);
  if (!job) throw new StepError('BulkNotFound', `No bulk cancellation ${bulkId}.`);
  // Refused, cancelled, or not approved in time: nothing to work, the workflow goes to finish.
  if (job.status !== 'RUNNING' || job.nextChunk >= job.chunks) return { bulkId, more: false, done: job.done, failed: job.failed, waitSeconds: 0 };
  const [chunk] = await deps.bulks.getChunks(bulkId, job.nextChunk, 1);
  if (!chunk) throw new Error(`Bulk cancellation ${bulkId} has no chunk ${job.nextChunk}`);
  const lines = await mapLimited(chunk.lines, deps.lineConcurrency, (line) => (line.status === 'PENDING' ? cancelLine(deps, job, line, now) : Promise.resolve(line)));
  const before = countsOf(chunk.lines);
  const after = countsOf(lines);
  const next: BulkCancellation = {
    ...job,
    done: job.done + after.done - before.done,
    failed: job.failed + after.failed - before.failed,
    nextChunk: job.nextChunk + 1,
    updatedAt: now.toISOString(),
  };
  // Both or neither; a twin of this step that got here first makes this fail, and the retry reads its result.
  await deps.bulks.saveBulk(next, bulkEvents(next, job.status), { ...chunk, lines });
  const waitSeconds = Math.max(0, Math.round(before.pending / deps.linesPerSecond - (Date.now() - started) / 1000));
  return { bulkId, more: next.nextChunk < next.chunks, done: next.done, failed: next.failed, waitSeconds };
}
