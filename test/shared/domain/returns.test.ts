// Returns (DOMAIN.md, "After delivery"): who may ask, until when, what each status waits for,
// what the refund deducts and what the order becomes.
import { describe, expect, it } from 'vitest';
import { canMoveClaim, claimCounts, isClaimDelayed, standingOf, type Claim } from '../../../shared/domain/claim.js';
import { planRefund } from '../../../shared/domain/refund.js';
import {
  decideReturnRequest,
  requireReturnStep,
  RETURN_REASONS,
  returnDeductions,
  returnFaultOf,
  returnWindowDays,
} from '../../../shared/domain/returns.js';
import {
  allowedActions,
  applyClaimToOrder,
  decideSellerRefund,
  holdForClaim,
} from '../../../shared/domain/transitions.js';
import { anOrder, NOW } from '../../support/fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const delivered = (daysAgo: number) =>
  anOrder({
    status: 'DELIVERED',
    shippedAt: new Date(NOW.getTime() - (daysAgo + 2) * DAY).toISOString(),
    deliveredAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  });
const aReturn = (status: Claim['status']) => ({ claimId: 'C-R', type: 'RETURN' as const, status });

describe('who is at fault', () => {
  it.each([
    ['DEFECTIVE', 'SELLER'],
    ['DAMAGED', 'SELLER'],
    ['WRONG_ITEM', 'SELLER'],
    ['NOT_AS_DESCRIBED', 'SELLER'],
    ['LATE_DELIVERY', 'SELLER'],
    ['CHANGED_MIND', 'BUYER'],
    ['WRONG_SIZE_OR_COLOUR', 'BUYER'],
  ] as const)('%s is the %s’s', (reason, fault) => expect(returnFaultOf(reason)).toBe(fault));

  it('every reason has a fault', () => expect(RETURN_REASONS).toHaveLength(7));
});

describe('asking for a return', () => {
  it('a delivered order within 7 days: accepted, with the window’s end', () => {
    const decision = decideReturnRequest(delivered(6), [], 'DEFECTIVE', 7, NOW);
    expect(decision).toEqual({
      ok: true,
      value: { fault: 'SELLER', windowEndsAt: new Date(NOW.getTime() + DAY).toISOString() },
    });
  });

  it('after the window: a rule (422) that says when it closed', () => {
    const decision = decideReturnRequest(delivered(8), [], 'CHANGED_MIND', 7, NOW);
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'RULE',
      rule: 'RETURN_WINDOW_CLOSED',
      detail: expect.stringMatching(/closed at .*7 days/),
    });
  });

  it('a seller’s longer window lets a later request in; the setting is held between 7 and 30 days', () => {
    expect(decideReturnRequest(delivered(20), [], 'CHANGED_MIND', returnWindowDays(30), NOW).ok).toBe(true);
    expect([
      returnWindowDays(undefined),
      returnWindowDays(3),
      returnWindowDays(14),
      returnWindowDays(90),
      returnWindowDays(7.5),
    ]).toEqual([7, 7, 14, 30, 7]);
  });

  it.each(['PREPARING', 'IN_TRANSIT', 'NEW'] as const)(
    'an order %s is not delivered: refused by its status (409)',
    (status) => {
      const decision = decideReturnRequest(anOrder({ status }), [], 'DEFECTIVE', 7, NOW);
      expect(!decision.ok && decision.refusal).toMatchObject({
        kind: 'STATUS',
        detail: expect.stringContaining('once it is DELIVERED'),
      });
    },
  );

  it.each(['CANCELLED', 'RETURNED'] as const)('an order already refunded (%s) has nothing to return', (status) => {
    const decision = decideReturnRequest(anOrder({ status }), [], 'DEFECTIVE', 7, NOW);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'STATUS',
      detail: expect.stringContaining('already refunded'),
    });
  });

  it('twice: the first return holds the order (409)', () => {
    const order = holdForClaim(delivered(1), 'C-R', false);
    const decision = decideReturnRequest(order, [aReturn('AWAITING_APPROVAL')], 'DEFECTIVE', 7, NOW);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'STATUS',
      detail: expect.stringContaining('C-R is in progress'),
    });
  });

  it('after a refusal: not again, the operator (422 naming the escalation)', () => {
    const decision = decideReturnRequest(delivered(1), [aReturn('REFUSED')], 'DEFECTIVE', 7, NOW);
    expect(!decision.ok && decision.refusal).toMatchObject({
      kind: 'RULE',
      rule: 'RETURN_REFUSED_BEFORE',
      detail: expect.stringContaining('/claims/C-R/escalation'),
    });
  });

  it('after a withdrawn return, the buyer may ask again', () => {
    expect(decideReturnRequest(delivered(1), [aReturn('WITHDRAWN')], 'DEFECTIVE', 7, NOW).ok).toBe(true);
  });

  it('a delivered order offers the buyer a return, and a buyer-fault refund by the seller names the route', () => {
    expect(allowedActions(delivered(1), NOW)).toContain('REQUEST_RETURN');
    const refused = decideSellerRefund(delivered(1), 'BUYER_CHANGED_MIND', NOW);
    expect(!refused.ok && refused.refusal).toMatchObject({
      rule: 'RETURNS_PROCESS',
      detail: expect.stringContaining('POST /orders/O-1/returns'),
    });
  });
});

