// notify-withdrawal, in workflows/approve-cancel-request.asl.json.

import { buyerWithdrawalNotice, languageFor } from '../../domain/notices.js';
import { sellerWithdrawalNotice } from '../../domain/seller-notices.js';
import { loadClaim } from '../claims/load-claim.js';
import { deliverEmail, newMessage } from '../messages/message-delivery.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { StepError } from '../common/step-errors.js';
import { changeOf } from '../changes/change-set.js';

/**
 * notify-withdrawal: the buyer and the seller are told the request is withdrawn and the order will
 * ship. Safe to run again: the notice has an id of its own per claim, so a retry finds it (and sends
 * its e-mail only if that is still to do); the seller is told by the run that stored the notice.
 */
export async function notifyWithdrawal(
  deps: { store: ClaimStore; mailer: Mailer; profiles: SellerProfiles },
  claimId: string,
  now: Date,
) {
  const claim = await loadClaim(deps.store, claimId);
  const order = await deps.store.getOrder(claim.orderNo);
  if (!order) throw new StepError('OrderNotFound', `No order ${claim.orderNo}.`);
  const messageId = `M-${claimId}-WITHDRAWN`;
  let notice = await deps.store.getMessage(order.orderNo, messageId);
  const first = notice === undefined;
  // Read before the notice is stored: a read that fails is retried with nothing stored, so the run that stores the
  // notice tells the seller.
  const profile = first ? await deps.profiles.getProfile(order.sellerId) : undefined;
  if (!notice) {
    const fresh = {
      ...newMessage(
        order,
        {
          ...buyerWithdrawalNotice(order.orderNo, languageFor(order.buyer.country)),
          category: 'CANCEL_REFUND',
          alsoEmail: true,
          kind: 'REQUEST_WITHDRAWN',
          claimId,
        },
        now,
      ),
      messageId,
    };
    await deps.store.commit(changeOf([{ entity: 'message', value: fresh }]));
    notice = { ...fresh, version: 1 };
  }
  const buyer = await deliverEmail(deps.store, deps.mailer, order, notice, now);
  let seller = first ? 'NO_SELLER_PROFILE' : 'ALREADY_TOLD';
  if (profile) {
    seller = await deps.mailer.send(profile.contactEmail, sellerWithdrawalNotice(claim, profile)).then(
      () => 'SENT',
      (error: Error) => `FAILED: ${error.message}`,
    );
  }
  return { claimId, buyerEmail: buyer.message.email, sellerEmail: seller };
}
