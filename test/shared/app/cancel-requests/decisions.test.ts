// A buyer's request is decided on the claim, by a conditional write: the first decision wins, the
// other is 409, and the waiting workflow is woken once, with the winner.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import { reconcileClaims } from '../../../../shared/app/claims/reconcile-claims.js';
import { RefusedError } from '../../../../shared/app/common/errors.js';
import { approveRequest } from '../../../../shared/app/cancel-requests/approve-request.js';
import { decisionOf, wake } from '../../../../shared/app/cancel-requests/decisions.js';
import { withdrawRequest } from '../../../../shared/app/cancel-requests/withdraw-request.js';
import { CLAIM_STATUSES } from '../../../../shared/domain/claim.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { BUYER, NOW, SELLER, caught, raceOnce, seedRequest } from '../../../support/world-claims.js';
import { FakeMailer } from '../../../support/fakes.js';
import { approvalDeps, world } from '../../../support/worlds.js';

const TOKEN = 'token-of-the-waiting-approval';

async function waitingRequest() {
  const w = world();
  const { claim, order } = await seedRequest(w.store);
  await awaitDecision({ store: w.store, workflows: w.workflows }, claim.claimId, TOKEN);
  w.workflows.openTokens.add(TOKEN);
  return { ...w, claim, order };
}

describe('decisionOf', () => {
  it(
    'reads APPROVED from IN_PROGRESS, WITHDRAWN from WITHDRAWN, HANDED_OVER from NEEDS_OPERATOR, and nothing from ' +
      'any other status',
    async () => {
      const { store } = world();
      const { claim } = await seedRequest(store);
      const read = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, decisionOf({ ...claim, status })]));
      expect(read).toEqual({
        REQUESTED: undefined,
        AWAITING_APPROVAL: undefined,
        IN_PROGRESS: 'APPROVED',
        COMPLETED: undefined,
        WITHDRAWN: 'WITHDRAWN',
        FAILED: undefined,
        NEEDS_OPERATOR: 'HANDED_OVER',
      });
    },
  );
});

describe('wake', () => {
  it('wakes the stored token with the decision', async () => {
    const { store, workflows, claim } = await waitingRequest();
    await wake({ store, workflows }, claim.claimId, 'WITHDRAWN');
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'WITHDRAWN' } } }]);
  });

  it(
    'Step Functions not taking the wake (throttled past the SDK’s retries): the approval is answered, its decision ' +
      'stands, and the claim settles by the reconciler',
    async () => {
      const { store, workflows, claim } = await waitingRequest();
      workflows.failWakes = 1;

      expect(await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW)).toEqual({
        claimId: claim.claimId,
        status: 'IN_PROGRESS',
      });

      expect(await store.getClaim(claim.claimId)).toMatchObject({ status: 'IN_PROGRESS' });
      expect(workflows.wakes).toEqual([]);
      // Minutes later: the claim's settlement has no run yet, so the reconciler starts it.
      const later = new Date(NOW.getTime() + 10 * 60_000);
      const alerts = { mailer: new FakeMailer(), operatorEmail: 'operators@shop.example' };
      const timing = { reminderAfterSeconds: 3600, handOverAfterSeconds: 3600 };
      const nonReceiptTiming = { answerSeconds: 3600, refundAfterSeconds: 3600, buyerSeconds: 3600 };
      const report = await reconcileClaims(
        { store, workflows, alerts, timing, nonReceiptTiming },
        { staleAfterSeconds: 300, maxClaims: 10 },
        later,
      );
      expect(report.started).toEqual([claim.claimId]);
      expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
    },
  );

  it('a withdrawal whose wake is not taken is answered too: the withdrawal stands', async () => {
    const { store, workflows, claim } = await waitingRequest();
    workflows.failWakes = 1;
    expect(await withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW)).toEqual({
      claimId: claim.claimId,
      status: 'WITHDRAWN',
    });
    expect(await store.getClaim(claim.claimId)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('wakes nobody when no token is stored', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    await wake({ store, workflows }, claim.claimId, 'APPROVED');
    expect(workflows.wakes).toEqual([]);
  });
});

describe('the first decision wins', () => {
  it(
    'a withdrawal committed while the approval is written: the approval is 409, the workflow woken once with ' +
      'WITHDRAWN',
    async () => {
      const { store, workflows, claim, order } = await waitingRequest();
      const withdrawal = raceOnce(
        store,
        () => true,
        () => withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW),
      );

      const refused = await caught(
        approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
        RefusedError,
      );

      expect(withdrawal.fired()).toBe(true);
      expect(withdrawal.value).toEqual({ claimId: claim.claimId, status: 'WITHDRAWN' });
      expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'PREPARING' });
      expect(problemFor(refused, SELLER)?.status).toBe(409);
      expect((await store.getClaim(claim.claimId))!.status).toBe('WITHDRAWN');
      expect(await store.getOrder(order.orderNo)).toMatchObject({ status: 'PREPARING' });
      expect(store.events.map((e) => e.type)).toEqual(['CANCEL_REQUEST_WITHDRAWN']);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'WITHDRAWN' } } }]);
    },
  );

  it(
    'an approval committed while the withdrawal is written: the withdrawal is 409, the workflow woken once with ' +
      'APPROVED',
    async () => {
      const { store, workflows, claim, order } = await waitingRequest();
      const approval = raceOnce(
        store,
        () => true,
        () => approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
      );

      const refused = await caught(withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW), RefusedError);

      expect(approval.fired()).toBe(true);
      expect(approval.value).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
      expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED' });
      expect(problemFor(refused, BUYER)?.status).toBe(409);
      expect((await store.getClaim(claim.claimId))!.status).toBe('IN_PROGRESS');
      expect(await store.getOrder(order.orderNo)).toMatchObject({
        status: 'CANCEL_REQUESTED',
        openClaimId: claim.claimId,
      });
      expect(store.events.map((e) => e.type)).toEqual(['CANCEL_REQUEST_APPROVED']);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'APPROVED' } } }]);
    },
  );

  it('two approvals at once: one is answered, the other 409, one wake', async () => {
    const { store, workflows, claim } = await waitingRequest();
    const first = raceOnce(
      store,
      () => true,
      () => approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
    );

    const refused = await caught(
      approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
      RefusedError,
    );

    expect(first.value).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
    expect(refused.refusal.kind).toBe('CONFLICT');
    expect(store.events.map((e) => e.type)).toEqual(['CANCEL_REQUEST_APPROVED']);
    expect(workflows.wakes).toHaveLength(1);
  });
});
