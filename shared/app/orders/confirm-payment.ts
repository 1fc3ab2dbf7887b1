// POST /orders/{orderNo}/payment: the payment of an order that awaited it (PROCESSING) arrived,
// confirmed by the operator for the payment provider: → NEW, so "awaiting payment" counts mean
// what they say.

import { decidePaymentConfirmed } from '../../domain/transitions.js';
import type { Principal } from '../access.js';
import type { ClaimStore } from '../ports.js';
import { changeOrder } from './change-order.js';

export const confirmPayment = (store: ClaimStore, principal: Principal, orderNo: string, now: Date) =>
  changeOrder(store, principal, orderNo, now, 'PAYMENT_CONFIRMED', (order) => decidePaymentConfirmed(order, now));
