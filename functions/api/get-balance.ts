import { balanceView } from '../../shared/app/balance/balance-view.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.getBalance, async ({ principal, params }) => ({
  body: await balanceView(store, principal, params.buyerId),
}));
