// The reconciler and a non-receipt whose run is gone: once a wait is over it takes the step the run
// would have taken (hand over, refund by default, close as accepted); a run still going is left to
// take it itself; the default refund's settle-claim run is started once.
import { describe, expect, it } from 'vitest';
import { reconcileClaims } from '../../../../shared/app/claims/reconcile-claims.js';
import { escalateClaim } from '../../../../shared/app/claims/escalate-claim.js';
import { answerNonReceipt } from '../../../../shared/app/non-receipt/answer-non-receipt.js';
import { reportNonReceipt } from '../../../../shared/app/non-receipt/report-non-receipt.js';
import { handOverNonReceipt } from '../../../../shared/app/non-receipt/unanswered-steps.js';
import { BUYER, NOW, SELLER } from '../../../support/world-claims.js';
import { seedOrder, world } from '../../../support/worlds.js';

const OPTIONS = { staleAfterSeconds: 300, maxClaims: 100 };
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

async function reported() {
  const w = world();
  const deps = { store: w.store, workflows: w.workflows, alerts: w.alerts, timing: w.timing };
  const full = { ...deps, nonReceiptTiming: w.nonReceiptTiming };
  const order = await seedOrder(w.store, { status: 'IN_TRANSIT' });
  const claim = await reportNonReceipt({ ...full, mailer: w.mailer }, BUYER, order.orderNo, {}, NOW);
  const reconcile = (when: Date) => reconcileClaims(full, OPTIONS, when);
  const settleRuns = () => w.workflows.started.filter((s) => s.run.workflow === 'settleClaim').map((s) => s.run);
  return { ...w, order, claim, reconcile, settleRuns };
}

describe('a non-receipt whose run is gone', () => {
  it('handed over unanswered, its run lost in the operator’s wait: refunded by default once it is over', async () => {
    const { store, workflows, nonReceiptTiming, alerts, claim, reconcile, settleRuns } = await reported();
    const handedAt = nonReceiptTiming.answerSeconds;
    await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, at(handedAt));
    workflows.statuses.delete(claim.claimId); // the run is gone (a local stack restarted, a start lost)

    const early = await reconcile(at(handedAt + nonReceiptTiming.refundAfterSeconds - 60));
    expect(early).toMatchObject({ stepped: [], started: [], closed: [] });
    expect((await store.getClaim(claim.claimId))!.status).toBe('NEEDS_OPERATOR');

    const due = at(handedAt + nonReceiptTiming.refundAfterSeconds + 600);
    expect((await reconcile(due)).stepped).toEqual([`${claim.claimId} refund-by-default`]);
    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'IN_PROGRESS',
      nonReceipt: { refundedByDefaultAt: due.toISOString() },
    });
    expect(settleRuns()).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);

    const later = await reconcile(at(handedAt + nonReceiptTiming.refundAfterSeconds + 1800));
    expect(later).toMatchObject({ stepped: [], started: [], closed: [] });
    expect(settleRuns()).toHaveLength(1);
  });

  it('its run ended (aborted) in the operator’s wait: refunded by default too, not left in the queue', async () => {
    const { store, workflows, nonReceiptTiming, alerts, claim, reconcile, settleRuns } = await reported();
    await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW);
    workflows.statuses.set(claim.claimId, 'ABORTED');

    const report = await reconcile(at(nonReceiptTiming.refundAfterSeconds + 600));
    expect(report).toMatchObject({ stepped: [`${claim.claimId} refund-by-default`], closed: [] });
    expect((await store.getClaim(claim.claimId))!.status).toBe('IN_PROGRESS');
    expect(settleRuns()).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
  });

  it('a run still waiting for the operator’s time is left to refund it itself', async () => {
    const { store, nonReceiptTiming, alerts, claim, reconcile, settleRuns } = await reported();
    await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW);

    const report = await reconcile(at(nonReceiptTiming.refundAfterSeconds + 600));
    expect(report).toMatchObject({ checked: 1, stepped: [], closed: [] });
    expect((await store.getClaim(claim.claimId))!.status).toBe('NEEDS_OPERATOR');
    expect(settleRuns()).toEqual([]);
  });

  it('an escalated answer is the operator’s alone: its run gone, never refunded by default', async () => {
    const { store, workflows, mailer, alerts, claim, reconcile, settleRuns } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    await escalateClaim({ store, workflows, ...alerts }, BUYER, claim.claimId, NOW);
    workflows.statuses.delete(claim.claimId);

    expect((await reconcile(at(30 * 24 * 3600))).stepped).toEqual([]);
    expect((await store.getClaim(claim.claimId))!.status).toBe('NEEDS_OPERATOR');
    expect(settleRuns()).toEqual([]);
  });

  it('unanswered, its run ended early: handed over when the seller’s time is over, then refunded', async () => {
    const { store, workflows, nonReceiptTiming, claim, reconcile, settleRuns } = await reported();
    workflows.statuses.set(claim.claimId, 'FAILED');

    const handedAt = nonReceiptTiming.answerSeconds + 600;
    expect((await reconcile(at(handedAt))).stepped).toEqual([`${claim.claimId} hand-over-non-receipt`]);
    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'NEEDS_OPERATOR',
      nonReceipt: { unansweredAt: at(handedAt).toISOString() },
      operatorAlert: { status: 'SENT' },
    });

    const refundedAt = at(handedAt + nonReceiptTiming.refundAfterSeconds + 600);
    expect((await reconcile(refundedAt)).stepped).toEqual([`${claim.claimId} refund-by-default`]);
    expect(settleRuns()).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
  });

  it('answered, its run lost in the buyer’s wait: closed as accepted when the buyer’s time is over', async () => {
    const { store, workflows, mailer, nonReceiptTiming, claim, reconcile } = await reported();
    await answerNonReceipt(
      { store, workflows, mailer },
      SELLER,
      claim.claimId,
      { answer: 'PROOF', note: '配達済み' },
      NOW,
    );
    workflows.statuses.delete(claim.claimId);

    expect((await reconcile(at(nonReceiptTiming.buyerSeconds - 60))).stepped).toEqual([]);
    expect((await store.getClaim(claim.claimId))!.status).toBe('ANSWERED');

    const due = at(nonReceiptTiming.buyerSeconds + 600);
    expect((await reconcile(due)).stepped).toEqual([`${claim.claimId} close-answered-non-receipt`]);
    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'COMPLETED',
      nonReceipt: { acceptedByDefault: true },
    });
  });
});
