// What every move of an order shares (change-order, own-order): only its owner or an operator
// touches it; the decision is written with its timeline event only if nobody changed the order meanwhile.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { changeOrder } from '../../../../shared/app/orders/change-order.js';
import { loadOwnOrder } from '../../../../shared/app/orders/own-order.js';
import { ConcurrentChangeError } from '../../../../shared/app/ports/port-errors.js';
import { seedOrder, world } from '../../../support/worlds.js';
import {
  BUYER,
  NOW,
  OPERATOR,
  OTHER_BUYER,
  OTHER_SELLER,
  SELLER,
  caught,
  snapshot,
} from '../../../support/world-ledger.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

describe('load one’s own order', () => {
  it('the seller and the buyer of the order, and any operator, get it', async () => {
    const { store } = world();
    const order = await seedOrder(store, {
      sellerId: 'S-1',
      buyer: { id: 'B-1', email: 'hanako@example.jp', country: 'JP' },
    });

    for (const principal of [SELLER, BUYER, OPERATOR])
      expect(await loadOwnOrder(store, principal, order.orderNo)).toEqual(order);
  });

  it('another seller or another buyer is forbidden; an unknown order is not found', async () => {
    const { store } = world();
    const order = await seedOrder(store);

    await caught(loadOwnOrder(store, OTHER_SELLER, order.orderNo), NotFoundError);
    await caught(loadOwnOrder(store, OTHER_BUYER, order.orderNo), NotFoundError);
    await caught(loadOwnOrder(store, OPERATOR, 'NO-SUCH-ORDER'), NotFoundError);
  });
});

describe('change an order', () => {
  afterEach(() => vi.restoreAllMocks());

  it(
    'writes what the domain decided, stamped now, with the event of that type, and answers the stored ' + 'order',
    async () => {
      const { store } = world();
      const order = await seedOrder(store);

      const changed = await changeOrder(store, SELLER, order.orderNo, NOW, 'SOMETHING', (o) => ({
        ok: true,
        value: { ...o, status: 'PREPARING' },
      }));

      expect(changed).toEqual(await store.getOrder(order.orderNo));
      expect(changed).toMatchObject({ status: 'PREPARING', updatedAt: NOW.toISOString(), version: order.version + 1 });
      expect(store.commits.at(-1)).toEqual([
        { entity: 'order', value: { ...order, status: 'PREPARING', updatedAt: NOW.toISOString() }, from: 'NEW' },
        {
          entity: 'event',
          value: {
            orderNo: order.orderNo,
            at: NOW.toISOString(),
            type: 'SOMETHING',
            actor: { role: 'seller', id: 'S-1' },
            detail: 'PREPARING',
          },
        },
      ]);
    },
  );

  it('a refusal writes nothing', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    const before = snapshot(store);

    const error = await caught(
      changeOrder(store, SELLER, order.orderNo, NOW, 'SOMETHING', () => ({
        ok: false,
        refusal: { kind: 'RULE', rule: 'SHIP_DATE_IN_PAST', detail: 'no' },
      })),
      RefusedError,
    );

    expect(error.refusal).toEqual({ kind: 'RULE', rule: 'SHIP_DATE_IN_PAST', detail: 'no' });
    expect(snapshot(store)).toEqual(before);
  });

  it('decides again on what another writer left, each time it lost the race', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    let interferences = 2;
    store.beforeCommit = async (writes) => {
      if (interferences === 0 || writes[0]?.entity !== 'order' || writes[1]?.entity !== 'event') return;
      interferences--;
      const hook = store.beforeCommit;
      store.beforeCommit = undefined;
      const current = (await store.getOrder(order.orderNo))!;
      await store.commit(
        changeOf([
          {
            entity: 'order',
            value: { ...current, item: { ...current.item, quantity: current.item.quantity + 1 } },
            from: current.status,
          },
        ]),
      );
      store.beforeCommit = hook;
    };
    const seen: number[] = [];

    const changed = await changeOrder(store, SELLER, order.orderNo, NOW, 'SOMETHING', (o) => {
      seen.push(o.item.quantity);
      return { ok: true, value: { ...o, status: 'PREPARING' } };
    });

    expect(seen).toEqual([1, 2, 3]);
    expect(changed).toMatchObject({ status: 'PREPARING', item: { quantity: 3 }, version: order.version + 3 });
    expect(store.events).toHaveLength(1);
  });

  it('gives up with a concurrent-change error after five lost races, having written nothing of its own', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    vi.spyOn(Math, 'random').mockReturnValue(0); // no pause between the attempts
    let attempts = 0;
    store.beforeCommit = async (writes) => {
      if (writes[1]?.entity !== 'event') return;
      attempts++;
      const hook = store.beforeCommit;
      store.beforeCommit = undefined;
      const current = (await store.getOrder(order.orderNo))!;
      await store.commit(changeOf([{ entity: 'order', value: current, from: current.status }]));
      store.beforeCommit = hook;
    };

    await caught(
      changeOrder(store, SELLER, order.orderNo, NOW, 'SOMETHING', (o) => ({
        ok: true,
        value: { ...o, status: 'PREPARING' },
      })),
      ConcurrentChangeError,
    );

    expect(attempts).toBe(5);
    expect((await store.getOrder(order.orderNo))!.status).toBe('NEW');
    expect(store.events).toEqual([]);
  });
});
