// Every answer the end-to-end tests receive, checked against the published OpenAPI document as a
// client generated from it would read it (Ajv, JSON Schema 2020-12): a success status the route
// declares, with its body's schema; an error as problem+json. A mismatch fails the test at once.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { ROUTES, type RouteSpec } from '../../shared/schemas/routes.js';

const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi');

const pattern = (route: RouteSpec) => new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
// As API Gateway picks: a literal segment before a parameter (/orders/summary is not /orders/{orderNo}).
const matchers = ROUTES.map((route) => ({ route, regex: pattern(route) })).sort(
  (a, b) => a.route.path.split('{').length - b.route.path.split('{').length,
);
const compiled = new Map<string, ValidateFunction>();

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function validatorFor(route: RouteSpec, status: number, mediaType: string): ValidateFunction | undefined {
  const key = `${route.method} ${route.path} ${status} ${mediaType}`;
  if (!compiled.has(key)) {
    const described =
      document.paths[route.path]?.[route.method.toLowerCase()]?.responses[String(status)]?.content?.[mediaType];
    if (!described) return undefined;
    compiled.set(
      key,
      ajv.compile({
        $ref: `openapi#/${pointer('paths', route.path, route.method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema')}`,
      }),
    );
  }
  return compiled.get(key);
}

/**
 * The problems with an answer, as the document describes it; none for a route it does not list (the local stand-ins'
 * own).
 */
export function answerProblems(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string[] {
  const path = new URL(url, 'http://local').pathname;
  const route = matchers.find((m) => m.route.method === method && m.regex.test(path))?.route;
  if (!route) return [];
  const label = `${method} ${route.path} → ${status}`;
  // The gateway's own answers (a missing or bad token, a throttled or oversized request) come before the function.
  if (
    (status === 401 || status === 413 || status === 429) &&
    body !== undefined &&
    !contentType?.includes('problem+json')
  )
    return [];
  const mediaType = status < 400 ? (route.produces ?? 'application/json') : 'application/problem+json';
  if (status < 400 && !contentType?.startsWith(mediaType))
    return [`${label}: content-type ${contentType}, not ${mediaType}`];
  const validate = validatorFor(route, status, mediaType);
  if (!validate) return [`${label}: a status the document does not give for this route`];
  return validate(body)
    ? []
    : (validate.errors ?? []).map(
        (error) => `${label}: ${error.instancePath || 'body'} ${error.message} ${JSON.stringify(error.params)}`,
      );
}
