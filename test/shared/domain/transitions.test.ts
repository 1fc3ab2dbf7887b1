// The rules of docs/DOMAIN.md, one row each.
import { describe, expect, it } from 'vitest';
import { effectiveStatus, type OrderStatus } from '../../../shared/domain/order.js';
import { CANCEL_REASONS, faultOf, type CancelReason } from '../../../shared/domain/reasons.js';
import {
  allowedActions,
  applyClaimToOrder,
  decideBuyerCancel,
  decideDelivery,
  decidePaymentArrived,
  decideSellerCancel,
  decideSellerRefund,
  decideShipDate,
  decideShipment,
  holdForClaim,
  releaseFromClaim,
  splitCart,
} from '../../../shared/domain/transitions.js';
import { anOrder, NOW } from '../../support/fixtures.js';

const ALL_STATUSES: OrderStatus[] = [
  'PROCESSING',
  'NEW',
  'PREPARING',
  'DELAYED',
  'IN_TRANSIT',
  'DELIVERED',
  'CANCEL_REQUESTED',
  'CANCELLED',
  'RETURNED',
];

describe('effective status', () => {
  it.each([
    ['PREPARING', '2026-11-24', 'DELAYED'],
    ['PREPARING', '2026-11-25', 'PREPARING'], // the ship date is today in Japan: not yet late
    ['NEW', '2026-11-01', 'DELAYED'],
    ['PROCESSING', '2026-11-01', 'DELAYED'],
    ['IN_TRANSIT', '2026-11-01', 'IN_TRANSIT'],
    ['CANCEL_REQUESTED', '2026-11-01', 'CANCEL_REQUESTED'],
    ['CANCELLED', '2026-11-01', 'CANCELLED'],
  ] as const)('a %s order with ship date %s reads as %s', (status, expectedShipDate, expected) => {
    expect(effectiveStatus({ status, expectedShipDate }, NOW)).toBe(expected);
  });

  it('the day changes at midnight in Japan, not in UTC', () => {
    const order = { status: 'PREPARING' as const, expectedShipDate: '2026-11-25' };
    expect(effectiveStatus(order, new Date('2026-11-25T14:59:59Z'))).toBe('PREPARING'); // 23:59:59 JST
    expect(effectiveStatus(order, new Date('2026-11-25T15:00:00Z'))).toBe('DELAYED'); // 00:00 JST on the 26th
  });
});

