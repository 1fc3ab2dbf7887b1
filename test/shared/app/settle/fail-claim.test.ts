// fail-claim: a claim that cannot go on ends in a status that says why. Nothing applied: FAILED, its
// orders let go. Money owed (an order already cancelled): NEEDS_OPERATOR, and the operator is told.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyClaim } from '../../../../shared/app/settle/apply-claim.js';
import { failClaim } from '../../../../shared/app/settle/fail-claim.js';
import { StepError } from '../../../../shared/app/common/step-errors.js';
import { NOW, caught, seedCartClaim, seedRequest } from '../../../support/world-claims.js';
import { seedClaim, world } from '../../../support/worlds.js';

const AT = new Date('2026-11-25T01:05:00.000Z');

describe('failClaim', () => {
  it('nothing applied: the claim FAILED with why, its orders let go as they were, and nobody alerted', async () => {
    const { store, mailer, alerts } = world();
    const { claim, order } = await seedClaim(store, { status: 'REQUESTED' });

    expect(
      await failClaim(
        { store, alerts },
        { claimId: claim.claimId, outcome: 'FAILED', error: 'ClaimNotHoldingOrder', cause: 'gone' },
        AT,
      ),
    ).toEqual({ claimId: claim.claimId, status: 'FAILED' });

    const failed = (await store.getClaim(claim.claimId))!;
    expect(failed).toMatchObject({
      status: 'FAILED',
      failure: { error: 'ClaimNotHoldingOrder', cause: 'gone' },
      completedAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });
    expect(failed.operatorAlert).toBeUndefined();
    const released = (await store.getOrder(order.orderNo))!;
    expect(released).toMatchObject({ status: 'NEW', claimIds: [claim.claimId] });
    expect(released.openClaimId).toBeUndefined();
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: AT.toISOString(),
        type: 'CLAIM_FAILED',
        actor: { role: 'system', id: 'claim-workflow' },
        claimId: claim.claimId,
        detail: 'ClaimNotHoldingOrder: gone',
      },
    ]);
    expect(mailer.sent).toEqual([]);
  });

  it(
    'an order already cancelled means money is owed: NEEDS_OPERATOR whatever was asked, and the operator is told ' +
      'once',
    async () => {
      const { store, mailer, alerts } = world();
      const { claim, order } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });

      expect(
        await failClaim(
          { store, alerts },
          { claimId: claim.claimId, outcome: 'FAILED', error: 'RefundMissing', cause: 'a refund is not completed' },
          AT,
        ),
      ).toEqual({ claimId: claim.claimId, status: 'NEEDS_OPERATOR' });

      const handedOver = (await store.getClaim(claim.claimId))!;
      expect(handedOver).toMatchObject({
        status: 'NEEDS_OPERATOR',
        failure: { error: 'RefundMissing', cause: 'a refund is not completed' },
        operatorAlert: {
          why: 'RefundMissing: a refund is not completed',
          status: 'SENT',
          attempts: 1,
          sentAt: AT.toISOString(),
        },
      });
      expect(handedOver.completedAt).toBeUndefined();
      expect(await store.getOrder(order.orderNo)).toMatchObject({ status: 'CANCELLED' });
      expect(store.events.at(-1)).toMatchObject({
        type: 'CLAIM_NEEDS_OPERATOR',
        detail: 'RefundMissing: a refund is not completed',
      });
      expect(mailer.sent).toHaveLength(1);
      expect(mailer.sent[0]!.to).toBe(alerts.operatorEmail);
      expect(mailer.sent[0]!.email.text).toContain('RefundMissing: a refund is not completed');
    },
  );

  it('a Lambda failure’s cause (JSON with the error message and trace) is kept as its message', async () => {
    const { store, alerts } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });
    const cause = JSON.stringify({
      errorType: 'ClaimClosed',
      errorMessage: 'Claim C-9 is WITHDRAWN.',
      trace: ['at apply-claim.ts:1'],
    });

    await failClaim({ store, alerts }, { claimId: claim.claimId, outcome: 'FAILED', error: 'ClaimClosed', cause }, AT);

    expect((await store.getClaim(claim.claimId))!.failure).toEqual({
      error: 'ClaimClosed',
      cause: 'Claim C-9 is WITHDRAWN.',
    });
  });

  it(
    'the approval workflow hands a request to the operator: NEEDS_OPERATOR, the order still held as ' +
      'CANCEL_REQUESTED',
    async () => {
      const { store, mailer, alerts } = world();
      const { claim, order } = await seedRequest(store);

      expect(
        await failClaim(
          { store, alerts },
          { claimId: claim.claimId, outcome: 'NEEDS_OPERATOR', error: 'States.Runtime', cause: 'boom' },
          AT,
        ),
      ).toEqual({ claimId: claim.claimId, status: 'NEEDS_OPERATOR' });

      expect(await store.getOrder(order.orderNo)).toMatchObject({
        status: 'CANCEL_REQUESTED',
        openClaimId: claim.claimId,
      });
      expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    },
  );

  it.each(['COMPLETED', 'WITHDRAWN', 'FAILED'] as const)('a claim already %s is left as it is', async (status) => {
    const { store, mailer, alerts } = world();
    const { claim } = await seedClaim(store, { status });
    const commits = store.commits.length;

    expect(
      await failClaim({ store, alerts }, { claimId: claim.claimId, outcome: 'FAILED', error: 'X', cause: 'y' }, AT),
    ).toEqual({ claimId: claim.claimId, status });
    expect(store.commits).toHaveLength(commits);
    expect(mailer.sent).toEqual([]);
  });

  it('a retry that finds the claim handed over with its alert still pending sends the alert, once', async () => {
    const { store, mailer, alerts } = world();
    const { claim } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });
    mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });
    const input = { claimId: claim.claimId, outcome: 'FAILED' as const, error: 'PaymentDeclined', cause: 'declined' };
    await expect(failClaim({ store, alerts }, input, AT)).rejects.toMatchObject({ name: 'OperatorAlertRetryable' });

    expect(await failClaim({ store, alerts }, input, AT)).toEqual({ claimId: claim.claimId, status: 'NEEDS_OPERATOR' });
    expect(await failClaim({ store, alerts }, input, AT)).toEqual({ claimId: claim.claimId, status: 'NEEDS_OPERATOR' });

    expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    expect((await store.getClaim(claim.claimId))!.operatorAlert).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(store.events.filter((e) => e.type === 'CLAIM_NEEDS_OPERATOR')).toHaveLength(1);
  });

  it('an unknown claim: ClaimNotFound', async () => {
    const { store, alerts } = world();
    await expect(
      failClaim({ store, alerts }, { claimId: 'C-NONE', outcome: 'FAILED', error: 'X', cause: 'y' }, AT),
    ).rejects.toMatchObject({ name: 'ClaimNotFound' });
  });
});

