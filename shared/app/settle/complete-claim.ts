// complete-claim, the last step of workflows/settle-claim.asl.json: the claim is COMPLETED, and the
// buyer is told in order: the claim is done, then each refund, how much and how it comes back.
// The notices are stored with the completion (the in-app messages); their e-mails follow.

import { claimCompletedNotice, languageFor, refundCompletedNotice } from '../../domain/notices.js';
import type { BuyerMessage } from '../../domain/message.js';
import { retryOnConflict } from '../conflicts.js';
import { deliverEmail, newMessage } from '../messages.js';
import type { ClaimStore, Mailer, Write } from '../ports.js';
import { StepError } from '../step-errors.js';
import { timelineEvent } from '../timeline.js';
import { loadClaim, SYSTEM } from './apply-claim.js';

export async function completeClaim(deps: { store: ClaimStore; mailer: Mailer }, claimId: string, now: Date) {
  const { store } = deps;
  const notices = await retryOnConflict(async (): Promise<BuyerMessage[]> => {
    const claim = await loadClaim(store, claimId);
    const records = (await Promise.all(claim.orderNos.map((orderNo) => store.orderRecords(orderNo)))).filter((r) => r !== undefined);
    const ofClaim = (message: BuyerMessage) => message.claimId === claimId && (message.kind === 'CLAIM_COMPLETED' || message.kind === 'REFUND_COMPLETED');
    if (claim.status === 'COMPLETED') return records.flatMap((r) => r.messages.filter(ofClaim)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind));
    if (claim.status !== 'IN_PROGRESS') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const refunds = records.flatMap((r) => r.refunds.filter((refund) => refund.claimId === claimId));
    const unpaid = refunds.filter((refund) => refund.status !== 'COMPLETED');
    if (unpaid.length > 0 || refunds.length !== claim.orderNos.length) {
      throw new StepError('RefundMissing', `Claim ${claimId} has refunds not completed: ${unpaid.map((r) => `${r.refundId} ${r.status}`).join(', ') || 'some are missing'}.`);
    }
    const primary = records.find((r) => r.order.orderNo === claim.orderNo)?.order ?? records[0]!.order;
    const language = languageFor(primary.buyer.country);
    const done = newMessage(primary, { ...claimCompletedNotice(claim, language), category: 'CANCEL_REFUND', alsoEmail: true, kind: 'CLAIM_COMPLETED', claimId }, now);
    // One millisecond apart, so that the buyer's list reads them in the order they were meant.
    const refundNotices = refunds.map((refund, i) => {
      const order = records.find((r) => r.order.orderNo === refund.orderNo)!.order;
      const at = new Date(now.getTime() + 1 + i);
      return { ...newMessage(order, { ...refundCompletedNotice(refund, languageFor(order.buyer.country)), category: 'CANCEL_REFUND', alsoEmail: true, kind: 'REFUND_COMPLETED', claimId }, at), refundId: refund.refundId };
    });
    const { failure: _resolved, ...rest } = claim;
    const writes: Write[] = [
      { entity: 'claim', value: { ...rest, status: 'COMPLETED', completedAt: now.toISOString(), completionMessageId: done.messageId, updatedAt: now.toISOString() }, from: claim.status },
      { entity: 'message', value: done },
      ...refundNotices.map((message): Write => ({ entity: 'message', value: message })),
      ...claim.orderNos.map((orderNo): Write => ({ entity: 'event', value: timelineEvent(orderNo, 'CLAIM_COMPLETED', SYSTEM, now, { claimId }) })),
    ];
    await store.commit(writes);
    return [done, ...refundNotices].map((message) => ({ ...message, version: 1 }));
  });
  // The e-mails, in the same order; a failed one stays on its message, to be sent again.
  const emails: string[] = [];
  for (const message of notices) {
    if (message.email !== 'PENDING') {
      emails.push(message.email);
      continue;
    }
    const order = await store.getOrder(message.orderNo);
    if (!order) continue;
    const { message: delivered } = await deliverEmail(store, deps.mailer, order, message, now);
    emails.push(delivered.email);
  }
  return { claimId, notices: notices.map((m) => m.messageId), emails };
}
