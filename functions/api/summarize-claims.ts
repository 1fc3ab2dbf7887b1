import { summarizeClaims } from '../../shared/app/claims/summarize-claims.js';
import { bulkStore, claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), bulks: bulkStore() };

export const handler = apiHandler(routes.summarizeClaims, async ({ principal, query, now }) => ({
  body: await summarizeClaims(deps, principal, query, now),
}));
