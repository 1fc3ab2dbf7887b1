// What a claim after delivery shows beyond a cancellation's (a return's window, the seller's
// answer, the parcel back and its receipt; a non-receipt's answer and what the buyer did with it),
// the step its reader takes now, and a refund with what was deducted from it. The steps a claim
// allows are the domain's own (returnStepsOf, nonReceiptStepsOf), each taken by its one role.

import type { Schemas } from '../../api/client.js';
import { nonReceiptStepsOf } from '../../../shared/domain/non-receipt.js';
import { returnStepsOf } from '../../../shared/domain/returns.js';
import { facts, h } from '../dom.js';
import { pathTo, session, words, type Child } from '../shell.js';
import { writtenText } from './buyer-language.js';
import { nonReceiptSteps } from './non-receipt-actions.js';
import { returnSteps } from './return-actions.js';

type ClaimView = Schemas['ClaimView'];
type Step = ReturnType<typeof returnStepsOf>[number] | ReturnType<typeof nonReceiptStepsOf>[number];

/** Who takes each step: the seller decides, confirms and answers; the buyer sends back, accepts, escalates. */
const TAKEN_BY: Record<Step, 'seller' | 'buyer'> = {
  DECIDE: 'seller',
  CONFIRM_RECEIPT: 'seller',
  ANSWER: 'seller',
  SHIP_BACK: 'buyer',
  ACCEPT: 'buyer',
  ESCALATE: 'buyer',
};

/** The steps of this claim its reader may take now. */
export function stepsFor(claim: Pick<ClaimView, 'type' | 'status'>): Step[] {
  const steps: Step[] =
    claim.type === 'RETURN'
      ? returnStepsOf(claim.status)
      : claim.type === 'NON_RECEIPT'
        ? nonReceiptStepsOf(claim.status)
        : [];
  return steps.filter((step) => TAKEN_BY[step] === session!.role);
}

/** The claim's own facts after delivery, as the API answers them. */
export function afterDeliveryFacts(claim: ClaimView): Child {
  const back = claim.return;
  const report = claim.nonReceipt;
  if (!back && !report) return null;
  const written = (text: string | undefined) => (text ? writtenText(text) : '');
  return facts(
    [words.t('fault'), words.t(claim.fault === 'SELLER' ? 'faultSELLER' : 'faultBUYER'), 'claim-fault'],
    back && [words.t('returnWindowEnds'), words.time(back.windowEndsAt)],
    back?.approval && [words.t('returnAddress'), written(back.approval.returnAddress), 'return-address'],
    back?.approval?.instructions && [words.t('instructions'), written(back.approval.instructions), 'instructions'],
    back?.refusal && [words.t('refusalReason'), written(back.refusal.reason), 'refusal-reason'],
    back?.shipment && [words.t('carrier'), written(back.shipment.carrier)],
    back?.shipment && [words.t('trackingNumber'), back.shipment.trackingNo, 'return-tracking'],
    back?.receipt && [words.t('receipt'), words.code(back.receipt.outcome), 'receipt-outcome'],
    back?.receipt?.note && [words.t('note'), written(back.receipt.note)],
    report?.answer && [words.t('sellerAnswer'), words.code(report.answer.answer), 'seller-answer'],
    report?.answer?.carrier && [words.t('carrier'), written(report.answer.carrier)],
    report?.answer?.trackingNo && [words.t('trackingNumber'), report.answer.trackingNo, 'answer-tracking'],
    report?.answer?.note && [words.t('note'), written(report.answer.note), 'answer-note'],
    report?.acceptedAt && [words.t('acceptedAt'), words.time(report.acceptedAt)],
    (back?.escalatedAt ?? report?.escalatedAt) && [
      words.t('escalatedAt'),
      words.time((back?.escalatedAt ?? report?.escalatedAt)!),
    ],
  );
}

/** What the reader of the claim page may do now: the return's or the non-receipt's next step. */
export function afterDeliverySteps(claim: ClaimView): Child[] {
  const steps = stepsFor(claim);
  if (steps.length === 0) return [];
  const forms = claim.type === 'RETURN' ? returnSteps(claim, steps) : nonReceiptSteps(claim, steps);
  return [h('section', { class: 'actions', 'aria-label': words.t('actions') }, ...forms)];
}

/** On the order's page: the buyer's return request or non-receipt report, and the claim where it is acted on. */
export function pendingAfterDelivery(pending: ClaimView | undefined): Child {
  if (pending?.type !== 'RETURN' && pending?.type !== 'NON_RECEIPT') return null;
  return h(
    'section',
    { 'aria-labelledby': 'after-delivery' },
    h('h2', { id: 'after-delivery' }, words.t(pending.type === 'RETURN' ? 'returnRequest' : 'nonReceiptReport')),
    facts(
      [words.t('status'), words.code(pending.status)],
      [words.t('reason'), words.code(pending.reason), 'request-reason'],
      [words.t('buyerMessage'), pending.buyerMessage ? writtenText(pending.buyerMessage) : '—', 'request-message'],
      [words.t('requestedAt'), words.time(pending.requestedAt)],
    ),
    h('p', {}, h('a', { href: pathTo.claim(pending.claimId) }, words.t('openClaimToAct'))),
  );
}

/** A refund's amount, with what was deducted from it (a buyer-fault return's shipping back). */
export function refundAmount(refund: Schemas['RefundView']): string {
  const deducted = (refund.deductions ?? []).map(
    (deduction) => `${words.code(deduction.kind)} ${words.money(deduction.amount)} ${words.t('deducted')}`,
  );
  return deducted.length ? `${words.money(refund.amount)} (${deducted.join(', ')})` : words.money(refund.amount);
}
