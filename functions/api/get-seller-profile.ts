import { profileView, readSellerProfile } from '../../shared/app/sellers/seller-profiles.js';
import { sellerStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const profiles = sellerStore();

export const handler = apiHandler(routes.getSellerProfile, async ({ principal, params }) => ({
  body: profileView(await readSellerProfile(profiles, principal, params.sellerId)),
}));
