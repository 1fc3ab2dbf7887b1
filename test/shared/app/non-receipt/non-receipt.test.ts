// Non-receipt's use cases on fakes: the report holds the order and starts its wait; the answer
// wakes the wait (or is read by it when it comes first); unanswered, the operator, then the
// default refund, each acting only on what it finds.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import { acceptNonReceiptAnswer, answerNonReceipt } from '../../../../shared/app/non-receipt/answer-non-receipt.js';
import { reportNonReceipt } from '../../../../shared/app/non-receipt/report-non-receipt.js';
import {
  closeAnsweredNonReceipt,
  handOverNonReceipt,
  refundByDefault,
} from '../../../../shared/app/non-receipt/unanswered-steps.js';
import { viewOrder } from '../../../../shared/app/orders/view-order.js';
import { resolveClaim } from '../../../../shared/app/claims/resolve-claim.js';
import { escalateClaim } from '../../../../shared/app/claims/escalate-claim.js';
import { BUYER, NOW, OPERATOR, SELLER } from '../../../support/world-claims.js';
import { seedOrder, world } from '../../../support/worlds.js';

const TOKEN = 'AAAA-task-token-of-the-waiting-report-0123456789';
const nonReceiptTiming = { answerSeconds: 259200, refundAfterSeconds: 172800, buyerSeconds: 604800 };

async function reported(status: 'IN_TRANSIT' | 'DELIVERED' = 'IN_TRANSIT') {
  const w = world();
  const deps = { ...w, nonReceiptTiming };
  const order = await seedOrder(w.store, { status });
  const claim = await reportNonReceipt(deps, BUYER, order.orderNo, { message: '届きません' }, NOW);
  return { ...w, deps, order, claim };
}

describe('reportNonReceipt', () => {
  it('opens AWAITING_SELLER holding the order, starts its wait with the timing, and tells the buyer', async () => {
    const { store, workflows, mailer, order, claim } = await reported();
    expect(claim).toMatchObject({ type: 'NON_RECEIPT', status: 'AWAITING_SELLER', reason: 'NOT_RECEIVED' });
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
    expect(workflows.started).toEqual([
      {
        run: { workflow: 'nonReceiptClaim', name: claim.claimId },
        input: { claimId: claim.claimId, correlationId: claim.claimId, timing: nonReceiptTiming },
      },
    ]);
    expect(mailer.sent.map((mail) => [mail.to, mail.email.subject])).toEqual([
      ['hanako@example.jp', expect.stringContaining('未受取のご報告を受け付けました')],
    ]);
  });
});

describe('the seller’s answer and the wait', () => {
  it('an answer wakes the stored wait, lets go of the order and tells the buyer', async () => {
    const { store, workflows, mailer, order, claim } = await reported();
    await awaitDecision({ store, workflows }, claim.claimId, TOKEN);
    const answer = { answer: 'PROOF' as const, note: '配達済み' };
    expect(await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, answer, NOW)).toEqual({
      claimId: claim.claimId,
      status: 'ANSWERED',
    });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'ANSWERED' } } }]);
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBeUndefined();
    expect(mailer.sent.at(-1)!.email.text).toContain('配達済み');
  });

  it('an answer before the wait stored its token: the wait reads it and ends at once', async () => {
    const { store, workflows, mailer, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    expect(await awaitDecision({ store, workflows }, claim.claimId, TOKEN)).toEqual({
      claimId: claim.claimId,
      waiting: false,
    });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'ANSWERED' } } }]);
  });

  it('a refund keeps the order held and starts settle-claim', async () => {
    const { store, workflows, mailer, order, claim } = await reported('DELIVERED');
    const answered = await answerNonReceipt(
      { store, workflows, mailer },
      SELLER,
      claim.claimId,
      { answer: 'REFUND' },
      NOW,
    );
    expect(answered.status).toBe('IN_PROGRESS');
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
    expect(workflows.started.at(-1)!.run).toEqual({ workflow: 'settleClaim', name: claim.claimId });
  });

  it('accepted: COMPLETED, the acceptance kept (nothing against the seller)', async () => {
    const { store, workflows, mailer, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    await acceptNonReceiptAnswer({ store, workflows, mailer }, BUYER, claim.claimId, NOW);
    const done = (await store.getClaim(claim.claimId))!;
    expect(done).toMatchObject({ status: 'COMPLETED', nonReceipt: { acceptedAt: NOW.toISOString() } });
    expect((await store.statusCounts('S-1')).standing.sellerFaultOrders).toBe(0);
  });

  it('accepted, the order no longer offers a report: a second one would be refused', async () => {
    const { store, workflows, mailer, order, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    await acceptNonReceiptAnswer({ store, workflows, mailer }, BUYER, claim.claimId, NOW);
    const seen = await viewOrder(store, BUYER, order.orderNo, NOW);
    expect(seen.status).toBe('IN_TRANSIT');
    expect(seen.allowedActions).not.toContain('REPORT_NON_RECEIPT');
  });
});

