// POST /buyers/{buyerId}/withdrawals/{withdrawalId}/settlement: an operator settles a PENDING
// withdrawal by asking the bank what became of its key, never by guessing.
import { describe, expect, it } from 'vitest';
import { settleWithdrawal } from '../../../../shared/app/balance/settle-withdrawal.js';
import { withdraw } from '../../../../shared/app/balance/withdraw.js';
import { ForbiddenError, NotFoundError, RefusedError, UnavailableError } from '../../../../shared/app/common/errors.js';
import { sumOfEntries } from '../../../../shared/domain/ledger.js';
import { world } from '../../../support/worlds.js';
import {
  ACCOUNT,
  BUYER,
  NOW,
  OPERATOR,
  caught,
  creditBalance,
  seedPendingWithdrawal,
  snapshot,
} from '../../../support/world-ledger.js';
import { ScriptedBank } from './scripted-bank.js';

const ANSWERED = new Date('2026-11-25T01:00:05.000Z');
const KEY = 'withdrawal:W-1';

/** 5000 yen credited, 1000 of it withdrawn, and the bank's answer to the transfer never came. */
async function pending() {
  const { store } = world();
  const bank = new ScriptedBank();
  await creditBalance(store, 'B-1', 5000);
  await seedPendingWithdrawal(store, 'B-1', 1000, 'W-1');
  return { store, bank, deps: { store, bank, clock: () => ANSWERED } };
}

async function balanceOf(store: Awaited<ReturnType<typeof pending>>['store']) {
  const ledger = await store.buyerLedger('B-1');
  expect(ledger.balance.balance.amount).toBe(sumOfEntries(ledger.entries));
  return ledger;
}

