// POST /orders/{orderNo}/shipment: → IN_TRANSIT, with carrier and tracking number.

import type { Order } from '../../domain/order.js';
import { decideShipment } from '../../domain/transitions.js';
import type { Principal } from '../common/access.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { changeOrder } from './change-order.js';

export const shipOrder = (
  store: ClaimStore,
  principal: Principal,
  orderNo: string,
  now: Date,
  shipment: Order['shipment'] = {},
) => changeOrder(store, principal, orderNo, now, 'SHIPPED', (order) => decideShipment(order, now, shipment));