describe('a card refund declined', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it(
    'fails the refund; fail-claim, as the workflow catches it, hands the claim to the operator with an ' + 'alert',
    async () => {
      const w = world();
      const { store, mailer, alerts, payments } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{}] });
      payments.next = ['DECLINED'];

      const declined = await caught(
        applyClaim({ store, mailer, payments, fees: w.fees, cardWaitSeconds: 3600 }, claim.claimId, NOW),
        StepError,
      );
      expect(declined.name).toBe('PaymentDeclined');
      const closed = await failClaim(
        { store, alerts },
        { claimId: claim.claimId, outcome: 'FAILED', error: declined.name, cause: declined.message },
        AT,
      );

      expect(closed).toEqual({ claimId: claim.claimId, status: 'NEEDS_OPERATOR' });
      const refundId = `${claim.claimId}.${orders[0]!.orderNo}`;
      expect((await store.getRefund(orders[0]!.orderNo, refundId))!.status).toBe('FAILED');
      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'NEEDS_OPERATOR',
        failure: {
          error: 'PaymentDeclined',
          cause: `The card side declined to cancel the authorization of ${orders[0]!.orderNo}.`,
        },
        operatorAlert: { status: 'SENT', attempts: 1 },
      });
      expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
        [alerts.operatorEmail, `[order-claims] Claim ${claim.claimId} needs an operator`],
      ]);
      expect(store.events.map((e) => e.type)).toEqual(['CANCELLED', 'REFUND_FAILED', 'CLAIM_NEEDS_OPERATOR']);
    },
  );
});
