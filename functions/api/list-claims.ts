import { listClaims } from '../../shared/app/claims/list-claims.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.listClaims, async ({ principal, query, now }) => {
  const page = await listClaims(store, principal, query, now);
  return { body: { claims: page.items, nextCursor: page.nextCursor } };
});
