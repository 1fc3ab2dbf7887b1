// GET /withdrawals: the operator's list of withdrawals to settle, every buyer's that the bank has
// not answered; each is settled by asking the bank again (POST …/settlement).

import type { ClaimStore, PageRequest } from '../ports.js';
import { visible } from './own-balance.js';

export async function pendingWithdrawals(store: ClaimStore, page: PageRequest) {
  const found = await store.pendingWithdrawals(page);
  return { withdrawals: found.items.map(visible), nextCursor: found.nextCursor };
}
