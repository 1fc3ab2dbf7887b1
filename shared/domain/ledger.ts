// The buyer's marketplace balance (My Qoo10 정산금): a ledger of entries, never a bare counter.
// Cash refunds are credited here; the buyer withdraws to a bank account.

import type { Money } from './order.js';

export const LEDGER_ENTRY_KINDS = ['REFUND_CREDIT', 'WITHDRAWAL', 'WITHDRAWAL_REVERSAL'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export interface LedgerEntry {
  /** Unique per cause: `refund:<refundId>`, `withdrawal:<id>`, `reversal:<id>`; the store refuses a second one. */
  entryId: string;
  buyerId: string;
  kind: LedgerEntryKind;
  /** Signed: credits are positive, withdrawals negative. */
  amount: Money;
  refundId?: string;
  withdrawalId?: string;
  at: string;
}

/** The running total, kept beside the entries for atomic checks; it always equals their sum. */
export interface Balance {
  buyerId: string;
  balance: Money;
  version: number;
}

export interface BankAccount {
  bankName: string;
  branch: string;
  accountNumber: string;
  holder: string;
}

export const WITHDRAWAL_STATUSES = ['PENDING', 'COMPLETED', 'FAILED'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export interface Withdrawal {
  withdrawalId: string;
  buyerId: string;
  amount: Money;
  bankAccount: BankAccount;
  status: WithdrawalStatus;
  bankReference?: string;
  failure?: string;
  requestedAt: string;
  completedAt?: string;
  updatedAt: string;
  version: number;
}

export const emptyBalance = (buyerId: string): Balance => ({
  buyerId,
  balance: { amount: 0, currency: 'JPY' },
  version: 0,
});

export function sumOfEntries(entries: Pick<LedgerEntry, 'amount'>[]): number {
  return entries.reduce((sum, entry) => sum + entry.amount.amount, 0);
}

/** Adds an entry to the balance; a debit that would take it below zero is refused. */
export function post(
  balance: Balance,
  entry: Pick<LedgerEntry, 'amount'>,
): { ok: true; balance: Balance } | { ok: false; detail: string } {
  const next = balance.balance.amount + entry.amount.amount;
  if (next < 0)
    return {
      ok: false,
      detail: `The balance is ${balance.balance.amount} JPY; ${-entry.amount.amount} JPY cannot be withdrawn.`,
    };
  return { ok: true, balance: { ...balance, balance: { amount: next, currency: balance.balance.currency } } };
}

/** Only the last digits of an account number are ever shown. */
export function maskAccount(account: BankAccount): BankAccount {
  return { ...account, accountNumber: `****${account.accountNumber.slice(-3)}` };
}
