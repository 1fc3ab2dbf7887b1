// expire-request: the last wait ran out. A request still waiting goes to the operator (told by
// e-mail); one decided meanwhile goes its way.
import { describe, expect, it } from 'vitest';
import { expireRequest } from '../../../../shared/app/cancel-requests/expire-request.js';
import { approveRequest } from '../../../../shared/app/cancel-requests/approve-request.js';
import { SELLER, raceOnce, seedRequest } from '../../../support/world-claims.js';
import { approvalDeps, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const SEVEN_DAYS_LATER = new Date('2026-12-02T00:00:00.000Z');

describe('expireRequest', () => {
  it('a request still waiting goes to the operator, who is told; the order stays held as it is', async () => {
    const { store, mailer, alerts } = world();
    const { claim, order } = await seedRequest(store);

    expect(await expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER)).toEqual({
      claimId: claim.claimId,
      decision: 'EXPIRED',
    });

    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'NEEDS_OPERATOR',
      failure: { error: 'ApprovalTimedOut', cause: 'The seller did not decide on the buyer’s request in time.' },
      operatorAlert: { status: 'SENT', attempts: 1, sentAt: SEVEN_DAYS_LATER.toISOString() },
    });
    expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
      [alerts.operatorEmail, `[order-claims] Claim ${claim.claimId} needs an operator`],
    ]);
    expect(mailer.sent[0]!.email.text).toContain(`POST /claims/${claim.claimId}/resolution COMPLETE`);
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: SEVEN_DAYS_LATER.toISOString(),
        type: 'CLAIM_NEEDS_OPERATOR',
        actor: { role: 'system', id: 'approval-workflow' },
        claimId: claim.claimId,
        detail: 'ApprovalTimedOut',
      },
    ]);
    expect(await store.getOrder(order.orderNo)).toMatchObject({
      status: 'CANCEL_REQUESTED',
      openClaimId: claim.claimId,
    });
  });

  it.each([
    ['IN_PROGRESS', 'APPROVED'],
    ['WITHDRAWN', 'WITHDRAWN'],
  ] as const)(
    'a request decided meanwhile (%s) goes its way (%s): nothing written, nobody told',
    async (status, decision) => {
      const { store, mailer, alerts } = world();
      const { claim } = await seedRequest(store);
      await store.commit(changeOf([{ entity: 'claim', value: { ...claim, status }, from: claim.status }]));
      const commits = store.commits.length;

      expect(await expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER)).toEqual({
        claimId: claim.claimId,
        decision,
      });
      expect(store.commits).toHaveLength(commits);
      expect(mailer.sent).toEqual([]);
    },
  );

  it(
    'an approval committed while the request is handed over wins: the step reads again and answers ' + 'APPROVED',
    async () => {
      const { store, mailer, alerts, workflows } = world();
      const { claim } = await seedRequest(store);
      raceOnce(
        store,
        (writes) => writes[0]!.entity === 'claim' && writes[0]!.value.status === 'NEEDS_OPERATOR',
        () => approveRequest(approvalDeps(store, workflows), SELLER, claim.claimId, SEVEN_DAYS_LATER),
      );

      expect(await expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER)).toEqual({
        claimId: claim.claimId,
        decision: 'APPROVED',
      });
      expect(await store.getClaim(claim.claimId)).toMatchObject({ status: 'IN_PROGRESS' });
      expect((await store.getClaim(claim.claimId))!.operatorAlert).toBeUndefined();
      expect(mailer.sent).toEqual([]);
      expect(store.events.map((e) => e.type)).toEqual(['CANCEL_REQUEST_APPROVED']);
    },
  );

  it('an alert SES did not take stays pending on the handed-over claim, and the step throws for a retry', async () => {
    const { store, mailer, alerts } = world();
    const { claim } = await seedRequest(store);
    mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });

    await expect(expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER)).rejects.toMatchObject({
      name: 'OperatorAlertRetryable',
    });

    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'NEEDS_OPERATOR',
      operatorAlert: { status: 'PENDING', attempts: 1 },
    });
    expect(mailer.sent).toEqual([]);

    // The step's retry finds the claim handed over and sends the alert still pending, once.
    expect(await expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER)).toEqual({
      claimId: claim.claimId,
      decision: 'HANDED_OVER',
    });
    expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    expect(await store.getClaim(claim.claimId)).toMatchObject({ operatorAlert: { status: 'SENT', attempts: 2 } });
    await expireRequest({ store, ...alerts }, claim.claimId, SEVEN_DAYS_LATER);
    expect(mailer.sent).toHaveLength(1);
  });

  it('an unknown claim: ClaimNotFound', async () => {
    const { store, alerts } = world();
    await expect(expireRequest({ store, ...alerts }, 'C-NONE', SEVEN_DAYS_LATER)).rejects.toMatchObject({
      name: 'ClaimNotFound',
    });
  });
});
