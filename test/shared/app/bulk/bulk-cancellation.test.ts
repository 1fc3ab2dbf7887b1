// The bulk cancellation's use cases against fakes: submitting (what is checked up front), the
// decisions on a waiting job, working its lines (exactly once, however often a step runs), and
// how it ends.
import { describe, expect, it } from 'vitest';
import { awaitBulkApproval } from '../../../../shared/app/bulk/await-bulk-approval.js';
import { viewBulkCancellation } from '../../../../shared/app/bulk/bulk-view.js';
import { cancelBulkLines } from '../../../../shared/app/bulk/cancel-bulk-lines.js';
import { cancelBulkCancellation, decideBulkCancellation } from '../../../../shared/app/bulk/decide-bulk.js';
import { finishBulk } from '../../../../shared/app/bulk/finish-bulk.js';
import { submitBulkCancellation, type BulkSubmission } from '../../../../shared/app/bulk/submit-bulk.js';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  StatusConflictError,
} from '../../../../shared/app/common/errors.js';
import { ConcurrentChangeError } from '../../../../shared/app/ports/port-errors.js';
import { DEFAULT_SELLER_CANCEL_POLICY } from '../../../../shared/domain/seller-policy.js';
import { FakeAccountLimits } from '../../../support/fake-account-limits.js';
import { FakeBulkStore } from '../../../support/fake-bulk-store.js';
import { aSellerProfile, NOW } from '../../../support/fixtures.js';
import { caught, OPERATOR, SELLER } from '../../../support/principals.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

function bulkWorld(approvalThreshold = 50) {
  const base = world();
  const bulks = new FakeBulkStore();
  const deps = {
    ...base,
    bulks,
    approvalThreshold,
    approvalWaitSeconds: 3600,
    policy: DEFAULT_SELLER_CANCEL_POLICY,
    operatorEmail: 'operators@shop.example',
    lineConcurrency: 4,
    limits: new FakeAccountLimits(),
    workBudgetMs: 60_000,
    inFlightPollMs: 0,
  };
  return { ...base, bulks, deps };
}

/** A clock that moves only when the step sleeps: each sleep is recorded, at the time it began. */
function virtualTime() {
  let now = 0;
  const sleeps: { at: number; ms: number }[] = [];
  return {
    sleeps,
    nowMs: () => now,
    sleep: async (ms: number) => {
      sleeps.push({ at: now, ms });
      now += ms;
    },
  };
}

const submission = (orderNos: string[], overrides: Partial<BulkSubmission> = {}): BulkSubmission => ({
  orders: orderNos.map((orderNo) => ({ orderNo })),
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れのためキャンセルいたします。',
  notice: { title: 'ご注文 {orderNo} のお詫び', body: 'ご注文 {orderNo} をキャンセルいたします。', alsoEmail: true },
  ...overrides,
});

async function orders(store: ReturnType<typeof world>['store'], n: number, overrides = {}) {
  return Promise.all(Array.from({ length: n }, () => seedOrder(store, { sellerId: 'S-1', ...overrides })));
}

/** Runs the workflow's loop as Step Functions would, to the end. */
async function runLines(deps: ReturnType<typeof bulkWorld>['deps'], bulkId: string) {
  for (let step = 0; step < 1000; step++) if (!(await cancelBulkLines(deps, bulkId, NOW)).more) return;
  throw new Error('the loop did not end');
}

