// approveRequest: the owning seller approves a buyer's request; the decision is the claim's, and the
// waiting approval workflow is only woken with it.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import { ForbiddenError, NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { approveRequest } from '../../../../shared/app/cancel-requests/approve-request.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { BUYER, NOW, OPERATOR, OTHER_SELLER, SELLER, caught, seedRequest } from '../../../support/world-claims.js';
import { approvalDeps, seedClaim, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const TOKEN = 'token-of-the-waiting-approval';

describe('approveRequest', () => {
  it(
    'moves the request IN_PROGRESS (the order stays held for settle-claim) and wakes the waiting workflow with ' +
      'APPROVED',
    async () => {
      const { store, workflows } = world();
      const { claim, order } = await seedRequest(store);
      await awaitDecision({ store, workflows }, claim.claimId, TOKEN);
      workflows.openTokens.add(TOKEN);

      const answer = await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW);

      expect(answer).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'IN_PROGRESS',
        updatedAt: NOW.toISOString(),
      });
      expect(await store.getOrder(order.orderNo)).toMatchObject({
        status: 'CANCEL_REQUESTED',
        openClaimId: claim.claimId,
      });
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'CANCEL_REQUEST_APPROVED',
          actor: { role: 'seller', id: 'S-1' },
          claimId: claim.claimId,
        },
      ]);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'APPROVED' } } }]);
      expect(workflows.openTokens.has(TOKEN)).toBe(false);
      expect(JSON.stringify(answer)).not.toContain(TOKEN);
    },
  );

  it('with no workflow waiting yet, the decision stands on the claim and nobody is woken', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);

    await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW);

    expect((await store.getClaim(claim.claimId))!.status).toBe('IN_PROGRESS');
    expect(workflows.wakes).toEqual([]);
  });

  it('a token that no longer waits (the wait ran out) is no error: the approval is answered', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    await awaitDecision({ store, workflows }, claim.claimId, TOKEN); // never opened: closed

    expect(await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW)).toEqual({
      claimId: claim.claimId,
      status: 'IN_PROGRESS',
    });
    expect(workflows.wakes).toHaveLength(1);
  });

  it.each([
    ['another seller: 404, as for an unknown claim', OTHER_SELLER, NotFoundError, 404],
    ['the buyer: 403', BUYER, ForbiddenError, 403],
    ['an operator: 403', OPERATOR, ForbiddenError, 403],
  ] as const)('%s, nothing written', async (_who, principal, error, status) => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    const commits = store.commits.length;

    expect(
      problemFor(await caught(approveRequest(approvalDeps(store, workflows), principal, claim.claimId, NOW), error))
        ?.status,
    ).toBe(status);
    expect(store.commits).toHaveLength(commits);
    expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_APPROVAL');
  });

  it('an unknown claim is 404', async () => {
    const { store, workflows } = world();
    expect(
      problemFor(await caught(approveRequest(approvalDeps(store, workflows), SELLER, 'C-NONE', NOW), NotFoundError))
        ?.status,
    ).toBe(404);
  });

  it('a request already withdrawn is 409, and nobody is woken', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    const current = (await store.getClaim(claim.claimId))!;
    await store.commit(
      changeOf([{ entity: 'claim', value: { ...current, status: 'WITHDRAWN' }, from: current.status }]),
    );
    const commits = store.commits.length;

    const refused = await caught(
      approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED' });
    expect(refused.message).toBe(
      `Claim ${claim.claimId} is WITHDRAWN: it is not a buyer's request waiting for the seller.`,
    );
    expect(problemFor(refused, SELLER)?.status).toBe(409);
    expect(store.commits).toHaveLength(commits);
    expect(workflows.wakes).toEqual([]);
  });

  it('a seller’s own cancellation is not a request to approve: 409', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });

    const refused = await caught(
      approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'NEW', allowedActions: [] });
    expect((await store.getClaim(claim.claimId))!.status).toBe('REQUESTED');
  });

  it(
    'the seller’s memo goes on the claim, which the buyer reads with the cancellation; personal data in it is ' +
      'refused and nothing changes',
    async () => {
      const { store, workflows } = world();
      const { claim, order } = await seedRequest(store);

      await caught(
        approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW, {
          sellerMemo: `${order.buyer.email} までご連絡ください`,
        }),
        RefusedError,
      );
      expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_APPROVAL');

      await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW, {
        sellerMemo: 'ご迷惑をおかけしました。',
      });
      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'IN_PROGRESS',
        sellerMemo: 'ご迷惑をおかけしました。',
      });
    },
  );

  it.each([
    [
      'a coupon whose terms forbid a seller cancellation',
      { coupon: { code: 'WELCOME10', sellerCancellable: false } },
      {},
    ],
    [
      'a payment method only the operator may cancel',
      { payment: { method: 'BANK_TRANSFER' as const } },
      { operatorOnlyPaymentMethods: ['BANK_TRANSFER' as const] },
    ],
  ])(
    'approving a request on an order with %s goes to the operator, as the seller’s own cancellation does: 422, the ' +
      'claim NEEDS_OPERATOR, the operator told, the wait ended',
    async (_what, order, policy) => {
      const { store, workflows, mailer } = world();
      const { claim } = await seedRequest(store, { order });
      await awaitDecision({ store, workflows }, claim.claimId, TOKEN);
      workflows.openTokens.add(TOKEN);
      const deps = { ...approvalDeps(store, workflows, mailer), policy: { operatorOnlyPaymentMethods: [], ...policy } };

      const refused = await caught(approveRequest(deps, SELLER, claim.claimId, NOW), RefusedError);

      expect(refused.refusal).toMatchObject({ kind: 'RULE', rule: 'SELLER_CANNOT_CANCEL' });
      expect(problemFor(refused, SELLER)).toMatchObject({ status: 422, claimId: claim.claimId });
      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'NEEDS_OPERATOR',
        failure: { error: 'SellerCannotCancel' },
        operatorAlert: { status: 'SENT' },
      });
      expect(mailer.sent.map((m) => m.to)).toEqual(['operators@shop.example']);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'HANDED_OVER' } } }]);
      // Nothing was cancelled: the order waits, held, for the operator's resolution.
      expect((await store.getOrder(claim.orderNo))!.status).toBe('CANCEL_REQUESTED');
      expect(store.refunds.size).toBe(0);
    },
  );
});
