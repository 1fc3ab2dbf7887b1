// Non-receipt (DOMAIN.md, "After delivery"): who may report, what each status waits for, what the
// order becomes when it is refunded, and what counts against the seller.
import { describe, expect, it } from 'vitest';
import { canMoveClaim, claimCounts, standingOf, type Claim } from '../../../shared/domain/claim.js';
import {
  answerMovesTo,
  decideNonReceiptReport,
  nonReceiptStepsOf,
  requireNonReceiptStep,
} from '../../../shared/domain/non-receipt.js';
import { nonReceiptNotice } from '../../../shared/domain/non-receipt-notices.js';
import { planRefund } from '../../../shared/domain/refund.js';
import { actionsOf, allowedActions, applyClaimToOrder, holdForClaim } from '../../../shared/domain/transitions.js';
import { anOrder, NOW } from '../../support/fixtures.js';

const aReport = (status: Claim['status']) => ({ claimId: 'C-N', type: 'NON_RECEIPT' as const, status });

describe('reporting an order not received', () => {
  it.each(['IN_TRANSIT', 'DELIVERED'] as const)('a %s order no claim holds: accepted', (status) => {
    expect(decideNonReceiptReport(anOrder({ status }), [])).toEqual({ ok: true, value: { reportedIn: status } });
  });

  it.each(['NEW', 'PREPARING', 'DELAYED', 'PROCESSING'] as const)('a %s order has not shipped: 409', (status) => {
    const decision = decideNonReceiptReport(anOrder({ status }), []);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'STATUS',
      detail: expect.stringMatching(/not shipped/),
    });
  });

  it.each(['CANCELLED', 'RETURNED'] as const)('a %s order was refunded already: 409', (status) => {
    const decision = decideNonReceiptReport(anOrder({ status }), []);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'STATUS',
      detail: expect.stringMatching(/refunded/),
    });
  });

  it('an order another claim holds (a return, a refund): 409 naming the claim', () => {
    const decision = decideNonReceiptReport(anOrder({ status: 'DELIVERED', openClaimId: 'C-R' }), []);
    expect(!decision.ok && decision.refusal).toMatchObject({ kind: 'STATUS', detail: expect.stringMatching(/C-R/) });
  });

  it('twice: a rule (422) that points at the first report and what it allows', () => {
    const answered = decideNonReceiptReport(anOrder({ status: 'DELIVERED' }), [aReport('ANSWERED')]);
    expect(!answered.ok && answered.refusal).toMatchObject({
      kind: 'RULE',
      rule: 'NON_RECEIPT_REPORTED_BEFORE',
      detail: expect.stringMatching(/C-N\/non-receipt-acceptance.*C-N\/escalation/),
    });
    const closed = decideNonReceiptReport(anOrder({ status: 'DELIVERED' }), [aReport('COMPLETED')]);
    expect(!closed.ok && closed.refusal).toMatchObject({ rule: 'NON_RECEIPT_REPORTED_BEFORE' });
  });

  it('the buyer and the operator may report a shipped order; the seller may not', () => {
    const order = anOrder({ status: 'IN_TRANSIT' });
    expect(actionsOf('buyer', allowedActions(order, NOW))).toContain('REPORT_NON_RECEIPT');
    expect(actionsOf('operator', allowedActions(order, NOW))).toContain('REPORT_NON_RECEIPT');
    expect(actionsOf('seller', allowedActions(order, NOW))).not.toContain('REPORT_NON_RECEIPT');
    expect(allowedActions(holdForClaim(order, 'C-N', false), NOW)).not.toContain('REPORT_NON_RECEIPT');
  });
});

