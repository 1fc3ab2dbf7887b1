// The seller's e-mails about a claim: sent to the profile's address in its language, each recorded
// on the order's timeline with how it went (SELLER_NOTIFIED; SELLER_NOTIFIED_IN_CLAIM_LIST when the
// seller has no profile, a seller removed by hand, who still sees the claim in its list;
// SELLER_NOTICE_FAILED with SES's answer). A failed e-mail never undoes the step it tells of.

import type { Claim } from '../../domain/claim.js';
import type { Email } from '../../domain/notices.js';
import type { Order } from '../../domain/order.js';
import { sellerClaimNotice, type SellerClaimNotice } from '../../domain/seller-claim-notices.js';
import type { SellerProfile } from '../../domain/seller-profile.js';
import { changeOf } from '../changes/change-set.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { MailError } from '../ports/port-errors.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { timelineEvent } from './timeline.js';

export interface SellerMail {
  mailer: Mailer;
  profiles: Pick<SellerProfiles, 'getProfile'>;
}

/**
 * Sends the seller the e-mail `build` writes for its profile, and answers the timeline event that
 * records how it went: its type ends in `suffix`, its detail says which notice (`about`) and why it failed.
 */
export async function emailSellerOf(
  deps: SellerMail,
  order: Pick<Order, 'orderNo' | 'sellerId'>,
  claimId: string,
  build: (to: SellerProfile) => Email,
  record: { by: { role: string; id: string }; suffix?: string; about?: string },
  now: Date,
): Promise<Write> {
  let outcome = 'SELLER_NOTIFIED';
  let failure: MailError | undefined;
  const profile = await deps.profiles.getProfile(order.sellerId);
  if (!profile) outcome = 'SELLER_NOTIFIED_IN_CLAIM_LIST';
  else {
    try {
      await deps.mailer.send(profile.contactEmail, build(profile));
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      failure = error;
      outcome = 'SELLER_NOTICE_FAILED';
    }
  }
  const detail = [record.about, failure?.message].filter(Boolean).join(': ');
  return {
    entity: 'event',
    value: timelineEvent(order.orderNo, `${outcome}${record.suffix ?? ''}`, record.by, now, {
      claimId,
      ...(detail ? { detail } : {}),
    }),
  };
}

/** The seller's notice of a step of a return or non-receipt report, sent after the step's commit and recorded. */
export async function tellSellerOfClaim(
  deps: SellerMail & { store: ClaimStore },
  claim: Claim,
  notice: SellerClaimNotice,
  by: { role: string; id: string },
  now: Date,
): Promise<void> {
  const order = await deps.store.getOrder(claim.orderNo);
  if (!order) return;
  const build = (to: SellerProfile) => sellerClaimNotice(notice, claim, to);
  await deps.store.commit(
    changeOf([await emailSellerOf(deps, order, claim.claimId, build, { by, about: notice }, now)]),
  );
}
