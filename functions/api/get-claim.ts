import { viewClaim } from '../../shared/app/claims/view-claim.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.getClaim, async ({ principal, params, now }) => ({
  body: await viewClaim(store, principal, params.claimId, now),
}));
