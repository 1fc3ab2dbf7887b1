import { claimView } from '../../shared/app/claims/claim-view.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.getClaim, async ({ principal, params, now }) => ({
  body: await claimView(store, principal, params.claimId, now),
}));
