import { setReturnWindow } from '../../shared/app/sellers/return-window.js';
import { profileView } from '../../shared/app/sellers/seller-profiles.js';
import { sellerStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const profiles = sellerStore();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.setReturnWindow,
  async ({ principal, params, body, now }) => {
    const profile = await setReturnWindow(profiles, principal, params.sellerId, body.days, now);
    return { status: 200, body: profileView(profile) };
  },
  idempotency,
);
