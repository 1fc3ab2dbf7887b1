import { describe, expect, it } from 'vitest';
import { DEFAULT_REFUND_FEES, planRefund, refundMethodFor } from '../../../shared/domain/refund.js';
import { anOrder, NOW } from '../../support/fixtures.js';

describe('refunds', () => {
  it.each([
    ['CARD', 'CARD_AUTHORIZATION_CANCEL'],
    ['CONVENIENCE_STORE', 'BALANCE_CREDIT'],
    ['BANK_TRANSFER', 'BALANCE_CREDIT'],
    ['BALANCE', 'BALANCE_CREDIT'],
  ] as const)('a %s payment is refunded by %s', (method, refund) => {
    expect(refundMethodFor(method)).toBe(refund);
  });

  it('the buyer gets the whole total back; a seller-fault fee is charged to the seller', () => {
    const refund = planRefund(
      anOrder({ payment: { method: 'CONVENIENCE_STORE' }, total: { amount: 4800, currency: 'JPY' } }),
      { claimId: 'C-1', fault: 'SELLER' },
      DEFAULT_REFUND_FEES,
      NOW,
    );
    expect(refund).toMatchObject({
      amount: { amount: 4800, currency: 'JPY' },
      fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
      method: 'BALANCE_CREDIT',
      status: 'PENDING',
    });
  });

  it('a buyer-fault fee is never taken from the buyer', () => {
    const refund = planRefund(
      anOrder({ payment: { method: 'BANK_TRANSFER' } }),
      { claimId: 'C-1', fault: 'BUYER' },
      { BANK_TRANSFER: 220 },
      NOW,
    );
    expect(refund.amount.amount).toBe(3200);
    expect(refund.fee).toEqual({ amount: 220, currency: 'JPY', chargedTo: 'MARKETPLACE' });
  });

  it('a buyer-fault return of an order worth no more than its return shipping refunds nothing, and no fee', () => {
    const refund = planRefund(
      anOrder({ payment: { method: 'BANK_TRANSFER' }, total: { amount: 500, currency: 'JPY' } }),
      { claimId: 'C-1', fault: 'BUYER', type: 'RETURN' },
      DEFAULT_REFUND_FEES,
      NOW,
    );
    expect(refund.amount.amount).toBe(0);
    expect(refund.deductions).toEqual([{ kind: 'RETURN_SHIPPING', amount: { amount: 500, currency: 'JPY' } }]);
    expect(refund.fee).toBeUndefined();
  });

  it('a card refund has no fee', () => {
    expect(planRefund(anOrder(), { claimId: 'C-1', fault: 'SELLER' }, DEFAULT_REFUND_FEES, NOW).fee).toBeUndefined();
  });

  it('one claim refunds one order once: the id is the claim and the order', () => {
    expect(planRefund(anOrder({ orderNo: 'D-9' }), { claimId: 'C-1', fault: 'SELLER' }, {}, NOW).refundId).toBe(
      'C-1.D-9',
    );
  });
});