describe('the buyer’s turn', () => {
  it('an answer waits on its own token for the buyer; accepting wakes it', async () => {
    const { store, workflows, mailer, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    expect(await awaitDecision({ store, workflows }, claim.claimId, 'BUYER-TOKEN', 'ANSWERED')).toEqual({
      claimId: claim.claimId,
      waiting: true,
    });
    await acceptNonReceiptAnswer({ store, workflows, mailer }, BUYER, claim.claimId, NOW);
    expect(workflows.wakes.at(-1)).toEqual({ taskToken: 'BUYER-TOKEN', outcome: { output: { decision: 'CLOSED' } } });
  });

  it('silent past the buyer’s time: closed as accepted, counting nothing; done already, nothing to close', async () => {
    const { store, workflows, mailer, claim } = await reported();
    await answerNonReceipt(
      { store, workflows, mailer },
      SELLER,
      claim.claimId,
      { answer: 'RESHIPPED', carrier: 'Y', trackingNo: '1' },
      NOW,
    );
    expect(await closeAnsweredNonReceipt({ store, mailer }, claim.claimId, NOW)).toEqual({
      claimId: claim.claimId,
      closed: true,
    });
    expect((await store.getClaim(claim.claimId))!).toMatchObject({
      status: 'COMPLETED',
      nonReceipt: { acceptedAt: NOW.toISOString(), acceptedByDefault: true },
    });
    expect(mailer.sent.at(-1)!.email.subject).toContain('ご報告を終了しました');
    expect((await store.statusCounts('S-1')).standing.sellerFaultOrders).toBe(0);
    expect(await closeAnsweredNonReceipt({ store, mailer }, claim.claimId, NOW)).toEqual({
      claimId: claim.claimId,
      closed: false,
    });
  });
});

describe('unanswered', () => {
  it('handed over: NEEDS_OPERATOR, the operator told of the default refund, the buyer told', async () => {
    const { store, mailer, alerts, claim } = await reported();
    expect(await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW)).toEqual({
      claimId: claim.claimId,
      handedOver: true,
      answered: false,
    });
    const handed = (await store.getClaim(claim.claimId))!;
    expect(handed).toMatchObject({ status: 'NEEDS_OPERATOR', operatorAlert: { status: 'SENT' } });
    expect(handed.operatorAlert!.why).toContain('refunded in full, charged to the seller, at 2026-11-27T01:00:00.000Z');
    expect(mailer.sent.map((mail) => mail.email.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('ショップから回答がないため')]),
    );
  });

  it('answered meanwhile: the hand-over does nothing', async () => {
    const { store, workflows, mailer, alerts, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    const result = await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW);
    expect(result).toMatchObject({ handedOver: false, answered: true });
    expect((await store.getClaim(claim.claimId))!.status).toBe('ANSWERED');
  });

  it('the operator’s time over with no decision: refunded by default; run again, nothing more', async () => {
    const { store, alerts, claim } = await reported();
    await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW);
    expect(await refundByDefault({ store }, claim.claimId, NOW)).toEqual({ claimId: claim.claimId, refund: true });
    const refunding = (await store.getClaim(claim.claimId))!;
    expect(refunding).toMatchObject({ status: 'IN_PROGRESS', nonReceipt: { refundedByDefaultAt: NOW.toISOString() } });
    expect(refunding.operatorAlert).toBeUndefined();
    const commits = store.commits.length;
    expect(await refundByDefault({ store }, claim.claimId, NOW)).toEqual({ claimId: claim.claimId, refund: true });
    expect(store.commits.length).toBe(commits);
  });

  it('the operator decided first (closed it): no default refund', async () => {
    const { store, workflows, alerts, claim } = await reported();
    await handOverNonReceipt({ store, ...alerts }, claim.claimId, nonReceiptTiming, NOW);
    await resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'CLOSE', reason: '配達済み' }, NOW);
    expect(await refundByDefault({ store }, claim.claimId, NOW)).toEqual({ claimId: claim.claimId, refund: false });
    expect((await store.getClaim(claim.claimId))!.status).toBe('FAILED');
  });

  it('an escalated answer is the operator’s alone: never refunded by default', async () => {
    const { store, workflows, mailer, alerts, claim } = await reported();
    await answerNonReceipt({ store, workflows, mailer }, SELLER, claim.claimId, { answer: 'PROOF' }, NOW);
    await escalateClaim({ store, workflows, ...alerts }, BUYER, claim.claimId, NOW);
    expect((await store.getClaim(claim.claimId))!.status).toBe('NEEDS_OPERATOR');
    expect(await refundByDefault({ store }, claim.claimId, NOW)).toEqual({ claimId: claim.claimId, refund: false });
  });
});
