// The ClaimStore contract, in part: a buyer's ledger: balance, entries and withdrawals. See claim-store.contract.ts.

import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore, Write } from '../../../shared/app/ports/claim-store.js';
import { emptyBalance, type LedgerEntry, type Withdrawal } from '../../../shared/domain/ledger.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import { type MakeStore, type TestData, pageAll, expectConflict } from './support.js';
import { storeWorld } from './store-world.js';

export function ledgerContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('buyerLedger', () => {
    it('a buyer with nothing has an empty balance, and no entries or withdrawals', async () => {
      const buyerId = d.id('B');
      expect(await store.buyerLedger(buyerId)).toEqual({
        balance: emptyBalance(buyerId),
        entries: [],
        withdrawals: [],
      });
    });

    it('the balance, every entry in time order and every withdrawal, of that buyer only', async () => {
      const t = (minute: number) => `2021-03-10T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const credit = d.entry(3000, { at: t(2) });
      const earlierCredit = d.entry(500, { at: t(1) });
      const withdrawal = d.withdrawal(1000, { requestedAt: t(3), updatedAt: t(3) });
      const debit: LedgerEntry = {
        entryId: `withdrawal:${withdrawal.withdrawalId}`,
        buyerId: d.buyerId,
        kind: 'WITHDRAWAL',
        amount: { amount: -1000, currency: 'JPY' },
        withdrawalId: withdrawal.withdrawalId,
        at: t(3),
      };
      const reversal: LedgerEntry = {
        ...debit,
        entryId: `reversal:${withdrawal.withdrawalId}`,
        kind: 'WITHDRAWAL_REVERSAL',
        amount: { amount: 1000, currency: 'JPY' },
        at: t(4),
      };
      const earlierWithdrawal = d.withdrawal(0, {
        requestedAt: t(0),
        updatedAt: t(0),
        status: 'FAILED',
        failure: 'no balance',
      });

      await store.commit(
        changeOf([
          { entity: 'ledger', value: credit },
          { entity: 'balance', value: d.balance(3000) },
        ]),
      );
      await store.commit(
        changeOf([
          { entity: 'ledger', value: earlierCredit },
          { entity: 'balance', value: d.balance(3500, { version: 1 }) },
        ]),
      );
      await store.commit(
        changeOf([
          { entity: 'withdrawal', value: withdrawal, from: null },
          { entity: 'ledger', value: debit },
          { entity: 'balance', value: d.balance(2500, { version: 2 }) },
        ]),
      );
      const failed: Withdrawal = {
        ...withdrawal,
        version: 1,
        status: 'FAILED',
        failure: 'account closed',
        updatedAt: t(4),
      };
      await store.commit(
        changeOf([
          { entity: 'withdrawal', value: failed, from: 'PENDING' },
          { entity: 'ledger', value: reversal },
          { entity: 'balance', value: d.balance(3500, { version: 3 }) },
        ]),
      );
      await store.commit(changeOf([{ entity: 'withdrawal', value: earlierWithdrawal, from: null }]));
      // Another buyer's, whose id starts with this one's.
      const other = `${d.buyerId}0`;
      await store.commit(
        changeOf([
          { entity: 'ledger', value: d.entry(100, { buyerId: other }) },
          { entity: 'balance', value: d.balance(100, { buyerId: other }) },
          { entity: 'withdrawal', value: d.withdrawal(50, { buyerId: other }), from: null },
        ]),
      );

      expect(await store.buyerLedger(d.buyerId)).toEqual({
        balance: { ...d.balance(3500), version: 4 },
        entries: [earlierCredit, credit, debit, reversal],
        withdrawals: [
          { ...earlierWithdrawal, version: 1 },
          { ...failed, version: 2 },
        ],
      });
    });

    it(
      'pending withdrawals: every buyer’s the bank has not answered, newest first, a page at a time; one settled ' +
        'leaves the list',
      async () => {
        const t = (minute: number) => `2021-03-11T10:${String(minute).padStart(2, '0')}:00.000Z`;
        const first = d.withdrawal(100, { requestedAt: t(1) });
        const second = d.withdrawal(200, { requestedAt: t(2), buyerId: d.id('B') });
        const answered = d.withdrawal(300, { requestedAt: t(3), status: 'COMPLETED' });
        for (const w of [first, second, answered])
          await store.commit(changeOf([{ entity: 'withdrawal', value: w, from: null }]));
        // The table is shared with other runs: only this run's withdrawals are looked at.
        const mine = new Set([first, second, answered].map((w) => w.withdrawalId));
        const listed = async (limit: number) =>
          (await pageAll((page) => store.pendingWithdrawals(page), limit)).items.filter((w) =>
            mine.has(w.withdrawalId),
          );
        for (const limit of [1, 2, 100])
          expect(
            (await listed(limit)).map((w) => w.withdrawalId),
            `limit ${limit}`,
          ).toEqual([second.withdrawalId, first.withdrawalId]);
        expect((await listed(100))[0]).toEqual({ ...second, version: 1 });
        await store.commit(
          changeOf([
            {
              entity: 'withdrawal',
              value: { ...second, version: 1, status: 'COMPLETED', updatedAt: t(5) },
              from: 'PENDING',
            },
          ]),
        );
        expect((await listed(100)).map((w) => w.withdrawalId)).toEqual([first.withdrawalId]);
      },
    );

    it(
      'two withdrawals from one balance read: the second conflicts, and neither its withdrawal nor its entry is ' +
        'written',
      async () => {
        await store.commit(
          changeOf([
            { entity: 'ledger', value: d.entry(1000) },
            { entity: 'balance', value: d.balance(1000) },
          ]),
        );
        const read = (await store.buyerLedger(d.buyerId)).balance;
        const withdraw = (w: Withdrawal): Write[] => [
          { entity: 'withdrawal', value: w, from: null },
          {
            entity: 'ledger',
            value: {
              entryId: `withdrawal:${w.withdrawalId}`,
              buyerId: d.buyerId,
              kind: 'WITHDRAWAL',
              amount: { amount: -w.amount.amount, currency: 'JPY' },
              withdrawalId: w.withdrawalId,
              at: '2021-03-10T11:00:00.000Z',
            },
          },
          {
            entity: 'balance',
            value: { ...read, balance: { amount: read.balance.amount - w.amount.amount, currency: 'JPY' } },
          },
        ];
        const first = d.withdrawal(800);
        const second = d.withdrawal(900);
        await store.commit(changeOf(withdraw(first)));
        await expectConflict(store.commit(changeOf(withdraw(second))));
        const ledger = await store.buyerLedger(d.buyerId);
        expect(ledger.balance).toEqual({ ...read, balance: { amount: 200, currency: 'JPY' }, version: 2 });
        expect(ledger.withdrawals.map((w) => w.withdrawalId)).toEqual([first.withdrawalId]);
        expect(ledger.entries.map((e) => e.entryId)).not.toContain(`withdrawal:${second.withdrawalId}`);
        expect(ledger.entries).toHaveLength(2);
      },
    );

    it(
      'a withdrawal id is its buyer’s: another buyer’s withdrawal of the same id is another ' + 'withdrawal',
      async () => {
        const withdrawal = d.withdrawal(300);
        const otherBuyer = d.id('B');
        await store.commit(changeOf([{ entity: 'withdrawal', value: withdrawal, from: null }]));
        await store.commit(
          changeOf([{ entity: 'withdrawal', value: { ...withdrawal, buyerId: otherBuyer }, from: null }]),
        );
        expect((await store.buyerLedger(d.buyerId)).withdrawals).toEqual([{ ...withdrawal, version: 1 }]);
        expect((await store.buyerLedger(otherBuyer)).withdrawals).toEqual([
          { ...withdrawal, buyerId: otherBuyer, version: 1 },
        ]);
      },
    );
  });
}
