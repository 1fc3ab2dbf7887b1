// How a transaction moves the dashboard's counts, which the store keeps in the same transaction:
// orders and claims by status, and the seller's standing (domain/claim.ts, standingOf: every
// order of a seller-fault claim; orders cancelled while DELAYED; orders refunded after shipping).
// Derived by the use case before its commit (change-set.ts): a store only adds what it is handed.

import { standingOf, type SellerStanding } from '../../domain/claim.js';
import type { Write } from '../ports/claim-store.js';
import type { CounterMoves } from '../ports/change-set.js';

const STANDING_LINES = [
  'sellerFaultOrders',
  'cancelledWhileDelayed',
  'refundedForDelay',
] as const satisfies (keyof SellerStanding)[];

/** How these writes move the counts, per scope. */
export function counterMoves(writes: Write[]): CounterMoves {
  const deltas: CounterMoves = new Map();
  const add = (sellerId: string, attribute: string, delta: number) => {
    for (const scope of [`SELLER#${sellerId}`, 'ALL']) {
      const scoped = deltas.get(scope) ?? new Map<string, number>();
      scoped.set(attribute, (scoped.get(attribute) ?? 0) + delta);
      deltas.set(scope, scoped);
    }
  };
  for (const write of writes) {
    if ((write.entity !== 'order' && write.entity !== 'claim') || write.from === write.value.status) continue;
    if (write.from !== null) add(write.value.sellerId, `${write.entity}.${write.from}`, -1);
    add(write.value.sellerId, `${write.entity}.${write.value.status}`, 1);
    if (write.entity === 'claim' && write.value.status === 'COMPLETED') {
      const standing = standingOf(write.value);
      for (const line of STANDING_LINES)
        if (standing[line] > 0) add(write.value.sellerId, `standing.${line}`, standing[line]);
    }
  }
  for (const [scope, scoped] of deltas) {
    for (const [name, delta] of scoped) if (delta === 0) scoped.delete(name);
    if (scoped.size === 0) deltas.delete(scope);
  }
  return deltas;
}