describe('flow 1: seller-fault cancellation before shipping', () => {
  it.each(['PROCESSING', 'NEW', 'PREPARING', 'DELAYED'] as const)(
    'a %s order can be cancelled for a seller-fault reason',
    (status) => {
      const decision = decideSellerCancel(anOrder({ status }), 'OUT_OF_STOCK', NOW);
      expect(decision).toEqual({ ok: true, value: { reason: 'OUT_OF_STOCK', fault: 'SELLER' } });
    },
  );

  it.each(['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'] as const)('%s is the seller’s fault', (reason) => {
    const decision = decideSellerCancel(anOrder(), reason, NOW);
    expect(decision.ok && decision.value.fault).toBe('SELLER');
  });

  it.each(['BUYER_CHANGED_MIND', 'OPTION_CHANGE'] as const)('%s needs the buyer’s own request (422)', (reason) => {
    const decision = decideSellerCancel(anOrder(), reason, NOW);
    expect(decision).toMatchObject({ ok: false, refusal: { kind: 'RULE', rule: 'BUYER_REQUEST_REQUIRED' } });
  });

  it.each(['IN_TRANSIT', 'DELIVERED'] as const)(
    'a %s order is refused and pointed at the refund after shipping',
    (status) => {
      const decision = decideSellerCancel(anOrder({ status }), 'OUT_OF_STOCK', NOW);
      expect(decision).toMatchObject({
        ok: false,
        refusal: { kind: 'CONFLICT', currentStatus: status, allowedActions: expect.arrayContaining(['SELLER_REFUND']) },
      });
      expect(!decision.ok && decision.refusal.detail).toMatch(/refunds/);
    },
  );

  it.each(['CANCELLED', 'RETURNED'] as const)('a %s order allows nothing', (status) => {
    expect(decideSellerCancel(anOrder({ status }), 'OUT_OF_STOCK', NOW)).toMatchObject({
      ok: false,
      refusal: { kind: 'CONFLICT', allowedActions: [] },
    });
  });

  it('a CANCEL_REQUESTED order is answered by approval or withdrawal, not a new cancellation', () => {
    const decision = decideSellerCancel(
      anOrder({ status: 'CANCEL_REQUESTED', openClaimId: 'C-1' }),
      'OUT_OF_STOCK',
      NOW,
    );
    expect(decision).toMatchObject({
      ok: false,
      refusal: { kind: 'CONFLICT', allowedActions: ['APPROVE_CANCEL_REQUEST', 'WITHDRAW_CANCEL_REQUEST'] },
    });
  });

  it('an order held by a running claim allows nothing until it ends', () => {
    const held = holdForClaim(anOrder({ status: 'PREPARING' }), 'C-1', false);
    expect(allowedActions(held, NOW)).toEqual([]);
    expect(decideSellerCancel(held, 'OUT_OF_STOCK', NOW)).toMatchObject({ ok: false, refusal: { kind: 'CONFLICT' } });
    expect(decideShipment(held, NOW)).toMatchObject({ ok: false, refusal: { kind: 'CONFLICT' } });
  });

  it('applying the claim cancels the order and lets it go', () => {
    const held = holdForClaim(anOrder(), 'C-1', false);
    const applied = applyClaimToOrder(held, { claimId: 'C-1', type: 'SELLER_CANCEL' }, NOW);
    expect(applied).toMatchObject({ ok: true, value: { status: 'CANCELLED', claimIds: ['C-1'] } });
    expect(applied.ok && applied.value.openClaimId).toBeUndefined();
  });

  it('a claim cannot apply to an order it does not hold', () => {
    expect(applyClaimToOrder(anOrder(), { claimId: 'C-1', type: 'SELLER_CANCEL' }, NOW).ok).toBe(false);
  });

  it('a failed claim lets the order go, unchanged', () => {
    const order = anOrder({ status: 'PREPARING', expectedShipDate: '2026-11-30' });
    const released = releaseFromClaim(holdForClaim(order, 'C-1', false), 'C-1', NOW);
    expect(released.status).toBe('PREPARING');
    expect(released.openClaimId).toBeUndefined();
    expect(allowedActions(released, NOW)).toContain('SHIP');
  });
});

describe('cart scope', () => {
  it('takes every order of the cart this seller may cancel, and reports the seller’s others with the reason', () => {
    const primary = anOrder({ orderNo: 'O-1' });
    const cart = [
      primary,
      anOrder({ orderNo: 'O-2', status: 'PREPARING' }),
      anOrder({ orderNo: 'O-3', status: 'IN_TRANSIT' }),
      anOrder({ orderNo: 'O-5', openClaimId: 'C-9' }),
      anOrder({ orderNo: 'O-6', coupon: { code: 'CP', sellerCancellable: false } }),
    ];
    const operatorOnly = (order: { coupon?: { sellerCancellable: boolean } }) =>
      order.coupon?.sellerCancellable === false ? 'A coupon forbids it.' : undefined;
    const { included, excluded } = splitCart(primary, cart, 'S-1', 'OUT_OF_STOCK', NOW, operatorOnly);
    expect(included.map((o) => o.orderNo)).toEqual(['O-2']);
    expect(excluded.map((e) => e.orderNo)).toEqual(['O-3', 'O-5', 'O-6']);
    expect(excluded[0]!.reason).toMatch(/shipped/);
    expect(excluded[1]!.reason).toMatch(/C-9/);
    expect(excluded[2]!.reason).toMatch(/coupon forbids it.*operator/);
  });

  it('neither cancels nor names another seller’s order; another buyer’s order is left out with the reason', () => {
    const primary = anOrder({ orderNo: 'O-1' });
    const cart = [
      primary,
      anOrder({ orderNo: 'O-4', sellerId: 'S-2' }),
      anOrder({ orderNo: 'O-7', buyer: { id: 'B-OTHER', email: 'other@example.jp', country: 'JP' } }),
    ];
    const { included, excluded } = splitCart(primary, cart, 'S-1', 'OUT_OF_STOCK', NOW, () => undefined);
    expect(included).toEqual([]);
    expect(excluded).toEqual([{ orderNo: 'O-7', reason: expect.stringMatching(/Another buyer/) }]);
  });
});

