// The buyer's notice at each step of a non-receipt report: stored with the step's own commit (one id
// per claim and step, so a retry finds it), its e-mail sent after the commit and its outcome recorded
// on the message, as every system notice's is (messages/message-delivery.ts).

import type { Claim } from '../../domain/claim.js';
import { nonReceiptNotice, type NonReceiptNoticeStep } from '../../domain/non-receipt-notices.js';
import { languageFor } from '../../domain/notices.js';
import type { Order } from '../../domain/order.js';
import { deliverEmail, newMessage } from '../messages/message-delivery.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';

export const noticeIdOf = (claimId: string, step: NonReceiptNoticeStep) => `M-${claimId}-NR-${step}`;

/** The notice's write, for the step's transaction. */
export function noticeWrite(
  order: Order,
  claim: Pick<Claim, 'claimId' | 'nonReceipt'>,
  step: NonReceiptNoticeStep,
  now: Date,
): Write {
  const words = nonReceiptNotice(step, order.orderNo, claim.nonReceipt ?? {}, languageFor(order.buyer.country));
  const input = { ...words, category: 'SHIPPING' as const, alsoEmail: true, kind: 'CLAIM_NOTICE' as const };
  const message = newMessage(order, { ...input, claimId: claim.claimId }, now, noticeIdOf(claim.claimId, step));
  return { entity: 'message', value: message };
}

/**
 * Sends the stored notice's e-mail, if still to send. A failure is recorded on the message (FAILED,
 * with why), never thrown: the step it tells of is done, and the buyer reads it in My Qoo10.
 */
export async function emailNotice(
  deps: { store: ClaimStore; mailer: Mailer },
  orderNo: string,
  claimId: string,
  step: NonReceiptNoticeStep,
  now: Date,
): Promise<string> {
  const [order, message] = await Promise.all([
    deps.store.getOrder(orderNo),
    deps.store.getMessage(orderNo, noticeIdOf(claimId, step)),
  ]);
  if (!order || !message) return 'NO_NOTICE';
  const outcome = await deliverEmail(deps.store, deps.mailer, order, message, now).catch((error: Error) => ({
    message: { ...message, email: `NOT_RECORDED: ${error.message}` },
  }));
  return outcome.message.email;
}
