import { claimsCsv } from '../../shared/app/claims/claims-csv.js';
import { exportClaims } from '../../shared/app/claims/list-claims.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.exportClaims, async ({ principal, query, now }) => {
  const part = await exportClaims(store, principal, query, now);
  return {
    body: claimsCsv(part.items, !query.cursor),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="claims.csv"',
      ...(part.nextCursor ? { 'x-next-cursor': part.nextCursor } : {}),
    },
  };
});