describe('flow 2: seller-fault refund after shipping', () => {
  it.each(['IN_TRANSIT', 'DELIVERED'] as const)('a %s order is refunded for SHIPPING_DELAY', (status) => {
    expect(decideSellerRefund(anOrder({ status }), 'SHIPPING_DELAY', NOW)).toEqual({
      ok: true,
      value: { reason: 'SHIPPING_DELAY', fault: 'SELLER' },
    });
  });

  it.each(['OUT_OF_STOCK', 'UNDELIVERABLE_AREA'] as const)('%s is refused after shipping (422)', (reason) => {
    expect(decideSellerRefund(anOrder({ status: 'IN_TRANSIT' }), reason, NOW)).toMatchObject({
      ok: false,
      refusal: { kind: 'RULE', rule: 'REFUND_REASON_NOT_ALLOWED' },
    });
  });

  it.each(['BUYER_CHANGED_MIND', 'OPTION_CHANGE'] as const)(
    'a buyer-fault refund (%s) is the returns process (422)',
    (reason) => {
      const decision = decideSellerRefund(anOrder({ status: 'DELIVERED' }), reason, NOW);
      expect(decision).toMatchObject({ ok: false, refusal: { kind: 'RULE', rule: 'RETURNS_PROCESS' } });
      expect(!decision.ok && decision.refusal.detail).toMatch(/returns process/);
    },
  );

  it('an unshipped order is pointed at the cancellation', () => {
    const decision = decideSellerRefund(anOrder({ status: 'PREPARING' }), 'SHIPPING_DELAY', NOW);
    expect(decision).toMatchObject({ ok: false, refusal: { kind: 'CONFLICT' } });
    expect(!decision.ok && decision.refusal.detail).toMatch(/cancellations/);
  });

  it('a refund after shipping ends the order RETURNED', () => {
    const held = holdForClaim(anOrder({ status: 'DELIVERED' }), 'C-2', false);
    expect(applyClaimToOrder(held, { claimId: 'C-2', type: 'SELLER_REFUND' }, NOW)).toMatchObject({
      ok: true,
      value: { status: 'RETURNED' },
    });
  });
});

