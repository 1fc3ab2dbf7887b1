import { withdrawRequest } from '../../shared/app/buyer-requests.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

export const handler = apiHandler(routes.withdrawRequest, async ({ principal, params, body, now }) => ({
  body: await withdrawRequest(deps, principal, params.claimId, body, now),
}));
