// What a transaction changes in the dashboard's counts, kept by the store in the same transaction:
// orders and claims by status, and the seller-fault tally (the guide: every seller-fault
// cancellation, and every cancellation of a DELAYED order, counts against the seller's standing).
// One rule for every store, so the DynamoDB store and the fake count alike.

import { REFUND_AFTER_SHIPPING_REASON } from '../domain/reasons.js';
import type { StatusCounts, Write } from './ports.js';

/** Scope (`SELLER#<id>`, `ALL`) → counter attribute → change. */
export type CounterDeltas = Map<string, Map<string, number>>;

export function counterDeltas(writes: Write[]): CounterDeltas {
  const deltas: CounterDeltas = new Map();
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
    if (write.entity === 'claim' && write.value.status === 'COMPLETED' && write.value.fault === 'SELLER') {
      add(write.value.sellerId, 'tally.sellerFault', 1);
      // A DELAYED order is cancelled for SHIPPING_DELAY when the buyer asks (DOMAIN.md, flow 3); a
      // seller may give another reason, and the claim then says its order was DELAYED.
      if (write.value.reason === REFUND_AFTER_SHIPPING_REASON || write.value.orderDelayed) add(write.value.sellerId, 'tally.delayed', 1);
    }
  }
  for (const [scope, scoped] of deltas) {
    for (const [name, delta] of scoped) if (delta === 0) scoped.delete(name);
    if (scoped.size === 0) deltas.delete(scope);
  }
  return deltas;
}

/** The counts from stored counter attributes (summed over shards by the caller, or not). */
export function countsFrom(attributes: Iterable<[string, unknown]>): StatusCounts {
  const counts: StatusCounts = { orders: {}, claims: {}, tally: { sellerFault: 0, delayed: 0 } };
  for (const [name, value] of attributes) {
    const [kind, key] = name.split('.') as [string, string | undefined];
    if (!key || typeof value !== 'number') continue;
    const into = kind === 'order' ? counts.orders : kind === 'claim' ? counts.claims : kind === 'tally' ? counts.tally : undefined;
    if (into) (into as Record<string, number>)[key] = ((into as Record<string, number>)[key] ?? 0) + value;
  }
  return counts;
}
