// POST /orders: order intake. The seller has a profile (where its notices go); the cart belongs
// to the buyer of its first order.

import { DEFERRED_PAYMENT_METHODS, effectiveStatus, type Order } from '../../domain/order.js';
import { allowedActions } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { RefusedError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { ConcurrentChangeError } from '../ports/port-errors.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { requireSellerProfile } from '../sellers/seller-profiles.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';

export type NewOrder = Omit<Order, 'status' | 'claimIds' | 'orderedAt' | 'updatedAt' | 'version' | 'openClaimId'> & {
  status?: Order['status'];
  orderedAt?: string;
};

export async function registerOrder(
  deps: { store: ClaimStore; profiles: SellerProfiles },
  principal: Principal,
  input: NewOrder,
  now: Date,
): Promise<Order> {
  const { store } = deps;
  await requireSellerProfile(deps.profiles, input.sellerId);
  const status = input.status ?? (input.expectedShipDate ? 'PREPARING' : 'NEW');
  if (status === 'PROCESSING' && !DEFERRED_PAYMENT_METHODS.includes(input.payment.method)) {
    const detail =
      `An order paid by ${input.payment.method} is paid at checkout: only ` +
      `${DEFERRED_PAYMENT_METHODS.join(' and ')} orders await payment (PROCESSING).`;
    throw new RefusedError({ kind: 'RULE', rule: 'PAYMENT_NOT_DEFERRED', detail });
  }
  const at = now.toISOString();
  const orderedAt = input.orderedAt ?? at;
  const order: Order = {
    ...input,
    status,
    claimIds: [],
    orderedAt,
    // Paid at checkout, unless it awaits payment: the date a search by payment date finds it on.
    ...(status === 'PROCESSING' ? {} : { paidAt: input.paidAt ?? orderedAt }),
    updatedAt: at,
    version: 0,
  };
  try {
    await store.commit(
      changeOf([
        { entity: 'order', value: order, from: null },
        { entity: 'cart', value: { cartNo: order.cartNo, buyerId: order.buyer.id } },
        {
          entity: 'event',
          value: timelineEvent(order.orderNo, 'ORDER_REGISTERED', actor(principal), now, { detail: order.status }),
        },
      ]),
    );
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      const cart = await store.getCart(order.cartNo);
      if (cart && cart.buyerId !== order.buyer.id) {
        throw new RefusedError({
          kind: 'RULE',
          rule: 'CART_OF_ANOTHER_BUYER',
          detail: `Cart ${order.cartNo} belongs to another buyer: one checkout, one buyer.`,
        });
      }
      const existing = await store.getOrder(order.orderNo);
      throw new RefusedError({
        kind: 'CONFLICT',
        detail: `Order ${order.orderNo} is already registered.`,
        currentStatus: existing ? effectiveStatus(existing, now) : order.status,
        allowedActions: existing ? allowedActions(existing, now) : [],
      });
    }
    throw error;
  }
  return { ...order, version: 1 };
}
