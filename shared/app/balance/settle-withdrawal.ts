// POST /buyers/{buyerId}/withdrawals/{withdrawalId}/settlement.

import type { Principal } from '../common/access.js';
import { ForbiddenError, NotFoundError, RefusedError, UnavailableError } from '../common/errors.js';
import type { BankTransfers } from '../ports/payments.js';
import { PaymentError } from '../ports/port-errors.js';
import { recordCompleted, recordDeclined, transferAndRecord, transferKey, type BalanceDeps } from './transfers.js';

/**
 * POST /buyers/{buyerId}/withdrawals/{withdrawalId}/settlement: an operator settles a PENDING
 * withdrawal by asking the bank what became of its key, never by guessing: done (COMPLETED), refused
 * (FAILED, the money back), or never received (the transfer is asked for again, under the same key).
 */
export async function settleWithdrawal(
  deps: BalanceDeps,
  principal: Principal,
  buyerId: string,
  withdrawalId: string,
  now: Date,
) {
  if (principal.role !== 'operator') throw new ForbiddenError('Only an operator settles a withdrawal.');
  const ledger = await deps.store.buyerLedger(buyerId);
  const withdrawal = ledger.withdrawals.find((w) => w.withdrawalId === withdrawalId);
  if (!withdrawal) throw new NotFoundError(`No withdrawal ${withdrawalId} of ${buyerId}.`);
  if (withdrawal.status !== 'PENDING') {
    throw new RefusedError({
      kind: 'RULE',
      rule: 'WITHDRAWAL_SETTLED',
      detail: `Withdrawal ${withdrawalId} is already ${withdrawal.status}.`,
    });
  }
  let outcome: Awaited<ReturnType<BankTransfers['transferOutcome']>>;
  try {
    outcome = await deps.bank.transferOutcome(transferKey(withdrawal));
  } catch (error) {
    if (error instanceof PaymentError)
      throw new UnavailableError('The bank does not answer; the withdrawal stays PENDING. Try again shortly.');
    throw error;
  }
  if (outcome.state === 'COMPLETED') return recordCompleted(deps.store, withdrawal, outcome.reference ?? '', now);
  if (outcome.state === 'DECLINED')
    return recordDeclined(deps.store, withdrawal, 'The bank refused the transfer.', now);
  return transferAndRecord(deps, withdrawal);
}
