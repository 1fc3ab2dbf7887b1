// Balance refunds credited inside the transaction that owes them: each refund's ledger entry (one
// per refund, whatever the attempt, so it is credited once), and each buyer's balance written once
// with every credit of the transaction.

import { post, type Balance, type LedgerEntry } from '../../domain/ledger.js';
import { completeRefund, ledgerEntryIdOf, type Refund } from '../../domain/refund.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';

export class RefundCredits {
  private readonly balances = new Map<string, Balance>();

  constructor(private readonly store: Pick<ClaimStore, 'buyerLedger'>) {}

  /** The refund credited to its buyer's balance (COMPLETED), and its ledger entry to write. */
  async credit(refund: Refund, at: Date): Promise<{ refund: Refund; write: Write }> {
    const balance = this.balances.get(refund.buyerId) ?? (await this.store.buyerLedger(refund.buyerId)).balance;
    const entry: LedgerEntry = {
      entryId: ledgerEntryIdOf(refund),
      buyerId: refund.buyerId,
      kind: 'REFUND_CREDIT',
      amount: refund.amount,
      refundId: refund.refundId,
      at: at.toISOString(),
    };
    const posted = post(balance, entry);
    // A credit is never below zero: a refusal here is a bug, not a state.
    if (!posted.ok) throw new Error(posted.detail);
    this.balances.set(refund.buyerId, posted.balance);
    return { refund: completeRefund(refund, at), write: { entity: 'ledger', value: entry } };
  }

  /** Each credited buyer's balance, once. */
  balanceWrites(): Write[] {
    return [...this.balances.values()].map((value): Write => ({ entity: 'balance', value }));
  }
}
