// POST /orders/{orderNo}/delivery: → DELIVERED.

import { decideDelivery } from '../../domain/transitions.js';
import type { Principal } from '../common/access.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { changeOrder } from './change-order.js';

export const deliverOrder = (store: ClaimStore, principal: Principal, orderNo: string, now: Date) =>
  changeOrder(store, principal, orderNo, now, 'DELIVERED', (order) => decideDelivery(order, now));