describe('the steps of a report', () => {
  it('waiting for the seller: only the answer; answered: the buyer accepts or escalates', () => {
    expect(nonReceiptStepsOf('AWAITING_SELLER')).toEqual(['ANSWER']);
    expect(nonReceiptStepsOf('ANSWERED')).toEqual(['ACCEPT', 'ESCALATE']);
    expect(nonReceiptStepsOf('NEEDS_OPERATOR')).toEqual([]);
  });

  it('out of turn: the status, and what it waits for instead', () => {
    const refused = requireNonReceiptStep(aReport('ANSWERED'), 'ANSWER');
    expect(!refused.ok && refused.refusal).toMatchObject({
      kind: 'STATUS',
      allowed: ['ACCEPT', 'ESCALATE'],
      detail: expect.stringMatching(/is ANSWERED: the buyer accepts/),
    });
    const other = requireNonReceiptStep({ claimId: 'C-R', type: 'RETURN', status: 'AWAITING_APPROVAL' }, 'ANSWER');
    expect(!other.ok && other.refusal.detail).toMatch(/not a non-receipt/);
    expect(requireNonReceiptStep(aReport('AWAITING_SELLER'), 'ANSWER')).toEqual({ ok: true, value: true });
  });

  it('proof or a re-shipment waits for the buyer; a refund runs', () => {
    expect(answerMovesTo('PROOF')).toBe('ANSWERED');
    expect(answerMovesTo('RESHIPPED')).toBe('ANSWERED');
    expect(answerMovesTo('REFUND')).toBe('IN_PROGRESS');
  });

  it('moves along its own statuses only', () => {
    expect(canMoveClaim('AWAITING_SELLER', 'ANSWERED')).toBe(true);
    expect(canMoveClaim('AWAITING_SELLER', 'IN_PROGRESS')).toBe(true);
    expect(canMoveClaim('AWAITING_SELLER', 'NEEDS_OPERATOR')).toBe(true);
    expect(canMoveClaim('ANSWERED', 'COMPLETED')).toBe(true);
    expect(canMoveClaim('ANSWERED', 'NEEDS_OPERATOR')).toBe(true);
    expect(canMoveClaim('ANSWERED', 'IN_PROGRESS')).toBe(false);
    expect(canMoveClaim('AWAITING_SELLER', 'COMPLETED')).toBe(false);
  });

  it('counts as requested while the seller answers, in progress while the buyer decides', () => {
    expect(claimCounts({ AWAITING_SELLER: 2, ANSWERED: 3 }, 0)).toMatchObject({ requested: 2, inProgress: 3 });
  });
});

describe('money and standing', () => {
  const claim = { claimId: 'C-N', type: 'NON_RECEIPT' as const, fault: 'SELLER' as const, orderNos: ['O-1'] };

  it('refunded: the whole total, the order RETURNED, against the seller', () => {
    const order = holdForClaim(anOrder({ status: 'DELIVERED' }), 'C-N', false);
    expect(planRefund(order, claim, {}, NOW).amount).toEqual(order.total);
    const applied = applyClaimToOrder(order, claim, NOW);
    expect(applied.ok && applied.value.status).toBe('RETURNED');
    expect(standingOf({ ...claim, nonReceipt: { reportedIn: 'DELIVERED' } }).sellerFaultOrders).toBe(1);
  });

  it('accepted by the buyer: no money moved, nothing against the seller', () => {
    const accepted = { ...claim, nonReceipt: { reportedIn: 'IN_TRANSIT' as const, acceptedAt: NOW.toISOString() } };
    expect(standingOf(accepted)).toEqual({ sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 });
  });
});

describe('what the buyer reads', () => {
  it('the answer with its tracking and what to do next, in the buyer’s language', () => {
    const answer = { answer: 'RESHIPPED' as const, carrier: 'Yamato', trackingNo: 'Y-1', at: NOW.toISOString() };
    const ja = nonReceiptNotice('ANSWERED', 'O-1', { answer }, 'ja');
    expect(ja.title).toContain('O-1');
    expect(ja.body).toMatch(/再発送[\s\S]*Yamato[\s\S]*Y-1[\s\S]*承諾/);
    expect(nonReceiptNotice('ANSWERED', 'O-1', { answer }, 'ko').body).toContain('재발송');
    expect(nonReceiptNotice('UNANSWERED', 'O-1', {}, 'en').body).toMatch(/refunds you in full/);
  });
});