describe('submitting a bulk cancellation', () => {
  it(
    'stores every line in chunks, answers at once and starts its run; unknown and not cancellable lines are failed ' +
      'with why',
    async () => {
      const { store, bulks, workflows, deps } = bulkWorld();
      const mine = await orders(store, 2);
      const shipped = await seedOrder(store, { sellerId: 'S-1', status: 'IN_TRANSIT' });

      const answer = await submitBulkCancellation(
        deps,
        SELLER,
        submission([mine[0]!.orderNo, 'NO-SUCH', shipped.orderNo, mine[1]!.orderNo]),
        NOW,
      );

      expect(answer).toEqual({ bulkId: expect.stringMatching(/^BC-/), status: 'RUNNING', total: 4, failed: 2 });
      const job = (await bulks.getBulk(answer.bulkId))!;
      expect(job).toMatchObject({ total: 4, done: 0, failed: 2, chunks: 1, nextChunk: 0, approvalRequired: false });
      const [chunk] = await bulks.getChunks(answer.bulkId, 0, 1);
      expect(chunk!.lines.map((line) => [line.line, line.status, line.failure?.code])).toEqual([
        [1, 'PENDING', undefined],
        [2, 'FAILED', 'UNKNOWN_ORDER'],
        [3, 'FAILED', 'NOT_CANCELLABLE'],
        [4, 'PENDING', undefined],
      ]);
      expect(workflows.started).toEqual([
        {
          run: { workflow: 'bulkCancellation', name: answer.bulkId },
          input: {
            bulkId: answer.bulkId,
            correlationId: answer.bulkId,
            approvalRequired: false,
            approvalWaitSeconds: 3600,
          },
        },
      ]);
      // Nothing was cancelled yet: that is the workflow's.
      expect(store.claims.size).toBe(0);
    },
  );

  it('10,000 lines are 100 chunks of 100', async () => {
    const { store, bulks, deps } = bulkWorld(20_000);
    const many = Array.from({ length: 10_000 }, (_, i) => `N-${i}`);
    await orders(store, 1);
    const answer = await submitBulkCancellation(deps, SELLER, submission(many), NOW);
    const job = (await bulks.getBulk(answer.bulkId))!;
    expect(job.chunks).toBe(100);
    expect(
      (await bulks.getChunks(answer.bulkId, 99, 5)).map((chunk) => [
        chunk.index,
        chunk.lines[0]!.line,
        chunk.lines.length,
      ]),
    ).toEqual([[99, 9901, 100]]);
    expect(job.status).toBe('FAILED'); // none of them exists
  });

  it('over the threshold it waits for an operator', async () => {
    const { store, deps } = bulkWorld(2);
    const three = await orders(store, 3);
    expect((await submitBulkCancellation(deps, SELLER, submission(three.map((o) => o.orderNo)), NOW)).status).toBe(
      'AWAITING_APPROVAL',
    );
  });

  it(
    'another seller’s order is a line of an unknown order, word for word: a job cannot probe what ' + 'exists',
    async () => {
      const { store, bulks, deps } = bulkWorld();
      const [order] = await orders(store, 1);
      const theirs = await seedOrder(store, { sellerId: 'S-2' });

      const answer = await submitBulkCancellation(
        deps,
        SELLER,
        submission([order!.orderNo, theirs.orderNo, 'NO-SUCH']),
        NOW,
      );

      const [chunk] = await bulks.getChunks(answer.bulkId, 0, 1);
      const [, foreign, unknown] = chunk!.lines;
      expect(foreign!.failure).toEqual({ code: 'UNKNOWN_ORDER', detail: `No order ${theirs.orderNo}.` });
      expect({ ...foreign!.failure, detail: foreign!.failure!.detail.replace(theirs.orderNo, 'X') }).toEqual({
        ...unknown!.failure,
        detail: unknown!.failure!.detail.replace('NO-SUCH', 'X'),
      });
      expect((await store.getOrder(theirs.orderNo))!.openClaimId).toBeUndefined();
    },
  );

  it(
    'refuses, storing nothing: duplicates, a missing reason, a buyer-fault reason, personal data, a ' + 'buyer',
    async () => {
      const { store, bulks, workflows, deps } = bulkWorld();
      const [order] = await orders(store, 1);

      const duplicate = await caught(
        submitBulkCancellation(deps, SELLER, submission([order!.orderNo, order!.orderNo]), NOW),
        InvalidInputError,
      );
      expect(duplicate.errors).toEqual([{ path: 'orders[1].orderNo', message: `${order!.orderNo} is also on line 1` }]);
      await caught(
        submitBulkCancellation(deps, SELLER, submission([order!.orderNo], { reason: undefined }), NOW),
        InvalidInputError,
      );
      const buyerFault = await caught(
        submitBulkCancellation(deps, SELLER, submission([order!.orderNo], { reason: 'BUYER_CHANGED_MIND' }), NOW),
        RefusedError,
      );
      expect(buyerFault.refusal).toMatchObject({ rule: 'BUYER_REQUEST_REQUIRED' });
      const personal = await caught(
        submitBulkCancellation(
          deps,
          SELLER,
          submission([order!.orderNo], { sellerMemo: `連絡先 ${order!.buyer.email}` }),
          NOW,
        ),
        RefusedError,
      );
      expect(personal.refusal).toMatchObject({ rule: 'PERSONAL_DATA' });
      await caught(
        submitBulkCancellation(deps, { role: 'buyer', id: 'B-1' }, submission([order!.orderNo]), NOW),
        ForbiddenError,
      );

      expect(bulks.jobs.size).toBe(0);
      expect(bulks.chunks.size).toBe(0);
      expect(workflows.started).toEqual([]);
    },
  );

  it(
    'a run that will not start: the job says FAILED, nothing was cancelled, and its lines can be submitted ' + 'again',
    async () => {
      const { store, bulks, workflows, deps } = bulkWorld();
      const two = await orders(store, 2);
      workflows.failStarts = 1;
      const answer = await submitBulkCancellation(deps, SELLER, submission(two.map((o) => o.orderNo)), NOW);
      expect(answer.status).toBe('FAILED');
      expect((await bulks.getBulk(answer.bulkId))!.failure).toMatchObject({ code: 'NOT_STARTED' });
      const view = await viewBulkCancellation(bulks, SELLER, answer.bulkId, undefined);
      expect(view.failures.map((f) => f.code)).toEqual(['NOT_RUN', 'NOT_RUN']);

      const again = await submitBulkCancellation(
        deps,
        SELLER,
        { ...submission([]), orders: undefined, retryOf: answer.bulkId },
        NOW,
      );
      expect(again).toMatchObject({ status: 'RUNNING', total: 2 });
    },
  );
});

