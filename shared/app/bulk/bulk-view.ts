// What a seller and the operator read of a job: its status and counts (one item, however many
// lines), and a page of its lines' outcomes: each failure with why, each cancelled order's claim.

import { BULK_CHUNK_LINES, FINISHED_BULK_STATUSES, type BulkCancellation, type BulkLine } from '../../domain/bulk.js';
import { notFound, type Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';
import type { BulkQuery, BulkStore } from '../ports/bulk-store.js';
import type { PageRequest } from '../ports/pages.js';
import { InvalidCursorError } from '../ports/port-errors.js';

/** Chunks per page of a job's lines: 1,000 lines. */
const CHUNKS_PER_PAGE = 10;

const encodeCursor = (chunk: number) => Buffer.from(JSON.stringify({ chunk })).toString('base64url');

function decodeCursor(cursor: string | undefined, chunks: number): number {
  if (cursor === undefined) return 0;
  try {
    const { chunk } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { chunk?: unknown };
    if (typeof chunk === 'number' && Number.isInteger(chunk) && chunk > 0 && chunk < chunks) return chunk;
  } catch {
    // not one of ours
  }
  throw new InvalidCursorError('The cursor is not one this job gave out.');
}

export function bulkSummaryView(job: BulkCancellation) {
  const { version: _version, ...rest } = job;
  return { ...rest, pending: job.total - job.done - job.failed };
}

function failureOf(line: BulkLine, jobFinished: boolean) {
  if (line.status === 'FAILED')
    return {
      line: line.line,
      orderNo: line.orderNo,
      code: line.failure!.code,
      reason: line.failure!.detail,
      ...(line.claimId ? { claimId: line.claimId } : {}),
    };
  // A finished job's pending lines were never worked (the job was stopped): not cancelled either.
  if (line.status === 'PENDING' && jobFinished)
    return {
      line: line.line,
      orderNo: line.orderNo,
      code: 'NOT_RUN',
      reason: 'The job ended before this line was worked; nothing was done to the order.',
    };
  return undefined;
}

/** GET /bulk-cancellations/{bulkId}: owner seller or operator. */
export async function viewBulkCancellation(
  bulks: BulkStore,
  principal: Principal,
  bulkId: string,
  cursor: string | undefined,
) {
  const job = await bulks.getBulk(bulkId);
  if (principal.role === 'buyer') throw new ForbiddenError('Bulk cancellations are the sellers’.');
  if (!job || (principal.role === 'seller' && job.sellerId !== principal.id))
    throw notFound('bulk cancellation', bulkId);
  const from = decodeCursor(cursor, job.chunks);
  const chunks = await bulks.getChunks(bulkId, from, CHUNKS_PER_PAGE);
  const lines = chunks.flatMap((chunk) => chunk.lines);
  const finished = FINISHED_BULK_STATUSES.includes(job.status);
  const next = from + CHUNKS_PER_PAGE;
  return {
    ...bulkSummaryView(job),
    failures: lines.flatMap((line) => failureOf(line, finished) ?? []),
    claims: lines
      .filter((line) => line.status === 'CANCELLED')
      .map((line) => ({ orderNo: line.orderNo, claimId: line.claimId! })),
    waiting: finished
      ? []
      : lines
          .filter((line) => line.status === 'PENDING')
          .map(({ line, orderNo, reason }) => ({ line, orderNo, reason })),
    lines: { from: from * BULK_CHUNK_LINES + 1, to: from * BULK_CHUNK_LINES + lines.length },
    nextCursor: next < job.chunks ? encodeCursor(next) : null,
  };
}

/** GET /bulk-cancellations: a seller's own jobs, or (operator) every seller's or one's, newest first. */
export async function listBulkCancellations(
  bulks: BulkStore,
  principal: Principal,
  query: Omit<BulkQuery, 'sellerId'> & { sellerId?: string },
  page: PageRequest,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('Bulk cancellations are the sellers’.');
  const sellerId = principal.role === 'seller' ? principal.id : query.sellerId;
  const found = await bulks.listBulks(
    { ...(sellerId ? { sellerId } : {}), ...(query.status ? { status: query.status } : {}) },
    page,
  );
  return { items: found.items.map(bulkSummaryView), nextCursor: found.nextCursor };
}
