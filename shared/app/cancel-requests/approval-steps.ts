// What the approval workflow's steps share: who they act as, how long to wait next, and the
// seller's e-mail with the timeline event that records how it went.

import type { Claim } from '../../domain/claim.js';
import type { Order } from '../../domain/order.js';
import { sellerRequestNotice } from '../../domain/seller-notices.js';
import type { SellerProfile } from '../../domain/seller-profile.js';
import type { Write } from '../ports/claim-store.js';
import { emailSellerOf, type SellerMail } from '../claims/seller-mail.js';

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
  deps: SellerMail,
  claim: Claim,
  order: Order,
  reminder: boolean,
  now: Date,
): Promise<Write> {
  const build = (to: SellerProfile) => sellerRequestNotice(claim, reminder, to);
  return emailSellerOf(
    deps,
    order,
    claim.claimId,
    build,
    { by: APPROVAL_WORKFLOW, suffix: reminder ? '_REMINDER' : '' },
    now,
  );
}
