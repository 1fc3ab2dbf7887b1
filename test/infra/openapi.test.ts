// docs/openapi.json is generated (npm run openapi) and served as it is: it must be what the code says.
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
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

describe('the answers in docs/openapi.json', () => {
  type Described = { responses: Record<string, { content?: Record<string, { schema: { $ref?: string; properties?: object; type?: string } }> }> };
  const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Described>>; components: { schemas: Record<string, { properties?: object }> } };
  const schemaOf = (schema: { $ref?: string; properties?: object }) => (schema.$ref ? document.components.schemas[schema.$ref.split('/').at(-1)!]! : schema);

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: every success status has a body schema with its fields (a generated client gets types, not unknown)', (_, route) => {
    const described = document.paths[route.path]![route.method.toLowerCase()]!;
    for (const status of [route.success, ...(route.alsoSuccess ?? [])]) {
      const schema = described.responses[String(status)]?.content?.['application/json']?.schema;
      expect(schema, `${status}`).toBeDefined();
      expect(Object.keys(schemaOf(schema!).properties ?? {}).length, `${status}`).toBeGreaterThan(0);
    }
  });

  it.each(ROUTES.filter((route) => route.body).map((route) => [`${route.method} ${route.path}`, route] as const))('%s: the request body in the document is the one its schema validates (no schema id used twice)', (_, route) => {
    const described = document.paths[route.path]![route.method.toLowerCase()]! as unknown as { requestBody: { content: { 'application/json': { schema: { $ref?: string; properties?: object } } } } };
    const inDocument = Object.keys(schemaOf(described.requestBody.content['application/json'].schema).properties ?? {}).sort();
    const validated = Object.keys((route.body!() as z.ZodObject).shape).sort();
    expect(inDocument).toEqual(validated);
  });

  it('errors are problem+json, with the fields a client shows (detail) and acts on (allowedActions)', () => {
    const problem = document.components.schemas.Problem!.properties as Record<string, unknown>;
    expect(Object.keys(problem)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors', 'currentStatus', 'allowedActions', 'rule']));
  });
});
