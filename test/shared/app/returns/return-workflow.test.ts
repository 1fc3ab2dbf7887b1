// The steps of workflows/return-claim.asl.json on fakes: the buyer told once per step in its
// language, each wait's deadline read from the claim, a wait that runs out flagged once and then
// handed over, the token kept or the run woken at once, and the reconciler waking a running return.
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../../shared/domain/claim.js';
import { reconcileClaims } from '../../../../shared/app/claims/reconcile-claims.js';
import { advanceReturn, awaitReturnStep, markReturnOverdue } from '../../../../shared/app/returns/return-workflow.js';
import { seedClaim, world } from '../../../support/worlds.js';

const AT = '2026-11-25T00:00:00.000Z';
const hoursLater = (h: number) => new Date(Date.parse(AT) + h * 3600_000);

async function aReturn(status: Claim['status'], extra: Partial<Claim> = {}, country = 'JP') {
  const w = world();
  const { claim, order } = await seedClaim(w.store, {
    status,
    order: { status: 'DELIVERED', deliveredAt: AT, buyer: { id: 'B-1', email: 'b@example.jp', country } },
    claim: {
      type: 'RETURN',
      reason: 'CHANGED_MIND',
      fault: 'BUYER',
      return: { windowEndsAt: '2026-12-02T00:00:00.000Z' },
      ...extra,
    },
  });
  return { ...w, claim, order };
}

const approved = { windowEndsAt: AT, approval: { returnAddress: '東京都港区1-2-3', instructions: '元の箱で', at: AT } };
const shipped = { ...approved, shipment: { carrier: 'ヤマト運輸', trackingNo: '1234', at: AT } };

describe('advance-return', () => {
  it('tells the buyer of the request once, in Japanese, and waits 4 days from the request', async () => {
    const { store, mailer, profiles, timing, claim, order } = await aReturn('AWAITING_APPROVAL');
    const first = await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(1));
    expect(first).toEqual({
      done: false,
      status: 'AWAITING_APPROVAL',
      seconds: 4 * 24 * 3600 - 3600,
      flagged: false,
      notice: 'REQUESTED',
    });
    await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(2));
    // Once each: the seller (its profile's address, its language, the route to decide) and the buyer.
    expect(mailer.sent.map((m) => m.to)).toEqual(['shop-s1@example.jp', 'b@example.jp']);
    expect(mailer.sent[0]!.email.subject).toBe(`[Qoo10 QSM] お客様から返品申請がありました: 注文 ${order.orderNo}`);
    expect(mailer.sent[0]!.email.text).toContain(`POST /claims/${claim.claimId}/return-decision`);
    expect(mailer.sent[1]!.email.subject).toBe(`【Qoo10】ご注文 ${order.orderNo} の返品申請を受け付けました`);
    const messages = (await store.orderRecords(order.orderNo))!.messages;
    expect(messages.map((m) => [m.kind, m.email])).toEqual([['RETURN_UPDATE', 'SENT']]);
  });

  it('tells the approval with the address and instructions, in Korean, and waits for the parcel', async () => {
    const { store, mailer, profiles, timing, claim } = await aReturn('AWAITING_RETURN', { return: approved }, 'KR');
    const wait = await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(24));
    expect(wait).toMatchObject({ done: false, status: 'AWAITING_RETURN', seconds: 13 * 24 * 3600 });
    expect(mailer.sent[0]!.email.subject).toContain('반품이 승인되었습니다');
    expect(mailer.sent[0]!.email.text).toContain('반송 주소: 東京都港区1-2-3');
    expect(mailer.sent[0]!.email.text).toContain('판매자 안내: 元の箱で');
  });

  it('a refusal is told with its reason and the way to the operator, in English; then nothing waits', async () => {
    const refused = { windowEndsAt: AT, refusal: { reason: 'Used and washed', at: AT } };
    const { store, mailer, profiles, timing, claim } = await aReturn('REFUSED', { return: refused }, 'US');
    expect(await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(1))).toEqual({
      done: true,
      status: 'REFUSED',
      notice: 'REFUSED',
    });
    expect(mailer.sent[0]!.email.text).toContain('Reason: Used and washed');
    expect(mailer.sent[0]!.email.text).toContain(`return ${claim.claimId}`);
  });

  it('a throttled e-mail stays PENDING and the step fails EmailThrottled, to be run again', async () => {
    const { store, mailer, profiles, timing, claim } = await aReturn('AWAITING_APPROVAL');
    mailer.failNext(1, { to: 'b@example.jp', throttled: true, message: 'Throttling: Maximum sending rate exceeded' });
    await expect(
      advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(1)),
    ).rejects.toMatchObject({
      name: 'EmailThrottled',
    });
    await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(1));
    expect(mailer.sent.filter((m) => m.to === 'b@example.jp')).toHaveLength(1);
    // The seller was told once, by the run that stored the notice.
    expect(mailer.sent.filter((m) => m.to === 'shop-s1@example.jp')).toHaveLength(1);
  });
});

