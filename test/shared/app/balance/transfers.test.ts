// A withdrawal's bank transfer and what is recorded of the bank's answer: COMPLETED; FAILED with a
// reversal that puts the money back, once; or, with no answer, still PENDING.
import { describe, expect, it } from 'vitest';
import {
  recordCompleted,
  recordDeclined,
  transferAndRecord,
  transferKey,
} from '../../../../shared/app/balance/transfers.js';
import { RefusedError } from '../../../../shared/app/common/errors.js';
import type { BankTransfers } from '../../../../shared/app/ports/payments.js';
import { sumOfEntries } from '../../../../shared/domain/ledger.js';
import { world } from '../../../support/worlds.js';
import { NOW, caught, creditBalance, seedPendingWithdrawal, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { ScriptedBank } from './scripted-bank.js';

async function pending() {
  const { store } = world();
  await creditBalance(store, 'B-1', 5000);
  const withdrawal = await seedPendingWithdrawal(store, 'B-1', 1000, 'W-1');
  return { store, withdrawal };
}

describe('transfers', () => {
  it('one idempotency key per withdrawal, the same on every try', () => {
    expect(transferKey({ withdrawalId: 'W-1' })).toBe('withdrawal:W-1');
  });

  it('a COMPLETED record carries the bank’s reference and the time it answered', async () => {
    const { store, withdrawal } = await pending();

    const done = await recordCompleted(store, withdrawal, 'BT-9', NOW);

    expect(done).toMatchObject({
      status: 'COMPLETED',
      bankReference: 'BT-9',
      completedAt: NOW.toISOString(),
      bankAccount: { accountNumber: '****567' },
    });
    expect((await store.buyerLedger('B-1')).withdrawals[0]).toMatchObject({
      status: 'COMPLETED',
      bankReference: 'BT-9',
      version: withdrawal.version + 1,
    });
  });

  it('a refusal recorded twice puts the money back once', async () => {
    const { store, withdrawal } = await pending();

    await caught(recordDeclined(store, withdrawal, 'closed account', NOW), RefusedError);
    const after = snapshot(store);
    await caught(recordDeclined(store, withdrawal, 'closed account', NOW), RefusedError);

    expect(snapshot(store)).toEqual(after);
    const ledger = await store.buyerLedger('B-1');
    expect(ledger.balance.balance.amount).toBe(5000);
    expect(ledger.entries.filter((e) => e.kind === 'WITHDRAWAL_REVERSAL')).toHaveLength(1);
  });

  it(
    'a refund credited while the refusal is recorded: read again, the reversal and the credit both ' + 'counted',
    async () => {
      const { store, withdrawal } = await pending();
      const race = raceOnce(store, anyCommit, () => creditBalance(store, 'B-1', 300, 'C-5.O-5'));

      await caught(recordDeclined(store, withdrawal, 'closed account', NOW), RefusedError);

      expect(race.fired()).toBe(true);
      const ledger = await store.buyerLedger('B-1');
      expect(ledger.balance.balance.amount).toBe(5300);
      expect(sumOfEntries(ledger.entries)).toBe(5300);
      expect(ledger.withdrawals[0]!.status).toBe('FAILED');
    },
  );

  it('the bank’s answer is asked under the withdrawal’s key; no answer leaves it PENDING', async () => {
    const { store, withdrawal } = await pending();
    const bank = new ScriptedBank();
    bank.answers = ['NO_ANSWER'];
    const before = snapshot(store);

    const answer = await transferAndRecord({ store, bank, clock: () => NOW }, withdrawal);

    expect(answer.status).toBe('PENDING');
    expect(bank.calls).toEqual([{ kind: 'transfer', key: 'withdrawal:W-1' }]);
    expect(snapshot(store)).toEqual(before);
  });

  it('a bank adapter that breaks in some other way is a bug: thrown, and the withdrawal left PENDING', async () => {
    const { store, withdrawal } = await pending();
    const bank: BankTransfers = {
      transfer: async () => {
        throw new TypeError('fetch failed');
      },
      transferOutcome: async () => ({ state: 'UNKNOWN' }),
    };
    const before = snapshot(store);

    await expect(transferAndRecord({ store, bank, clock: () => NOW }, withdrawal)).rejects.toThrow(TypeError);

    expect(snapshot(store)).toEqual(before);
  });
});
