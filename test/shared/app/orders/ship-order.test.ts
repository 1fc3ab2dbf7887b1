// POST /orders/{orderNo}/shipment: ship processing (발송처리) → IN_TRANSIT; never while the buyer asks to cancel.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { shipOrder } from '../../../../shared/app/orders/ship-order.js';
import { holdForClaim } from '../../../../shared/domain/transitions.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';
import { NOW, OTHER_SELLER, SELLER, caught, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

describe('ship an order', () => {
  it('a PREPARING order ships with its carrier and tracking number, on the timeline', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-27' });

    const shipped = await shipOrder(store, SELLER, order.orderNo, NOW, {
      carrier: 'Yamato',
      trackingNumber: '4411-2233-0001',
    });

    const stored = (await store.getOrder(order.orderNo))!;
    expect(stored).toEqual({
      ...order,
      status: 'IN_TRANSIT',
      shippedAt: '2026-11-25T01:00:00.000Z',
      shipment: { carrier: 'Yamato', trackingNumber: '4411-2233-0001' },
      updatedAt: '2026-11-25T01:00:00.000Z',
      version: order.version + 1,
    });
    expect(shipped).toEqual(stored);
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: '2026-11-25T01:00:00.000Z',
        type: 'SHIPPED',
        actor: { role: 'seller', id: 'S-1' },
        detail: 'IN_TRANSIT',
      },
    ]);
    expect(store.commits).toHaveLength(2);
  });

  it('without carrier or tracking number no shipment details are recorded', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'NEW' });

    await shipOrder(store, SELLER, order.orderNo, NOW);

    const stored = (await store.getOrder(order.orderNo))!;
    expect(stored.status).toBe('IN_TRANSIT');
    expect(stored).not.toHaveProperty('shipment');
  });

  it('a DELAYED order (its ship date passed) can still ship', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-21' });

    await shipOrder(store, SELLER, order.orderNo, NOW);

    expect((await store.getOrder(order.orderNo))!.status).toBe('IN_TRANSIT');
  });

  it(
    'an order whose buyer asked to cancel cannot ship (409 CANCEL_REQUESTED): approve or have it withdrawn; ' +
      'nothing changes',
    async () => {
      const { store } = world();
      const { order, claim } = await seedClaim(store, {
        status: 'AWAITING_APPROVAL',
        order: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
        claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' },
      });
      const before = snapshot(store);

      const error = await caught(shipOrder(store, SELLER, order.orderNo, NOW), RefusedError);

      expect(error.refusal).toEqual({
        kind: 'CONFLICT',
        detail:
          `The buyer asked to cancel order ${order.orderNo}: approve the request, or ask the buyer to ` +
          `withdraw it.`,
        currentStatus: 'CANCEL_REQUESTED',
        allowedActions: ['APPROVE_CANCEL_REQUEST', 'WITHDRAW_CANCEL_REQUEST'],
      });
      expect(snapshot(store)).toEqual(before);
      expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
    },
  );

  it('an order held by a running cancellation cannot ship (409, no actions) until the claim ends', async () => {
    const { store } = world();
    const { order, claim } = await seedClaim(store, { status: 'IN_PROGRESS', order: { status: 'NEW' } });
    const before = snapshot(store);

    const error = await caught(shipOrder(store, SELLER, order.orderNo, NOW), RefusedError);

    expect(error.refusal).toMatchObject({
      kind: 'CONFLICT',
      currentStatus: 'NEW',
      allowedActions: [],
      detail: expect.stringContaining(`Claim ${claim.claimId} is in progress`),
    });
    expect(snapshot(store)).toEqual(before);
  });

  it.each([
    ['PROCESSING', ['CONFIRM_PAYMENT', 'SELLER_CANCEL', 'BUYER_CANCEL']],
    ['IN_TRANSIT', ['DELIVER', 'SELLER_REFUND', 'REPORT_NON_RECEIPT']],
    ['CANCELLED', []],
  ] as const)('a %s order cannot ship (409 with what it allows)', async (status, allowed) => {
    const { store } = world();
    const order = await seedOrder(store, { status });

    const error = await caught(shipOrder(store, SELLER, order.orderNo, NOW), RefusedError);

    expect(error.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: status, allowedActions: allowed });
    expect((await store.getOrder(order.orderNo))!.status).toBe(status);
  });

  it('another seller’s order is forbidden, an unknown one not found', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    const before = snapshot(store);

    await caught(shipOrder(store, OTHER_SELLER, order.orderNo, NOW), NotFoundError);
    await caught(shipOrder(store, SELLER, 'NO-SUCH-ORDER', NOW), NotFoundError);

    expect(snapshot(store)).toEqual(before);
  });

  it(
    'the buyer’s cancel request lands between the read and the write: the shipment is refused and the request ' +
      'stands',
    async () => {
      const { store } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-27' });
      raceOnce(store, anyCommit, async () => {
        const current = (await store.getOrder(order.orderNo))!;
        await store.commit(
          changeOf([{ entity: 'order', value: holdForClaim(current, 'C-RACE', true), from: current.status }]),
        );
      });

      const error = await caught(shipOrder(store, SELLER, order.orderNo, NOW, { carrier: 'Yamato' }), RefusedError);

      expect(error.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED' });
      const stored = (await store.getOrder(order.orderNo))!;
      expect(stored).toMatchObject({ status: 'CANCEL_REQUESTED', openClaimId: 'C-RACE' });
      expect(stored.shippedAt).toBeUndefined();
      expect(store.events).toEqual([]);
    },
  );

  it('another change that does not stop shipping (a new ship date) is read again, and the order ships', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-27' });
    raceOnce(store, anyCommit, async () => {
      const current = (await store.getOrder(order.orderNo))!;
      await store.commit(
        changeOf([{ entity: 'order', value: { ...current, expectedShipDate: '2026-11-29' }, from: current.status }]),
      );
    });

    const shipped = await shipOrder(store, SELLER, order.orderNo, NOW);

    expect(shipped).toMatchObject({ status: 'IN_TRANSIT', expectedShipDate: '2026-11-29', version: order.version + 2 });
    expect(await store.getOrder(order.orderNo)).toEqual(shipped);
    expect(store.commits).toHaveLength(3); // the seed, the other change, the shipment
  });
});
