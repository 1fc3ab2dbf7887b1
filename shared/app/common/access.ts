// Who may see and act on what: a seller its own orders, a buyer likewise, an operator all. What is
// not the caller's is answered as what does not exist (404, the same words), so that nobody can
// probe another seller's orders, claims, inquiries or bulk jobs; a caller in the wrong role for a
// route is 403.

import type { Claim } from '../../domain/claim.js';
import type { Order } from '../../domain/order.js';
import { NotFoundError } from './errors.js';

export const ROLES = ['seller', 'buyer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  id: string;
}

export function ownsOrder(principal: Principal, order: { sellerId: string; buyer: { id: string } }): boolean {
  switch (principal.role) {
    case 'operator':
      return true;
    case 'seller':
      return order.sellerId === principal.id;
    case 'buyer':
      return order.buyer.id === principal.id;
  }
}

export function ownsClaim(principal: Principal, claim: Pick<Claim, 'sellerId' | 'buyerId'>): boolean {
  return ownsOrder(principal, { sellerId: claim.sellerId, buyer: { id: claim.buyerId } });
}

export function requireOwnOrder(principal: Principal, order: Order): void {
  if (!ownsOrder(principal, order)) throw notFound('order', order.orderNo);
}

/** What an unknown id is answered, and so what another's is answered too. */
export const notFound = (what: 'order' | 'claim' | 'inquiry' | 'bulk cancellation', id: string) =>
  new NotFoundError(`No ${what} ${id}.`);

/** The buyer itself, or the operator: who may read a buyer's orders and balance. */
export function actsForBuyer(principal: Principal, buyerId: string): boolean {
  return principal.role === 'operator' || (principal.role === 'buyer' && principal.id === buyerId);
}

export function actor(principal: Principal): { role: string; id: string } {
  return { role: principal.role, id: principal.id };
}
