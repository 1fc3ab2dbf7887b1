// withdrawRequest: the buyer withdraws a pending request, or an operator for them with the reason;
// the order goes back to PREPARING and can ship; the waiting workflow is woken with WITHDRAWN.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
} from '../../../../shared/app/common/errors.js';
import { withdrawRequest } from '../../../../shared/app/cancel-requests/withdraw-request.js';
import { allowedActions } from '../../../../shared/domain/transitions.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { BUYER, NOW, OPERATOR, OTHER_BUYER, SELLER, caught, seedRequest } from '../../../support/world-claims.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const TOKEN = 'token-of-the-waiting-approval';

describe('withdrawRequest', () => {
  it(
    'the buyer withdraws: the claim WITHDRAWN, the order back to PREPARING and shippable, the workflow woken with ' +
      'WITHDRAWN',
    async () => {
      const { store, workflows } = world();
      const { claim, order } = await seedRequest(store);
      await awaitDecision({ store, workflows }, claim.claimId, TOKEN);
      workflows.openTokens.add(TOKEN);

      const answer = await withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW);

      expect(answer).toEqual({ claimId: claim.claimId, status: 'WITHDRAWN' });
      expect(await store.getClaim(claim.claimId)).toMatchObject({
        status: 'WITHDRAWN',
        withdrawal: { by: { role: 'buyer', id: 'B-1' }, at: NOW.toISOString() },
        completedAt: NOW.toISOString(),
      });
      expect((await store.getClaim(claim.claimId))!.withdrawal).not.toHaveProperty('reason');
      const released = (await store.getOrder(order.orderNo))!;
      expect(released).toMatchObject({ status: 'PREPARING', claimIds: [claim.claimId], updatedAt: NOW.toISOString() });
      expect(released.openClaimId).toBeUndefined();
      expect(allowedActions(released, NOW)).toContain('SHIP');
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'CANCEL_REQUEST_WITHDRAWN',
          actor: { role: 'buyer', id: 'B-1' },
          claimId: claim.claimId,
        },
      ]);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'WITHDRAWN' } } }]);
    },
  );

  it('an operator withdraws for the buyer only with the reason, kept on the claim and the timeline', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);

    const missing = await caught(
      withdrawRequest({ store, workflows }, OPERATOR, claim.claimId, {}, NOW),
      InvalidInputError,
    );
    expect(missing.errors).toEqual([{ path: 'body.reason', message: 'required for an operator' }]);
    expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_APPROVAL');

    await withdrawRequest(
      { store, workflows },
      OPERATOR,
      claim.claimId,
      { reason: 'The buyer cannot withdraw it: asked by phone.' },
      NOW,
    );
    expect((await store.getClaim(claim.claimId))!.withdrawal).toEqual({
      by: { role: 'operator', id: 'OP-1' },
      reason: 'The buyer cannot withdraw it: asked by phone.',
      at: NOW.toISOString(),
    });
    expect(store.events.at(-1)).toMatchObject({
      type: 'CANCEL_REQUEST_WITHDRAWN',
      actor: { role: 'operator', id: 'OP-1' },
      detail: 'The buyer cannot withdraw it: asked by phone.',
    });
  });

  it.each([
    ['the seller (who cannot refuse a request): 403', SELLER, ForbiddenError, 403],
    ['another buyer: 404, as for an unknown claim', OTHER_BUYER, NotFoundError, 404],
  ] as const)('%s, nothing written', async (_who, principal, error, status) => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    const commits = store.commits.length;

    expect(
      problemFor(await caught(withdrawRequest({ store, workflows }, principal, claim.claimId, {}, NOW), error))?.status,
    ).toBe(status);
    expect(store.commits).toHaveLength(commits);
  });

  it('an unknown claim is 404', async () => {
    const { store, workflows } = world();
    expect(
      problemFor(await caught(withdrawRequest({ store, workflows }, BUYER, 'C-NONE', {}, NOW), NotFoundError))?.status,
    ).toBe(404);
  });

  it('a request already approved is 409: the order stays held, nobody is woken', async () => {
    const { store, workflows } = world();
    const { claim, order } = await seedRequest(store);
    const current = (await store.getClaim(claim.claimId))!;
    await store.commit(
      changeOf([{ entity: 'claim', value: { ...current, status: 'IN_PROGRESS' }, from: current.status }]),
    );

    const refused = await caught(withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW), RefusedError);

    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED', allowedActions: [] });
    expect(problemFor(refused, BUYER)?.status).toBe(409);
    expect(await store.getOrder(order.orderNo)).toMatchObject({
      status: 'CANCEL_REQUESTED',
      openClaimId: claim.claimId,
    });
    expect(workflows.wakes).toEqual([]);
  });

  it('a claim that is not a buyer’s request cannot be withdrawn: 409', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });

    const refused = await caught(withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW), RefusedError);

    expect(refused.refusal.kind).toBe('CONFLICT');
    expect((await store.getClaim(claim.claimId))!.status).toBe('REQUESTED');
  });
});
