// PUT /orders/{orderNo}/ship-date: NEW → PREPARING, or a new date.

import { decideShipDate } from '../../domain/transitions.js';
import type { Principal } from '../common/access.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { changeOrder } from './change-order.js';

export const setShipDate = (store: ClaimStore, principal: Principal, orderNo: string, shipDate: string, now: Date) =>
  changeOrder(store, principal, orderNo, now, 'SHIP_DATE_SET', (order) => decideShipDate(order, shipDate, now));
