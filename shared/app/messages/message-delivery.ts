// Messages to the buyer: the seller's own (flow 1, step 1) and the system's notices. The in-app
// message is stored at once; the e-mail, when asked for, goes through the Mailer and its outcome
// is recorded on the message, so a failed one shows and can be sent again.

import type { BuyerMessage, MessageCategory, MessageKind } from '../../domain/message.js';
import { languageFor, sellerMessageEmail, systemNoticeEmail } from '../../domain/notices.js';
import type { Order } from '../../domain/order.js';
import { newId } from '../common/ids.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { MailError } from '../ports/port-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';

export interface MessageInput {
  category: MessageCategory;
  title: string;
  body: string;
  alsoEmail: boolean;
}

export function newMessage(
  order: Order,
  input: MessageInput & { kind: MessageKind; claimId?: string },
  now: Date,
  messageId = newId('M', now),
): BuyerMessage {
  const at = now.toISOString();
  return {
    messageId,
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

/** An e-mail SES has throttled this long is given up (FAILED, for the seller to send again): the quota is not back. */
export const GIVE_UP_THROTTLED_AFTER_MS = 12 * 3600_000;

export interface EmailOutcome {
  message: BuyerMessage;
  failure?: MailError;
}

/**
 * Sends the e-mail of a message unless it is already sent or was not asked for; answers the
 * message with the outcome and the writes that record it, for the caller to commit (alone, or
 * with the rest of its transaction). A failure is returned, not thrown: the caller decides what
 * it means. With `retryThrottled` (a workflow step, which is tried again later), an e-mail SES
 * refused for the account's quotas stays PENDING, with why, to be sent again: it is not FAILED.
 */
export async function sendEmail(
  mailer: Mailer,
  order: Order,
  message: BuyerMessage,
  now: Date,
  options: { retryThrottled?: boolean } = {},
): Promise<EmailOutcome & { writes: Write[] }> {
  if (message.email === 'SENT' || message.email === 'NOT_REQUESTED') return { message, writes: [] };
  const email =
    message.kind === 'SELLER_MESSAGE'
      ? sellerMessageEmail(message, languageFor(order.buyer.country))
      : systemNoticeEmail(message);
  let next: BuyerMessage;
  let failure: MailError | undefined;
  try {
    const { messageId } = await mailer.send(order.buyer.email, email, {
      orderNo: order.orderNo,
      messageId: message.messageId,
    });
    next = {
      ...message,
      email: 'SENT',
      sesMessageId: messageId,
      emailAttempts: message.emailAttempts + 1,
      updatedAt: now.toISOString(),
    };
    delete next.emailError;
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    failure = error;
    const deferred = error.throttled && options.retryThrottled === true;
    const email = deferred ? 'PENDING' : 'FAILED';
    const attempts = message.emailAttempts + 1;
    next = { ...message, email, emailError: error.message, emailAttempts: attempts, updatedAt: now.toISOString() };
    // Nothing for the timeline yet: the e-mail is neither sent nor failed.
    if (deferred) {
      return { message: { ...next, version: next.version + 1 }, writes: [{ entity: 'message', value: next }], failure };
    }
  }
  return recorded(order, message, next, now, failure);
}

/** An e-mail not tried (`reason`): FAILED, with why, for the seller to send again; answered as sendEmail answers. */
export function unsentEmail(
  order: Order,
  message: BuyerMessage,
  reason: string,
  now: Date,
): EmailOutcome & { writes: Write[] } {
  const failure = new MailError(reason, true, true);
  const next: BuyerMessage = { ...message, email: 'FAILED', emailError: reason, updatedAt: now.toISOString() };
  return recorded(order, message, next, now, failure);
}

/** The message with its e-mail's outcome, and the timeline event that tells it. */
function recorded(
  order: Order,
  message: BuyerMessage,
  next: BuyerMessage,
  now: Date,
  failure: MailError | undefined,
): EmailOutcome & { writes: Write[] } {
  const writes: Write[] = [
    { entity: 'message', value: next },
    {
      entity: 'event',
      value: timelineEvent(
        order.orderNo,
        failure ? 'EMAIL_FAILED' : 'EMAIL_SENT',
        { role: 'system', id: 'mailer' },
        now,
        {
          ...(message.claimId ? { claimId: message.claimId } : {}),
          detail: `${message.messageId}${failure ? `: ${failure.message}` : ''}`,
        },
      ),
    },
  ];
  return { message: { ...next, version: next.version + 1 }, writes, ...(failure ? { failure } : {}) };
}

/** Sends the e-mail of a message (see sendEmail) and records the outcome. */
export async function deliverEmail(
  store: ClaimStore,
  mailer: Mailer,
  order: Order,
  message: BuyerMessage,
  now: Date,
): Promise<EmailOutcome> {
  const { writes, ...outcome } = await sendEmail(mailer, order, message, now);
  await store.commit(changeOf(writes));
  return outcome;
}
