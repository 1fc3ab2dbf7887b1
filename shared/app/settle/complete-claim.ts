// complete-claim, the last step of workflows/settle-claim.asl.json: the claim is COMPLETED, with the
// card refunds the card side confirmed at once, and the buyer is told in order: the claim is done,
// then each refund, how much and how it comes back. The notices are stored with the completion
// (the in-app messages); their e-mails follow, and their outcomes are written together. An e-mail
// SES throttled (the notice's, in apply-claim, or one of these) stays PENDING: this step sends it
// first when it runs again, and fails with EmailThrottled so that the workflow runs it again, with
// backoff, until SES takes it (docs/DECISIONS.md).

import { claimCompletedNotice, languageFor, refundCompletedNotice } from '../../domain/notices.js';
import type { BuyerMessage } from '../../domain/message.js';
import type { Order } from '../../domain/order.js';
import { completeRefund, refundIdOf, refundOwed, type Refund } from '../../domain/refund.js';
import { retryOnConflict } from '../common/conflicts.js';
import { GIVE_UP_THROTTLED_AFTER_MS, newMessage, sendEmail, type EmailOutcome } from '../messages/message-delivery.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { ConcurrentChangeError } from '../ports/port-errors.js';
import { telemetry } from '../common/telemetry.js';
import { StepError } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { loadClaim } from '../claims/load-claim.js';
import { claimNotice, SYSTEM, type ConfirmedCardRefund } from './apply-claim.js';
import { changeOf } from '../changes/change-set.js';

const isCompletionNotice = (claimId: string) => (message: BuyerMessage) =>
  message.claimId === claimId && (message.kind === 'CLAIM_COMPLETED' || message.kind === 'REFUND_COMPLETED');

/**
 * The card refunds confirmed when they were requested are COMPLETED now, with the claim; every
 * card refund's confirmation goes on the timeline, at the time the card side confirmed it.
 */
function recordConfirmed(
  refunds: Refund[],
  confirmed: ConfirmedCardRefund[],
  now: Date,
): { refunds: Refund[]; writes: Write[] } {
  const writes: Write[] = [];
  const updated = refunds.map((refund) => {
    const confirmation = confirmed.find((c) => c.refundId === refund.refundId);
    if (!confirmation || refund.status !== 'PENDING') return refund;
    const done = completeRefund(
      { ...refund, providerReference: confirmation.reference, confirmedAt: now.toISOString() },
      now,
    );
    writes.push({ entity: 'refund', value: done, from: refund.status });
    return done;
  });
  for (const refund of updated) {
    if (refund.method !== 'CARD_AUTHORIZATION_CANCEL' || refund.status !== 'COMPLETED') continue;
    const at = new Date(refund.confirmedAt ?? now.toISOString());
    writes.push({
      entity: 'event',
      value: timelineEvent(refund.orderNo, 'REFUND_COMPLETED', SYSTEM, at, {
        claimId: refund.claimId,
        detail: `${refund.refundId}: ${refund.providerReference ?? ''}`,
      }),
    });
  }
  return { refunds: updated, writes };
}

/**
 * All at once; if a message changed meanwhile (SES's bounce report can arrive first), each on its
 * own, leaving the changed one as it is: what SES reported is newer than our send.
 */
async function recordEmailOutcomes(store: ClaimStore, outcomes: Write[][]): Promise<void> {
  try {
    await store.commit(changeOf(outcomes.flat()));
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
    for (const writes of outcomes)
      await store.commit(changeOf(writes)).catch((e: unknown) => {
        if (!(e instanceof ConcurrentChangeError)) throw e;
      });
  }
}

