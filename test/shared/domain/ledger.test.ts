// The buyer's balance is a ledger: whatever is posted, the balance equals the sum of its entries and never goes below
// zero.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyBalance, maskAccount, post, sumOfEntries, type LedgerEntry } from '../../../shared/domain/ledger.js';
import { refundedTotal } from '../../../shared/domain/refund.js';
import { sellerCancelBlockedBy } from '../../../shared/domain/seller-policy.js';
import { anOrder } from '../../support/fixtures.js';

describe('ledger', () => {
  it('the balance equals the sum of the entries posted, and never goes below zero', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20_000, max: 20_000 }), { maxLength: 60 }), (amounts) => {
        let balance = emptyBalance('B-1');
        const entries: Pick<LedgerEntry, 'amount'>[] = [];
        for (const amount of amounts) {
          const entry = { amount: { amount, currency: 'JPY' as const } };
          const posted = post(balance, entry);
          if (posted.ok) {
            balance = posted.balance;
            entries.push(entry);
          } else {
            expect(amount).toBeLessThan(0);
            expect(balance.balance.amount + amount).toBeLessThan(0);
          }
          expect(balance.balance.amount).toBe(sumOfEntries(entries));
          expect(balance.balance.amount).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows only the last digits of an account number', () => {
    expect(maskAccount({ bankName: 'x', branch: 'y', accountNumber: '1234567', holder: 'z' }).accountNumber).toBe(
      '****567',
    );
  });
});

describe('refunds of an order', () => {
  it('a failed refund does not count towards what was refunded', () => {
    const yen = (amount: number) => ({ amount, currency: 'JPY' as const });
    expect(
      refundedTotal([
        { amount: yen(3200), status: 'FAILED' },
        { amount: yen(3200), status: 'COMPLETED' },
      ]),
    ).toBe(3200);
  });
});

describe('orders only the operator may cancel', () => {
  it.each([
    [{ coupon: { code: 'C1', sellerCancellable: false } }, [], /coupon C1/],
    [{ coupon: { code: 'C1', sellerCancellable: true } }, [], undefined],
    [{ payment: { method: 'BANK_TRANSFER' as const } }, ['BANK_TRANSFER' as const], /BANK_TRANSFER/],
    [{}, ['BANK_TRANSFER' as const], undefined],
  ])('%o with operator-only methods %o', (overrides, methods, expected) => {
    const reason = sellerCancelBlockedBy(anOrder(overrides), { operatorOnlyPaymentMethods: methods });
    if (expected) expect(reason).toMatch(expected);
    else expect(reason).toBeUndefined();
  });
});
