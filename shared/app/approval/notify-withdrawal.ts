// notify-withdrawal, in workflows/approve-cancel-request.asl.json.

import { buyerWithdrawalNotice, languageFor, sellerWithdrawalNotice } from '../../domain/notices.js';
import { loadClaim } from '../claims/load-claim.js';
import { deliverEmail, newMessage } from '../messages/message-delivery.js';
import type { ClaimStore, Mailer } from '../ports.js';
import { StepError } from '../step-errors.js';

/** notify-withdrawal: the buyer and the seller are told the request is withdrawn and the order will ship. */
export async function notifyWithdrawal(deps: { store: ClaimStore; mailer: Mailer }, claimId: string, now: Date) {
  const claim = await loadClaim(deps.store, claimId);
  const order = await deps.store.getOrder(claim.orderNo);
  if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
  const notice = newMessage(order, { ...buyerWithdrawalNotice(order.orderNo, languageFor(order.buyer.country)), category: 'CANCEL_REFUND', alsoEmail: true, kind: 'REQUEST_WITHDRAWN', claimId }, now);
  await deps.store.commit([{ entity: 'message', value: notice }]);
  const buyer = await deliverEmail(deps.store, deps.mailer, order, { ...notice, version: 1 }, now);
  let seller = 'NO_SELLER_EMAIL';
  if (order.sellerEmail) {
    seller = await deps.mailer.send(order.sellerEmail, sellerWithdrawalNotice(claim)).then(
      () => 'SENT',
      (error: Error) => `FAILED: ${error.message}`,
    );
  }
  return { claimId, buyerEmail: buyer.message.email, sellerEmail: seller };
}
