// The order's timeline: what happened, when, by whom. Entries are only ever added.

import type { TimelineEvent } from '../ports/claim-store.js';

export function timelineEvent(
  orderNo: string,
  type: string,
  principal: { role: string; id: string },
  now: Date,
  extra: { claimId?: string; detail?: string } = {},
): TimelineEvent {
  return { orderNo, at: now.toISOString(), type, actor: { role: principal.role, id: principal.id }, ...extra };
}

/** The steps of a return, each on the order's timeline, and each the buyer's to read. */
export const RETURN_EVENTS = [
  'RETURN_REQUESTED',
  'RETURN_APPROVED',
  'RETURN_REFUSED',
  'RETURN_SHIPPED',
  'RETURN_RECEIVED',
  'RETURN_ESCALATED',
] as const;

/** The steps of a non-receipt report, each on the order's timeline, and each the buyer's to read. */
export const NON_RECEIPT_EVENTS = [
  'NON_RECEIPT_REPORTED',
  'NON_RECEIPT_ANSWERED',
  'NON_RECEIPT_ACCEPTED',
  'NON_RECEIPT_ESCALATED',
  'NON_RECEIPT_REFUNDED_BY_DEFAULT',
] as const;

/** What happened to the order and its claims, as a buyer may read it: no system details. */
const BUYER_EVENTS = new Set([
  'ORDER_REGISTERED',
  'SHIP_DATE_SET',
  'SHIPPED',
  'DELIVERED',
  'MESSAGE_SENT',
  'CLAIM_OPENED',
  'CANCEL_REQUESTED',
  'CANCEL_REQUEST_APPROVED',
  'CANCEL_REQUEST_WITHDRAWN',
  'CANCELLED',
  'RETURNED',
  'REFUND_COMPLETED',
  'CLAIM_COMPLETED',
  ...RETURN_EVENTS,
  ...NON_RECEIPT_EVENTS,
]);

/**
 * The timeline as this reader may see it: sellers and operators see everything; a buyer sees what
 * happened, without the details meant for the shop and the marketplace (SES's and the payment
 * provider's words, operators' reasons, who did it beyond their role).
 */
export function timelineFor(role: string, events: TimelineEvent[]): TimelineEvent[] {
  if (role !== 'buyer') return events;
  return events
    .filter((event) => BUYER_EVENTS.has(event.type))
    .map(({ detail: _detail, actor, ...rest }) => ({ ...rest, actor: actorFor(role, actor) }));
}

/** Who did it, as this reader may see it: a buyer learns the role of anyone but itself, never a staff or shop id. */
export function actorFor(role: string, actor: { role: string; id: string }): { role: string; id: string } {
  return role === 'buyer' && actor.role !== 'buyer' ? { role: actor.role, id: actor.role } : actor;
}
