import document from '../../docs/openapi.json' with { type: 'json' };
import { publicApiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

// Generated at build time (npm run openapi), inlined into the bundle.
export const handler = publicApiHandler(routes.openapi, async () => ({ body: document }));
