// What a transaction changes in the dashboard's counts, kept by the store in the same transaction:
// orders and claims by status, and the seller's standing (domain/claim.ts, standingOf: every
// order of a seller-fault claim; orders cancelled while DELAYED; orders refunded after shipping).
// One rule for every store, so the DynamoDB store and the fake count alike.

import { standingOf, type SellerStanding } from '../domain/claim.js';
import type { StatusCounts, Write } from './ports.js';

const STANDING_LINES = ['sellerFaultOrders', 'cancelledWhileDelayed', 'refundedForDelay'] as const satisfies (keyof SellerStanding)[];

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
    if (write.entity === 'claim' && write.value.status === 'COMPLETED') {
      const standing = standingOf(write.value);
      for (const line of STANDING_LINES) if (standing[line] > 0) add(write.value.sellerId, `standing.${line}`, standing[line]);
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
  const counts: StatusCounts = { orders: {}, claims: {}, standing: { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 } };
  for (const [name, value] of attributes) {
    const [kind, key] = name.split('.') as [string, string | undefined];
    if (!key || typeof value !== 'number') continue;
    const into = kind === 'order' ? counts.orders : kind === 'claim' ? counts.claims : kind === 'standing' ? counts.standing : undefined;
    if (into) (into as Record<string, number>)[key] = ((into as Record<string, number>)[key] ?? 0) + value;
  }
  return counts;
}
