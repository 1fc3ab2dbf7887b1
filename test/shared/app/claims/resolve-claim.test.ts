// POST /claims/{claimId}/resolution: the operator completes a claim that needs them (the claim
// workflow runs again, failed refunds retried under new payment keys) or closes it.
import { describe, expect, it } from 'vitest';
import { resolveClaim } from '../../../../shared/app/claims/resolve-claim.js';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { paymentKeyOf } from '../../../../shared/domain/refund.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { NOW, OPERATOR, caught, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

/** A claim whose card refund the provider refused: the order is CANCELLED, the refund FAILED, the operator alerted. */
async function failedRefund() {
  const w = world();
  const { order, claim } = await seedClaim(w.store, {
    status: 'NEEDS_OPERATOR',
    applied: true,
    claim: {
      failure: { error: 'PaymentDeclined', cause: 'card side refused' },
      operatorAlert: { why: 'A refund failed.', status: 'SENT', attempts: 1 },
    },
  });
  const refund = [...w.store.refunds.values()][0]!;
  await w.store.commit(
    changeOf([
      {
        entity: 'refund',
        value: {
          ...refund,
          status: 'FAILED',
          providerReference: 'AC-1',
          failure: { error: 'PaymentDeclined', cause: 'card side refused' },
          failedAt: '2026-11-25T00:30:00.000Z',
        },
        from: 'PENDING',
      },
    ]),
  );
  return { ...w, order, claim, refund: (await w.store.getRefund(refund.orderNo, refund.refundId))! };
}

/** An order only the operator may cancel (coupon terms): the claim went to the operator before anything was applied. */
async function couponCase() {
  const w = world();
  const { order, claim } = await seedClaim(w.store, {
    status: 'NEEDS_OPERATOR',
    order: { coupon: { code: 'CP-1', sellerCancellable: false } },
    claim: {
      failure: { error: 'SellerCannotCancel', cause: 'coupon terms' },
      operatorAlert: { why: 'Coupon.', status: 'PENDING', attempts: 1 },
    },
  });
  return { ...w, order, claim };
}

