import { openApiDocument } from '../../shared/schemas/openapi.js';
import { publicApiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const document = openApiDocument();

export const handler = publicApiHandler(routes.openapi, async () => ({ body: document }));
