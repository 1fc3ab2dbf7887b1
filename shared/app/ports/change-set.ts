// What one commit changes (docs/EVENTS.md, docs/STORAGE.md): the writes, the integration events
// they publish and the moves of the dashboard's counters. The use case derives all three from its
// writes before it commits (shared/app/changes/change-set.ts); a store only writes what it is handed, the
// events numbered within their partitions in the same transaction.

import type { StatusCounts, Write } from './claim-store.js';

/** What a commit writes, publishes and counts, all or nothing. */
export interface ChangeSet {
  writes: Write[];
  events: UnnumberedEvent[];
  counterMoves: CounterMoves;
}

/** Scope (`SELLER#<id>`, `ALL`) → counter (`order.NEW`, `claim.COMPLETED`, `standing.<line>`) → change. */
export type CounterMoves = Map<string, Map<string, number>>;

export const EVENT_SOURCE = 'order-claims';
export const EVENT_SPEC_VERSION = '1.0';
/** The version of every event's data shape: a change that breaks a consumer is a new version. */
export const EVENT_DATA_VERSION = 1;

export const EVENT_TYPES = [
  'order.cancelled',
  'order.returned',
  'claim.requested',
  'claim.awaiting-approval',
  'claim.approved',
  'claim.resumed',
  'claim.withdrawn',
  'claim.needs-operator',
  'claim.completed',
  'claim.failed',
  'claim.return-approved',
  'claim.return-shipped',
  'claim.return-received',
  'claim.refused',
  'claim.non-receipt-reported',
  'claim.non-receipt-answered',
  'refund.pending',
  'refund.completed',
  'refund.failed',
  'balance.credited',
  'withdrawal.completed',
  'withdrawal.failed',
  'bulk-cancellation.submitted',
  'bulk-cancellation.awaiting-approval',
  'bulk-cancellation.running',
  'bulk-cancellation.refused',
  'bulk-cancellation.cancelled',
  'bulk-cancellation.finished',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Ids and state only: never an address, a name, a memo or a message. */
export interface EventData {
  sellerId?: string;
  buyerId?: string;
  orderNo?: string;
  cartNo?: string;
  orderNos?: string[];
  claimId?: string;
  claimType?: string;
  refundId?: string;
  refundMethod?: string;
  entryId?: string;
  withdrawalId?: string;
  bulkId?: string;
  status?: string;
  /** The entity's version after the change. */
  version?: number;
}

export interface IntegrationEvent {
  specversion: typeof EVENT_SPEC_VERSION;
  /** `<type>:<entity id>:<version>`: the same change always has the same id. */
  id: string;
  source: typeof EVENT_SOURCE;
  type: EventType;
  /** The id of the entity that changed. */
  subject: string;
  /** When the change happened (the entity's own time of it). */
  time: string;
  datacontenttype: 'application/json';
  /** Names the JSON Schema of the type and its data version (docs/events/). */
  dataschema: string;
  /** CloudEvents partitioning: `order:<orderNo>`, `buyer:<buyerId>` or `bulk:<bulkId>`. */
  partitionkey: string;
  /** CloudEvents sequence: 1, 2, 3… within the partition, zero-padded so it also sorts as text. */
  sequence: string;
  data: EventData;
}

/** An event before the store numbers it within its partition. */
export type UnnumberedEvent = Omit<IntegrationEvent, 'sequence'>;

export const SEQUENCE_DIGITS = 10;
const sequenceText = (n: number) => String(n).padStart(SEQUENCE_DIGITS, '0');

export const dataSchemaOf = (type: EventType) => `urn:order-claims:events:${type}:v${EVENT_DATA_VERSION}`;

/** Numbers each partition's events after the last number it had (0 for none). */
export function numbered(events: UnnumberedEvent[], lastOf: (partition: string) => number): IntegrationEvent[] {
  const next = new Map<string, number>();
  return events.map((e) => {
    const n = (next.get(e.partitionkey) ?? lastOf(e.partitionkey)) + 1;
    next.set(e.partitionkey, n);
    return { ...e, sequence: sequenceText(n) };
  });
}

/** The counts from stored counter attributes (summed over shards by the caller, or not). */
export function countsFrom(attributes: Iterable<[string, unknown]>): StatusCounts {
  const counts: StatusCounts = {
    orders: {},
    claims: {},
    standing: { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 },
  };
  for (const [name, value] of attributes) {
    const [kind, key] = name.split('.') as [string, string | undefined];
    if (!key || typeof value !== 'number') continue;
    const into =
      kind === 'order'
        ? counts.orders
        : kind === 'claim'
          ? counts.claims
          : kind === 'standing'
            ? counts.standing
            : undefined;
    if (into) (into as Record<string, number>)[key] = ((into as Record<string, number>)[key] ?? 0) + value;
  }
  return counts;
}
