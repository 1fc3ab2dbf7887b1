// The order a caller names, if it is theirs to act on (a seller's own, a buyer's own, any for an operator).

import type { Order } from '../../domain/order.js';
import { requireOwnOrder, type Principal } from '../common/access.js';
import { NotFoundError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';

export async function loadOwnOrder(store: ClaimStore, principal: Principal, orderNo: string): Promise<Order> {
  const order = await store.getOrder(orderNo);
  if (!order) throw new NotFoundError(`No order ${orderNo}.`);
  requireOwnOrder(principal, order);
  return order;
}
