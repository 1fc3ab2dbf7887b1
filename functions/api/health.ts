import { claimStore } from '../../shared/adapters/adapters.js';
import { UnavailableError } from '../../shared/app/common/errors.js';
import { publicApiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

// Alive, and the table answers (one strongly consistent read of an item that is never there).
export const handler = publicApiHandler(routes.health, async () => {
  try {
    await store.getClaim('health-check');
  } catch {
    throw new UnavailableError('The table does not answer.');
  }
  return { body: { status: 'ok' } };
});
