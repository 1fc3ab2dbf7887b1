// GET /buyers/{buyerId}/balance: the balance and every entry that makes it.

import type { Principal } from '../common/access.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { requireOwnBalance, visible } from './own-balance.js';

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
