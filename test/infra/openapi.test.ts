// docs/openapi.json is generated (npm run openapi) and served as it is: it must be what the code says.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/schemas/openapi.js';
import { ROUTES, routes } from '../../shared/schemas/routes.js';

const run = promisify(execFile);

describe('docs/openapi.json', () => {
  it('is the document the route table makes now (run npm run openapi after changing a route or schema)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('documents every route, each with the route table’s name as its operationId', () => {
    const document = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    for (const [name, route] of Object.entries(routes)) {
      expect(
        document.paths[route.path]?.[route.method.toLowerCase()]?.operationId,
        `${route.method} ${route.path}`,
      ).toBe(name);
    }
  });

  it('passes Spectral’s OpenAPI ruleset with nothing to say, not even a hint (.spectral.yaml)', async () => {
    const spectral = fileURLToPath(new URL('../../node_modules/.bin/spectral', import.meta.url));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // Spectral exits 1 when it finds anything at or above the severity; its JSON lists what.
    const { stdout } = await run(
      spectral,
      [
        'lint',
        'docs/openapi.json',
        '--ruleset',
        '.spectral.yaml',
        '--format',
        'json',
        '--fail-severity',
        'hint',
        '--quiet',
      ],
      { cwd: root },
    ).catch((failed: { stdout: string }) => failed);
    const findings = JSON.parse(stdout || '[]') as { code: string; path: string[] }[];
    expect(findings.map((finding) => `${finding.code} at ${finding.path.join('.')}`)).toEqual([]);
  }, 60_000);
});

describe('the answers in docs/openapi.json', () => {
  type Described = {
    responses: Record<
      string,
      { content?: Record<string, { schema: { $ref?: string; properties?: object; type?: string } }> }
    >;
  };
  const document = openApiDocument() as unknown as {
    paths: Record<string, Record<string, Described>>;
    components: { schemas: Record<string, { properties?: object }> };
  };
  const schemaOf = (schema: { $ref?: string; properties?: object }) =>
    schema.$ref ? document.components.schemas[schema.$ref.split('/').at(-1)!]! : schema;

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: every success status has a body schema with its fields (a generated client gets types, not unknown)',
    (_, route) => {
      const described = document.paths[route.path]![route.method.toLowerCase()]!;
      for (const status of [route.success, ...(route.alsoSuccess ?? [])]) {
        const schema = described.responses[String(status)]?.content?.[route.produces ?? 'application/json']?.schema;
        expect(schema, `${status}`).toBeDefined();
        // A text answer (CSV) is a string; a JSON one names its fields.
        if (route.produces) expect(schema!.type, `${status}`).toBe('string');
        else expect(Object.keys(schemaOf(schema!).properties ?? {}).length, `${status}`).toBeGreaterThan(0);
      }
    },
  );

  it.each(ROUTES.filter((route) => route.body).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: the request body in the document is the one its schema validates (no schema id used twice)',
    (_, route) => {
      const described = document.paths[route.path]![route.method.toLowerCase()]! as unknown as {
        requestBody: { content: { 'application/json': { schema: { $ref?: string; properties?: object } } } };
      };
      const inDocument = Object.keys(
        schemaOf(described.requestBody.content['application/json'].schema).properties ?? {},
      ).sort();
      const validated = Object.keys((route.body!() as z.ZodObject).shape).sort();
      expect(inDocument).toEqual(validated);
    },
  );

  it('errors are problem+json, with the fields a client shows (detail) and acts on (allowedActions)', () => {
    const problem = document.components.schemas.Problem!.properties as Record<string, unknown>;
    expect(Object.keys(problem)).toEqual(
      expect.arrayContaining([
        'type',
        'title',
        'status',
        'detail',
        'errors',
        'currentStatus',
        'allowedActions',
        'rule',
      ]),
    );
  });
});
