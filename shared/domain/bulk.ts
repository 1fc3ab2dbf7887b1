// A bulk cancellation (the guide: a seller who must cancel many orders at once tells the
// marketplace first): one job over many orders, each cancelled as a single seller cancellation
// would be. Its lines are kept in chunks, so a job of 10,000 is 100 small items, read and written
// a chunk at a time, while the job itself keeps the counts that show its progress.

import type { CancelReason } from './reasons.js';

export const BULK_STATUSES = [
  'VALIDATING',
  'AWAITING_APPROVAL',
  'RUNNING',
  'COMPLETED',
  'COMPLETED_WITH_FAILURES',
  'FAILED',
  'REFUSED',
  'CANCELLED',
] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export const FINISHED_BULK_STATUSES: readonly BulkStatus[] = [
  'COMPLETED',
  'COMPLETED_WITH_FAILURES',
  'FAILED',
  'REFUSED',
  'CANCELLED',
];

/** 1 to 10,000 orders in one job. */
export const MAX_BULK_LINES = 10_000;
/** Lines per stored chunk, and per step of the workflow: one chunk is read, worked and written at a time. */
export const BULK_CHUNK_LINES = 100;
/** The operator approves a job over this many orders (the default). */
export const DEFAULT_BULK_APPROVAL_THRESHOLD = 50;

export type BulkLineStatus = 'PENDING' | 'CANCELLED' | 'FAILED';

export interface BulkLine {
  /** 1-based, in the order the seller gave. */
  line: number;
  orderNo: string;
  reason: CancelReason;
  status: BulkLineStatus;
  /** The claim that cancels it; on a failed line, the operator's claim it went to, if any. */
  claimId?: string;
  /** Why it was not cancelled (FAILED only). */
  failure?: { code: string; detail: string };
}

export interface BulkChunk {
  bulkId: string;
  index: number;
  lines: BulkLine[];
  version: number;
}

export interface BulkDecision {
  decision: 'APPROVE' | 'REFUSE' | 'CANCEL' | 'EXPIRE';
  by: { role: string; id: string };
  at: string;
  reason?: string;
}

export interface BulkCancellation {
  bulkId: string;
  sellerId: string;
  status: BulkStatus;
  total: number;
  /** Lines cancelled so far: their claims are open and their workflows started. */
  done: number;
  /** Lines that will not be cancelled by this job, each with its reason. */
  failed: number;
  chunks: number;
  /** The first chunk with lines still PENDING (= chunks when none are left). */
  nextChunk: number;
  sellerMemo: string;
  /** `{orderNo}` in the title or body becomes each order's number. */
  notice: { title: string; body: string; alsoEmail: boolean };
  approvalRequired: boolean;
  decision?: BulkDecision;
  submittedBy: { role: string; id: string };
  /** The job whose failed lines this one retries. */
  retryOf?: string;
  correlationId?: string;
  /** When the operator was asked to approve (once, however often the step runs). */
  approvalRequestedAt?: string;
  summary?: { status: 'SENT' | 'FAILED' | 'NO_ADDRESS'; at: string };
  failure?: { code: string; detail: string };
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  version: number;
}

/** The job's lines in chunks of {@link BULK_CHUNK_LINES}. */
export function chunkLines(bulkId: string, lines: BulkLine[]): BulkChunk[] {
  const chunks: BulkChunk[] = [];
  for (let start = 0; start < lines.length; start += BULK_CHUNK_LINES) {
    chunks.push({ bulkId, index: chunks.length, lines: lines.slice(start, start + BULK_CHUNK_LINES), version: 0 });
  }
  return chunks;
}

/** Lines given twice: each order is cancelled once, so a duplicate is the seller's mistake to see. */
export function duplicateLines(orderNos: readonly string[]): { line: number; orderNo: string; firstLine: number }[] {
  const first = new Map<string, number>();
  const duplicates: { line: number; orderNo: string; firstLine: number }[] = [];
  orderNos.forEach((orderNo, i) => {
    const seen = first.get(orderNo);
    if (seen === undefined) first.set(orderNo, i + 1);
    else duplicates.push({ line: i + 1, orderNo, firstLine: seen });
  });
  return duplicates;
}

/** The notice for one order: `{orderNo}` replaced by its number. */
export function noticeFor(notice: BulkCancellation['notice'], orderNo: string): BulkCancellation['notice'] {
  const fill = (text: string) => text.replaceAll('{orderNo}', orderNo);
  return { title: fill(notice.title), body: fill(notice.body), alsoEmail: notice.alsoEmail };
}

/**
 * A line's claim id, the same on every try: a step retried after it opened the claim finds it
 * instead of opening another. `BC-…` bulk ids make `C-BC-…-L00042`.
 */
export const lineClaimId = (bulkId: string, line: number) => `C-${bulkId}-L${String(line).padStart(5, '0')}`;

/** How a job ends once no line is pending: every line cancelled, some, or none. */
export function finishedStatus(job: Pick<BulkCancellation, 'done' | 'failed' | 'total'>): BulkStatus {
  if (job.failed === 0) return 'COMPLETED';
  return job.done > 0 ? 'COMPLETED_WITH_FAILURES' : 'FAILED';
}

/** The chunk's lines after some were worked: the job's counts move by as many. */
export function countsOf(lines: readonly BulkLine[]): { done: number; failed: number; pending: number } {
  let done = 0;
  let failed = 0;
  for (const line of lines) {
    if (line.status === 'CANCELLED') done++;
    else if (line.status === 'FAILED') failed++;
  }
  return { done, failed, pending: lines.length - done - failed };
}
