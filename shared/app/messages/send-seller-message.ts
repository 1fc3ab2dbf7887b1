// POST /orders/{orderNo}/messages.

import { deliveryCounts } from '../../domain/message.js';
import { actor, type Principal } from '../common/access.js';
import { loadOwnOrder } from '../orders/own-order.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { timelineEvent } from '../claims/timeline.js';
import { deliverEmail, newMessage, type MessageInput } from './message-delivery.js';
import { guardPersonalData } from './personal-data-guard.js';
import { changeOf } from '../changes/change-set.js';

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
  await store.commit(
    changeOf([
      { entity: 'message', value: message },
      {
        entity: 'event',
        value: timelineEvent(orderNo, 'MESSAGE_SENT', actor(principal), now, { detail: message.messageId }),
      },
    ]),
  );
  const { message: delivered } = await deliverEmail(store, mailer, order, { ...message, version: 1 }, now);
  return { messageId: delivered.messageId, email: delivered.email, ...deliveryCounts([delivered]) };
}
