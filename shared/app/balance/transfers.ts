// A withdrawal's bank transfer and what is recorded of its answer: COMPLETED; FAILED with a
// reversal that puts the money back; or, with no answer, still PENDING.

import { post, type Withdrawal } from '../../domain/ledger.js';
import { retryOnConflict } from '../common/conflicts.js';
import { RefusedError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { BankTransfers } from '../ports/payments.js';
import { PaymentError } from '../ports/port-errors.js';
import { visible } from './own-balance.js';
import { changeOf } from '../changes/change-set.js';

/** What a withdrawal needs: the store, the bank, and the clock, for when the bank answered. */
export interface BalanceDeps {
  store: ClaimStore;
  bank: BankTransfers;
  clock: () => Date;
}

export const transferKey = (withdrawal: Pick<Withdrawal, 'withdrawalId'>) => `withdrawal:${withdrawal.withdrawalId}`;

/** COMPLETED, with the bank's reference. */
export async function recordCompleted(store: ClaimStore, withdrawal: Withdrawal, reference: string, now: Date) {
  const done: Withdrawal = {
    ...withdrawal,
    status: 'COMPLETED',
    bankReference: reference,
    completedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await store.commit(changeOf([{ entity: 'withdrawal', value: done, from: withdrawal.status }]));
  return visible({ ...done, version: done.version + 1 });
}

/** FAILED, with a reversal that puts the money back in the balance, and the refusal answered (422). */
export async function recordDeclined(
  store: ClaimStore,
  withdrawal: Withdrawal,
  why: string,
  now: Date,
): Promise<never> {
  await retryOnConflict(async () => {
    const ledger = await store.buyerLedger(withdrawal.buyerId);
    const current = ledger.withdrawals.find((w) => w.withdrawalId === withdrawal.withdrawalId)!;
    if (current.status !== 'PENDING') return;
    const posted = post(ledger.balance, { amount: withdrawal.amount });
    if (!posted.ok) throw new Error(posted.detail); // a credit cannot be refused
    const at = now.toISOString();
    await store.commit(
      changeOf([
        {
          entity: 'withdrawal',
          value: { ...current, status: 'FAILED', failure: why, updatedAt: at },
          from: current.status,
        },
        {
          entity: 'ledger',
          value: {
            entryId: `reversal:${withdrawal.withdrawalId}`,
            buyerId: withdrawal.buyerId,
            kind: 'WITHDRAWAL_REVERSAL',
            amount: withdrawal.amount,
            withdrawalId: withdrawal.withdrawalId,
            at,
          },
        },
        { entity: 'balance', value: posted.balance },
      ]),
    );
  });
  throw new RefusedError(
    {
      kind: 'RULE',
      rule: 'WITHDRAWAL_DECLINED',
      detail: `The bank declined the transfer; the amount is back in the balance. (${why})`,
    },
    [],
    {
      withdrawalId: withdrawal.withdrawalId,
    },
  );
}

/**
 * Asks the bank for a PENDING withdrawal, under its one idempotency key, and records what the bank
 * said: COMPLETED; FAILED with a reversal that puts the money back (422); or, with no answer, still
 * PENDING, to be settled later without any risk of paying twice.
 */
export async function transferAndRecord(deps: BalanceDeps, withdrawal: Withdrawal) {
  try {
    const { reference } = await deps.bank.transfer({
      idempotencyKey: transferKey(withdrawal),
      amount: withdrawal.amount,
      account: withdrawal.bankAccount,
    });
    // Recorded when the bank answered.
    return await recordCompleted(deps.store, withdrawal, reference, deps.clock());
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    if (error.failure === 'UNAVAILABLE') return visible(withdrawal);
    return recordDeclined(deps.store, withdrawal, error.message, deps.clock());
  }
}
