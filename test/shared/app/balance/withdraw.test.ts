// POST /buyers/{buyerId}/withdrawals: the debit is written first, with the withdrawal; then the bank
// is asked. Paid: COMPLETED. Refused: FAILED, and a reversal puts the money back. No answer: PENDING.
import { describe, expect, it } from 'vitest';
import { withdraw } from '../../../../shared/app/balance/withdraw.js';
import { ForbiddenError, RefusedError } from '../../../../shared/app/common/errors.js';
import { sumOfEntries } from '../../../../shared/domain/ledger.js';
import { world } from '../../../support/worlds.js';
import {
  ACCOUNT,
  BUYER,
  NOW,
  OTHER_BUYER,
  SELLER,
  caught,
  creditBalance,
  snapshot,
} from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { ScriptedBank } from './scripted-bank.js';

const ANSWERED = new Date('2026-11-25T01:00:05.000Z');
const yen = (amount: number) => ({ amount, currency: 'JPY' as const });

async function buyerWith(balance: number) {
  const { store } = world();
  const bank = new ScriptedBank();
  if (balance > 0) await creditBalance(store, 'B-1', balance, 'C-1.O-1');
  return { store, bank, deps: { store, bank, clock: () => ANSWERED } };
}

async function ledgerOf(store: Awaited<ReturnType<typeof buyerWith>>['store']) {
  const ledger = await store.buyerLedger('B-1');
  // The running total always equals the sum of the entries.
  expect(ledger.balance.balance.amount).toBe(sumOfEntries(ledger.entries));
  return ledger;
}

