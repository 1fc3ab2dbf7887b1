// Messages from the seller to the buyer, and the notices the system sends on the seller's behalf.

export const MESSAGE_CATEGORIES = ['CANCEL_REFUND', 'SHIPPING', 'PRODUCT', 'OTHER'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** What a message is: the seller's own words, or a notice the system writes when a claim completes. */
export const MESSAGE_KINDS = [
  'SELLER_MESSAGE',
  'CLAIM_COMPLETED',
  'REFUND_COMPLETED',
  'REQUEST_WITHDRAWN',
  'RETURN_UPDATE',
  'CLAIM_NOTICE',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The e-mail of a message: not asked for, not sent yet, sent, refused by SES (FAILED: it can be sent
 * again), or sent and then reported back: the recipient's server refused it (BOUNCED) or the
 * recipient marked it as spam (COMPLAINED).
 */
export type EmailDelivery = 'NOT_REQUESTED' | 'PENDING' | 'SENT' | 'FAILED' | 'BOUNCED' | 'COMPLAINED';

/** Deliveries that did not reach the buyer's inbox. */
export const UNDELIVERED_EMAILS: readonly EmailDelivery[] = ['FAILED', 'BOUNCED', 'COMPLAINED'];

export interface BuyerMessage {
  messageId: string;
  orderNo: string;
  buyerId: string;
  kind: MessageKind;
  category: MessageCategory;
  title: string;
  body: string;
  alsoEmail: boolean;
  /** The in-app message (My Qoo10): stored means delivered. */
  messageSent: boolean;
  email: EmailDelivery;
  emailAttempts: number;
  emailError?: string;
  sesMessageId?: string;
  /** When SES reported the bounce or complaint. */
  emailFeedbackAt?: string;
  claimId?: string;
  /** Every order the message is about, when more than its own: a cart cancellation's notice. */
  aboutOrders?: string[];
  /** For a refund's notice: which refund. */
  refundId?: string;
  createdAt: string;
  sentAt?: string;
  updatedAt: string;
  version: number;
}

export interface DeliveryCounts {
  messages: { sent: number; failed: number };
  emails: { sent: number; failed: number };
}

/** The result the guide's message screen reports: how many messages and e-mails succeeded and failed. */
export function deliveryCounts(messages: BuyerMessage[]): DeliveryCounts {
  return {
    messages: {
      sent: messages.filter((m) => m.messageSent).length,
      failed: messages.filter((m) => !m.messageSent).length,
    },
    emails: {
      sent: messages.filter((m) => m.email === 'SENT').length,
      failed: messages.filter((m) => UNDELIVERED_EMAILS.includes(m.email)).length,
    },
  };
}

/**
 * A message can stand in front of a cancellation if it is about cancel/refund and is stored for the
 * buyer: the stored message is the notice (docs/DOMAIN.md, "Notices"); its e-mail is an extra channel
 * whose failure does not block the cancellation.
 */
export function usableAsCancelNotice(message: BuyerMessage, orderNo: string): string | undefined {
  if (message.orderNo !== orderNo) return `Message ${message.messageId} is not about order ${orderNo}.`;
  if (message.category !== 'CANCEL_REFUND') return `Message ${message.messageId} is not in the cancel/refund category.`;
  if (!message.messageSent) return `Message ${message.messageId} was not delivered to the buyer.`;
  return undefined;
}
