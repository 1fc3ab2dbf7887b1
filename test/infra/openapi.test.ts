// docs/openapi.json is generated (npm run openapi) and served as it is: it must be what the code says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/schemas/openapi.js';
import { ROUTES } from '../../shared/schemas/routes.js';

describe('docs/openapi.json', () => {
  it('is the document the route table makes now (run npm run openapi after changing a route or schema)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('documents every route', () => {
    const document = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
    for (const route of ROUTES) expect(document.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });
});