export async function completeClaim(
  deps: { store: ClaimStore; mailer: Mailer },
  claimId: string,
  confirmed: ConfirmedCardRefund[],
  now: Date,
) {
  const { store } = deps;
  // The orders read here give the e-mails their addresses: the completion does not change them.
  const { notices, orders } = await retryOnConflict(async (): Promise<{ notices: BuyerMessage[]; orders: Order[] }> => {
    const claim = await loadClaim(store, claimId);
    if (claim.status === 'COMPLETED') {
      // Completed by an earlier run: its notices' e-mails may still be to send (the seller's notice first).
      const [records, orders] = await Promise.all([
        Promise.all(claim.orderNos.map((orderNo) => store.orderRecords(orderNo))),
        store.getOrders(claim.orderNos),
      ]);
      const messages = records.flatMap((r) => r?.messages ?? []);
      const completion = messages
        .filter(isCompletionNotice(claimId))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind));
      return { notices: [...messages.filter((m) => m.messageId === claim.noticeMessageId), ...completion], orders };
    }
    if (claim.status !== 'IN_PROGRESS') throw new StepError('ClaimClosed', `Claim ${claimId} is ${claim.status}.`);
    const orders = await store.getOrders(claim.orderNos);
    // Orders cancelled while awaiting payment owe nothing: the buyer is told that nothing was taken.
    const owed = orders.filter((order) => refundOwed(order, claimId));
    const stored = await Promise.all(
      owed.map((order) => store.getRefund(order.orderNo, refundIdOf(claimId, order.orderNo))),
    );
    const found = stored.filter((refund) => refund !== undefined);
    const { refunds, writes } = recordConfirmed(found, confirmed, now);
    const notPaidBack = refunds.filter((refund) => refund.status !== 'COMPLETED');
    if (notPaidBack.length > 0 || refunds.length !== owed.length) {
      const which = notPaidBack.map((r) => `${r.refundId} ${r.status}`).join(', ') || 'some are missing';
      throw new StepError('RefundMissing', `Claim ${claimId} has refunds not completed: ${which}.`);
    }
    const orderOf = (orderNo: string) => orders.find((order) => order.orderNo === orderNo)!;
    const primary = orderOf(claim.orderNo);
    const unpaidOrderNos = orders.filter((order) => !owed.includes(order)).map((order) => order.orderNo);
    const notice = claimCompletedNotice(claim, unpaidOrderNos, languageFor(primary.buyer.country));
    const done = newMessage(
      primary,
      { ...notice, category: 'CANCEL_REFUND', alsoEmail: true, kind: 'CLAIM_COMPLETED', claimId },
      now,
    );
    // One millisecond apart, so that the buyer's list reads them in the order they were meant.
    const refundNotices = refunds.map((refund, i) => {
      const order = orderOf(refund.orderNo);
      const at = new Date(now.getTime() + 1 + i);
      return {
        ...newMessage(
          order,
          {
            ...refundCompletedNotice(refund, languageFor(order.buyer.country)),
            category: 'CANCEL_REFUND',
            alsoEmail: true,
            kind: 'REFUND_COMPLETED',
            claimId,
          },
          at,
        ),
        refundId: refund.refundId,
      };
    });
    const { failure: _resolved, ...rest } = claim;
    await store.commit(
      changeOf([
        {
          entity: 'claim',
          value: {
            ...rest,
            status: 'COMPLETED',
            completedAt: now.toISOString(),
            completionMessageId: done.messageId,
            updatedAt: now.toISOString(),
          },
          from: claim.status,
        },
        ...writes,
        { entity: 'message', value: done },
        ...refundNotices.map((message): Write => ({ entity: 'message', value: message })),
        ...claim.orderNos.map(
          (orderNo): Write => ({
            entity: 'event',
            value: timelineEvent(orderNo, 'CLAIM_COMPLETED', SYSTEM, now, { claimId }),
          }),
        ),
      ]),
    );
    telemetry.claimOutcome('COMPLETED');
    // The seller's notice, if SES throttled its e-mail in apply-claim, goes before the completion's.
    const sellerNotice = await claimNotice(store, claim, orders);
    const throttled = sellerNotice?.message.email === 'PENDING' ? [sellerNotice.message] : [];
    const written = [done, ...refundNotices].map((message) => ({ ...message, version: 1 }));
    return { notices: [...throttled, ...written], orders };
  });

  // The e-mails, in the same order; their outcomes in one write. A refused one stays on its message, to be sent again.
  // Once SES throttles one, the later ones wait too: the buyer reads them in their order.
  const outcomes: (EmailOutcome & { writes: Write[] })[] = [];
  for (const message of notices) {
    const order = orders.find((o) => o.orderNo === message.orderNo);
    const retryThrottled = now.getTime() - Date.parse(message.createdAt) < GIVE_UP_THROTTLED_AFTER_MS;
    const held = outcomes.some((outcome) => outcome.message.email === 'PENDING');
    if (message.email !== 'PENDING' || !order || held) outcomes.push({ message, writes: [] });
    else outcomes.push(await sendEmail(deps.mailer, order, message, now, { retryThrottled }));
  }
  await recordEmailOutcomes(
    store,
    outcomes.map((outcome) => outcome.writes),
  );
  const waiting = outcomes.filter((outcome) => outcome.message.email === 'PENDING');
  const throttled = outcomes.find((outcome) => outcome.failure?.throttled);
  if (waiting.length > 0) {
    const why = `SES throttled an e-mail of claim ${claimId} (${throttled?.failure?.message})`;
    throw new StepError('EmailThrottled', `${why}; ${waiting.length} stay PENDING, sent when this step runs again.`);
  }
  return {
    claimId,
    notices: notices.map((m) => m.messageId),
    emails: outcomes.map((outcome) => outcome.message.email),
  };
}
