// Integration events (docs/EVENTS.md): what other systems of the marketplace learn of a change,
// derived from the writes of one transaction and written in it, so an event exists exactly when
// its change does. One rule for every store, like the dashboard's counts (status-counts.ts).
//
// Thin and in CloudEvents attribute names: ids, seller and buyer, the status and version; a reader
// wanting more asks the API. The id is fixed by the change (entity, version, type), so a consumer
// dedupes on it; `sequence` counts without gaps within `partitionkey` (an order, a buyer's balance,
// a bulk job), so a consumer restores the order EventBridge does not keep.

import type { BulkCancellation, BulkStatus } from '../../domain/bulk.js';
import type { Claim, ClaimStatus } from '../../domain/claim.js';
import type { Refund } from '../../domain/refund.js';
import type { Write } from '../ports/claim-store.js';
import {
  dataSchemaOf,
  EVENT_SOURCE,
  EVENT_SPEC_VERSION,
  type EventData,
  type EventType,
  type UnnumberedEvent,
} from '../ports/change-set.js';

function event(
  type: EventType,
  subject: string,
  version: number | string,
  time: string,
  partitionkey: string,
  data: EventData,
): UnnumberedEvent {
  return {
    specversion: EVENT_SPEC_VERSION,
    id: `${type}:${subject}:${version}`,
    source: EVENT_SOURCE,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(type),
    partitionkey,
    data,
  };
}

const CLAIM_EVENT: Partial<Record<ClaimStatus, EventType>> = {
  AWAITING_APPROVAL: 'claim.awaiting-approval',
  WITHDRAWN: 'claim.withdrawn',
  NEEDS_OPERATOR: 'claim.needs-operator',
  COMPLETED: 'claim.completed',
  FAILED: 'claim.failed',
  AWAITING_RETURN: 'claim.return-approved',
  RETURN_IN_TRANSIT: 'claim.return-shipped',
  REFUSED: 'claim.refused',
  AWAITING_SELLER: 'claim.non-receipt-reported',
  ANSWERED: 'claim.non-receipt-answered',
};

function claimEvents(claim: Claim, from: ClaimStatus | null): UnnumberedEvent[] {
  const version = claim.version + 1;
  const of = (type: EventType) =>
    event(type, claim.claimId, version, claim.updatedAt, `order:${claim.orderNo}`, {
      claimId: claim.claimId,
      claimType: claim.type,
      orderNo: claim.orderNo,
      orderNos: claim.orderNos,
      cartNo: claim.cartNo,
      sellerId: claim.sellerId,
      buyerId: claim.buyerId,
      status: claim.status,
      version,
    });
  if (from === null) {
    // Opened: requested, and then the status it opens in, if not REQUESTED: waiting for the seller
    // (a buyer's request), or needing the operator (an order the seller may not cancel).
    const opensIn = claim.status === 'REQUESTED' ? undefined : CLAIM_EVENT[claim.status];
    return [of('claim.requested'), ...(opensIn ? [of(opensIn)] : [])];
  }
  if (from === claim.status) return [];
  if (claim.status === 'IN_PROGRESS') {
    // The seller (or the operator, on the seller's behalf) approved a request; the operator resumed a claim.
    if (from === 'AWAITING_APPROVAL') return [of('claim.approved')];
    if (from === 'NEEDS_OPERATOR') return [of('claim.resumed')];
    if (from === 'AWAITING_RETURN' || from === 'RETURN_IN_TRANSIT') return [of('claim.return-received')];
    // The seller answered a non-receipt report with a refund.
    if (from === 'AWAITING_SELLER') return [of('claim.non-receipt-answered')];
    return [];
  }
  const type = CLAIM_EVENT[claim.status];
  return type ? [of(type)] : [];
}

const REFUND_EVENT: Record<Refund['status'], EventType> = {
  PENDING: 'refund.pending',
  COMPLETED: 'refund.completed',
  FAILED: 'refund.failed',
};