describe('mark-return-overdue', () => {
  it('a decision 4 days late is flagged once and the operator told; the next run-out hands it over', async () => {
    const { store, mailer, profiles, alerts, timing, claim } = await aReturn('AWAITING_APPROVAL');
    const deps = { store, profiles, ...alerts };
    const waited = { status: 'AWAITING_APPROVAL', flagged: false };
    expect(await markReturnOverdue(deps, claim.claimId, waited, hoursLater(96))).toMatchObject({
      overdue: 'FLAG_DELAYED',
    });
    // The step run again (its alert retried) tells the operator again and hands nothing over.
    await markReturnOverdue(deps, claim.claimId, waited, hoursLater(96));
    const flagged = (await store.getClaim(claim.claimId))!;
    expect(flagged).toMatchObject({ status: 'AWAITING_APPROVAL', delayedAt: hoursLater(96).toISOString() });
    expect(mailer.sent.filter((m) => m.to === alerts.operatorEmail)).toHaveLength(2);
    const reminders = mailer.sent.filter((m) => m.to === 'shop-s1@example.jp');
    expect(reminders.map((m) => m.email.subject)).toEqual([
      expect.stringContaining('【リマインド】4日以上対応されていない返品申請'),
    ]);
    const wait = await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(96));
    expect(wait).toMatchObject({ status: 'AWAITING_APPROVAL', seconds: 3 * 24 * 3600, flagged: true });

    await markReturnOverdue(deps, claim.claimId, { status: 'AWAITING_APPROVAL', flagged: true }, hoursLater(168));
    const handed = (await store.getClaim(claim.claimId))!;
    expect(handed).toMatchObject({
      status: 'NEEDS_OPERATOR',
      failure: { error: 'ReturnDecisionTimedOut' },
      operatorAlert: { status: 'SENT' },
    });
    expect(await advanceReturn({ store, mailer, profiles }, claim.claimId, timing, hoursLater(168))).toMatchObject({
      done: true,
      notice: 'HANDED_OVER',
    });
  });

  it('a receipt not confirmed in time: the operator is told and the seller may still confirm', async () => {
    const { store, alerts, mailer, profiles, claim } = await aReturn('RETURN_IN_TRANSIT', { return: shipped });
    await markReturnOverdue(
      { store, profiles, ...alerts },
      claim.claimId,
      { status: 'RETURN_IN_TRANSIT', flagged: false },
      hoursLater(168),
    );
    const flagged = (await store.getClaim(claim.claimId))!;
    expect(flagged.status).toBe('RETURN_IN_TRANSIT');
    expect(flagged.return?.receiptOverdueAt).toBe(hoursLater(168).toISOString());
    const alert = mailer.sent.find((m) => m.to === alerts.operatorEmail)!;
    expect(alert.email.text).toContain('has not confirmed receipt');
    expect(alert.email.text).toContain('ヤマト運輸 1234');
  });

  it('a parcel never sent is handed over; a return that moved on meanwhile is left alone', async () => {
    const { store, alerts, profiles, claim } = await aReturn('AWAITING_RETURN', { return: approved });
    const deps = { store, profiles, ...alerts };
    expect(
      await markReturnOverdue(deps, claim.claimId, { status: 'AWAITING_APPROVAL', flagged: false }, hoursLater(1)),
    ).toMatchObject({ overdue: 'NONE' });
    expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_RETURN');
    await markReturnOverdue(deps, claim.claimId, { status: 'AWAITING_RETURN', flagged: false }, hoursLater(400));
    expect((await store.getClaim(claim.claimId))!).toMatchObject({
      status: 'NEEDS_OPERATOR',
      failure: { error: 'ReturnNotShipped' },
    });
  });
});

describe('await-return-step', () => {
  it('keeps the token while the return waits there, and wakes the run at once when it moved on', async () => {
    const { store, workflows, claim } = await aReturn('AWAITING_RETURN', { return: approved });
    expect(await awaitReturnStep({ store, workflows }, claim.claimId, 'AWAITING_RETURN', 'T-1')).toEqual({
      claimId: claim.claimId,
      waiting: true,
    });
    expect(await store.waitToken({ claimId: claim.claimId })).toBe('T-1');
    expect(await awaitReturnStep({ store, workflows }, claim.claimId, 'AWAITING_APPROVAL', 'T-2')).toEqual({
      claimId: claim.claimId,
      waiting: false,
    });
    expect(workflows.wakes).toEqual([{ taskToken: 'T-2', outcome: { output: { status: 'AWAITING_RETURN' } } }]);
  });
});

describe('the reconciler and a return', () => {
  it('wakes a running return run that waits with a token (a lost wake), and starts a missing one', async () => {
    const { store, workflows, alerts, timing, nonReceiptTiming, claim } = await aReturn('RETURN_IN_TRANSIT', {
      return: shipped,
    });
    await awaitReturnStep({ store, workflows }, claim.claimId, 'RETURN_IN_TRANSIT', 'T-1');
    const options = { staleAfterSeconds: 300, maxClaims: 100 };
    const deps = { store, workflows, alerts, timing, nonReceiptTiming };
    // No run yet: started, with the return's timing.
    const first = await reconcileClaims(deps, options, hoursLater(400));
    expect(first.started).toEqual([claim.claimId]);
    expect(workflows.started[0]).toMatchObject({
      run: { workflow: 'returnClaim', name: claim.claimId },
      input: { timing: { shipBackSeconds: timing.shipBackSeconds, receiptSeconds: timing.receiptSeconds } },
    });
    // Running: woken with the claim's status, for the run to read it and wait again for what is left.
    const second = await reconcileClaims(deps, options, hoursLater(401));
    expect(second.woken).toEqual([claim.claimId]);
    expect(workflows.wakes.at(-1)).toEqual({
      taskToken: 'T-1',
      outcome: { output: { status: 'RETURN_IN_TRANSIT' } },
    });
  });
});
