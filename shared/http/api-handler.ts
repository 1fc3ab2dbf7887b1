// Every API function is a plain async function wrapped here: the caller's role is checked, the
// path, query and body are validated by the route's schemas, POST and PUT are made idempotent by
// their Idempotency-Key, and every error leaves as problem+json.

import type middy from '@middy/core';
import { handlerOf } from '../middy.js';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal } from '../app/access.js';
import { ForbiddenError, InvalidInputError } from '../app/errors.js';
import { tableName } from '../adapters/adapters.js';
import { logger } from '../observability.js';
import type { RouteSpec } from '../schemas/routes.js';
import { principalFrom } from './principal.js';
import { internalErrorProblem, problemFor, problemResponse, UnsupportedMediaTypeError } from './problem.js';

type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type ApiResult = APIGatewayProxyStructuredResultV2;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRequest<R extends RouteSpec> {
  principal: Principal;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  now: Date;
}

/** What a handler answers: the body, and the status if not the route's success status. */
export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

function validate<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ path: [where, ...issue.path].join('.'), message: issue.message }));
    throw new InvalidInputError(`The ${where} does not validate.`, errors);
  }
  return result.data as Parsed<S>;
}

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * The body as JSON: a route that takes one wants application/json (415 otherwise); a route that
 * takes none refuses one (400), but for an empty object, which clients send out of habit.
 */
function jsonBody(event: ApiEvent, expected: boolean): unknown {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (!expected) {
    if (raw.trim() === '' || (isJson(event.headers?.['content-type']) && /^\s*\{\s*\}\s*$/.test(raw))) return undefined;
    throw new InvalidInputError('This request takes no body.', [{ path: 'body', message: 'no body is expected' }]);
  }
  if (raw.trim() === '') return {};
  if (!isJson(event.headers?.['content-type'])) throw new UnsupportedMediaTypeError(`The body must be application/json, not ${event.headers?.['content-type'] ?? 'untyped'}.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidInputError('The body is not JSON.', [{ path: 'body', message: 'not valid JSON' }]);
  }
}

function reply(route: RouteSpec, result: Reply): ApiResult {
  return {
    statusCode: result.status ?? route.success,
    headers: { 'content-type': 'application/json', ...result.headers },
    body: JSON.stringify(result.body),
  };
}

/** Turns errors into problem+json; an unmapped error is a bug: logged in full, answered 500 without details. */
const problemJson = (): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: (request) => {
    let caller: Principal | undefined;
    try {
      caller = principalFrom(request.event);
    } catch {
      caller = undefined;
    }
    const problem = problemFor(request.error, caller);
    if (problem && problem.status < 500) {
      logger.info('request refused', { routeKey: request.event.requestContext.routeKey, status: problem.status, problem: problem.type });
    } else {
      logger.error('request failed', { routeKey: request.event.requestContext.routeKey, error: request.error as Error });
    }
    request.response = problemResponse(problem ?? internalErrorProblem());
  },
});

// ── Idempotency-Key ─────────────────────────────────────────────────────────────────────────

/** What Powertools hashes: the key, scoped to the caller and the route, and the request it stands for. */
interface IdempotentCall {
  idempotencyKey: string | null;
  fingerprint: { routeKey: string; path: string; body: string | null };
  event: ApiEvent;
}

let persistenceStore: DynamoDBPersistenceLayer | undefined;
function idempotencyStore(): DynamoDBPersistenceLayer {
  // The composite key is laid out so that each record gets its own partition: `sk` holds the fixed
  // prefix and `pk` the hashed key (Powertools puts the hash in the "sort key" attribute).
  persistenceStore ??= new DynamoDBPersistenceLayer({
    tableName: tableName(),
    keyAttr: 'sk',
    sortKeyAttr: 'pk',
    staticPkValue: 'IDEMPOTENCY',
    expiryAttr: 'expiresAt',
  });
  return persistenceStore;
}

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'idempotencyKey',
  payloadValidationJmesPath: 'fingerprint',
  throwOnNoIdempotencyKey: false,
  expiresAfterSeconds: 24 * 60 * 60,
  responseHook: (response) => {
    const replayed = response as ApiResult;
    return { ...replayed, headers: { ...replayed.headers, 'idempotent-replayed': 'true' } };
  },
});

function idempotentCall(event: ApiEvent, principal: Principal): IdempotentCall {
  const key = event.headers?.['idempotency-key'];
  return {
    idempotencyKey: key ? `${principal.role}:${principal.id}:${event.requestContext.routeKey}:${key}` : null,
    fingerprint: { routeKey: event.requestContext.routeKey, path: event.rawPath, body: event.body ?? null },
    event,
  };
}

// ── Handlers ────────────────────────────────────────────────────────────────────────────────

export function apiHandler<R extends RouteSpec>(route: R, fn: (request: ApiRequest<R>) => Promise<Reply>) {
  const run = async ({ event }: IdempotentCall): Promise<ApiResult> => {
    const request: ApiRequest<R> = {
      principal: principalFrom(event),
      params: validate(route.params, event.pathParameters ?? {}, 'path') as ApiRequest<R>['params'],
      query: validate(route.query, event.queryStringParameters ?? {}, 'query') as ApiRequest<R>['query'],
      body: validate(route.body, jsonBody(event, route.body !== undefined), 'body') as ApiRequest<R>['body'],
      now: new Date(),
    };
    const answer = reply(route, await fn(request));
    // By route and caller only: never a body, a token or personal data.
    logger.info('request answered', { routeKey: event.requestContext.routeKey, status: answer.statusCode, role: request.principal.role });
    return answer;
  };
  const changesState = route.method !== 'GET';
  let idempotentRun: ((call: IdempotentCall, context: Context) => Promise<ApiResult>) | undefined;

  return handlerOf<ApiEvent, ApiResult>()
    .use(problemJson())
    .handler(async (event, context) => {
      const principal = principalFrom(event);
      if (!route.roles.includes(principal.role)) {
        throw new ForbiddenError(`${route.method} ${route.path} is for ${route.roles.join(' or ')}, not ${principal.role}.`);
      }
      const call = idempotentCall(event, principal);
      if (!changesState || call.idempotencyKey === null) return run(call);
      idempotentRun ??= makeIdempotent(run, {
        persistenceStore: idempotencyStore(),
        config: idempotencyConfig,
        keyPrefix: route.handler,
      });
      return idempotentRun(call, context);
    });
}

/** Routes that need no token (the OpenAPI document). */
export function publicApiHandler(route: RouteSpec, fn: () => Promise<Reply>) {
  return handlerOf<ApiEvent, ApiResult>()
    .use(problemJson())
    .handler(async () => reply(route, await fn()));
}
