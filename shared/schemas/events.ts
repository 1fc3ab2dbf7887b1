// The integration events' shapes (docs/EVENTS.md), as zod schemas: docs/events/<type>.schema.json
// is generated from them (npm run event-schemas), and the tests check every event the local bus
// records against them. Strict: an event carries these fields and no others (thin, no personal data).

import * as z from 'zod';
import { BULK_STATUSES } from '../domain/bulk.js';
import { CLAIM_STATUSES, CLAIM_TYPES } from '../domain/claim.js';
import { REFUND_METHODS, REFUND_STATUSES } from '../domain/refund.js';
import {
  dataSchemaOf,
  EVENT_SOURCE,
  EVENT_SPEC_VERSION,
  SEQUENCE_DIGITS,
  type EventType,
} from '../app/ports/change-set.js';

const id = z.string().min(1);
const version = z.number().int().min(1);

const orderData = z.strictObject({
  orderNo: id,
  cartNo: id,
  claimId: id.optional(),
  sellerId: id,
  buyerId: id,
  status: z.enum(['CANCELLED', 'RETURNED']),
  version,
});
const claimData = z.strictObject({
  claimId: id,
  claimType: z.enum(CLAIM_TYPES),
  orderNo: id,
  orderNos: z.array(id).min(1),
  cartNo: id,
  sellerId: id,
  buyerId: id,
  status: z.enum(CLAIM_STATUSES),
  version,
});
const refundData = z.strictObject({
  refundId: id,
  refundMethod: z.enum(REFUND_METHODS),
  claimId: id,
  orderNo: id,
  sellerId: id.optional(),
  buyerId: id,
  status: z.enum(REFUND_STATUSES),
  version,
});
const creditData = z.strictObject({ entryId: id, buyerId: id, refundId: id.optional() });
const withdrawalData = z.strictObject({
  withdrawalId: id,
  buyerId: id,
  status: z.enum(['COMPLETED', 'FAILED']),
  version,
});
const bulkData = z.strictObject({ bulkId: id, sellerId: id, status: z.enum(BULK_STATUSES), version });

const DATA_OF: Record<string, z.ZodType> = {
  order: orderData,
  claim: claimData,
  refund: refundData,
  balance: creditData,
  withdrawal: withdrawalData,
  'bulk-cancellation': bulkData,
};
const PARTITION_OF: Record<string, string> = {
  order: 'order',
  claim: 'order',
  refund: 'order',
  balance: 'buyer',
  withdrawal: 'buyer',
  'bulk-cancellation': 'bulk',
};

const DESCRIPTIONS: Record<EventType, string> = {
  'order.cancelled': 'The order was cancelled by a claim (its refund follows as refund.* events).',
  'order.returned': 'A shipped order was refunded (a return) by a claim.',
  'claim.requested': 'A claim was opened: a seller’s cancellation or refund, or a buyer’s cancellation or request.',
  'claim.awaiting-approval': 'A buyer’s request waits for the seller’s decision.',
  'claim.approved': 'The seller (or an operator) approved a buyer’s request; the cancellation runs.',
  'claim.resumed': 'An operator sent a claim that needed them back to work (a failed refund tried again).',
  'claim.withdrawn': 'The buyer withdrew the request, or the seller refused it.',
  'claim.needs-operator': 'The claim waits for an operator (a declined refund, a coupon, no decision in time).',
  'claim.completed': 'The claim is done: every order cancelled or returned, every refund settled.',
  'claim.failed': 'The claim was closed without completing.',
  'claim.return-approved': 'The seller approved a return, with the return address: the buyer sends the item back.',
  'claim.return-shipped': 'The buyer entered the return parcel’s carrier and tracking number.',
  'claim.return-received':
    'The seller confirmed the return arrived: the refund runs (less the return shipping when the buyer is at fault).',
  'claim.refused': 'The seller refused a return, with a reason the buyer reads; the buyer may take it to the operator.',
  'claim.non-receipt-reported': 'A buyer reported a shipped order not received; the seller answers.',
  'claim.non-receipt-answered': 'The seller answered a non-receipt report: proof, a re-shipment, or a refund.',
  'refund.pending': 'A refund was started (or started again): the card side is asked to cancel the authorization.',
  'refund.completed': 'The money is back with the buyer: the card side confirmed, or the balance was credited.',
  'refund.failed': 'The card side refused the refund, or did not confirm it in time; an operator decides.',
  'balance.credited': 'A refund was credited to the buyer’s marketplace balance.',
  'withdrawal.completed': 'The bank transferred a withdrawal from the buyer’s balance.',
  'withdrawal.failed': 'The bank refused a withdrawal; its amount is back in the balance.',
  'bulk-cancellation.submitted': 'A seller submitted a bulk cancellation.',
  'bulk-cancellation.awaiting-approval': 'A bulk cancellation over the threshold waits for an operator.',
  'bulk-cancellation.running': 'A bulk cancellation is cancelling its orders.',
  'bulk-cancellation.refused': 'An operator refused a bulk cancellation, or nobody approved it in time.',
  'bulk-cancellation.cancelled': 'The seller called a bulk cancellation off while it waited.',
  'bulk-cancellation.finished': 'A bulk cancellation ended: COMPLETED, COMPLETED_WITH_FAILURES or FAILED.',
};

const escaped = (text: string) => text.replaceAll('.', '\\.');

export function eventSchemaOf(type: EventType) {
  const family = type.slice(0, type.lastIndexOf('.'));
  return z
    .strictObject({
      specversion: z.literal(EVENT_SPEC_VERSION),
      id: z.string().regex(new RegExp(`^${escaped(type)}:.+:\\d+$`)),
      source: z.literal(EVENT_SOURCE),
      type: z.literal(type),
      subject: id,
      time: z.iso.datetime(),
      datacontenttype: z.literal('application/json'),
      dataschema: z.literal(dataSchemaOf(type)),
      partitionkey: z.string().regex(new RegExp(`^${PARTITION_OF[family]}:.+$`)),
      sequence: z.string().regex(new RegExp(`^\\d{${SEQUENCE_DIGITS}}$`)),
      data: DATA_OF[family]!,
    })
    .meta({ title: type, description: DESCRIPTIONS[type] });
}
