// POST /orders/{orderNo}/messages/{messageId}/resend.

import { deliveryCounts } from '../../domain/message.js';
import type { Principal } from '../common/access.js';
import { NotFoundError, RefusedError } from '../common/errors.js';
import { loadOwnOrder } from '../orders/own-order.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { deliverEmail } from './message-delivery.js';

/**
 * POST /orders/{orderNo}/messages/{messageId}/resend: a failed e-mail is sent again (the guide: "a failed one must be
 * sent again").
 */
export async function resendMessage(
  store: ClaimStore,
  mailer: Mailer,
  principal: Principal,
  orderNo: string,
  messageId: string,
  now: Date,
) {
  const order = await loadOwnOrder(store, principal, orderNo);
  const message = await store.getMessage(orderNo, messageId);
  if (!message) throw new NotFoundError(`No message ${messageId} on order ${orderNo}.`);
  if (message.email !== 'FAILED') {
    throw new RefusedError({
      kind: 'RULE',
      rule: 'NOTHING_TO_RESEND',
      detail: `The e-mail of message ${messageId} is ${message.email}: there is nothing to send again.`,
    });
  }
  const { message: delivered } = await deliverEmail(store, mailer, order, message, now);
  return { messageId, email: delivered.email, emailAttempts: delivered.emailAttempts, ...deliveryCounts([delivered]) };
}
