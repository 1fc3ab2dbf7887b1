// GET /buyers/{buyerId}/balance: the buyer's marketplace balance (My Qoo10 정산금) and every entry that makes it.
import { describe, expect, it } from 'vitest';
import { balanceView } from '../../../../shared/app/balance/balance-view.js';
import { ForbiddenError } from '../../../../shared/app/common/errors.js';
import { world } from '../../../support/worlds.js';
import {
  BUYER,
  OPERATOR,
  OTHER_BUYER,
  SELLER,
  caught,
  creditBalance,
  seedPendingWithdrawal,
} from '../../../support/world-ledger.js';

describe('the balance view', () => {
  it(
    'the buyer sees the balance, every entry in time order, and each withdrawal with only the last digits of the ' +
      'account',
    async () => {
      const { store } = world();
      await creditBalance(store, 'B-1', 3200, 'C-1.O-1');
      await seedPendingWithdrawal(store, 'B-1', 1200, 'W-1');

      const view = await balanceView(store, BUYER, 'B-1');

      expect(view).toEqual({
        buyerId: 'B-1',
        balance: { amount: 2000, currency: 'JPY' },
        entries: [
          {
            entryId: 'refund:C-1.O-1',
            buyerId: 'B-1',
            kind: 'REFUND_CREDIT',
            amount: { amount: 3200, currency: 'JPY' },
            refundId: 'C-1.O-1',
            at: '2026-11-24T00:00:00.000Z',
          },
          {
            entryId: 'withdrawal:W-1',
            buyerId: 'B-1',
            kind: 'WITHDRAWAL',
            amount: { amount: -1200, currency: 'JPY' },
            withdrawalId: 'W-1',
            at: '2026-11-24T02:00:00.000Z',
          },
        ],
        withdrawals: [
          {
            withdrawalId: 'W-1',
            buyerId: 'B-1',
            amount: { amount: 1200, currency: 'JPY' },
            bankAccount: { bankName: 'Mizuho', branch: 'Shibuya', accountNumber: '****567', holder: 'Yamada Hanako' },
            status: 'PENDING',
            requestedAt: '2026-11-24T02:00:00.000Z',
            updatedAt: '2026-11-24T02:00:00.000Z',
          },
        ],
      });
      expect(JSON.stringify(view)).not.toContain('1234567');
    },
  );

  it('a buyer with nothing yet has a zero balance', async () => {
    const { store } = world();
    expect(await balanceView(store, BUYER, 'B-1')).toEqual({
      buyerId: 'B-1',
      balance: { amount: 0, currency: 'JPY' },
      entries: [],
      withdrawals: [],
    });
  });

  it('an operator sees any buyer’s balance', async () => {
    const { store } = world();
    await creditBalance(store, 'B-2', 500);
    expect((await balanceView(store, OPERATOR, 'B-2')).balance).toEqual({ amount: 500, currency: 'JPY' });
  });

  it('another buyer, or a seller, is forbidden', async () => {
    const { store } = world();
    await creditBalance(store, 'B-1', 500);

    await caught(balanceView(store, OTHER_BUYER, 'B-1'), ForbiddenError);
    await caught(balanceView(store, SELLER, 'B-1'), ForbiddenError);
  });
});
