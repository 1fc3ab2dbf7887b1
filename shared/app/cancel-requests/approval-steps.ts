// What the approval workflow's steps share: who they act as, how long to wait next, and the
// seller's e-mail with the timeline event that records how it went.

import type { Claim } from '../../domain/claim.js';
import type { Order } from '../../domain/order.js';
import { sellerRequestNotice } from '../../domain/seller-notices.js';
import type { Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { MailError } from '../ports/port-errors.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { timelineEvent } from '../claims/timeline.js';

export const APPROVAL_WORKFLOW = { role: 'system', id: 'approval-workflow' };

/** What the approval workflow waits for next: how long, and whether the seller was reminded already. */
export interface NextWait {
  seconds: number;
  reminded: boolean;
}

/**
 * Sends the seller the request (or the reminder) at its profile's address, in its language, and
 * answers the timeline event that records how it went. Order intake needs a profile, so a missing
 * one is a seller removed by hand: the request still shows in the seller's claim list.
 */
export async function emailSeller(
  deps: { mailer: Mailer; profiles: SellerProfiles },
  claim: Claim,
  order: Order,
  reminder: boolean,
  now: Date,
): Promise<Write> {
  let outcome = 'SELLER_NOTIFIED';
  let failure: MailError | undefined;
  const profile = await deps.profiles.getProfile(order.sellerId);
  if (!profile) outcome = 'SELLER_NOTIFIED_IN_CLAIM_LIST';
  else {
    try {
      await deps.mailer.send(profile.contactEmail, sellerRequestNotice(claim, reminder, profile));
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      failure = error;
      outcome = 'SELLER_NOTICE_FAILED';
    }
  }
  return {
    entity: 'event',
    value: timelineEvent(order.orderNo, reminder ? `${outcome}_REMINDER` : outcome, APPROVAL_WORKFLOW, now, {
      claimId: claim.claimId,
      ...(failure ? { detail: failure.message } : {}),
    }),
  };
}