describe('the steps of a return', () => {
  it.each([
    ['AWAITING_APPROVAL', 'DECIDE'],
    ['AWAITING_RETURN', 'SHIP_BACK'],
    ['RETURN_IN_TRANSIT', 'CONFIRM_RECEIPT'],
    ['REFUSED', 'ESCALATE'],
  ] as const)('%s waits for %s and nothing else', (status, step) => {
    expect(requireReturnStep(aReturn(status), step).ok).toBe(true);
    for (const other of ['DECIDE', 'SHIP_BACK', 'CONFIRM_RECEIPT', 'ESCALATE'] as const) {
      if (other !== step)
        expect(requireReturnStep(aReturn(status), other)).toMatchObject({
          ok: false,
          refusal: { kind: 'STATUS', allowed: [step] },
        });
    }
  });

  it('a claim that is not a return takes no return step', () => {
    expect(
      requireReturnStep({ claimId: 'C-1', type: 'BUYER_CANCEL', status: 'AWAITING_APPROVAL' }, 'DECIDE'),
    ).toMatchObject({ ok: false, refusal: { detail: 'Claim C-1 is not a return.' } });
  });

  it('a completed return allows no step, and says so', () => {
    expect(requireReturnStep(aReturn('COMPLETED'), 'CONFIRM_RECEIPT')).toMatchObject({
      ok: false,
      refusal: { allowed: [], detail: expect.stringContaining('no step') },
    });
  });

  it('the claim statuses follow approval, the parcel, receipt; a refusal may only go to the operator', () => {
    expect(canMoveClaim('AWAITING_APPROVAL', 'AWAITING_RETURN')).toBe(true);
    expect(canMoveClaim('AWAITING_RETURN', 'RETURN_IN_TRANSIT')).toBe(true);
    expect(canMoveClaim('RETURN_IN_TRANSIT', 'IN_PROGRESS')).toBe(true);
    expect(canMoveClaim('RETURN_IN_TRANSIT', 'NEEDS_OPERATOR')).toBe(true);
    expect(canMoveClaim('REFUSED', 'NEEDS_OPERATOR')).toBe(true);
    expect(canMoveClaim('REFUSED', 'IN_PROGRESS')).toBe(false);
    expect(canMoveClaim('RETURN_IN_TRANSIT', 'AWAITING_APPROVAL')).toBe(false);
  });

  it('a refused return is closed: never delayed; a return on its way is in progress in the counts', () => {
    expect(isClaimDelayed({ status: 'REFUSED', requestedAt: '2026-11-01T00:00:00.000Z' }, NOW)).toBe(false);
    expect(claimCounts({ AWAITING_RETURN: 1, RETURN_IN_TRANSIT: 2, IN_PROGRESS: 1, REFUSED: 1 }, 0)).toMatchObject({
      inProgress: 4,
    });
  });
});

describe('the refund of a return', () => {
  const order = delivered(1);

  it('a buyer-fault return: the return shipping is deducted, never more than was paid', () => {
    const refund = planRefund(order, { claimId: 'C-R', fault: 'BUYER', type: 'RETURN' }, {}, NOW, {
      amount: 800,
      currency: 'JPY',
    });
    expect(refund.amount.amount).toBe(order.total.amount - 800);
    expect(refund.deductions).toEqual([{ kind: 'RETURN_SHIPPING', amount: { amount: 800, currency: 'JPY' } }]);
    expect(
      returnDeductions('BUYER', { amount: 500, currency: 'JPY' }, { amount: 800, currency: 'JPY' })[0]!.amount.amount,
    ).toBe(500);
  });

  it('a seller-fault return: the whole total, nothing deducted; a cancellation never deducts', () => {
    expect(planRefund(order, { claimId: 'C-R', fault: 'SELLER', type: 'RETURN' }, {}, NOW)).toMatchObject({
      amount: order.total,
    });
    expect(planRefund(order, { claimId: 'C-R', fault: 'SELLER', type: 'RETURN' }, {}, NOW).deductions).toBeUndefined();
    expect(planRefund(order, { claimId: 'C-1', fault: 'BUYER', type: 'BUYER_CANCEL' }, {}, NOW).amount).toEqual(
      order.total,
    );
  });

  it('counts against the seller only when the seller is at fault; the order ends RETURNED', () => {
    const claim = { type: 'RETURN' as const, orderNos: ['O-1'] };
    expect(standingOf({ ...claim, fault: 'SELLER' }).sellerFaultOrders).toBe(1);
    expect(standingOf({ ...claim, fault: 'BUYER' }).sellerFaultOrders).toBe(0);
    const held = holdForClaim(order, 'C-R', false);
    expect(held.status).toBe('DELIVERED');
    expect(applyClaimToOrder(held, { claimId: 'C-R', type: 'RETURN' }, NOW)).toMatchObject({
      ok: true,
      value: { status: 'RETURNED' },
    });
  });
});
