// The buyer's marketplace balance: what is there, every entry, and withdrawals to a bank account.

import { maskAccount, post, type BankAccount, type Withdrawal } from '../domain/ledger.js';
import type { Money } from '../domain/order.js';
import { ForbiddenError, RefusedError, UnavailableError } from './errors.js';
import { newId } from './ids.js';
import { retryOnConflict } from './orders.js';
import { PaymentError, type BankTransfers, type ClaimStore } from './ports.js';
import type { Principal } from './access.js';

function requireOwnBalance(principal: Principal, buyerId: string): void {
  if (principal.role === 'operator') return;
  if (principal.role !== 'buyer' || principal.id !== buyerId) throw new ForbiddenError(`The balance of ${buyerId} is not yours.`);
}

const visible = (withdrawal: Withdrawal) => {
  const { version: _version, ...rest } = withdrawal;
  return { ...rest, bankAccount: maskAccount(withdrawal.bankAccount) };
};

/** GET /buyers/{buyerId}/balance: the balance and every entry that makes it. */
export async function balanceView(store: ClaimStore, principal: Principal, buyerId: string) {
  requireOwnBalance(principal, buyerId);
  const ledger = await store.buyerLedger(buyerId);
  return {
    buyerId,
    balance: ledger.balance.balance,
    entries: ledger.entries,
    withdrawals: ledger.withdrawals.map(visible),
  };
}

/**
 * POST /buyers/{buyerId}/withdrawals: the debit is written first, with the withdrawal; then the bank
 * is asked. If the bank refuses, a reversal puts the money back: the ledger never loses a yen.
 */
export async function withdraw(
  deps: { store: ClaimStore; bank: BankTransfers },
  principal: Principal,
  buyerId: string,
  input: { amount: Money; bankAccount: BankAccount },
  now: Date,
) {
  requireOwnBalance(principal, buyerId);
  const at = now.toISOString();
  const withdrawal: Withdrawal = {
    withdrawalId: newId('W', now),
    buyerId,
    amount: input.amount,
    bankAccount: input.bankAccount,
    status: 'PENDING',
    requestedAt: at,
    updatedAt: at,
    version: 0,
  };
  await retryOnConflict(async () => {
    const ledger = await deps.store.buyerLedger(buyerId);
    const debit = { amount: -input.amount.amount, currency: input.amount.currency } as Money;
    const posted = post(ledger.balance, { amount: debit });
    if (!posted.ok) throw new RefusedError({ kind: 'RULE', rule: 'INSUFFICIENT_BALANCE', detail: posted.detail });
    await deps.store.commit([
      { entity: 'withdrawal', value: withdrawal },
      { entity: 'ledger', value: { entryId: `withdrawal:${withdrawal.withdrawalId}`, buyerId, kind: 'WITHDRAWAL', amount: debit, withdrawalId: withdrawal.withdrawalId, at } },
      { entity: 'balance', value: posted.balance },
    ]);
  });
  const recorded = { ...withdrawal, version: 1 };

  try {
    const { reference } = await deps.bank.transfer({ idempotencyKey: `withdrawal:${withdrawal.withdrawalId}`, amount: input.amount, account: input.bankAccount });
    const done: Withdrawal = { ...recorded, status: 'COMPLETED', bankReference: reference, completedAt: now.toISOString(), updatedAt: new Date().toISOString() };
    await deps.store.commit([{ entity: 'withdrawal', value: done }]);
    return visible({ ...done, version: 2 });
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    if (error.failure === 'UNAVAILABLE') {
      // The bank may still act on it: the withdrawal stays PENDING under its idempotency key, and an operator settles it.
      throw new UnavailableError(`The bank did not answer; withdrawal ${withdrawal.withdrawalId} is PENDING and will not be paid twice.`);
    }
    await retryOnConflict(async () => {
      const ledger = await deps.store.buyerLedger(buyerId);
      const current = ledger.withdrawals.find((w) => w.withdrawalId === withdrawal.withdrawalId)!;
      const posted = post(ledger.balance, { amount: input.amount });
      if (!posted.ok) throw new Error(posted.detail); // a credit cannot be refused
      await deps.store.commit([
        { entity: 'withdrawal', value: { ...current, status: 'FAILED', failure: error.message, updatedAt: new Date().toISOString() } },
        { entity: 'ledger', value: { entryId: `reversal:${withdrawal.withdrawalId}`, buyerId, kind: 'WITHDRAWAL_REVERSAL', amount: input.amount, withdrawalId: withdrawal.withdrawalId, at: new Date().toISOString() } },
        { entity: 'balance', value: posted.balance },
      ]);
    });
    throw new RefusedError({ kind: 'RULE', rule: 'WITHDRAWAL_DECLINED', detail: `The bank declined the transfer; the amount is back in the balance. (${error.message})` }, [], {
      withdrawalId: withdrawal.withdrawalId,
    });
  }
}