describe('withdraw from the balance', () => {
  it(
    'the bank pays: COMPLETED with its reference, when it answered; the balance debited by one entry; asked once, ' +
      'under the withdrawal’s key',
    async () => {
      const { store, bank, deps } = await buyerWith(5000);

      const answer = await withdraw(deps, BUYER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW);

      expect(answer).toEqual({
        withdrawalId: expect.stringMatching(/^W-/),
        buyerId: 'B-1',
        amount: yen(1000),
        bankAccount: { ...ACCOUNT, accountNumber: '****567' },
        status: 'COMPLETED',
        bankReference: `BT-withdrawal:${answer.withdrawalId}`,
        requestedAt: NOW.toISOString(),
        completedAt: ANSWERED.toISOString(),
        updatedAt: ANSWERED.toISOString(),
      });
      const ledger = await ledgerOf(store);
      expect(ledger.balance.balance).toEqual(yen(4000));
      expect(ledger.entries.map((e) => [e.kind, e.amount.amount])).toEqual([
        ['REFUND_CREDIT', 5000],
        ['WITHDRAWAL', -1000],
      ]);
      expect(ledger.entries[1]).toEqual({
        entryId: `withdrawal:${answer.withdrawalId}`,
        buyerId: 'B-1',
        kind: 'WITHDRAWAL',
        amount: yen(-1000),
        withdrawalId: answer.withdrawalId,
        at: NOW.toISOString(),
      });
      expect(ledger.withdrawals).toEqual([
        expect.objectContaining({ withdrawalId: answer.withdrawalId, status: 'COMPLETED', bankAccount: ACCOUNT }),
      ]);
      expect(bank.calls).toEqual([{ kind: 'transfer', key: `withdrawal:${answer.withdrawalId}` }]);
      expect(store.commits).toHaveLength(3); // the credit, the debit, the completion
    },
  );

  it('the whole balance can be withdrawn, down to zero', async () => {
    const { store, deps } = await buyerWith(5000);

    await withdraw(deps, BUYER, 'B-1', { amount: yen(5000), bankAccount: ACCOUNT }, NOW);

    expect((await ledgerOf(store)).balance.balance).toEqual(yen(0));
  });

  it.each([
    [5000, 5001],
    [0, 1],
  ])(
    'with %i yen, %i yen is refused (422 INSUFFICIENT_BALANCE); nothing is written and the bank is never asked',
    async (balance, amount) => {
      const { store, bank, deps } = await buyerWith(balance);
      const before = snapshot(store);

      const error = await caught(
        withdraw(deps, BUYER, 'B-1', { amount: yen(amount), bankAccount: ACCOUNT }, NOW),
        RefusedError,
      );

      expect(error.refusal).toEqual({
        kind: 'RULE',
        rule: 'INSUFFICIENT_BALANCE',
        detail: `The balance is ${balance} JPY; ${amount} JPY cannot be withdrawn.`,
      });
      expect(snapshot(store)).toEqual(before);
      expect(bank.calls).toEqual([]);
    },
  );

  it(
    'the bank refuses: 422 WITHDRAWAL_DECLINED naming the withdrawal; it is FAILED and a reversal puts the money ' +
      'back',
    async () => {
      const { store, bank, deps } = await buyerWith(5000);
      bank.answers = ['DECLINED'];

      const error = await caught(
        withdraw(deps, BUYER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'WITHDRAWAL_DECLINED' });
      const withdrawalId = error.extensions.withdrawalId as string;
      expect(withdrawalId).toMatch(/^W-/);
      const ledger = await ledgerOf(store);
      expect(ledger.balance.balance).toEqual(yen(5000));
      expect(ledger.entries.map((e) => [e.entryId, e.kind, e.amount.amount])).toEqual([
        ['refund:C-1.O-1', 'REFUND_CREDIT', 5000],
        [`withdrawal:${withdrawalId}`, 'WITHDRAWAL', -1000],
        [`reversal:${withdrawalId}`, 'WITHDRAWAL_REVERSAL', 1000],
      ]);
      expect(ledger.withdrawals).toEqual([
        expect.objectContaining({
          withdrawalId,
          status: 'FAILED',
          failure: 'Bank declined: account closed',
          updatedAt: ANSWERED.toISOString(),
        }),
      ]);
      expect(ledger.withdrawals[0]!.completedAt).toBeUndefined();
    },
  );

  it(
    'the bank does not answer: the withdrawal stays PENDING with its debit, to be settled later; no ' + 'reversal',
    async () => {
      const { store, bank, deps } = await buyerWith(5000);
      bank.answers = ['NO_ANSWER'];

      const answer = await withdraw(deps, BUYER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW);

      expect(answer).toMatchObject({ status: 'PENDING', bankAccount: { accountNumber: '****567' } });
      expect(answer).not.toHaveProperty('bankReference');
      expect(answer).not.toHaveProperty('version');
      const ledger = await ledgerOf(store);
      expect(ledger.balance.balance).toEqual(yen(4000));
      expect(ledger.entries.map((e) => e.kind)).toEqual(['REFUND_CREDIT', 'WITHDRAWAL']);
      expect(ledger.withdrawals.map((w) => w.status)).toEqual(['PENDING']);
    },
  );

  it('another buyer or a seller cannot take money from it', async () => {
    const { store, bank, deps } = await buyerWith(5000);
    const before = snapshot(store);

    await caught(withdraw(deps, OTHER_BUYER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW), ForbiddenError);
    await caught(withdraw(deps, SELLER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW), ForbiddenError);

    expect(snapshot(store)).toEqual(before);
    expect(bank.calls).toEqual([]);
  });

  it(
    'a refund is credited between the read and the write: the withdrawal reads the balance again and both ' + 'stand',
    async () => {
      const { store, deps } = await buyerWith(5000);
      const race = raceOnce(store, anyCommit, () => creditBalance(store, 'B-1', 700, 'C-2.O-2'));

      await withdraw(deps, BUYER, 'B-1', { amount: yen(1000), bankAccount: ACCOUNT }, NOW);

      expect(race.fired()).toBe(true);
      const ledger = await ledgerOf(store);
      expect(ledger.balance.balance).toEqual(yen(4700));
      expect(ledger.entries.map((e) => e.kind).sort()).toEqual(['REFUND_CREDIT', 'REFUND_CREDIT', 'WITHDRAWAL']);
    },
  );

  it(
    'two withdrawals at once that the balance covers only one of: the second is refused, nothing of it written, ' +
      'the bank asked once',
    async () => {
      const { store, bank, deps } = await buyerWith(5000);
      let first = '';
      raceOnce(store, anyCommit, async () => {
        first = (await withdraw(deps, BUYER, 'B-1', { amount: yen(3000), bankAccount: ACCOUNT }, NOW)).withdrawalId;
      });

      const error = await caught(
        withdraw(deps, BUYER, 'B-1', { amount: yen(3000), bankAccount: ACCOUNT }, NOW),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({
        rule: 'INSUFFICIENT_BALANCE',
        detail: 'The balance is 2000 JPY; 3000 JPY cannot be withdrawn.',
      });
      const ledger = await ledgerOf(store);
      expect(ledger.balance.balance).toEqual(yen(2000));
      expect(ledger.withdrawals.map((w) => [w.withdrawalId, w.status])).toEqual([[first, 'COMPLETED']]);
      expect(bank.calls).toEqual([{ kind: 'transfer', key: `withdrawal:${first}` }]);
    },
  );
});