describe('resolve a claim', () => {
  it(
    'SETTLED_OUTSIDE: the card refund is COMPLETED under the operator’s reference, with no new attempt, and a run ' +
      'after the last one',
    async () => {
      const { store, workflows, claim, refund } = await failedRefund();
      await resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'COMPLETE', reason: 'Retry.' }, NOW);
      // The retry lands back with the operator: the second run (-op2) is the one SETTLED_OUTSIDE starts.
      await store.commit(
        changeOf([
          {
            entity: 'claim',
            value: { ...(await store.getClaim(claim.claimId))!, status: 'NEEDS_OPERATOR' },
            from: 'IN_PROGRESS',
          },
        ]),
      );

      const reason = 'Found in the provider’s console.';
      await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'SETTLED_OUTSIDE', reason, reference: 'AC-MANUAL-1' },
        NOW,
      );

      const settled = (await store.getRefund(refund.orderNo, refund.refundId))!;
      expect(settled).toMatchObject({
        status: 'COMPLETED',
        attempts: 2,
        providerReference: 'AC-MANUAL-1',
        settledOutside: { reference: 'AC-MANUAL-1', by: { role: 'operator', id: 'OP-1' }, at: NOW.toISOString() },
      });
      expect(workflows.started.map((s) => s.run.name)).toEqual([`${claim.claimId}-op1`, `${claim.claimId}-op2`]);
      expect(store.events.filter((e) => e.type === 'OPERATOR_SETTLED_OUTSIDE').map((e) => e.detail)).toEqual([
        `${reason} (reference AC-MANUAL-1)`,
      ]);
      // Nothing left to settle: refused, and nothing changes.
      await store.commit(
        changeOf([
          {
            entity: 'claim',
            value: { ...(await store.getClaim(claim.claimId))!, status: 'NEEDS_OPERATOR' },
            from: 'IN_PROGRESS',
          },
        ]),
      );
      await caught(
        resolveClaim(
          { store, workflows },
          OPERATOR,
          claim.claimId,
          { action: 'SETTLED_OUTSIDE', reason, reference: 'AC-2' },
          NOW,
        ),
        RefusedError,
      );
      expect((await store.getRefund(refund.orderNo, refund.refundId))!.settledOutside?.reference).toBe('AC-MANUAL-1');
    },
  );

  it(
    'COMPLETE: the claim runs again (IN_PROGRESS, a new run), the failed refund gets a new attempt with a new ' +
      'payment key, the decision is recorded',
    async () => {
      const { store, workflows, claim, refund, order } = await failedRefund();

      const answer = await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'The buyer’s card was renewed; retry.' },
        NOW,
      );

      expect(answer).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
      const stored = (await store.getClaim(claim.claimId))!;
      expect(stored).toMatchObject({
        status: 'IN_PROGRESS',
        updatedAt: NOW.toISOString(),
        resolutions: [
          {
            action: 'COMPLETE',
            reason: 'The buyer’s card was renewed; retry.',
            by: { role: 'operator', id: 'OP-1' },
            at: NOW.toISOString(),
          },
        ],
      });
      expect(stored.failure).toBeUndefined();
      expect(stored.operatorAlert).toBeUndefined();
      const retried = (await store.getRefund(refund.orderNo, refund.refundId))!;
      expect(retried).toMatchObject({ status: 'PENDING', attempts: 2, attemptStartedAt: NOW.toISOString() });
      expect(retried).not.toHaveProperty('failure');
      expect(retried).not.toHaveProperty('providerReference');
      expect(paymentKeyOf(retried)).not.toBe(paymentKeyOf(refund));
      expect(workflows.started).toEqual([
        {
          run: { workflow: 'settleClaim', name: `${claim.claimId}-op1` },
          input: expect.objectContaining({ claimId: claim.claimId }),
        },
      ]);
      expect(store.events.filter((e) => e.type === 'OPERATOR_COMPLETE')).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'OPERATOR_COMPLETE',
          actor: { role: 'operator', id: 'OP-1' },
          claimId: claim.claimId,
          detail: 'The buyer’s card was renewed; retry.',
        },
      ]);
      expect((await store.getOrder(order.orderNo))!.status).toBe('CANCELLED');
    },
  );

  it('COMPLETE of a case nothing was applied for yet: the claim runs, no refund is invented', async () => {
    const { store, workflows, claim, order } = await couponCase();

    await resolveClaim(
      { store, workflows },
      OPERATOR,
      claim.claimId,
      { action: 'COMPLETE', reason: 'Coupon returned to the buyer.' },
      NOW,
    );

    expect((await store.getClaim(claim.claimId))!.status).toBe('IN_PROGRESS');
    expect(store.refunds.size).toBe(0);
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
    expect(workflows.started.map((s) => s.run.name)).toEqual([`${claim.claimId}-op1`]);
  });

  it('a second COMPLETE, after the claim came back to the operator, starts a second run of its own name', async () => {
    const { store, workflows, claim } = await couponCase();
    await resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'COMPLETE', reason: 'first try' }, NOW);
    const running = (await store.getClaim(claim.claimId))!;
    await store.commit(
      changeOf([{ entity: 'claim', value: { ...running, status: 'NEEDS_OPERATOR' }, from: running.status }]),
    );

    await resolveClaim(
      { store, workflows },
      OPERATOR,
      claim.claimId,
      { action: 'COMPLETE', reason: 'second try' },
      NOW,
    );

    expect(workflows.started.map((s) => s.run.name)).toEqual([`${claim.claimId}-op1`, `${claim.claimId}-op2`]);
    expect((await store.getClaim(claim.claimId))!.resolutions!.map((r) => r.reason)).toEqual([
      'first try',
      'second try',
    ]);
  });

  it(
    'COMPLETE when Step Functions does not take the run now: the claim is IN_PROGRESS all the same, for the ' +
      'reconciler to start',
    async () => {
      const { store, workflows, claim } = await couponCase();
      workflows.failStarts = 1;

      const answer = await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'Coupon returned.' },
        NOW,
      );

      expect(answer.status).toBe('IN_PROGRESS');
      expect(workflows.started).toEqual([]);
      expect((await store.getClaim(claim.claimId))!.status).toBe('IN_PROGRESS');
    },
  );

  it(
    'CLOSE of a case nothing was applied for: the claim FAILED (closed by the operator, with the reason), the ' +
      'order let go, no run started',
    async () => {
      const { store, workflows, claim, order } = await couponCase();

      const answer = await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'CLOSE', reason: 'The seller will ship after all.' },
        NOW,
      );

      expect(answer).toEqual({ claimId: claim.claimId, status: 'FAILED' });
      const stored = (await store.getClaim(claim.claimId))!;
      expect(stored).toMatchObject({
        status: 'FAILED',
        completedAt: NOW.toISOString(),
        failure: { error: 'ClosedByOperator', cause: 'The seller will ship after all.' },
        resolutions: [expect.objectContaining({ action: 'CLOSE' })],
      });
      expect(stored.operatorAlert).toBeUndefined();
      const released = (await store.getOrder(order.orderNo))!;
      expect(released.status).toBe('NEW');
      expect(released).not.toHaveProperty('openClaimId');
      expect(released.claimIds).toEqual([claim.claimId]);
      expect(workflows.started).toEqual([]);
      expect(store.events.map((e) => e.type)).toEqual(['OPERATOR_CLOSE']);
      expect(store.commits).toHaveLength(3); // two of the seed, one of the resolution
    },
  );

  it('CLOSE of a buyer’s request handed to the operator puts the order back to PREPARING, so it can ship', async () => {
    const { store, workflows } = world();
    const { order, claim } = await seedClaim(store, {
      status: 'AWAITING_APPROVAL',
      order: { status: 'PREPARING', expectedShipDate: '2026-11-28' },
      claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' },
    });
    const waiting = (await store.getClaim(claim.claimId))!;
    await store.commit(
      changeOf([{ entity: 'claim', value: { ...waiting, status: 'NEEDS_OPERATOR' }, from: waiting.status }]),
    );

    await resolveClaim(
      { store, workflows },
      OPERATOR,
      claim.claimId,
      { action: 'CLOSE', reason: 'The buyer withdrew by phone.' },
      NOW,
    );

    expect((await store.getOrder(order.orderNo))!).toMatchObject({
      status: 'PREPARING',
      expectedShipDate: '2026-11-28',
    });
    expect((await store.statusCounts('S-1')).orders).toMatchObject({ CANCEL_REQUESTED: 0, PREPARING: 1 });
  });

  it(
    'CLOSE when the orders are already cancelled is refused: the refund is owed, so the claim must be completed; ' +
      'nothing changes',
    async () => {
      const { store, workflows, claim, order } = await failedRefund();
      const before = snapshot(store);

      const error = await caught(
        resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'CLOSE', reason: 'give up' }, NOW),
        RefusedError,
      );

      expect(error.refusal).toEqual({
        kind: 'CONFLICT',
        detail:
          `Orders ${order.orderNo} are already CANCELLED: the refund is owed, so the claim must be completed, ` +
          `not closed.`,
        currentStatus: 'CANCELLED',
        allowedActions: [],
      });
      expect(snapshot(store)).toEqual(before);
      expect(workflows.started).toEqual([]);
    },
  );

  it.each(['IN_PROGRESS', 'COMPLETED', 'AWAITING_APPROVAL'] as const)(
    'a %s claim does not need an operator: refused (409) with the order’s status; nothing changes',
    async (status) => {
      const { store, workflows } = world();
      const { claim } = await seedClaim(store, {
        status,
        order: { status: 'PREPARING', expectedShipDate: '2026-11-28' },
      });
      const before = snapshot(store);

      const error = await caught(
        resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'COMPLETE', reason: 'x' }, NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({
        kind: 'CONFLICT',
        detail: `Claim ${claim.claimId} is ${status}; only a claim that needs an operator can be resolved.`,
        currentStatus: status === 'AWAITING_APPROVAL' ? 'CANCEL_REQUESTED' : 'PREPARING',
      });
      expect(snapshot(store)).toEqual(before);
      expect(workflows.started).toEqual([]);
    },
  );

  it('an unknown claim is not found', async () => {
    const { store, workflows } = world();
    await caught(
      resolveClaim({ store, workflows }, OPERATOR, 'C-NOPE', { action: 'CLOSE', reason: 'x' }, NOW),
      NotFoundError,
    );
  });

  it(
    'the reconciler records the alert between the read and the write: the resolution is decided again on what it ' +
      'left, and goes through',
    async () => {
      const { store, workflows, claim } = await couponCase();
      const race = raceOnce(store, anyCommit, async () => {
        const current = (await store.getClaim(claim.claimId))!;
        await store.commit(
          changeOf([
            {
              entity: 'claim',
              value: {
                ...current,
                operatorAlert: { why: 'Coupon.', status: 'SENT', attempts: 2, sentAt: NOW.toISOString() },
              },
              from: current.status,
            },
          ]),
        );
      });

      const answer = await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'Coupon returned.' },
        NOW,
      );

      expect(race.fired()).toBe(true);
      expect(answer.status).toBe('IN_PROGRESS');
      const stored = (await store.getClaim(claim.claimId))!;
      expect(stored.resolutions).toHaveLength(1);
      expect(stored.operatorAlert).toBeUndefined();
      expect(store.events.filter((e) => e.type === 'OPERATOR_COMPLETE')).toHaveLength(1);
    },
  );

  it(
    'two operators at once: the first one’s COMPLETE stands, the second one’s CLOSE is refused as no longer ' +
      'needing an operator',
    async () => {
      const { store, workflows, claim, order } = await couponCase();
      raceOnce(store, anyCommit, async () => {
        await resolveClaim(
          { store, workflows },
          { role: 'operator', id: 'OP-2' },
          claim.claimId,
          { action: 'COMPLETE', reason: 'Coupon returned.' },
          NOW,
        );
      });

      const error = await caught(
        resolveClaim({ store, workflows }, OPERATOR, claim.claimId, { action: 'CLOSE', reason: 'Close it.' }, NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({ kind: 'CONFLICT', detail: expect.stringContaining('is IN_PROGRESS') });
      const stored = (await store.getClaim(claim.claimId))!;
      expect(stored.status).toBe('IN_PROGRESS');
      expect(stored.resolutions).toEqual([
        expect.objectContaining({ action: 'COMPLETE', by: { role: 'operator', id: 'OP-2' } }),
      ]);
      expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
      expect(workflows.started).toHaveLength(1);
    },
  );
});
