// An in-memory BulkStore: versions checked on every write, as the DynamoDB one does (a contract
// suite runs against both).
import { numbered, type IntegrationEvent, type UnnumberedEvent } from '../../shared/app/ports/change-set.js';
import type { BulkCancellation, BulkChunk } from '../../shared/domain/bulk.js';
import { decodeCursor, encodeCursor } from '../../shared/adapters/dynamo-items.js';
import type { BulkQuery, BulkStore } from '../../shared/app/ports/bulk-store.js';
import type { Page, PageRequest } from '../../shared/app/ports/pages.js';
import { ConcurrentChangeError } from '../../shared/app/ports/port-errors.js';

const copy = <T>(value: T): T => structuredClone(value);
const sortKey = (job: BulkCancellation) => `BULK#${job.createdAt}#${job.bulkId}`;

export class FakeBulkStore implements BulkStore {
  readonly jobs = new Map<string, BulkCancellation>();
  readonly chunks = new Map<string, BulkChunk>();
  readonly waits = new Map<string, string>();
  /** The integration events of every write, numbered in their partitions, as the outbox holds them. */
  readonly published: IntegrationEvent[] = [];
  /** Called before each save is checked: lets a test race a save against another change. */
  beforeSave?: (job: BulkCancellation) => void | Promise<void>;

  private check(job: BulkCancellation): void {
    const stored = this.jobs.get(job.bulkId);
    if (job.version === 0 ? stored !== undefined : stored?.version !== job.version)
      throw new ConcurrentChangeError(`Bulk ${job.bulkId} changed since read`);
  }

  async createBulk(job: BulkCancellation, chunks: BulkChunk[], events: UnnumberedEvent[]): Promise<void> {
    this.check(job);
    for (const chunk of chunks) this.chunks.set(`${chunk.bulkId}#${chunk.index}`, copy({ ...chunk, version: 1 }));
    this.jobs.set(job.bulkId, copy({ ...job, version: 1 }));
    this.publish(events);
  }

  private publish(events: UnnumberedEvent[]): void {
    this.published.push(
      ...numbered(events, (partition) => this.published.filter((e) => e.partitionkey === partition).length),
    );
  }

  async getBulk(bulkId: string) {
    const job = this.jobs.get(bulkId);
    return job && copy(job);
  }

  async getChunks(bulkId: string, from: number, count: number) {
    const found: BulkChunk[] = [];
    for (let i = from; i < from + count; i++) {
      const chunk = this.chunks.get(`${bulkId}#${i}`);
      if (chunk) found.push(copy(chunk));
    }
    return found;
  }

  async listBulks(query: BulkQuery, page: PageRequest): Promise<Page<BulkCancellation>> {
    const after = decodeCursor(page.cursor, 'BULK#') ?? 'BULK#\uffff';
    const items = [...this.jobs.values()]
      .filter(
        (job) =>
          (!query.sellerId || job.sellerId === query.sellerId) &&
          (!query.status || job.status === query.status) &&
          sortKey(job) < after,
      )
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)))
      .slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(copy),
      nextCursor: items.length === page.limit && last ? encodeCursor(sortKey(last)) : null,
    };
  }

  async countAwaitingApproval(sellerId?: string) {
    return [...this.jobs.values()].filter(
      (job) => job.status === 'AWAITING_APPROVAL' && (!sellerId || job.sellerId === sellerId),
    ).length;
  }

  async saveBulk(job: BulkCancellation, events: UnnumberedEvent[], chunk?: BulkChunk): Promise<void> {
    await this.beforeSave?.(job);
    this.check(job);
    if (chunk) {
      const stored = this.chunks.get(`${chunk.bulkId}#${chunk.index}`);
      if (stored?.version !== chunk.version)
        throw new ConcurrentChangeError(`Chunk ${chunk.index} of ${chunk.bulkId} changed since read`);
      this.chunks.set(`${chunk.bulkId}#${chunk.index}`, copy({ ...chunk, version: chunk.version + 1 }));
    }
    this.jobs.set(job.bulkId, copy({ ...job, version: job.version + 1 }));
    this.publish(events);
  }

  async saveBulkWait(job: BulkCancellation, token: string): Promise<void> {
    this.check(job);
    this.waits.set(job.bulkId, token);
    this.jobs.set(job.bulkId, copy({ ...job, version: job.version + 1 }));
  }

  async bulkWaitToken(bulkId: string) {
    return this.waits.get(bulkId);
  }
}
