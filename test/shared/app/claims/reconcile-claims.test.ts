// The reconciler: a claim whose run never started gets it started; one whose run ended while the
// claim is open is closed (FAILED if nothing applied, NEEDS_OPERATOR if money is owed); an alert
// still pending is sent, once.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import { reconcileClaims } from '../../../../shared/app/claims/reconcile-claims.js';
import type { WorkflowRun } from '../../../../shared/app/ports/workflows.js';
import { FakeWorkflows } from '../../../support/fakes.js';
import { NOW, seedRequest } from '../../../support/world-claims.js';
import { seedClaim, world } from '../../../support/worlds.js';

const OPTIONS = { staleAfterSeconds: 300, maxClaims: 100 };
const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000);

/** Workflows that count how often each run's status is asked. */
class CountingWorkflows extends FakeWorkflows {
  readonly asked: string[] = [];
  override async status(run: WorkflowRun) {
    this.asked.push(run.name);
    return super.status(run);
  }
}

function setup() {
  const w = world();
  const workflows = new CountingWorkflows();
  return {
    ...w,
    workflows,
    deps: { store: w.store, workflows, alerts: w.alerts, timing: w.timing, nonReceiptTiming: w.nonReceiptTiming },
  };
}

describe('reconcileClaims', () => {
  it('starts the settle run of a claim whose start never reached Step Functions, once', async () => {
    const { store, workflows, deps } = setup();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });

    expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
      looked: 1,
      checked: 1,
      started: [claim.claimId],
      woken: [],
      stepped: [],
      closed: [],
      alerted: [],
    });
    expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
    expect(workflows.started[0]!.input).toMatchObject({ claimId: claim.claimId });

    expect(await reconcileClaims(deps, OPTIONS, minutesLater(5))).toEqual({
      looked: 1,
      checked: 1,
      started: [],
      woken: [],
      stepped: [],
      closed: [],
      alerted: [],
    });
    expect(workflows.started).toHaveLength(1);
  });

  it('a non-receipt report’s missing wait is started; one whose run ended goes to the operator', async () => {
    const { store, workflows, deps } = setup();
    const nonReceiptTiming = { answerSeconds: 7200, refundAfterSeconds: 60, buyerSeconds: 604800 };
    const report = { type: 'NON_RECEIPT' as const, reason: 'NOT_RECEIVED' as const };
    const { claim } = await seedClaim(store, {
      status: 'AWAITING_SELLER',
      order: { status: 'IN_TRANSIT' },
      claim: report,
    });
    const ended = await seedClaim(store, { status: 'AWAITING_SELLER', order: { status: 'IN_TRANSIT' }, claim: report });
    workflows.statuses.set(ended.claim.claimId, 'FAILED');

    const result = await reconcileClaims({ ...deps, nonReceiptTiming }, OPTIONS, NOW);
    expect(result.started).toEqual([claim.claimId]);
    expect(result.closed).toEqual([`${ended.claim.claimId} NEEDS_OPERATOR`]);
    expect(workflows.started).toEqual([
      {
        run: { workflow: 'nonReceiptClaim', name: claim.claimId },
        input: { claimId: claim.claimId, correlationId: claim.claimId, timing: nonReceiptTiming },
      },
    ]);
  });

  it(
    'a start Step Functions does not take now leaves that claim for the next run, and the run goes on with the ' +
      'others',
    async () => {
      const { store, workflows, deps } = setup();
      const first = await seedClaim(store, { status: 'REQUESTED' });
      const second = await seedClaim(store, { status: 'REQUESTED' });
      workflows.failStarts = 1;

      const report = await reconcileClaims(deps, OPTIONS, NOW);

      expect(report.started).toHaveLength(1);
      expect([first.claim.claimId, second.claim.claimId]).toContain(report.started[0]);
      expect((await reconcileClaims(deps, OPTIONS, minutesLater(5))).started).toHaveLength(1);
      expect(workflows.started.map((s) => s.run.name).sort()).toEqual(
        [first.claim.claimId, second.claim.claimId].sort(),
      );
    },
  );

  it('starts the approval run of a request with its timing', async () => {
    const { store, workflows, deps, timing } = setup();
    const { claim } = await seedRequest(store);

    await reconcileClaims(deps, OPTIONS, NOW);

    expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'approveCancelRequest', name: claim.claimId }]);
    // An approval's run gets the approval's waits only.
    const { reminderAfterSeconds, handOverAfterSeconds } = timing;
    expect(workflows.started[0]!.input).toEqual({
      claimId: claim.claimId,
      correlationId: claim.claimId,
      timing: { reminderAfterSeconds, handOverAfterSeconds },
    });
  });

  it('after an operator’s COMPLETE, the run to start is the operator’s', async () => {
    const { store, workflows, deps } = setup();
    const { claim } = await seedClaim(store, {
      status: 'IN_PROGRESS',
      applied: true,
      claim: {
        resolutions: [
          {
            action: 'COMPLETE',
            reason: 'Card side asked again.',
            by: { role: 'operator', id: 'OP-1' },
            at: '2026-11-25T00:00:00.000Z',
          },
        ],
      },
    });
    workflows.statuses.set(claim.claimId, 'FAILED'); // the first run ended long ago

    expect(await reconcileClaims(deps, OPTIONS, NOW)).toMatchObject({ started: [claim.claimId], closed: [] });
    expect(workflows.started.map((s) => s.run.name)).toEqual([`${claim.claimId}-op1`]);
  });

  it('a run still going is left alone', async () => {
    const { store, workflows, deps } = setup();
    const { claim } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });
    workflows.statuses.set(claim.claimId, 'RUNNING');
    const commits = store.commits.length;

    expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
      looked: 1,
      checked: 1,
      started: [],
      woken: [],
      stepped: [],
      closed: [],
      alerted: [],
    });
    expect(store.commits).toHaveLength(commits);
    expect(workflows.asked).toEqual([claim.claimId]);
  });

  it(
    'a run that ended with nothing applied closes the claim FAILED and lets its order go; nobody is ' + 'alerted',
    async () => {
      const { store, mailer, workflows, deps } = setup();
      const { claim, order } = await seedClaim(store, { status: 'REQUESTED' });
      workflows.statuses.set(claim.claimId, 'ABORTED');

      expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
        looked: 1,
        checked: 1,
        started: [],
        woken: [],
        stepped: [],
        closed: [`${claim.claimId} FAILED`],
        alerted: [],
      });

      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'FAILED',
        failure: {
          error: 'WorkflowEnded',
          cause: `Its workflow run ${claim.claimId} ended ABORTED while the claim was REQUESTED.`,
        },
      });
      expect((await store.getOrder(order.orderNo))!.openClaimId).toBeUndefined();
      expect(mailer.sent).toEqual([]);
      expect(workflows.started).toEqual([]);
    },
  );

  it(
    'a run that ended with the order cancelled (money owed) hands the claim to the operator, alerted ' + 'once',
    async () => {
      const { store, mailer, alerts, workflows, deps } = setup();
      const { claim, order } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });
      workflows.statuses.set(claim.claimId, 'TIMED_OUT');

      expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
        looked: 1,
        checked: 1,
        started: [],
        woken: [],
        stepped: [],
        closed: [`${claim.claimId} NEEDS_OPERATOR`],
        alerted: [],
      });

      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'NEEDS_OPERATOR',
        failure: { error: 'WorkflowEnded' },
        operatorAlert: { status: 'SENT', attempts: 1 },
      });
      expect((await store.getOrder(order.orderNo))!.status).toBe('CANCELLED');
      expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);

      expect(await reconcileClaims(deps, OPTIONS, minutesLater(10))).toEqual({
        looked: 1,
        checked: 0,
        started: [],
        woken: [],
        stepped: [],
        closed: [],
        alerted: [],
      });
      expect(mailer.sent).toHaveLength(1);
    },
  );

  it('an approval run that ended while the request waited hands it to the operator, the order still held', async () => {
    const { store, workflows, deps } = setup();
    const { claim, order } = await seedRequest(store);
    workflows.statuses.set(claim.claimId, 'FAILED');

    expect((await reconcileClaims(deps, OPTIONS, NOW)).closed).toEqual([`${claim.claimId} NEEDS_OPERATOR`]);
    expect((await store.getClaim(claim.claimId))!.status).toBe('NEEDS_OPERATOR');
    expect(await store.getOrder(order.orderNo)).toMatchObject({
      status: 'CANCEL_REQUESTED',
      openClaimId: claim.claimId,
    });
  });

  it('an alert that fails while the claim is closed is left pending, and the next run sends it', async () => {
    const { store, mailer, alerts, workflows, deps } = setup();
    const { claim } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });
    workflows.statuses.set(claim.claimId, 'FAILED');
    mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });

    expect((await reconcileClaims(deps, OPTIONS, NOW)).closed).toEqual([`${claim.claimId} NEEDS_OPERATOR`]);
    expect((await store.getClaim(claim.claimId))!.operatorAlert).toMatchObject({ status: 'PENDING', attempts: 1 });

    expect((await reconcileClaims(deps, OPTIONS, minutesLater(10))).alerted).toEqual([claim.claimId]);
    expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    expect((await store.getClaim(claim.claimId))!.operatorAlert).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('sends a pending alert once, without asking for any run', async () => {
    const { store, mailer, alerts, workflows, deps } = setup();
    const { claim } = await seedClaim(store, {
      status: 'NEEDS_OPERATOR',
      claim: { operatorAlert: { why: 'The coupon forbids it.', status: 'PENDING', attempts: 0 } },
    });

    expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
      looked: 1,
      checked: 0,
      started: [],
      woken: [],
      stepped: [],
      closed: [],
      alerted: [claim.claimId],
    });
    expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
      [alerts.operatorEmail, `[order-claims] Claim ${claim.claimId} needs an operator`],
    ]);
    expect(mailer.sent[0]!.email.text).toContain('The coupon forbids it.');

    expect((await reconcileClaims(deps, OPTIONS, minutesLater(10))).alerted).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    expect(workflows.asked).toEqual([]);
  });

  it('looks only at open claims unchanged for the stale time', async () => {
    const { store, workflows, deps } = setup();
    await seedClaim(store, { status: 'REQUESTED', claim: { updatedAt: minutesLater(-4).toISOString() } });
    await seedClaim(store, { status: 'COMPLETED', applied: true });
    await seedClaim(store, { status: 'WITHDRAWN' });
    await seedClaim(store, { status: 'FAILED' });

    expect(await reconcileClaims(deps, OPTIONS, NOW)).toEqual({
      looked: 0,
      checked: 0,
      started: [],
      woken: [],
      stepped: [],
      closed: [],
      alerted: [],
    });
    expect(workflows.asked).toEqual([]);
  });

  it(
    'asks after no more than maxClaims runs a run, a different window each run, so every claim is ' + 'reached',
    async () => {
      const { store, deps } = setup();
      for (let i = 0; i < 3; i++) await seedClaim(store, { status: 'REQUESTED' });

      const first = await reconcileClaims(deps, { ...OPTIONS, maxClaims: 2 }, NOW);
      expect(first).toMatchObject({ looked: 3, checked: 2 });
      expect(first.started).toHaveLength(2);
      // The run after: the claim left out is reached (the others are RUNNING now).
      const second = await reconcileClaims(deps, { ...OPTIONS, maxClaims: 2 }, minutesLater(5));
      expect(new Set([...first.started, ...second.started]).size).toBe(3);
    },
  );

  it(
    'a request whose token is stored is asked after once in twelve runs while it may still be waiting; without a ' +
      'token, every run',
    async () => {
      const { store, workflows, deps } = setup();
      const { claim: waiting } = await seedRequest(store);
      await awaitDecision({ store, workflows }, waiting.claimId, 'token');
      const { claim: tokenless } = await seedRequest(store);
      workflows.statuses.set(waiting.claimId, 'RUNNING');
      workflows.statuses.set(tokenless.claimId, 'RUNNING');

      for (let run = 0; run < 12; run++) await reconcileClaims(deps, OPTIONS, minutesLater(5 * run));

      expect(workflows.asked.filter((name) => name === waiting.claimId)).toHaveLength(1);
      expect(workflows.asked.filter((name) => name === tokenless.claimId)).toHaveLength(12);
    },
  );

  it('a stored token no longer spares a request once its wait should have ended: asked every run', async () => {
    const { store, workflows, deps, timing } = setup();
    const { claim } = await seedRequest(store);
    await awaitDecision({ store, workflows }, claim.claimId, 'token');
    workflows.statuses.set(claim.claimId, 'RUNNING');
    const pastTheWindow = new Date(
      Date.parse(claim.updatedAt) +
        (timing.reminderAfterSeconds + timing.handOverAfterSeconds + OPTIONS.staleAfterSeconds) * 1000,
    );

    for (let run = 0; run < 3; run++)
      await reconcileClaims(deps, OPTIONS, new Date(pastTheWindow.getTime() + run * 300_000));

    expect(workflows.asked).toEqual([claim.claimId, claim.claimId, claim.claimId]);
  });
});
