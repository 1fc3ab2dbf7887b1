// await-decision: the approval workflow's wait. The token is kept apart from the claim; a decision
// made before, or while, the token is written is never lost: whoever comes second wakes the wait.
import { describe, expect, it } from 'vitest';
import { awaitDecision } from '../../../../shared/app/cancel-requests/await-decision.js';
import { viewClaim } from '../../../../shared/app/claims/view-claim.js';
import { listClaims } from '../../../../shared/app/claims/list-claims.js';
import { viewOrder } from '../../../../shared/app/orders/view-order.js';
import { approveRequest } from '../../../../shared/app/cancel-requests/approve-request.js';
import { withdrawRequest } from '../../../../shared/app/cancel-requests/withdraw-request.js';
import { BUYER, NOW, SELLER, raceOnce, readable, seedRequest } from '../../../support/world-claims.js';
import { approvalDeps, seedClaim, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const TOKEN = 'AAAA-secret-task-token-of-the-waiting-approval-0123456789';

describe('awaitDecision', () => {
  it('a request still waiting: the token is stored apart, in one write, and nobody is woken', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    const commits = store.commits.length;

    const answer = await awaitDecision({ store, workflows }, claim.claimId, TOKEN);

    expect(answer).toEqual({ claimId: claim.claimId, waiting: true });
    expect(await store.waitToken({ claimId: claim.claimId })).toBe(TOKEN);
    expect(store.commits.slice(commits)).toEqual([
      [{ entity: 'wait', value: { waitFor: { claimId: claim.claimId }, token: TOKEN, version: claim.version } }],
    ]);
    expect(workflows.wakes).toEqual([]);
    // The claim is unchanged: the wait was written only because it was as read (a decision after it reads the token).
    expect(await store.getClaim(claim.claimId)).toEqual(claim);
  });

  it('the token never appears on a claim anyone reads: the claim, its list, the order’s records', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    await awaitDecision({ store, workflows }, claim.claimId, TOKEN);

    expect(await readable(store)).not.toContain(TOKEN);
    const page = await listClaims(store, SELLER, { status: 'AWAITING_APPROVAL', limit: 10 }, NOW);
    const views = [
      page,
      await viewClaim(store, SELLER, claim.claimId, NOW),
      await viewClaim(store, BUYER, claim.claimId, NOW),
      await viewOrder(store, SELLER, claim.orderNo, NOW),
    ];
    for (const view of views) {
      expect(JSON.stringify(view)).toContain(claim.claimId);
      expect(JSON.stringify(view)).not.toContain(TOKEN);
    }
  });

  it.each([
    ['IN_PROGRESS', 'APPROVED'],
    ['WITHDRAWN', 'WITHDRAWN'],
  ] as const)(
    'a request decided before the wait (%s) wakes the wait at once with %s, and stores no token',
    async (status, decision) => {
      const { store, workflows } = world();
      const { claim } = await seedRequest(store);
      await store.commit(changeOf([{ entity: 'claim', value: { ...claim, status }, from: claim.status }]));

      const answer = await awaitDecision({ store, workflows }, claim.claimId, TOKEN);

      expect(answer).toEqual({ claimId: claim.claimId, waiting: false });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision } } }]);
      expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
    },
  );

  it(
    'a claim handed to the operator has nothing to wait for: the wait ends at once, HANDED_OVER (the workflow ' +
      'ends; the operator runs the claim)',
    async () => {
      const { store, workflows } = world();
      const { claim } = await seedRequest(store);
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...claim, status: 'NEEDS_OPERATOR' }, from: claim.status }]),
      );

      expect(await awaitDecision({ store, workflows }, claim.claimId, TOKEN)).toEqual({
        claimId: claim.claimId,
        waiting: false,
      });
      expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'HANDED_OVER' } } }]);
    },
  );

  it('a closed claim has nothing to wait for: ClaimClosed', async () => {
    const { store, workflows } = world();
    const { claim } = await seedRequest(store);
    await store.commit(changeOf([{ entity: 'claim', value: { ...claim, status: 'FAILED' }, from: claim.status }]));

    await expect(awaitDecision({ store, workflows }, claim.claimId, TOKEN)).rejects.toMatchObject({
      name: 'ClaimClosed',
    });
    expect(workflows.wakes).toEqual([]);
  });

  it('an unknown claim: ClaimNotFound', async () => {
    const { store, workflows } = world();
    await expect(awaitDecision({ store, workflows }, 'C-NONE', TOKEN)).rejects.toMatchObject({ name: 'ClaimNotFound' });
  });

  it('a seller’s own claim, REQUESTED, is not waiting for a decision: ClaimClosed', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });
    await expect(awaitDecision({ store, workflows }, claim.claimId, TOKEN)).rejects.toMatchObject({
      name: 'ClaimClosed',
    });
  });
});

describe('a token written while the decision is made is never lost', () => {
  it(
    'an approval committed between the wait’s read and its token write: the wait reads again and wakes ' + 'itself',
    async () => {
      const { store, workflows } = world();
      const { claim } = await seedRequest(store);
      workflows.openTokens.add(TOKEN);
      const approval = raceOnce(
        store,
        (writes) => writes[0]!.entity === 'wait',
        () => approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW),
      );

      const answer = await awaitDecision({ store, workflows }, claim.claimId, TOKEN);

      expect(approval.value).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
      expect(answer).toEqual({ claimId: claim.claimId, waiting: false });
      // The approval found no token; the wait, reading again, found the decision.
      expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'APPROVED' } } }]);
      expect(workflows.openTokens.has(TOKEN)).toBe(false);
    },
  );

  it(
    'a token stored between the approval’s read and its commit: the approval reads again, commits, and wakes ' + 'it',
    async () => {
      const { store, workflows } = world();
      const { claim } = await seedRequest(store);
      workflows.openTokens.add(TOKEN);
      const wait = raceOnce(
        store,
        (writes) => writes[0]!.entity === 'claim',
        () => awaitDecision({ store, workflows }, claim.claimId, TOKEN),
      );

      const answer = await approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, NOW);

      expect(wait.value).toEqual({ claimId: claim.claimId, waiting: true });
      expect(answer).toEqual({ claimId: claim.claimId, status: 'IN_PROGRESS' });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'APPROVED' } } }]);
      expect(workflows.openTokens.has(TOKEN)).toBe(false);
    },
  );

  it(
    'a withdrawal committed between the wait’s read and its token write: the wait wakes itself with ' + 'WITHDRAWN',
    async () => {
      const { store, workflows } = world();
      const { claim } = await seedRequest(store);
      workflows.openTokens.add(TOKEN);
      raceOnce(
        store,
        (writes) => writes[0]!.entity === 'wait',
        () => withdrawRequest({ store, workflows }, BUYER, claim.claimId, {}, NOW),
      );

      expect(await awaitDecision({ store, workflows }, claim.claimId, TOKEN)).toEqual({
        claimId: claim.claimId,
        waiting: false,
      });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { decision: 'WITHDRAWN' } } }]);
    },
  );
});