describe('settle a withdrawal', () => {
  it(
    'the bank did the transfer (its answer was lost): COMPLETED with its reference, and no second ' + 'transfer',
    async () => {
      const { store, bank, deps } = await pending();
      bank.done.set(KEY, 'COMPLETED');

      const answer = await settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW);

      expect(answer).toEqual({
        withdrawalId: 'W-1',
        buyerId: 'B-1',
        amount: { amount: 1000, currency: 'JPY' },
        bankAccount: { ...ACCOUNT, accountNumber: '****567' },
        status: 'COMPLETED',
        bankReference: `BT-${KEY}`,
        requestedAt: '2026-11-24T02:00:00.000Z',
        completedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      });
      expect(bank.calls).toEqual([{ kind: 'outcome', key: KEY }]);
      const ledger = await balanceOf(store);
      expect(ledger.balance.balance.amount).toBe(4000);
      expect(ledger.withdrawals[0]).toMatchObject({ status: 'COMPLETED', bankReference: `BT-${KEY}` });
    },
  );

  it(
    'from the buyer’s request to the end: the transfer timed out after the bank did it; settled later, the money ' +
      'leaves once',
    async () => {
      const { store } = world();
      const bank = new ScriptedBank();
      await creditBalance(store, 'B-1', 5000);
      bank.answers = ['NO_ANSWER_BUT_DONE'];
      const deps = { store, bank, clock: () => ANSWERED };
      const asked = await withdraw(
        deps,
        BUYER,
        'B-1',
        { amount: { amount: 2000, currency: 'JPY' }, bankAccount: ACCOUNT },
        NOW,
      );
      expect(asked.status).toBe('PENDING');

      const settled = await settleWithdrawal(
        deps,
        OPERATOR,
        'B-1',
        asked.withdrawalId,
        new Date('2026-11-25T02:00:00Z'),
      );

      expect(settled).toMatchObject({
        withdrawalId: asked.withdrawalId,
        status: 'COMPLETED',
        completedAt: '2026-11-25T02:00:00.000Z',
      });
      expect(bank.transfersUnder(`withdrawal:${asked.withdrawalId}`)).toBe(1);
      expect((await balanceOf(store)).balance.balance.amount).toBe(3000);
    },
  );

  it('the bank refused it: FAILED, a reversal puts the money back, answered 422 WITHDRAWAL_DECLINED', async () => {
    const { store, bank, deps } = await pending();
    bank.done.set(KEY, 'DECLINED');

    const error = await caught(settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW), RefusedError);

    expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'WITHDRAWAL_DECLINED' });
    expect(error.extensions).toEqual({ withdrawalId: 'W-1' });
    expect(bank.transfersUnder(KEY)).toBe(0);
    const ledger = await balanceOf(store);
    expect(ledger.balance.balance.amount).toBe(5000);
    expect(ledger.entries.map((e) => e.entryId)).toEqual(['refund:R-1', 'withdrawal:W-1', 'reversal:W-1']);
    expect(ledger.withdrawals[0]).toMatchObject({
      status: 'FAILED',
      failure: 'The bank refused the transfer.',
      updatedAt: NOW.toISOString(),
    });
  });

  it(
    'the bank never received it: the transfer is asked for again, under the same key, and recorded when the bank ' +
      'answers',
    async () => {
      const { store, bank, deps } = await pending();

      const answer = await settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW);

      expect(bank.calls).toEqual([
        { kind: 'outcome', key: KEY },
        { kind: 'transfer', key: KEY },
      ]);
      expect(answer).toMatchObject({
        status: 'COMPLETED',
        bankReference: `BT-${KEY}`,
        completedAt: ANSWERED.toISOString(),
      });
      expect((await balanceOf(store)).balance.balance.amount).toBe(4000);
    },
  );

  it('never received, and the new transfer gets no answer either: still PENDING, nothing else written', async () => {
    const { store, bank, deps } = await pending();
    bank.answers = ['NO_ANSWER'];
    const before = snapshot(store);

    const answer = await settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW);

    expect(answer).toMatchObject({ withdrawalId: 'W-1', status: 'PENDING' });
    expect(snapshot(store)).toEqual(before);
  });

  it('never received, and the new transfer is refused: FAILED with the money back', async () => {
    const { store, bank, deps } = await pending();
    bank.answers = ['DECLINED'];

    await caught(settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW), RefusedError);

    const ledger = await balanceOf(store);
    expect(ledger.balance.balance.amount).toBe(5000);
    expect(ledger.withdrawals[0]).toMatchObject({ status: 'FAILED', failure: 'Bank declined: account closed' });
  });

  it(
    'the bank does not answer the question: 503, the withdrawal stays PENDING, and no transfer is guessed ' + 'at',
    async () => {
      const { store, bank, deps } = await pending();
      bank.silentOutcomes = 1;
      const before = snapshot(store);

      await caught(settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW), UnavailableError);

      expect(snapshot(store)).toEqual(before);
      expect(bank.transfersUnder(KEY)).toBe(0);
    },
  );

  it('a settled withdrawal is not settled again (422 WITHDRAWAL_SETTLED); the bank is not asked', async () => {
    const { store, bank, deps } = await pending();
    bank.done.set(KEY, 'COMPLETED');
    await settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW);
    const before = snapshot(store);
    const asked = bank.calls.length;

    const error = await caught(settleWithdrawal(deps, OPERATOR, 'B-1', 'W-1', NOW), RefusedError);

    expect(error.refusal).toEqual({
      kind: 'RULE',
      rule: 'WITHDRAWAL_SETTLED',
      detail: 'Withdrawal W-1 is already COMPLETED.',
    });
    expect(snapshot(store)).toEqual(before);
    expect(bank.calls).toHaveLength(asked);
  });

  it('only an operator settles: the buyer is forbidden, and the bank is not asked', async () => {
    const { store, bank, deps } = await pending();
    const before = snapshot(store);

    await caught(settleWithdrawal(deps, BUYER, 'B-1', 'W-1', NOW), ForbiddenError);

    expect(snapshot(store)).toEqual(before);
    expect(bank.calls).toEqual([]);
  });

  it('an unknown withdrawal, or one of another buyer, is not found', async () => {
    const { bank, deps } = await pending();

    await caught(settleWithdrawal(deps, OPERATOR, 'B-1', 'W-NOPE', NOW), NotFoundError);
    await caught(settleWithdrawal(deps, OPERATOR, 'B-2', 'W-1', NOW), NotFoundError);

    expect(bank.calls).toEqual([]);
  });
});