describe('flow 3: buyer-initiated cancellation', () => {
  it.each([
    ['PROCESSING', undefined, 'CANCELLED_IMMEDIATELY', 'BUYER', 'BUYER_CHANGED_MIND'],
    ['NEW', undefined, 'CANCELLED_IMMEDIATELY', 'BUYER', 'BUYER_CHANGED_MIND'],
    ['DELAYED', '2026-11-20', 'CANCELLED_IMMEDIATELY', 'SELLER', 'SHIPPING_DELAY'],
    ['PREPARING', '2026-11-24', 'CANCELLED_IMMEDIATELY', 'SELLER', 'SHIPPING_DELAY'], // the date has passed: DELAYED
    ['PREPARING', '2026-11-30', 'AWAITING_SELLER', 'BUYER', 'BUYER_CHANGED_MIND'],
  ] as const)('a %s order (ship date %s): %s, %s fault, %s', (status, expectedShipDate, outcome, fault, reason) => {
    const order = anOrder({ status, ...(expectedShipDate ? { expectedShipDate } : {}) });
    expect(decideBuyerCancel(order, 'BUYER_CHANGED_MIND', NOW)).toEqual({
      ok: true,
      value: { outcome, fault, reason },
    });
  });

  it.each(['IN_TRANSIT', 'DELIVERED', 'CANCELLED', 'RETURNED'] as const)(
    'a %s order cannot be cancelled by the buyer',
    (status) => {
      expect(decideBuyerCancel(anOrder({ status }), 'BUYER_CHANGED_MIND', NOW)).toMatchObject({
        ok: false,
        refusal: { kind: 'CONFLICT' },
      });
    },
  );

  it('a buyer request on a PREPARING order blocks shipment', () => {
    const requested = holdForClaim(anOrder({ status: 'PREPARING', expectedShipDate: '2026-11-30' }), 'C-3', true);
    expect(requested.status).toBe('CANCEL_REQUESTED');
    const shipment = decideShipment(requested, NOW);
    expect(shipment).toMatchObject({ ok: false, refusal: { kind: 'CONFLICT', currentStatus: 'CANCEL_REQUESTED' } });
  });

  it('a withdrawn request puts the order back to PREPARING, and it can ship', () => {
    const requested = holdForClaim(anOrder({ status: 'PREPARING', expectedShipDate: '2026-11-30' }), 'C-3', true);
    const withdrawn = releaseFromClaim(requested, 'C-3', NOW);
    expect(withdrawn.status).toBe('PREPARING');
    expect(decideShipment(withdrawn, NOW).ok).toBe(true);
  });
});

describe('shipping', () => {
  it('a ship date moves NEW to PREPARING', () => {
    expect(decideShipDate(anOrder(), '2026-11-27', NOW)).toMatchObject({
      ok: true,
      value: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
    });
  });

  it('a ship date in the past is refused (422)', () => {
    expect(decideShipDate(anOrder(), '2026-11-24', NOW)).toMatchObject({
      ok: false,
      refusal: { kind: 'RULE', rule: 'SHIP_DATE_IN_PAST' },
    });
  });

  it('a DELAYED order cannot be re-dated out of its delay', () => {
    expect(decideShipDate(anOrder({ status: 'PREPARING', expectedShipDate: '2026-11-20' }), '2026-12-01', NOW).ok).toBe(
      false,
    );
  });

  it.each(['NEW', 'PREPARING', 'DELAYED'] as const)('a %s order can ship', (status) => {
    expect(decideShipment(anOrder({ status }), NOW)).toMatchObject({ ok: true, value: { status: 'IN_TRANSIT' } });
  });

  it('only an order in transit can be delivered', () => {
    expect(decideDelivery(anOrder({ status: 'IN_TRANSIT' }), NOW)).toMatchObject({
      ok: true,
      value: { status: 'DELIVERED' },
    });
    expect(decideDelivery(anOrder({ status: 'NEW' }), NOW).ok).toBe(false);
  });
});

describe('allowed actions', () => {
  it.each(ALL_STATUSES)('what a %s order allows is what each decision accepts', (status) => {
    const order = anOrder({ status, ...(status === 'CANCEL_REQUESTED' ? { openClaimId: 'C-1' } : {}) });
    const allowed = allowedActions(order, NOW);
    const reason: CancelReason = status === 'IN_TRANSIT' || status === 'DELIVERED' ? 'SHIPPING_DELAY' : 'OUT_OF_STOCK';
    expect(decideSellerCancel(order, reason, NOW).ok).toBe(allowed.includes('SELLER_CANCEL'));
    expect(decideSellerRefund(order, 'SHIPPING_DELAY', NOW).ok).toBe(allowed.includes('SELLER_REFUND'));
    expect(decideShipment(order, NOW).ok).toBe(allowed.includes('SHIP'));
    expect(decideDelivery(order, NOW).ok).toBe(allowed.includes('DELIVER'));
    expect(decideBuyerCancel(order, 'BUYER_CHANGED_MIND', NOW).ok).toBe(allowed.includes('BUYER_CANCEL'));
    expect(decidePaymentArrived(order, NOW).ok).toBe(allowed.includes('CONFIRM_PAYMENT'));
  });
});