function refundEvent(refund: Refund, from: Refund['status'] | null): UnnumberedEvent[] {
  if (from === refund.status) return [];
  const version = refund.version + 1;
  return [
    event(REFUND_EVENT[refund.status], refund.refundId, version, refund.updatedAt, `order:${refund.orderNo}`, {
      refundId: refund.refundId,
      refundMethod: refund.method,
      claimId: refund.claimId,
      orderNo: refund.orderNo,
      ...(refund.sellerId ? { sellerId: refund.sellerId } : {}),
      buyerId: refund.buyerId,
      status: refund.status,
      version,
    }),
  ];
}

const BULK_EVENT: Partial<Record<BulkStatus, EventType>> = {
  AWAITING_APPROVAL: 'bulk-cancellation.awaiting-approval',
  RUNNING: 'bulk-cancellation.running',
  REFUSED: 'bulk-cancellation.refused',
  CANCELLED: 'bulk-cancellation.cancelled',
  COMPLETED: 'bulk-cancellation.finished',
  COMPLETED_WITH_FAILURES: 'bulk-cancellation.finished',
  FAILED: 'bulk-cancellation.finished',
};

/** A bulk job's event when it is created (`from` null) or changes status; the job's version is the one read. */
export function bulkEvents(job: BulkCancellation, from: BulkStatus | null): UnnumberedEvent[] {
  const version = job.version + 1;
  const of = (type: EventType) =>
    event(type, job.bulkId, version, job.updatedAt, `bulk:${job.bulkId}`, {
      bulkId: job.bulkId,
      sellerId: job.sellerId,
      status: job.status,
      version,
    });
  const type = BULK_EVENT[job.status];
  if (from === null) return [of('bulk-cancellation.submitted'), ...(type ? [of(type)] : [])];
  return from !== job.status && type ? [of(type)] : [];
}

/** The events of one transaction's writes, in the order the writes give them. */
export function integrationEvents(writes: Write[]): UnnumberedEvent[] {
  const events: UnnumberedEvent[] = [];
  for (const write of writes) {
    switch (write.entity) {
      case 'order': {
        const order = write.value;
        const type =
          order.status === 'CANCELLED' ? 'order.cancelled' : order.status === 'RETURNED' ? 'order.returned' : undefined;
        if (!type || write.from === order.status) break;
        const version = order.version + 1;
        events.push(
          event(type, order.orderNo, version, order.updatedAt, `order:${order.orderNo}`, {
            orderNo: order.orderNo,
            cartNo: order.cartNo,
            ...(order.claimIds.length > 0 ? { claimId: order.claimIds.at(-1)! } : {}),
            sellerId: order.sellerId,
            buyerId: order.buyer.id,
            status: order.status,
            version,
          }),
        );
        break;
      }
      case 'claim':
        events.push(...claimEvents(write.value, write.from));
        break;
      case 'refund':
        events.push(...refundEvent(write.value, write.from));
        break;
      case 'ledger': {
        const entry = write.value;
        if (entry.kind !== 'REFUND_CREDIT') break;
        events.push(
          event('balance.credited', entry.entryId, 1, entry.at, `buyer:${entry.buyerId}`, {
            entryId: entry.entryId,
            buyerId: entry.buyerId,
            ...(entry.refundId ? { refundId: entry.refundId } : {}),
          }),
        );
        break;
      }
      case 'withdrawal': {
        const withdrawal = write.value;
        if (write.from === withdrawal.status || withdrawal.status === 'PENDING') break;
        const version = withdrawal.version + 1;
        const type = withdrawal.status === 'COMPLETED' ? 'withdrawal.completed' : 'withdrawal.failed';
        events.push(
          event(type, withdrawal.withdrawalId, version, withdrawal.updatedAt, `buyer:${withdrawal.buyerId}`, {
            withdrawalId: withdrawal.withdrawalId,
            buyerId: withdrawal.buyerId,
            status: withdrawal.status,
            version,
          }),
        );
        break;
      }
    }
  }
  return events;
}
