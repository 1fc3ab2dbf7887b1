// cancel-lines, in workflows/bulk-cancellation.asl.json: the next chunk's pending lines, each
// cancelled exactly as a seller's single cancellation (the same rules, notice first, claim, refund
// by its payment method), then the chunk and the job's counts written together. Each line's claim
// id is fixed by its job and line, so a step tried again finds the claims it opened: no order is
// cancelled or refunded twice. Lines start at the account's pace (bulk-pace.ts): no faster than
// the job's share of SES's rate, with no more of its claims running than its share of Lambda's
// concurrency, and none once the day's quota is spent. A step works for a bounded time; what it
// leaves pending in its chunk, the next step works.

import { lineClaimId, noticeFor, countsOf, type BulkCancellation, type BulkLine } from '../../domain/bulk.js';
import type { Claim } from '../../domain/claim.js';
import { startCurrentRun } from '../claims/claim-runs.js';
import { requestSellerCancellation, type SellerClaimDeps } from '../claims/request-seller-claim.js';
import { ForbiddenError, NotFoundError, RefusedError } from '../common/errors.js';
import type { AccountLimits } from '../ports/account-limits.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { StepError } from '../common/step-errors.js';
import { bulkEvents } from '../changes/integration-events.js';
import { bulkPace, pacer, QUOTA_SPENT_WAIT_SECONDS } from './bulk-pace.js';

export interface BulkLineDeps extends SellerClaimDeps {
  bulks: BulkStore;
  limits: AccountLimits;
  /** Lines worked at once within a step. */
  lineConcurrency: number;
  /** How long a step starts lines before it hands back to the workflow (ms): well inside its timeout. */
  workBudgetMs: number;
  /** How often the job's running claims are read while it waits for one of them to end (ms). */
  inFlightPollMs: number;
  /** The clock the pace and the budget run on (tests give their own, with `sleep`). */
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
}

/** A line whose claim exists: cancelled by it, or handed to the operator by it. */
function lineOf(line: BulkLine, claim: Claim): BulkLine {
  if (claim.status === 'NEEDS_OPERATOR' || (claim.status === 'COMPLETED' && claim.type !== 'SELLER_CANCEL')) {
    return {
      ...line,
      status: 'FAILED',
      claimId: claim.claimId,
      failure: {
        code: 'SELLER_CANNOT_CANCEL',
        detail:
          `${claim.failure?.cause ?? 'Needs an operator.'} The case went to the operator as claim ` +
          `${claim.claimId}.`,
      },
    };
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
    const claim = await requestSellerCancellation(
      deps,
      seller,
      line.orderNo,
      {
        reason: line.reason,
        sellerMemo: job.sellerMemo,
        notice,
        claimId,
        correlationId: job.correlationId ?? job.bulkId,
      },
      now,
    );
    return lineOf(line, claim);
  } catch (error) {
    if (!(error instanceof RefusedError || error instanceof NotFoundError || error instanceof ForbiddenError))
      throw error;
    // Refused: because a twin of this step opened the claim meanwhile, or for the order's own reasons.
    const opened = await deps.store.getClaim(claimId);
    if (opened) return lineOf(line, opened);
    const code =
      error instanceof RefusedError
        ? error.refusal.kind === 'CONFLICT'
          ? 'NOT_CANCELLABLE'
          : error.refusal.rule
        : error instanceof NotFoundError
          ? 'UNKNOWN_ORDER'
          : 'NOT_YOUR_ORDER';
    return { ...line, status: 'FAILED', failure: { code, detail: error.message } };
  }
}

/**
 * Claims of the job that may still run a function: each holds at most one at a time, until it
 * closes or goes to the operator. One still open a while after its line started is waiting (a card
 * refund's webhook), not running, and no longer counts.
 */
class ClaimsInFlight {
  private readonly running = new Map<string, number>();

  constructor(
    private readonly store: ClaimStore,
    private readonly max: number,
    private readonly deps: { inFlightPollMs: number; sleep: (ms: number) => Promise<void>; nowMs: () => number },
  ) {}

  add(claimIds: (string | undefined)[]): void {
    for (const claimId of claimIds) if (claimId) this.running.set(claimId, this.deps.nowMs());
  }

