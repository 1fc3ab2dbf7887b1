import { pendingWithdrawals } from '../../shared/app/balance/pending-withdrawals.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.listPendingWithdrawals, async ({ query }) => ({
  body: await pendingWithdrawals(store, query),
}));
