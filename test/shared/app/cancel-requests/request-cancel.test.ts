// requestBuyerCancel (flow 3): PROCESSING and NEW cancel at once on the buyer's account, DELAYED at
// once on the seller's, PREPARING waits for the seller in the approval workflow.
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { requestBuyerCancel } from '../../../../shared/app/cancel-requests/request-cancel.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { BUYER, NOW, OPERATOR, OTHER_BUYER, caught, raceOnce } from '../../../support/world-claims.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const changedMind = { reason: 'BUYER_CHANGED_MIND' as const, message: 'もっと安い商品を見つけたため' };

describe('requestBuyerCancel', () => {
  it(
    'a PREPARING order becomes CANCEL_REQUESTED, held by the request, and the approval workflow starts with the ' +
      'timing',
    async () => {
      const { store, workflows, timing } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });

      const { claim, outcome } = await requestBuyerCancel(
        { store, workflows, timing },
        BUYER,
        order.orderNo,
        changedMind,
        NOW,
      );

      expect(outcome).toBe('AWAITING_SELLER');
      expect(claim).toEqual(await store.getClaim(claim.claimId));
      expect(claim).toMatchObject({
        type: 'BUYER_CANCEL',
        status: 'AWAITING_APPROVAL',
        orderNo: order.orderNo,
        orderNos: [order.orderNo],
        reason: 'BUYER_CHANGED_MIND',
        fault: 'BUYER',
        scope: 'ORDER',
        buyerMessage: 'もっと安い商品を見つけたため',
        requestedBy: { role: 'buyer', id: 'B-1' },
        requestedAt: NOW.toISOString(),
        version: 1,
      });
      expect(await store.getOrder(order.orderNo)).toMatchObject({
        status: 'CANCEL_REQUESTED',
        openClaimId: claim.claimId,
        claimIds: [claim.claimId],
      });
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'CANCEL_REQUESTED',
          actor: { role: 'buyer', id: 'B-1' },
          claimId: claim.claimId,
          detail: 'BUYER_CANCEL BUYER_CHANGED_MIND',
        },
      ]);
      expect(store.commits).toHaveLength(2); // the seeded order, then one transaction
      expect(workflows.started).toHaveLength(1);
      expect(workflows.started[0]!.run).toEqual({ workflow: 'approveCancelRequest', name: claim.claimId });
      const { reminderAfterSeconds, handOverAfterSeconds } = timing;
      expect(workflows.started[0]!.input).toMatchObject({
        claimId: claim.claimId,
        timing: { reminderAfterSeconds, handOverAfterSeconds },
      });
    },
  );

  it.each(['NEW', 'PROCESSING'] as const)(
    'a %s order is cancelled at once on the buyer’s account: the claim settles without the seller',
    async (status) => {
      const { store, workflows, timing } = world();
      const order = await seedOrder(store, { status });

      const { claim, outcome } = await requestBuyerCancel(
        { store, workflows, timing },
        BUYER,
        order.orderNo,
        changedMind,
        NOW,
      );

      expect(outcome).toBe('CANCELLED_IMMEDIATELY');
      expect(claim).toMatchObject({ status: 'REQUESTED', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' });
      // Held by the claim, in its own status until settle-claim cancels it.
      expect(await store.getOrder(order.orderNo)).toMatchObject({ status, openClaimId: claim.claimId });
      expect(store.events.map((e) => e.type)).toEqual(['CLAIM_OPENED']);
      expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
      expect(workflows.started[0]!.input).toMatchObject({ claimId: claim.claimId });
      expect(workflows.started[0]!.input).not.toHaveProperty('timing');
    },
  );

  it('a DELAYED order (ship date passed) is cancelled at once, as the seller’s fault (SHIPPING_DELAY)', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-24' });

    const { claim, outcome } = await requestBuyerCancel(
      { store, workflows, timing },
      BUYER,
      order.orderNo,
      changedMind,
      NOW,
    );

    expect(outcome).toBe('CANCELLED_IMMEDIATELY');
    expect(claim).toMatchObject({ status: 'REQUESTED', reason: 'SHIPPING_DELAY', fault: 'SELLER' });
    expect(workflows.started.map((s) => s.run.workflow)).toEqual(['settleClaim']);
  });

  it('an operator files for the buyer only with the reason, which goes on the timeline', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });

    const refused = await caught(
      requestBuyerCancel({ store, workflows, timing }, OPERATOR, order.orderNo, changedMind, NOW),
      InvalidInputError,
    );
    expect(refused.errors).toEqual([{ path: 'body.onBehalfReason', message: 'required for an operator' }]);
    expect(problemFor(refused)?.status).toBe(400);
    expect(store.commits).toHaveLength(1);

    const { claim } = await requestBuyerCancel(
      { store, workflows, timing },
      OPERATOR,
      order.orderNo,
      { ...changedMind, onBehalfReason: 'The buyer phoned: cannot use the app.' },
      NOW,
    );
    expect(claim.requestedBy).toEqual({ role: 'operator', id: 'OP-1' });
    expect(store.events.at(-1)).toMatchObject({
      type: 'CANCEL_REQUESTED',
      actor: { role: 'operator', id: 'OP-1' },
      detail: 'BUYER_CANCEL BUYER_CHANGED_MIND (filed for the buyer: The buyer phoned: cannot use the app.)',
    });
  });

  it('another buyer’s order is 403 and an unknown one 404, with nothing written', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'NEW' });

    expect(
      problemFor(
        await caught(
          requestBuyerCancel({ store, workflows, timing }, OTHER_BUYER, order.orderNo, changedMind, NOW),
          NotFoundError,
        ),
      )?.status,
    ).toBe(404);
    expect(
      problemFor(
        await caught(
          requestBuyerCancel({ store, workflows, timing }, BUYER, 'O-NONE', changedMind, NOW),
          NotFoundError,
        ),
      )?.status,
    ).toBe(404);
    expect(store.commits).toHaveLength(1);
    expect(workflows.started).toEqual([]);
  });

  it('a shipped order is 409 with its status and what the buyer may do', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'IN_TRANSIT' });

    const refused = await caught(
      requestBuyerCancel({ store, workflows, timing }, BUYER, order.orderNo, changedMind, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({
      kind: 'CONFLICT',
      currentStatus: 'IN_TRANSIT',
      allowedActions: ['DELIVER', 'SELLER_REFUND', 'REPORT_NON_RECEIPT'],
    });
    // The buyer learns the one thing it may do with a shipped order: report it not received.
    expect(problemFor(refused, BUYER)).toMatchObject({
      status: 409,
      currentStatus: 'IN_TRANSIT',
      allowedActions: ['REPORT_NON_RECEIPT'],
    });
    expect(store.claims.size).toBe(0);
  });

  it('an order another claim holds is 409: one claim at a time', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'NEW', openClaimId: 'C-OTHER', claimIds: ['C-OTHER'] });

    const refused = await caught(
      requestBuyerCancel({ store, workflows, timing }, BUYER, order.orderNo, changedMind, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'NEW', allowedActions: [] });
    expect(refused.message).toContain('C-OTHER');
    expect(store.claims.size).toBe(0);
  });

  it('two requests at once: the first one committed wins, the other is 409 and writes nothing', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });
    const other = raceOnce(
      store,
      (writes) => writes.some((w) => w.entity === 'claim'),
      () =>
        requestBuyerCancel(
          { store, workflows, timing },
          OPERATOR,
          order.orderNo,
          { ...changedMind, onBehalfReason: 'filed by phone' },
          NOW,
        ),
    );

    const refused = await caught(
      requestBuyerCancel({ store, workflows, timing }, BUYER, order.orderNo, changedMind, NOW),
      RefusedError,
    );

    expect(other.error).toBeUndefined();
    const winner = (other.value as { claim: { claimId: string } }).claim.claimId;
    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED' });
    expect([...store.claims.keys()]).toEqual([winner]);
    expect(await store.getOrder(order.orderNo)).toMatchObject({
      status: 'CANCEL_REQUESTED',
      openClaimId: winner,
      claimIds: [winner],
    });
    expect(workflows.started.map((s) => s.run.name)).toEqual([winner]);
  });

  it('a shipment processed while the request is decided makes it read again and refuse', async () => {
    const { store, workflows, timing } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });
    raceOnce(
      store,
      () => true,
      async () => {
        const current = (await store.getOrder(order.orderNo))!;
        await store.commit(
          changeOf([
            {
              entity: 'order',
              value: { ...current, status: 'IN_TRANSIT', shippedAt: NOW.toISOString() },
              from: current.status,
            },
          ]),
        );
      },
    );

    const refused = await caught(
      requestBuyerCancel({ store, workflows, timing }, BUYER, order.orderNo, changedMind, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'IN_TRANSIT' });
    expect(store.claims.size).toBe(0);
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBeUndefined();
  });

  it(
    'a start Step Functions does not take leaves the request committed for the reconciler, and answers all the ' +
      'same',
    async () => {
      const { store, workflows, timing } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });
      workflows.failStarts = 1;

      const { claim, outcome } = await requestBuyerCancel(
        { store, workflows, timing },
        BUYER,
        order.orderNo,
        changedMind,
        NOW,
      );

      expect(outcome).toBe('AWAITING_SELLER');
      expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_APPROVAL');
      expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
      expect(workflows.started).toEqual([]);
    },
  );
});
