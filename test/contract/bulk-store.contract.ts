// The BulkStore port's contract, run against the in-memory fake (test/shared/contract) and the
// DynamoDB store over DynamoDB Local (test/e2e), so that the fake cannot drift. The table is shared
// with the rest of the stack: each test uses its own seller and job ids.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BulkStore } from '../../shared/app/ports/bulk-store.js';
import { ConcurrentChangeError, InvalidCursorError } from '../../shared/app/ports/port-errors.js';
import { bulkEvents } from '../../shared/app/changes/integration-events.js';
import {
  chunkLines,
  type BulkChunk,
  type BulkCancellation,
  type BulkLine,
  type BulkStatus,
} from '../../shared/domain/bulk.js';
import { aBulkJob } from '../support/fixtures.js';

export type MakeBulkStore = () => Promise<{ bulks: BulkStore }>;

const tag = () => randomBytes(5).toString('hex').toUpperCase();

// As the use cases do: each write with the events it publishes.
const create = (bulks: BulkStore, job: BulkCancellation, chunks: BulkChunk[]) =>
  bulks.createBulk(job, chunks, bulkEvents(job, null));
const save = (bulks: BulkStore, job: BulkCancellation, from: BulkStatus, chunk?: BulkChunk) =>
  bulks.saveBulk(job, bulkEvents(job, from), chunk);

const lines = (n: number): BulkLine[] =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 1,
    orderNo: `O-${i + 1}`,
    reason: 'OUT_OF_STOCK',
    status: 'PENDING',
  }));

export function bulkStoreContract(name: string, make: MakeBulkStore) {
  describe(`${name} keeps the BulkStore contract`, () => {
    it(
      'a new job with its chunks reads back as written, at version 1; a second create of the same job is a ' +
        'concurrent change',
      async () => {
        const { bulks } = await make();
        const job = aBulkJob({ total: 250, chunks: 3 });
        const chunks = chunkLines(job.bulkId, lines(250));
        await create(bulks, job, chunks);
        expect(await bulks.getBulk(job.bulkId)).toEqual({ ...job, version: 1 });
        const read = await bulks.getChunks(job.bulkId, 1, 5);
        expect(read.map((chunk) => [chunk.index, chunk.lines.length, chunk.lines[0]!.line, chunk.version])).toEqual([
          [1, 100, 101, 1],
          [2, 50, 201, 1],
        ]);
        await expect(create(bulks, job, chunks)).rejects.toBeInstanceOf(ConcurrentChangeError);
        expect(await bulks.getBulk('BC-NOSUCH')).toBeUndefined();
        expect(await bulks.getChunks(job.bulkId, 3, 1)).toEqual([]);
      },
    );

    it('a save checks the job’s version and the chunk’s, writing both or neither', async () => {
      const { bulks } = await make();
      const job = aBulkJob();
      await create(bulks, job, chunkLines(job.bulkId, lines(2)));
      const stored = (await bulks.getBulk(job.bulkId))!;
      const [chunk] = await bulks.getChunks(job.bulkId, 0, 1);
      const worked = {
        ...chunk!,
        lines: chunk!.lines.map((line) => ({ ...line, status: 'CANCELLED' as const, claimId: `C-${line.line}` })),
      };

      await save(bulks, { ...stored, done: 2, nextChunk: 1 }, stored.status, worked);
      expect((await bulks.getBulk(job.bulkId))!).toMatchObject({ done: 2, nextChunk: 1, version: 2 });
      expect((await bulks.getChunks(job.bulkId, 0, 1))[0]).toMatchObject({
        version: 2,
        lines: [
          { status: 'CANCELLED', claimId: 'C-1' },
          { status: 'CANCELLED', claimId: 'C-2' },
        ],
      });

      // A stale job, or a stale chunk: neither is written.
      await expect(save(bulks, { ...stored, done: 9 }, stored.status, worked)).rejects.toBeInstanceOf(
        ConcurrentChangeError,
      );
      const now = (await bulks.getBulk(job.bulkId))!;
      await expect(save(bulks, { ...now, done: 9 }, now.status, worked)).rejects.toBeInstanceOf(ConcurrentChangeError);
      expect((await bulks.getBulk(job.bulkId))!).toMatchObject({ done: 2, version: 2 });
    });

    it('the wait token is kept beside the job, whose version goes up with it', async () => {
      const { bulks } = await make();
      const job = aBulkJob({ status: 'AWAITING_APPROVAL', approvalRequired: true });
      await create(bulks, job, chunkLines(job.bulkId, lines(1)));
      const stored = (await bulks.getBulk(job.bulkId))!;
      expect(await bulks.bulkWaitToken(job.bulkId)).toBeUndefined();
      await bulks.saveBulkWait(stored, 'TOKEN');
      expect(await bulks.bulkWaitToken(job.bulkId)).toBe('TOKEN');
      expect((await bulks.getBulk(job.bulkId))!.version).toBe(2);
      await expect(bulks.saveBulkWait(stored, 'OTHER')).rejects.toBeInstanceOf(ConcurrentChangeError);
      expect(JSON.stringify(await bulks.getBulk(job.bulkId))).not.toContain('TOKEN');
    });

    it(
      'a seller’s jobs newest first, a page at a time, by status too; jobs waiting for approval are ' + 'counted',
      async () => {
        const { bulks } = await make();
        const sellerId = `S-${tag()}`;
        const jobs = [1, 2, 3].map((day) =>
          aBulkJob({
            sellerId,
            createdAt: `2026-11-2${day}T00:00:00.000Z`,
            status: day === 2 ? 'AWAITING_APPROVAL' : 'RUNNING',
          }),
        );
        for (const job of jobs) await create(bulks, job, chunkLines(job.bulkId, lines(1)));

        const first = await bulks.listBulks({ sellerId }, { limit: 2 });
        expect(first.items.map((j) => j.bulkId)).toEqual([jobs[2]!.bulkId, jobs[1]!.bulkId]);
        const second = await bulks.listBulks(
          { sellerId },
          { limit: 2, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) },
        );
        expect(second.items.map((j) => j.bulkId)).toEqual([jobs[0]!.bulkId]);
        expect(second.nextCursor).toBeNull();
        expect(
          (await bulks.listBulks({ sellerId, status: 'AWAITING_APPROVAL' }, { limit: 10 })).items.map((j) => j.bulkId),
        ).toEqual([jobs[1]!.bulkId]);
        expect(await bulks.countAwaitingApproval(sellerId)).toBe(1);

        const waiting = (await bulks.getBulk(jobs[1]!.bulkId))!;
        await save(bulks, { ...waiting, status: 'RUNNING' }, waiting.status);
        expect(await bulks.countAwaitingApproval(sellerId)).toBe(0);
        await expect(bulks.listBulks({ sellerId }, { limit: 2, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      },
    );
  });
}
