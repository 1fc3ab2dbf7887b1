// What the approval workflow's steps share: who they act as, how long to wait next, and the
// seller's e-mail with the timeline event that records how it went.

import type { Claim } from '../../domain/claim.js';
import { sellerRequestNotice } from '../../domain/notices.js';
import type { Order } from '../../domain/order.js';
import { MailError, type Mailer, type Write } from '../ports.js';
import { timelineEvent } from '../timeline.js';

export const APPROVAL_WORKFLOW = { role: 'system', id: 'approval-workflow' };

/** What the approval workflow waits for next: how long, and whether the seller was reminded already. */
export interface NextWait {
  seconds: number;
  reminded: boolean;
}

/** Sends the seller the request (or the reminder) and answers the timeline event that records how it went. */
export async function emailSeller(mailer: Mailer, claim: Claim, order: Order, reminder: boolean, now: Date): Promise<Write> {
  let outcome = 'SELLER_NOTIFIED';
  let failure: MailError | undefined;
  if (!order.sellerEmail) outcome = 'SELLER_NOTIFIED_IN_CLAIM_LIST';
  else {
    try {
      await mailer.send(order.sellerEmail, sellerRequestNotice(claim, reminder));
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      failure = error;
      outcome = 'SELLER_NOTICE_FAILED';
    }
  }
  return { entity: 'event', value: timelineEvent(order.orderNo, reminder ? `${outcome}_REMINDER` : outcome, APPROVAL_WORKFLOW, now, { claimId: claim.claimId, ...(failure ? { detail: failure.message } : {}) }) };
}
