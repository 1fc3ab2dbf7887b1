// Messages to the buyer: the seller's own (flow 1, step 1) and the system's notices. The in-app
// message is stored at once; the e-mail, when asked for, goes through the Mailer and its outcome
// is recorded on the message, so a failed one shows and can be sent again.

import { deliveryCounts, type BuyerMessage, type MessageCategory, type MessageKind } from '../domain/message.js';
import { languageFor, sellerMessageEmail, systemNoticeEmail } from '../domain/notices.js';
import type { Order } from '../domain/order.js';
import { findPersonalData } from '../domain/personal-data.js';
import { actor, type Principal } from './access.js';
import { NotFoundError, RefusedError, type FieldError } from './errors.js';
import { newId } from './ids.js';
import { loadOwnOrder } from './orders.js';
import { timelineEvent } from './timeline.js';
import { MailError, type ClaimStore, type Mailer, type Write } from './ports.js';

export interface MessageInput {
  category: MessageCategory;
  title: string;
  body: string;
  alsoEmail: boolean;
}

/** Refuses (422) any text meant for the buyer that carries personal data, naming each field. */
export function guardPersonalData(order: Order, fields: Record<string, string | undefined>): void {
  const errors: FieldError[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (!text) continue;
    const kinds = findPersonalData(text, order.buyer);
    if (kinds.length > 0) errors.push({ path, message: `contains personal data (${kinds.join(', ')}); the buyer's page may show it` });
  }
  if (errors.length > 0) {
    throw new RefusedError(
      {
        kind: 'RULE',
        rule: 'PERSONAL_DATA',
        detail: 'Messages to the buyer must not contain personal data: name, address, payment data, ID or password, e-mail, phone number.',
      },
      errors,
    );
  }
}

export function newMessage(
  order: Order,
  input: MessageInput & { kind: MessageKind; claimId?: string },
  now: Date,
): BuyerMessage {
  const at = now.toISOString();
  return {
    messageId: newId('M', now),
    orderNo: order.orderNo,
    buyerId: order.buyer.id,
    kind: input.kind,
    category: input.category,
    title: input.title,
    body: input.body,
    alsoEmail: input.alsoEmail,
    messageSent: true,
    email: input.alsoEmail ? 'PENDING' : 'NOT_REQUESTED',
    emailAttempts: 0,
    ...(input.claimId ? { claimId: input.claimId } : {}),
    createdAt: at,
    sentAt: at,
    updatedAt: at,
    version: 0,
  };
}

export interface EmailOutcome {
  message: BuyerMessage;
  failure?: MailError;
}

/**
 * Sends the e-mail of a message unless it is already sent or was not asked for; answers the
 * message with the outcome and the writes that record it, for the caller to commit (alone, or
 * with the rest of its transaction). A failure is returned, not thrown: the caller decides what
 * it means.
 */
export async function sendEmail(mailer: Mailer, order: Order, message: BuyerMessage, now: Date): Promise<EmailOutcome & { writes: Write[] }> {
  if (message.email === 'SENT' || message.email === 'NOT_REQUESTED') return { message, writes: [] };
  const email = message.kind === 'SELLER_MESSAGE' ? sellerMessageEmail(message, languageFor(order.buyer.country)) : systemNoticeEmail(message);
  let next: BuyerMessage;
  let failure: MailError | undefined;
  try {
    const { messageId } = await mailer.send(order.buyer.email, email, { orderNo: order.orderNo, messageId: message.messageId });
    next = { ...message, email: 'SENT', sesMessageId: messageId, emailAttempts: message.emailAttempts + 1, updatedAt: now.toISOString() };
    delete next.emailError;
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    failure = error;
    next = { ...message, email: 'FAILED', emailError: error.message, emailAttempts: message.emailAttempts + 1, updatedAt: now.toISOString() };
  }
  const writes: Write[] = [
    { entity: 'message', value: next },
    {
      entity: 'event',
      value: timelineEvent(order.orderNo, failure ? 'EMAIL_FAILED' : 'EMAIL_SENT', { role: 'system', id: 'mailer' }, now, {
        ...(message.claimId ? { claimId: message.claimId } : {}),
        detail: `${message.messageId}${failure ? `: ${failure.message}` : ''}`,
      }),
    },
  ];
  return { message: { ...next, version: next.version + 1 }, writes, ...(failure ? { failure } : {}) };
}

/** Sends the e-mail of a message (see sendEmail) and records the outcome. */
export async function deliverEmail(store: ClaimStore, mailer: Mailer, order: Order, message: BuyerMessage, now: Date): Promise<EmailOutcome> {
  const { writes, ...outcome } = await sendEmail(mailer, order, message, now);
  await store.commit(writes);
  return outcome;
}

/** The seller messages the buyer (POST /orders/{orderNo}/messages). */
export async function sendSellerMessage(
  store: ClaimStore,
  mailer: Mailer,
  principal: Principal,
  orderNo: string,
  input: MessageInput,
  now: Date,
) {
  const order = await loadOwnOrder(store, principal, orderNo);
  guardPersonalData(order, { title: input.title, body: input.body });
  const message = newMessage(order, { ...input, kind: 'SELLER_MESSAGE' }, now);
  await store.commit([
    { entity: 'message', value: message },
    { entity: 'event', value: timelineEvent(orderNo, 'MESSAGE_SENT', actor(principal), now, { detail: message.messageId }) },
  ]);
  const { message: delivered } = await deliverEmail(store, mailer, order, { ...message, version: 1 }, now);
  return { messageId: delivered.messageId, email: delivered.email, ...deliveryCounts([delivered]) };
}

/** POST /orders/{orderNo}/messages/{messageId}/resend: a failed e-mail is sent again (the guide: "a failed one must be sent again"). */
export async function resendMessage(store: ClaimStore, mailer: Mailer, principal: Principal, orderNo: string, messageId: string, now: Date) {
  const order = await loadOwnOrder(store, principal, orderNo);
  const message = await store.getMessage(orderNo, messageId);
  if (!message) throw new NotFoundError(`No message ${messageId} on order ${orderNo}.`);
  if (message.email !== 'FAILED') {
    throw new RefusedError({ kind: 'RULE', rule: 'NOTHING_TO_RESEND', detail: `The e-mail of message ${messageId} is ${message.email}: there is nothing to send again.` });
  }
  const { message: delivered } = await deliverEmail(store, mailer, order, message, now);
  return { messageId, email: delivered.email, emailAttempts: delivered.emailAttempts, ...deliveryCounts([delivered]) };
}
