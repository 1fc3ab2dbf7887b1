import { listSellerProfiles, profileView } from '../../shared/app/sellers/seller-profiles.js';
import { sellerStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const profiles = sellerStore();

export const handler = apiHandler(routes.listSellerProfiles, async ({ principal, query }) => {
  const { limit, cursor } = query;
  const page = await listSellerProfiles(profiles, principal, { limit, ...(cursor ? { cursor } : {}) });
  return { body: { sellers: page.items.map(profileView), nextCursor: page.nextCursor } };
});
