// POST /buyers/{buyerId}/withdrawals: the debit is written first, with the withdrawal; then the bank
// is asked. If the bank refuses, a reversal puts the money back: the ledger never loses a yen.

import { post, type BankAccount, type Withdrawal } from '../../domain/ledger.js';
import type { Money } from '../../domain/order.js';
import type { Principal } from '../common/access.js';
import { retryOnConflict } from '../common/conflicts.js';
import { RefusedError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { requireOwnBalance } from './own-balance.js';
import { transferAndRecord, type BalanceDeps } from './transfers.js';
import { changeOf } from '../changes/change-set.js';

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
    if (!posted.ok)
      throw new RefusedError({ kind: 'RULE', rule: 'INSUFFICIENT_BALANCE', detail: posted.detail }, [], {
        values: { balance: ledger.balance.balance, amount: input.amount },
      });
    await deps.store.commit(
      changeOf([
        { entity: 'withdrawal', value: withdrawal, from: null },
        {
          entity: 'ledger',
          value: {
            entryId: `withdrawal:${withdrawal.withdrawalId}`,
            buyerId,
            kind: 'WITHDRAWAL',
            amount: debit,
            withdrawalId: withdrawal.withdrawalId,
            at,
          },
        },
        { entity: 'balance', value: posted.balance },
      ]),
    );
  });
  return transferAndRecord(deps, { ...withdrawal, version: 1 });
}
