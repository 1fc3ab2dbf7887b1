// POST /orders/messages: the guide's order screen messages every checked order at once. Each
// buyer gets their own message (their own e-mail, in their language), and the answer counts each.
// Everything that can refuse is checked first, for every order, so a refusal sends nothing.
//
// The answer comes within the function's time whatever SES does: every message is stored first;
// the e-mails go a few at a time until SES throttles the account or the time budget is spent, and
// each one not tried then is stored FAILED, with why, for the seller to send again (resend). A
// retry of the same request (its Idempotency-Key) finds the messages it stored: none twice.

import { createHash } from 'node:crypto';
import { deliveryCounts, type BuyerMessage } from '../../domain/message.js';
import type { Order } from '../../domain/order.js';
import { actor, type Principal } from '../common/access.js';
import { ForbiddenError, NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { mapLimited } from '../../map-limited.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { timelineEvent } from '../claims/timeline.js';
import { deliverEmail, newMessage, unsentEmail, type MessageInput } from './message-delivery.js';
import { guardPersonalData } from './personal-data-guard.js';
import { changeOf } from '../changes/change-set.js';

const SENDS_AT_ONCE = 8;
/** E-mails start within this much of the request: with SES's retries after it, well inside the function's 29 s. */
export const SEND_BUDGET_MS = 15_000;

export interface MessagesOptions {
  /** The request's Idempotency-Key: its messages' ids are made from it, so that a retry finds them. */
  requestKey?: string;
  sendBudgetMs?: number;
  nowMs?: () => number;
}

/** The message of this request to this order: the one a previous try stored, or a new one, stored. */
async function storedMessage(
  store: ClaimStore,
  principal: Principal,
  order: Order,
  input: MessageInput,
  now: Date,
  key?: string,
) {
  const hash = key && createHash('sha256').update(`${principal.id}\n${key}\n${order.orderNo}`).digest('hex');
  const ofRequest = hash?.slice(0, 10).toUpperCase();
  if (ofRequest) {
    const earlier = (await store.orderRecords(order.orderNo))?.messages.find((m) => m.messageId.endsWith(ofRequest));
    if (earlier) return earlier;
  }
  // Sortable by time as every message id, its random part the request's when it has a key.
  const id = ofRequest ? `${newId('M', now).slice(0, -10)}${ofRequest}` : undefined;
  const message = newMessage(order, { ...input, kind: 'SELLER_MESSAGE' }, now, id);
  const detail = message.messageId;
  await store.commit(
    changeOf([
      { entity: 'message', value: message },
      { entity: 'event', value: timelineEvent(order.orderNo, 'MESSAGE_SENT', actor(principal), now, { detail }) },
    ]),
  );
  return { ...message, version: 1 };
}

export async function sendSellerMessages(
  store: ClaimStore,
  mailer: Mailer,
  principal: Principal,
  orderNos: string[],
  input: MessageInput,
  now: Date,
  options: MessagesOptions = {},
) {
  const nowMs = options.nowMs ?? Date.now;
  const deadline = nowMs() + (options.sendBudgetMs ?? SEND_BUDGET_MS);
  const unique = [...new Set(orderNos)];
  if (principal.role !== 'seller') throw new ForbiddenError('Sellers message their buyers.');
  // Another seller's order is answered as an unknown one: nobody can probe what exists.
  const mine = (await store.getOrders(unique)).filter((order) => order.sellerId === principal.id);
  const found = new Map(mine.map((order) => [order.orderNo, order]));
  const missing = unique.filter((orderNo) => !found.has(orderNo));
  if (missing.length > 0) throw new NotFoundError(`No order ${missing.join(', ')}; nothing was sent.`);
  for (const order of found.values()) guardPersonalData(order, { title: input.title, body: input.body });

  const orders = unique.map((orderNo) => found.get(orderNo)!);
  const messages = await mapLimited(orders, SENDS_AT_ONCE, (order) =>
    storedMessage(store, principal, order, input, now, options.requestKey),
  );
  let stopped: string | undefined;
  const delivered = await mapLimited(orders, SENDS_AT_ONCE, async (order): Promise<BuyerMessage> => {
    const message = messages[orders.indexOf(order)]!;
    if (message.email !== 'PENDING') return message;
    if (!stopped && nowMs() > deadline) stopped = 'there was no time left to send it within the request';
    if (stopped) {
      const { writes, message: unsent } = unsentEmail(order, message, `Not sent: ${stopped}; send it again.`, now);
      await store.commit(changeOf(writes));
      return unsent;
    }
    const outcome = await deliverEmail(store, mailer, order, message, now);
    // The account's sending rate or day is used up: the rest would only be refused (and retried) too.
    if (outcome.failure?.throttled) stopped ??= `SES throttled the account's sending (${outcome.failure.message})`;
    return outcome.message;
  });
  const results = delivered.map((message) => ({
    orderNo: message.orderNo,
    messageId: message.messageId,
    email: message.email,
    ...deliveryCounts([message]),
  }));
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    orders: results,
    messages: { sent: sum((r) => r.messages.sent), failed: sum((r) => r.messages.failed) },
    emails: { sent: sum((r) => r.emails.sent), failed: sum((r) => r.emails.failed) },
  };
}
