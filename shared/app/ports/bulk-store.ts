// The bulk cancellations: a job and its chunks of lines.

import type { BulkCancellation, BulkChunk, BulkStatus } from '../../domain/bulk.js';
import type { UnnumberedEvent } from '../ports/change-set.js';
import type { Page, PageRequest } from './pages.js';

export interface BulkQuery {
  /** One seller's jobs; every seller's when absent (operators). */
  sellerId?: string;
  status?: BulkStatus;
}

/**
 * Bulk cancellations: the job (its status and counts, read alone for progress) and its lines in
 * chunks. Every write is checked against the version read, as in {@link ClaimStore.commit}.
 */
export interface BulkStore {
  /** A new job with all its lines; the job is written last, so a job that exists has every line. */
  createBulk(job: BulkCancellation, chunks: BulkChunk[], events: UnnumberedEvent[]): Promise<void>;
  getBulk(bulkId: string): Promise<BulkCancellation | undefined>;
  /** Chunks `from` to `from + count - 1` (those that exist), in order. */
  getChunks(bulkId: string, from: number, count: number): Promise<BulkChunk[]>;
  /** Jobs by creation, newest first. */
  listBulks(query: BulkQuery, page: PageRequest): Promise<Page<BulkCancellation>>;
  /** Jobs waiting for an operator's approval (the operator's queue and counts). */
  countAwaitingApproval(sellerId?: string): Promise<number>;
  /**
   * The job, and a chunk with it, all or nothing; throws {@link ConcurrentChangeError} if either
   * changed since read; `events` are what the change publishes (bulkEvents).
   */
  saveBulk(job: BulkCancellation, events: UnnumberedEvent[], chunk?: BulkChunk): Promise<void>;
  /** Keeps the approval wait's task token beside the job, whose version goes up with it (like a `wait` write). */
  saveBulkWait(job: BulkCancellation, token: string): Promise<void>;
  bulkWaitToken(bulkId: string): Promise<string | undefined>;
}
