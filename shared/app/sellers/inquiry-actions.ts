// The operator acts for an inquiry through the API's own routes, naming it (`inquiryId`): the
// inquiry must be open and about what the action touches, and the action joins its history with
// how it ended. Without an inquiryId the routes act as they always did.

import { telemetry } from '../common/telemetry.js';
import { actor, type Principal } from '../common/access.js';
import { ForbiddenError, RefusedError } from '../common/errors.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Inquiries } from '../ports/seller-store.js';
import { addEntry } from './inquiries.js';

/** What an action touches: orders, a claim (its orders), or a bulk job. */
export type InquiryTarget = { orderNos: string[] } | { claimId: string } | { bulkId: string };

const refuse = (detail: string) => new RefusedError({ kind: 'RULE', rule: 'NOT_IN_INQUIRY', detail });

export interface InquiryActionDeps {
  inquiries: Inquiries;
  store: ClaimStore;
  /** For a bulk job: an advance notice filed before the job existed is about the seller's next job. */
  bulks?: BulkStore;
}

async function checkTarget(
  deps: InquiryActionDeps,
  principal: Principal,
  inquiryId: string,
  target: InquiryTarget,
): Promise<void> {
  if (principal.role !== 'operator') throw new ForbiddenError('Only the operator acts for an inquiry.');
  const inquiry = await deps.inquiries.getInquiry(inquiryId);
  if (!inquiry) throw refuse(`No inquiry ${inquiryId}: nothing was done.`);
  if (inquiry.status === 'CLOSED') throw refuse(`Inquiry ${inquiryId} is closed: nothing was done.`);
  if ('bulkId' in target) {
    const job =
      inquiry.bulkId === undefined && inquiry.category === 'BULK_NOTICE'
        ? await deps.bulks?.getBulk(target.bulkId)
        : undefined;
    const announced =
      inquiry.bulkId === target.bulkId ||
      (job !== undefined && job.sellerId === inquiry.sellerId && job.createdAt >= inquiry.createdAt);
    if (!announced)
      throw refuse(`Inquiry ${inquiryId} is not about bulk cancellation ${target.bulkId}: nothing was done.`);
    return;
  }
  // A claim that does not exist is the action's own 404, answered when it runs.
  const orderNos =
    'claimId' in target ? ((await deps.store.getClaim(target.claimId))?.orderNos ?? inquiry.orderNos) : target.orderNos;
  if (!orderNos.some((orderNo) => inquiry.orderNos.includes(orderNo)))
    throw refuse(`Inquiry ${inquiryId} is not about order ${orderNos.join(', ')}: nothing was done.`);
}

/**
 * Runs the action; with an inquiry, checks it first and records the action after. The action is
 * done once it returns: if the record cannot be written, the answer says so (`recorded: false`)
 * rather than failing a request whose effect stands.
 */
export async function actForInquiry<T extends object>(
  deps: InquiryActionDeps,
  principal: Principal,
  link: { inquiryId?: string | undefined; target: InquiryTarget; route: string },
  act: () => Promise<T>,
  outcome: (result: T) => string,
  now: Date,
): Promise<T | (T & { inquiry: { inquiryId: string; recorded: boolean } })> {
  if (!link.inquiryId) return act();
  const { inquiryId } = link;
  await checkTarget(deps, principal, inquiryId, link.target);
  const result = await act();
  const recorded = await addEntry(
    deps.inquiries,
    principal,
    inquiryId,
    () => ({
      at: now.toISOString(),
      by: actor(principal),
      kind: 'ACTION',
      action: { route: link.route, outcome: outcome(result) },
    }),
    now,
  ).then(
    () => true,
    (error: unknown) => {
      telemetry.error('the action was done but not recorded on its inquiry', {
        inquiryId,
        route: link.route,
        error: error as Error,
      });
      return false;
    },
  );
  return { ...result, inquiry: { inquiryId, recorded } };
}