  /** Waits until fewer than `max` of them run, and counts this one (the claim its line will open) among them. */
  async take(claimId: string): Promise<void> {
    for (let first = true; ; first = false) {
      for (const [id, since] of this.running) {
        if (this.deps.nowMs() - since > RUNNING_AT_MOST_MS) this.running.delete(id);
      }
      if (this.running.size >= this.max) {
        if (!first) await this.deps.sleep(this.deps.inFlightPollMs);
        const claims = await this.store.getClaims([...this.running.keys()]);
        const ended = claims.filter((claim) => !['REQUESTED', 'IN_PROGRESS'].includes(claim.status));
        for (const claim of ended) this.running.delete(claim.claimId);
      }
      // Checked and counted with nothing awaited between: lines worked at once cannot both take the last place.
      if (this.running.size < this.max) {
        this.running.set(claimId, this.deps.nowMs());
        return;
      }
    }
  }

  /** A line that opened no claim to run (failed, or the operator's) gives its place back. */
  release(claimId: string): void {
    this.running.delete(claimId);
  }
}

/** A claim's steps take seconds; one open longer waits for someone else (the card side's webhook). */
const RUNNING_AT_MOST_MS = 30_000;

export interface ChunkWorked {
  bulkId: string;
  more: boolean;
  done: number;
  failed: number;
  /** How long the workflow waits before the next step: the day's quota is spent. */
  waitSeconds: number;
}

export async function cancelBulkLines(deps: BulkLineDeps, bulkId: string, now: Date): Promise<ChunkWorked> {
  const nowMs = deps.nowMs ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const began = nowMs();
  const job = await deps.bulks.getBulk(bulkId);
  if (!job) throw new StepError('BulkNotFound', `No bulk cancellation ${bulkId}.`);
  // Refused, cancelled, or not approved in time: nothing to work, the workflow goes to finish.
  if (job.status !== 'RUNNING' || job.nextChunk >= job.chunks)
    return { bulkId, more: false, done: job.done, failed: job.failed, waitSeconds: 0 };
  const read = await deps.bulks.getChunks(bulkId, Math.max(0, job.nextChunk - 1), Math.min(2, job.nextChunk + 1));
  const previous = read.find((c) => c.index === job.nextChunk - 1);
  const chunk = read.find((c) => c.index === job.nextChunk);
  if (!chunk) throw new Error(`Bulk cancellation ${bulkId} has no chunk ${job.nextChunk}`);
  const pace = await bulkPace(deps.limits);
  if (pace.linesToday < 1) {
    return { bulkId, more: true, done: job.done, failed: job.failed, waitSeconds: QUOTA_SPENT_WAIT_SECONDS };
  }
  // The claims that may still run: the last ones started, by this chunk's earlier step or by the one before.
  const clock = { inFlightPollMs: deps.inFlightPollMs, sleep, nowMs };
  const inFlight = new ClaimsInFlight(deps.store, pace.maxInFlight, clock);
  const recent = [...(previous?.lines ?? []), ...chunk.lines];
  const started = recent.filter((line) => line.claimId && line.status === 'CANCELLED');
  inFlight.add(started.slice(-pace.maxInFlight).map((line) => line.claimId));
  const turn = pacer(pace.linesPerSecond, sleep, nowMs);
  const toWork = chunk.lines.filter((line) => line.status === 'PENDING').slice(0, pace.linesToday);
  const worked = new Map<number, BulkLine>();
  let taken = 0;
  // A few lines at once, each started at its turn and only when a claim of the job has room to run.
  await Promise.all(
    Array.from({ length: Math.min(deps.lineConcurrency, toWork.length) }, async () => {
      for (;;) {
        if (taken >= toWork.length || nowMs() - began > deps.workBudgetMs) return;
        const line = toWork[taken++]!;
        await turn();
        const claimId = lineClaimId(job.bulkId, line.line);
        await inFlight.take(claimId);
        // Out of time while it waited: the line stays pending, for the next step.
        if (nowMs() - began > deps.workBudgetMs) return inFlight.release(claimId);
        const result = await cancelLine(deps, job, line, now);
        if (result.status !== 'CANCELLED') inFlight.release(claimId);
        worked.set(line.line, result);
      }
    }),
  );
  const lines = chunk.lines.map((line) => worked.get(line.line) ?? line);
  const before = countsOf(chunk.lines);
  const after = countsOf(lines);
  const next: BulkCancellation = {
    ...job,
    done: job.done + after.done - before.done,
    failed: job.failed + after.failed - before.failed,
    // A chunk is left when none of its lines is pending; until then the next step works it on.
    nextChunk: after.pending === 0 ? job.nextChunk + 1 : job.nextChunk,
    updatedAt: now.toISOString(),
  };
  // Both or neither; a twin of this step that got here first makes this fail, and the retry reads its result.
  await deps.bulks.saveBulk(next, bulkEvents(next, job.status), { ...chunk, lines });
  return { bulkId, more: next.nextChunk < next.chunks, done: next.done, failed: next.failed, waitSeconds: 0 };
}
