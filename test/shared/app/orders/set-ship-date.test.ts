// PUT /orders/{orderNo}/ship-date: the seller enters the expected ship date (발송예정일): NEW → PREPARING.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { setShipDate } from '../../../../shared/app/orders/set-ship-date.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';
import { NOW, OTHER_SELLER, SELLER, caught, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

describe('set the expected ship date', () => {
  it('the seller’s date makes a NEW order PREPARING, on its timeline, and moves the dashboard count', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'NEW' });

    const changed = await setShipDate(store, SELLER, order.orderNo, '2026-11-28', NOW);

    const stored = (await store.getOrder(order.orderNo))!;
    expect(stored).toEqual({
      ...order,
      status: 'PREPARING',
      expectedShipDate: '2026-11-28',
      updatedAt: '2026-11-25T01:00:00.000Z',
      version: order.version + 1,
    });
    expect(changed).toEqual(stored);
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: '2026-11-25T01:00:00.000Z',
        type: 'SHIP_DATE_SET',
        actor: { role: 'seller', id: 'S-1' },
        detail: 'PREPARING',
      },
    ]);
    expect((await store.statusCounts('S-1')).orders).toEqual({ NEW: 0, PREPARING: 1 });
  });

  it('a PREPARING order takes a new date and stays PREPARING', async () => {
    const { store } = world();
    const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-27' });

    await setShipDate(store, SELLER, order.orderNo, '2026-12-03', NOW);

    expect((await store.getOrder(order.orderNo))!).toMatchObject({
      status: 'PREPARING',
      expectedShipDate: '2026-12-03',
    });
  });

  it('today (in Japan) is accepted', async () => {
    const { store } = world();
    const order = await seedOrder(store);

    await setShipDate(store, SELLER, order.orderNo, '2026-11-25', NOW);

    expect((await store.getOrder(order.orderNo))!.expectedShipDate).toBe('2026-11-25');
  });

  it(
    'a date already past in Japan is refused (SHIP_DATE_IN_PAST), even while it is still that day in UTC; nothing ' +
      'changes',
    async () => {
      const { store } = world();
      const order = await seedOrder(store);
      const before = snapshot(store);
      const justAfterMidnightInTokyo = new Date('2026-11-24T16:00:00.000Z');

      const error = await caught(
        setShipDate(store, SELLER, order.orderNo, '2026-11-24', justAfterMidnightInTokyo),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'SHIP_DATE_IN_PAST' });
      expect(snapshot(store)).toEqual(before);
    },
  );

  it(
    'an order whose ship date has passed is DELAYED: it can ship or be cancelled, not be given a new date ' + '(409)',
    async () => {
      const { store } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-22' });
      const before = snapshot(store);

      const error = await caught(setShipDate(store, SELLER, order.orderNo, '2026-11-30', NOW), RefusedError);

      expect(error.refusal).toMatchObject({
        kind: 'CONFLICT',
        currentStatus: 'DELAYED',
        allowedActions: ['SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL'],
      });
      expect(snapshot(store)).toEqual(before);
    },
  );

  it('while the buyer’s cancel request waits, the date cannot change (409 CANCEL_REQUESTED)', async () => {
    const { store } = world();
    const { order } = await seedClaim(store, {
      status: 'AWAITING_APPROVAL',
      order: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
      claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' },
    });
    const before = snapshot(store);

    const error = await caught(setShipDate(store, SELLER, order.orderNo, '2026-11-30', NOW), RefusedError);

    expect(error.refusal).toMatchObject({
      kind: 'CONFLICT',
      currentStatus: 'CANCEL_REQUESTED',
      allowedActions: ['APPROVE_CANCEL_REQUEST', 'WITHDRAW_CANCEL_REQUEST'],
    });
    expect(snapshot(store)).toEqual(before);
  });

  it('another seller’s order is forbidden, an unknown one not found; nothing changes', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    const before = snapshot(store);

    await caught(setShipDate(store, OTHER_SELLER, order.orderNo, '2026-11-28', NOW), NotFoundError);
    await caught(setShipDate(store, SELLER, 'NO-SUCH-ORDER', '2026-11-28', NOW), NotFoundError);

    expect(snapshot(store)).toEqual(before);
  });

  it(
    'the order shipped between the read and the write: the use case reads again and answers the ' + 'conflict',
    async () => {
      const { store } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-27' });
      raceOnce(store, anyCommit, async () => {
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
      });

      const error = await caught(setShipDate(store, SELLER, order.orderNo, '2026-11-30', NOW), RefusedError);

      expect(error.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'IN_TRANSIT' });
      expect((await store.getOrder(order.orderNo))!).toMatchObject({
        status: 'IN_TRANSIT',
        expectedShipDate: '2026-11-27',
      });
      expect(store.commits).toHaveLength(2); // the seed and the shipment: nothing of the refused date
    },
  );
});
