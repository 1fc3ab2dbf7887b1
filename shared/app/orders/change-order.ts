// The seller's and operator's moves of an order (ship date, shipment, delivery), one way: read,
// let the domain decide, write only if nobody changed it meanwhile.

import type { Order } from '../../domain/order.js';
import type { Decision } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { timelineEvent } from '../claims/timeline.js';
import { loadOwnOrder } from './own-order.js';
import { changeOf } from '../changes/change-set.js';

/** Reads the order, lets the domain decide, and writes the result only if nobody changed it meanwhile. */
export async function changeOrder(
  store: ClaimStore,
  principal: Principal,
  orderNo: string,
  now: Date,
  eventType: string,
  decide: (order: Order) => Decision<Order>,
): Promise<Order> {
  return retryOnConflict(async () => {
    const order = await loadOwnOrder(store, principal, orderNo);
    const next: Order = { ...unwrap(decide(order)), updatedAt: now.toISOString() };
    await store.commit(
      changeOf([
        { entity: 'order', value: next, from: order.status },
        { entity: 'event', value: timelineEvent(orderNo, eventType, actor(principal), now, { detail: next.status }) },
      ]),
    );
    return { ...next, version: next.version + 1 };
  });
}
