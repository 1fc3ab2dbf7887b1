// GET /withdrawals: the operator's list of withdrawals to settle, every buyer's that the bank has
// not answered; each is settled by asking the bank again (POST …/settlement).

import type { ClaimStore } from '../ports/claim-store.js';
import type { PageRequest } from '../ports/pages.js';
import { visible } from './own-balance.js';

export async function pendingWithdrawals(store: ClaimStore, page: PageRequest) {
  const found = await store.pendingWithdrawals(page);
  return { withdrawals: found.items.map(visible), nextCursor: found.nextCursor };
}