describe('money only where money was paid', () => {
  const unpaid = { status: 'PROCESSING' as const, payment: { method: 'CONVENIENCE_STORE' as const } };

  it('an unpaid order is never shipped, even once its ship date has passed (it reads DELAYED)', () => {
    const overdue = anOrder({ ...unpaid, expectedShipDate: '2026-11-20' });
    expect(effectiveStatus(overdue, NOW)).toBe('DELAYED');
    expect(allowedActions(overdue, NOW)).toEqual(['CONFIRM_PAYMENT', 'SELLER_CANCEL', 'BUYER_CANCEL']);
    expect(decideShipment(overdue, NOW).ok).toBe(false);
  });

  it('the payment may arrive while a claim holds the order: it is NEW and still held', () => {
    const held = holdForClaim(anOrder(unpaid), 'C-1', false);
    expect(allowedActions(held, NOW)).toEqual(['CONFIRM_PAYMENT']);
    expect(decidePaymentArrived(held, NOW)).toMatchObject({
      ok: true,
      value: { late: false, order: { status: 'NEW', openClaimId: 'C-1', paidAt: NOW.toISOString() } },
    });
  });

  it('an unpaid order is cancelled with nothing to refund, and its payment may still arrive: late, once', () => {
    const cancelled = applyClaimToOrder(
      holdForClaim(anOrder(unpaid), 'C-1', false),
      { claimId: 'C-1', type: 'SELLER_CANCEL' },
      NOW,
    );
    expect(cancelled).toMatchObject({
      ok: true,
      value: { status: 'CANCELLED', cancelledUnpaid: { claimId: 'C-1', at: NOW.toISOString() } },
    });
    if (!cancelled.ok) return;
    expect(allowedActions(cancelled.value, NOW)).toEqual(['CONFIRM_PAYMENT']);
    const late = decidePaymentArrived(cancelled.value, NOW);
    expect(late).toMatchObject({
      ok: true,
      value: { late: true, order: { status: 'CANCELLED', paidAt: NOW.toISOString() } },
    });
    if (!late.ok) return;
    expect(allowedActions(late.value.order, NOW)).toEqual([]);
    expect(decidePaymentArrived(late.value.order, NOW)).toMatchObject({
      ok: false,
      refusal: { kind: 'CONFLICT', currentStatus: 'CANCELLED' },
    });
  });

  it('a paid order cancelled owes its refund; a cancelled paid order takes no payment', () => {
    const cancelled = applyClaimToOrder(
      holdForClaim(anOrder(), 'C-1', false),
      { claimId: 'C-1', type: 'SELLER_CANCEL' },
      NOW,
    );
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'CANCELLED' } });
    if (!cancelled.ok) return;
    expect(cancelled.value.cancelledUnpaid).toBeUndefined();
    expect(decidePaymentArrived(cancelled.value, NOW).ok).toBe(false);
  });
});

describe('reasons', () => {
  it.each([
    ['OUT_OF_STOCK', 'SELLER'],
    ['SHIPPING_DELAY', 'SELLER'],
    ['UNDELIVERABLE_AREA', 'SELLER'],
    ['BUYER_CHANGED_MIND', 'BUYER'],
    ['OPTION_CHANGE', 'BUYER'],
  ] as const)('%s is the %s’s fault', (reason, fault) => {
    expect(faultOf(reason)).toBe(fault);
  });

  it('the table covers every reason', () => {
    expect([...CANCEL_REASONS].sort()).toEqual([
      'BUYER_CHANGED_MIND',
      'OPTION_CHANGE',
      'OUT_OF_STOCK',
      'SHIPPING_DELAY',
      'UNDELIVERABLE_AREA',
    ]);
  });
});
