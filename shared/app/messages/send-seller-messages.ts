// POST /orders/messages: the guide's order screen messages every checked order at once. Each
// buyer gets their own message (their own e-mail, in their language), and the answer counts each.
// Everything that can refuse is checked first, for every order, so a refusal sends nothing.

import type { Principal } from '../access.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { mapLimited } from '../map-limited.js';
import type { ClaimStore, Mailer } from '../ports.js';
import type { MessageInput } from './message-delivery.js';
import { guardPersonalData } from './personal-data-guard.js';
import { sendSellerMessage } from './send-seller-message.js';

const SENDS_AT_ONCE = 8;

export async function sendSellerMessages(store: ClaimStore, mailer: Mailer, principal: Principal, orderNos: string[], input: MessageInput, now: Date) {
  const unique = [...new Set(orderNos)];
  if (principal.role !== 'seller') throw new ForbiddenError('Sellers message their buyers.');
  // Another seller's order is answered as an unknown one: nobody can probe what exists.
  const mine = (await store.getOrders(unique)).filter((order) => order.sellerId === principal.id);
  const found = new Map(mine.map((order) => [order.orderNo, order]));
  const missing = unique.filter((orderNo) => !found.has(orderNo));
  if (missing.length > 0) throw new NotFoundError(`No order ${missing.join(', ')}; nothing was sent.`);
  for (const order of found.values()) guardPersonalData(order, { title: input.title, body: input.body });

  // A few at a time: 100 orders stay well inside API Gateway's 30 s.
  const results = await mapLimited(unique, SENDS_AT_ONCE, async (orderNo) => ({ orderNo, ...(await sendSellerMessage(store, mailer, principal, orderNo, input, now)) }));
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    orders: results,
    messages: { sent: sum((r) => r.messages.sent), failed: sum((r) => r.messages.failed) },
    emails: { sent: sum((r) => r.emails.sent), failed: sum((r) => r.emails.failed) },
  };
}