describe('working the lines', () => {
  it(
    'each pending line becomes a seller cancellation with its own claim, id fixed by job and line, its notice ' +
      'filled in',
    async () => {
      const { store, bulks, workflows, deps } = bulkWorld();
      const two = await orders(store, 2);
      const { bulkId } = await submitBulkCancellation(
        deps,
        SELLER,
        submission([two[0]!.orderNo, 'NO-SUCH', two[1]!.orderNo]),
        NOW,
      );

      expect(await cancelBulkLines(deps, bulkId, NOW)).toEqual({
        bulkId,
        more: false,
        done: 2,
        failed: 1,
        waitSeconds: 0,
      });

      const claim = (await store.getClaim(`C-${bulkId}-L00001`))!;
      expect(claim).toMatchObject({
        type: 'SELLER_CANCEL',
        status: 'REQUESTED',
        orderNo: two[0]!.orderNo,
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
        correlationId: bulkId,
      });
      const notice = [...store.messages.values()].find((message) => message.messageId === claim.noticeMessageId)!;
      expect(notice.title).toBe(`ご注文 ${two[0]!.orderNo} のお詫び`);
      expect(workflows.started.filter((s) => s.run.workflow === 'settleClaim').map((s) => s.run.name)).toEqual([
        `C-${bulkId}-L00001`,
        `C-${bulkId}-L00003`,
      ]);
      expect((await bulks.getBulk(bulkId))!).toMatchObject({ done: 2, failed: 1, nextChunk: 1 });
    },
  );

  it('a step tried again after it opened the claims but before it saved the chunk opens nothing twice', async () => {
    const { store, bulks, workflows, deps } = bulkWorld();
    const three = await orders(store, 3);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(three.map((o) => o.orderNo)), NOW);
    bulks.beforeSave = () => {
      bulks.beforeSave = undefined;
      throw new Error('Lambda timed out');
    };

    await expect(cancelBulkLines(deps, bulkId, NOW)).rejects.toThrow('Lambda timed out');
    expect(store.claims.size).toBe(3);
    const result = await cancelBulkLines(deps, bulkId, NOW);

    expect(result).toEqual({ bulkId, more: false, done: 3, failed: 0, waitSeconds: 0 });
    expect(store.claims.size).toBe(3);
    expect([...store.messages.values()].filter((m) => m.kind === 'SELLER_MESSAGE')).toHaveLength(3);
    // Started again by name: Step Functions runs a named execution once.
    expect(new Set(workflows.started.filter((s) => s.run.workflow === 'settleClaim').map((s) => s.run.name)).size).toBe(
      3,
    );
  });

  it(
    'two twins of the step (a retry while the first still runs): one chunk result is saved, the other fails and ' +
      'finds it',
    async () => {
      const { store, bulks, deps } = bulkWorld();
      const two = await orders(store, 2);
      const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(two.map((o) => o.orderNo)), NOW);

      const results = await Promise.allSettled([
        cancelBulkLines(deps, bulkId, NOW),
        cancelBulkLines(deps, bulkId, NOW),
      ]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrentChangeError);
      expect(store.claims.size).toBe(2);
      expect((await bulks.getBulk(bulkId))!).toMatchObject({ done: 2, failed: 0, nextChunk: 1 });
      // The retry of the loser finds nothing left.
      expect(await cancelBulkLines(deps, bulkId, NOW)).toMatchObject({ more: false, done: 2 });
    },
  );

  it(
    'an order changed after submission fails its line with why; an order only the operator may cancel goes to them ' +
      'as a claim',
    async () => {
      const { store, deps } = bulkWorld();
      const [order, coupon] = await Promise.all([
        seedOrder(store, { sellerId: 'S-1' }),
        seedOrder(store, { sellerId: 'S-1', coupon: { code: 'C10', sellerCancellable: false } }),
      ]);
      const { bulkId } = await submitBulkCancellation(deps, SELLER, submission([order.orderNo, coupon.orderNo]), NOW);
      const shipped = (await store.getOrder(order.orderNo))!;
      await store.commit(
        changeOf([{ entity: 'order', value: { ...shipped, status: 'IN_TRANSIT' }, from: shipped.status }]),
      );

      await cancelBulkLines(deps, bulkId, NOW);

      const view = await viewBulkCancellation(deps.bulks, SELLER, bulkId, undefined);
      expect(view.failures).toEqual([
        expect.objectContaining({ orderNo: order.orderNo, code: 'NOT_CANCELLABLE' }),
        expect.objectContaining({
          orderNo: coupon.orderNo,
          code: 'SELLER_CANNOT_CANCEL',
          claimId: `C-${bulkId}-L00002`,
        }),
      ]);
      expect((await store.getClaim(`C-${bulkId}-L00002`))!.status).toBe('NEEDS_OPERATOR');
    },
  );

  it('works one chunk a step, and a job of 250 lines ends after three', async () => {
    const { store, bulks, deps } = bulkWorld(1000);
    const many = await orders(store, 250);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
    const steps: boolean[] = [];
    for (let more = true; more; ) {
      more = (await cancelBulkLines(deps, bulkId, NOW)).more;
      steps.push(more);
    }
    expect(steps).toEqual([true, true, false]);
    expect((await bulks.getBulk(bulkId))!).toMatchObject({ done: 250, failed: 0, nextChunk: 3 });
    const page = await viewBulkCancellation(bulks, OPERATOR, bulkId, undefined);
    expect(page.claims).toHaveLength(250);
    expect(page.nextCursor).toBeNull();
  });

  it(
    'starts lines at its share of SES’s rate: at 15 e-mails a second, 4 lines a second (3 e-mails each, ' + '80%)',
    async () => {
      const { store, deps } = bulkWorld(1000);
      const many = await orders(store, 9);
      const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
      const time = virtualTime();
      const limits = new FakeAccountLimits({ maxSendRate: 15, max24HourSend: 50_000, sentLast24Hours: 0 });
      const starts: number[] = [];
      const opened = store.commit.bind(store);
      store.commit = async (change) => {
        if (change.writes.some((w) => w.entity === 'claim' && w.from === null)) starts.push(time.nowMs());
        return opened(change);
      };

      // One line at a time, so that the clock that moves only in sleeps is the step's own.
      expect(await cancelBulkLines({ ...deps, lineConcurrency: 1, limits, ...time }, bulkId, NOW)).toMatchObject({
        more: false,
        done: 9,
        waitSeconds: 0,
      });

      expect(starts).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    },
  );

  it(
    'keeps its running claims to its share of Lambda’s concurrency: 10 functions, 4 claims at once (half, less its ' +
      'own step)',
    async () => {
      const { store, deps } = bulkWorld(1000);
      const many = await orders(store, 10);
      const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
      const time = virtualTime();
      let mostRunning = 0;
      const running = () => [...store.claims.values()].filter((c) => c.status === 'REQUESTED').length;
      const opened = store.commit.bind(store);
      store.commit = async (writes) => {
        await opened(writes);
        mostRunning = Math.max(mostRunning, running());
      };
      // Each wait for room finds the oldest running claim completed, as its settle-claim run would leave it.
      const sleep = async (ms: number) => {
        await time.sleep(ms);
        const oldest = [...store.claims.values()].find((c) => c.status === 'REQUESTED');
        if (ms === 200 && oldest) store.claims.set(oldest.claimId, { ...oldest, status: 'COMPLETED' });
      };

      const result = await cancelBulkLines(
        { ...deps, limits: new FakeAccountLimits(undefined, 10), inFlightPollMs: 200, sleep, nowMs: time.nowMs },
        bulkId,
        NOW,
      );

      expect(result).toMatchObject({ more: false, done: 10 });
      expect(mostRunning).toBe(4);
      expect(time.sleeps.filter((s) => s.ms === 200).length).toBeGreaterThanOrEqual(6);
    },
  );

  it('works for its time budget and leaves the rest of the chunk pending for the next step', async () => {
    const { store, bulks, deps } = bulkWorld(1000);
    const many = await orders(store, 20);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
    const time = virtualTime();
    const slow = {
      ...deps,
      limits: new FakeAccountLimits({ maxSendRate: 30, max24HourSend: 50_000, sentLast24Hours: 0 }),
      workBudgetMs: 1000,
      ...time,
    };

    const first = await cancelBulkLines(slow, bulkId, NOW);

    expect(first).toMatchObject({ more: true, waitSeconds: 0 });
    expect(first.done).toBeGreaterThanOrEqual(8);
    expect(first.done).toBeLessThanOrEqual(10);
    expect((await bulks.getBulk(bulkId))!.nextChunk).toBe(0);
    expect(await cancelBulkLines({ ...slow, workBudgetMs: 60_000 }, bulkId, NOW)).toMatchObject({
      more: false,
      done: 20,
    });
    expect((await bulks.getBulk(bulkId))!.nextChunk).toBe(1);
    expect(store.claims.size).toBe(20);
  });

  it('stops for the day when SES’s daily quota is spent, and waits 10 minutes before it looks again', async () => {
    const { store, deps } = bulkWorld(1000);
    const many = await orders(store, 5);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
    const limits = new FakeAccountLimits({ maxSendRate: 14, max24HourSend: 50_000, sentLast24Hours: 49_998 });

    expect(await cancelBulkLines({ ...deps, limits }, bulkId, NOW)).toMatchObject({
      more: true,
      done: 0,
      waitSeconds: 600,
    });
    expect(store.claims.size).toBe(0);

    // 9 e-mails left: 80% of them is two lines' worth.
    limits.quota = { ...limits.quota, sentLast24Hours: 49_991 };
    expect(await cancelBulkLines({ ...deps, limits }, bulkId, NOW)).toMatchObject({ more: true, done: 2 });
  });

  it('a job that is not RUNNING is not worked', async () => {
    const { store, deps } = bulkWorld(1);
    const two = await orders(store, 2);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(two.map((o) => o.orderNo)), NOW);
    expect(await cancelBulkLines(deps, bulkId, NOW)).toMatchObject({ more: false, done: 0 });
    expect(store.claims.size).toBe(0);
  });
});

