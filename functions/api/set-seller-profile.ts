import { profileView, setSellerProfile } from '../../shared/app/sellers/seller-profiles.js';
import { sellerStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const profiles = sellerStore();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.setSellerProfile,
  async ({ principal, params, body, now }) => {
    const { profile, created } = await setSellerProfile(profiles, principal, params.sellerId, body, now);
    return {
      status: created ? 201 : 200,
      body: profileView(profile),
      headers: { location: `/sellers/${profile.sellerId}/profile` },
    };
  },
  idempotency,
);
