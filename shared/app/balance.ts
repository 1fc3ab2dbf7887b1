// The buyer's marketplace balance: what is there, every entry, and withdrawals to a bank account.

import { maskAccount, post, type BankAccount, type Withdrawal } from '../domain/ledger.js';
import type { Money } from '../domain/order.js';
import { ForbiddenError, NotFoundError, RefusedError, UnavailableError } from './errors.js';
import { newId } from './ids.js';
import { retryOnConflict } from './conflicts.js';
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
/** What a withdrawal needs: the store, the bank, and the clock, for when the bank answered. */
export interface BalanceDeps {
  store: ClaimStore;
  bank: BankTransfers;
  clock: () => Date;
}

export async function withdraw(
  deps: BalanceDeps,
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
  return transferAndRecord(deps, { ...withdrawal, version: 1 });
}

const transferKey = (withdrawal: Pick<Withdrawal, 'withdrawalId'>) => `withdrawal:${withdrawal.withdrawalId}`;

/** COMPLETED, with the bank's reference. */
async function recordCompleted(store: ClaimStore, withdrawal: Withdrawal, reference: string, now: Date) {
  const done: Withdrawal = { ...withdrawal, status: 'COMPLETED', bankReference: reference, completedAt: now.toISOString(), updatedAt: now.toISOString() };
  await store.commit([{ entity: 'withdrawal', value: done }]);
  return visible({ ...done, version: done.version + 1 });
}

/** FAILED, with a reversal that puts the money back in the balance, and the refusal answered (422). */
async function recordDeclined(store: ClaimStore, withdrawal: Withdrawal, why: string, now: Date): Promise<never> {
  await retryOnConflict(async () => {
    const ledger = await store.buyerLedger(withdrawal.buyerId);
    const current = ledger.withdrawals.find((w) => w.withdrawalId === withdrawal.withdrawalId)!;
    if (current.status !== 'PENDING') return;
    const posted = post(ledger.balance, { amount: withdrawal.amount });
    if (!posted.ok) throw new Error(posted.detail); // a credit cannot be refused
    const at = now.toISOString();
    await store.commit([
      { entity: 'withdrawal', value: { ...current, status: 'FAILED', failure: why, updatedAt: at } },
      { entity: 'ledger', value: { entryId: `reversal:${withdrawal.withdrawalId}`, buyerId: withdrawal.buyerId, kind: 'WITHDRAWAL_REVERSAL', amount: withdrawal.amount, withdrawalId: withdrawal.withdrawalId, at } },
      { entity: 'balance', value: posted.balance },
    ]);
  });
  throw new RefusedError({ kind: 'RULE', rule: 'WITHDRAWAL_DECLINED', detail: `The bank declined the transfer; the amount is back in the balance. (${why})` }, [], {
    withdrawalId: withdrawal.withdrawalId,
  });
}

/**
 * Asks the bank for a PENDING withdrawal, under its one idempotency key, and records what the bank
 * said: COMPLETED; FAILED with a reversal that puts the money back (422); or, with no answer, still
 * PENDING, to be settled later without any risk of paying twice.
 */
async function transferAndRecord(deps: BalanceDeps, withdrawal: Withdrawal) {
  try {
    const { reference } = await deps.bank.transfer({ idempotencyKey: transferKey(withdrawal), amount: withdrawal.amount, account: withdrawal.bankAccount });
    // Recorded when the bank answered.
    return await recordCompleted(deps.store, withdrawal, reference, deps.clock());
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    if (error.failure === 'UNAVAILABLE') return visible(withdrawal);
    return recordDeclined(deps.store, withdrawal, error.message, deps.clock());
  }
}

/**
 * POST /buyers/{buyerId}/withdrawals/{withdrawalId}/settlement: an operator settles a PENDING
 * withdrawal by asking the bank what became of its key, never by guessing: done (COMPLETED), refused
 * (FAILED, the money back), or never received (the transfer is asked for again, under the same key).
 */
export async function settleWithdrawal(deps: BalanceDeps, principal: Principal, buyerId: string, withdrawalId: string, now: Date) {
  if (principal.role !== 'operator') throw new ForbiddenError('Only an operator settles a withdrawal.');
  const ledger = await deps.store.buyerLedger(buyerId);
  const withdrawal = ledger.withdrawals.find((w) => w.withdrawalId === withdrawalId);
  if (!withdrawal) throw new NotFoundError(`No withdrawal ${withdrawalId} of ${buyerId}.`);
  if (withdrawal.status !== 'PENDING') {
    throw new RefusedError({ kind: 'RULE', rule: 'WITHDRAWAL_SETTLED', detail: `Withdrawal ${withdrawalId} is already ${withdrawal.status}.` });
  }
  let outcome;
  try {
    outcome = await deps.bank.transferOutcome(transferKey(withdrawal));
  } catch (error) {
    if (error instanceof PaymentError) throw new UnavailableError('The bank does not answer; the withdrawal stays PENDING. Try again shortly.');
    throw error;
  }
  if (outcome.state === 'COMPLETED') return recordCompleted(deps.store, withdrawal, outcome.reference ?? '', now);
  if (outcome.state === 'DECLINED') return recordDeclined(deps.store, withdrawal, 'The bank refused the transfer.', now);
  return transferAndRecord(deps, withdrawal);
}