describe('the decisions on a waiting job', () => {
  async function waiting() {
    const w = bulkWorld(1);
    const two = await orders(w.store, 2);
    const { bulkId } = await submitBulkCancellation(w.deps, SELLER, submission(two.map((o) => o.orderNo)), NOW);
    return { ...w, bulkId, two };
  }

  it(
    'an approval whose wake Step Functions does not take is answered, and stands: the wait finds it when it next ' +
      'ends',
    async () => {
      const { bulks, workflows, deps, bulkId } = await waiting();
      workflows.openTokens.add('TOKEN-1');
      await awaitBulkApproval(deps, bulkId, 'TOKEN-1', NOW);
      workflows.failWakes = 1;

      expect(await decideBulkCancellation(deps, OPERATOR, bulkId, { decision: 'APPROVE' }, NOW)).toEqual({
        bulkId,
        status: 'RUNNING',
      });
      expect((await bulks.getBulk(bulkId))!.status).toBe('RUNNING');
      // The wait's next run wakes itself at once with the decision already made.
      expect(await awaitBulkApproval(deps, bulkId, 'TOKEN-2', NOW)).toEqual({ bulkId, waiting: false });
    },
  );

  it('the wait keeps the token and asks the operator once; the approval wakes it and the lines run', async () => {
    const { bulks, workflows, mailer, deps, bulkId, store } = await waiting();
    workflows.openTokens.add('TOKEN-1');
    expect(await awaitBulkApproval(deps, bulkId, 'TOKEN-1', NOW)).toEqual({ bulkId, waiting: true });
    expect(await awaitBulkApproval(deps, bulkId, 'TOKEN-1', NOW)).toEqual({ bulkId, waiting: true });
    expect(mailer.sent.filter((mail) => mail.to === 'operators@shop.example')).toHaveLength(1);
    expect(await bulks.bulkWaitToken(bulkId)).toBe('TOKEN-1');
    expect(JSON.stringify(await viewBulkCancellation(bulks, OPERATOR, bulkId, undefined))).not.toContain('TOKEN-1');

    expect(await decideBulkCancellation(deps, OPERATOR, bulkId, { decision: 'APPROVE' }, NOW)).toEqual({
      bulkId,
      status: 'RUNNING',
    });
    expect(workflows.wakes).toEqual([{ taskToken: 'TOKEN-1', outcome: { output: { decision: 'APPROVE' } } }]);
    await runLines(deps, bulkId);
    expect(store.claims.size).toBe(2);
  });

  it('decided before the token was kept: the wait wakes the workflow at once', async () => {
    const { workflows, deps, bulkId } = await waiting();
    await decideBulkCancellation(deps, OPERATOR, bulkId, { decision: 'REFUSE', reason: 'not now' }, NOW);
    expect(await awaitBulkApproval(deps, bulkId, 'TOKEN-2', NOW)).toEqual({ bulkId, waiting: false });
    expect(workflows.wakes).toEqual([{ taskToken: 'TOKEN-2', outcome: { output: { decision: 'REFUSED' } } }]);
  });

  it(
    'a seller may not approve; an operator may not call it off; another seller finds no such job; a second ' +
      'decision is a conflict',
    async () => {
      const { deps, bulkId } = await waiting();
      await caught(decideBulkCancellation(deps, SELLER, bulkId, { decision: 'APPROVE' }, NOW), ForbiddenError);
      await caught(cancelBulkCancellation(deps, OPERATOR, bulkId, NOW), ForbiddenError);
      // Another seller's job is answered as an unknown one.
      await caught(cancelBulkCancellation(deps, { role: 'seller', id: 'S-2' }, bulkId, NOW), NotFoundError);
      expect(await cancelBulkCancellation(deps, SELLER, bulkId, NOW)).toEqual({ bulkId, status: 'CANCELLED' });
      const conflict = await caught(
        decideBulkCancellation(deps, OPERATOR, bulkId, { decision: 'APPROVE' }, NOW),
        StatusConflictError,
      );
      expect(conflict.currentStatus).toBe('CANCELLED');
    },
  );

  it('an approval racing the seller’s cancellation: exactly one wins', async () => {
    const { bulks, deps, bulkId } = await waiting();
    const results = await Promise.allSettled([
      decideBulkCancellation(deps, OPERATOR, bulkId, { decision: 'APPROVE' }, NOW),
      cancelBulkCancellation(deps, SELLER, bulkId, NOW),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(['RUNNING', 'CANCELLED']).toContain((await bulks.getBulk(bulkId))!.status);
  });
});

describe('finishing', () => {
  it(
    'every line worked: COMPLETED_WITH_FAILURES with one summary to the seller’s profile address, in its language, ' +
      'however often the step runs',
    async () => {
      const { store, bulks, mailer, profiles, deps } = bulkWorld();
      profiles.profiles.set(
        'S-1',
        aSellerProfile({ storeName: 'Seoul Mug', contactEmail: 'shop@seller.example', language: 'en' }),
      );
      const [order] = await orders(store, 1);
      const { bulkId } = await submitBulkCancellation(deps, SELLER, submission([order!.orderNo, 'NO-SUCH']), NOW);
      await runLines(deps, bulkId);

      expect(await finishBulk(deps, bulkId, undefined, NOW)).toEqual({ bulkId, status: 'COMPLETED_WITH_FAILURES' });
      expect(await finishBulk(deps, bulkId, undefined, NOW)).toEqual({ bulkId, status: 'COMPLETED_WITH_FAILURES' });

      const summaries = mailer.sent.filter((mail) => mail.to === 'shop@seller.example');
      expect(summaries).toHaveLength(1);
      expect(summaries[0]!.email.subject).toBe(
        `[Qoo10 QSM] Bulk cancellation ${bulkId}: some orders could not be cancelled`,
      );
      expect(summaries[0]!.email.text).toContain('2 orders: 1 cancelled, 1 not');
      expect((await bulks.getBulk(bulkId))!).toMatchObject({
        summary: { status: 'SENT' },
        finishedAt: NOW.toISOString(),
      });
    },
  );

  it('no operator decided in time: REFUSED by expiry', async () => {
    const { store, bulks, deps } = bulkWorld(0);
    const [order] = await orders(store, 1);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission([order!.orderNo]), NOW);
    await finishBulk(deps, bulkId, { Error: 'States.Timeout' }, NOW);
    expect((await bulks.getBulk(bulkId))!).toMatchObject({
      status: 'REFUSED',
      decision: { decision: 'EXPIRE' },
      summary: { status: 'SENT' },
    });
  });

  it('a step that failed for good: what was done stays done, the rest is reported as not run', async () => {
    const { store, bulks, deps } = bulkWorld(1000);
    const many = await orders(store, 150);
    const { bulkId } = await submitBulkCancellation(deps, SELLER, submission(many.map((o) => o.orderNo)), NOW);
    await cancelBulkLines(deps, bulkId, NOW);

    await finishBulk(
      deps,
      bulkId,
      { Error: 'Error', Cause: JSON.stringify({ errorMessage: 'DynamoDB unavailable' }) },
      NOW,
    );

    const job = (await bulks.getBulk(bulkId))!;
    expect(job).toMatchObject({
      status: 'COMPLETED_WITH_FAILURES',
      done: 100,
      failure: { code: 'STOPPED', detail: 'Error: DynamoDB unavailable' },
    });
    const view = await viewBulkCancellation(bulks, SELLER, bulkId, undefined);
    expect(view.failures.filter((f) => f.code === 'NOT_RUN')).toHaveLength(50);
  });
});
