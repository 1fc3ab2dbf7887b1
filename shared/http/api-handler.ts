// Every API function is a plain async function wrapped here: the caller's role is checked, the
// path, query and body are validated by the route's schemas, POST and PUT are made idempotent by
// their Idempotency-Key (shared/http/idempotency.ts), and every error leaves as problem+json.

import type middy from '@middy/core';
import { handlerOf } from '../middy.js';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { Principal } from '../app/common/access.js';
import { ForbiddenError, InvalidInputError } from '../app/common/errors.js';
import { awsCalls } from '../aws-calls.js';
import { correlateWith, CORRELATION_ID, currentCorrelationId, logger } from '../observability.js';
import type { RESPONSES } from '../schemas/responses.js';
import type { RouteSpec } from '../schemas/routes.js';
import type { Idempotency } from './idempotency.js';
import { principalFrom } from './principal.js';
import { internalErrorProblem, problemFor, problemResponse, UnsupportedMediaTypeError } from './problem.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
/** What a route's schema (given as what builds it) validates to; undefined for a route without one. */
type Parsed<Built> = Built extends () => infer S ? (S extends z.ZodType ? z.output<S> : undefined) : undefined;

export interface ApiRequest<R extends RouteSpec> {
  principal: Principal;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  now: Date;
  /**
   * The caller's X-Correlation-Id if it sent a usable one, else API Gateway's request id (base64url): a claim opened
   * here keeps it.
   */
  correlationId: string;
  /** The caller's Idempotency-Key, if it sent one: what a use case that stores many items makes their ids from. */
  idempotencyKey?: string;
}

/** What a handler answers: the body, and the status if not the route's success status. */
export interface Reply<Body = unknown> {
  status?: number;
  body: Body;
  headers?: Record<string, string>;
}

/**
 * The body a route's handler must answer: its schema in shared/schemas/responses.ts (types only: no schema reaches a
 * bundle).
 */
export type ResponseOf<R extends RouteSpec> = R['handler'] extends keyof typeof RESPONSES
  ? z.input<(typeof RESPONSES)[R['handler']]>
  : never;

function validate(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      path: [where, ...issue.path].join('.'),
      message: issue.message,
      code: issue.code,
    }));
    throw new InvalidInputError(`The ${where} does not validate.`, errors);
  }
  return result.data;
}

/** The route's schemas, built when its handler is made: this function's own, and no other route's. */
const schemasOf = (route: RouteSpec) => ({ params: route.params?.(), query: route.query?.(), body: route.body?.() });

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * The body as JSON: a route that takes one wants application/json (415 otherwise); a route that
 * takes none refuses one (400), but for an empty object, which clients send out of habit.
 */
function jsonBody(event: ApiEvent, expected: boolean): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (!expected) {
    if (raw.trim() === '' || (isJson(event.headers?.['content-type']) && /^\s*\{\s*\}\s*$/.test(raw))) return undefined;
    throw new InvalidInputError('This request takes no body.', [{ path: 'body', message: 'no body is expected' }]);
  }
  if (raw.trim() === '') return {};
  if (!isJson(event.headers?.['content-type']))
    throw new UnsupportedMediaTypeError(
      `The body must be application/json, not ${event.headers?.['content-type'] ?? 'untyped'}.`,
    );
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidInputError('The body is not JSON.', [{ path: 'body', message: 'not valid JSON' }]);
  }
}

/**
 * API Gateway's request id as a correlation id. An HTTP API's is base64 (`JKJaXmPLvHcESHA=`), whose
 * `+`, `/` and `=` a step's input, an SES tag and a header refuse: it is carried base64url, unpadded.
 */
export function correlationIdOfRequest(requestId: string): string {
  return requestId
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 128);
}

/** The request's correlation id, set on the logger and the trace for everything this invocation does. */
function correlationOf(event: ApiEvent): string {
  const given = event.headers?.['x-correlation-id'];
  const id = given && CORRELATION_ID.test(given) ? given : correlationIdOfRequest(event.requestContext.requestId);
  correlateWith(id);
  return id;
}

function reply(route: RouteSpec, result: Reply): ApiResult {
  return {
    statusCode: result.status ?? route.success,
    headers: {
      'content-type': 'application/json',
      ...(currentCorrelationId() ? { 'x-correlation-id': currentCorrelationId()! } : {}),
      ...result.headers,
    },
    // A route that produces text (CSV) answers it as it is, with its own content type.
    body: typeof result.body === 'string' ? result.body : JSON.stringify(result.body),
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
    const { routeKey } = request.event.requestContext;
    if (problem && problem.status < 500) {
      logger.info('request refused', { routeKey, status: problem.status, problem: problem.type, awsCalls: awsCalls() });
    } else {
      logger.error('request failed', { routeKey, error: request.error as Error, awsCalls: awsCalls() });
    }
    request.response = problemResponse(problem ?? internalErrorProblem());
  },
});

// ── Handlers ────────────────────────────────────────────────────────────────────────────────

/**
 * @param idempotency for a route that changes state, what makes a repeated Idempotency-Key answer
 *   the first response (shared/http/idempotency.ts); a GET takes none, so it does not bundle it.
 */
export function apiHandler<R extends RouteSpec>(
  route: R,
  fn: (request: ApiRequest<R>) => Promise<Reply<ResponseOf<R>>>,
  idempotency?: Idempotency,
) {
  if (route.method !== 'GET' && !idempotency)
    throw new Error(`${route.method} ${route.path} changes state: its handler takes idempotency keys`);
  const schemas = schemasOf(route);
  const run = async (event: ApiEvent): Promise<ApiResult> => {
    const request: ApiRequest<R> = {
      principal: principalFrom(event),
      params: validate(schemas.params, event.pathParameters ?? {}, 'path') as ApiRequest<R>['params'],
      query: validate(schemas.query, event.queryStringParameters ?? {}, 'query') as ApiRequest<R>['query'],
      body: validate(schemas.body, jsonBody(event, schemas.body !== undefined), 'body') as ApiRequest<R>['body'],
      now: new Date(),
      correlationId: currentCorrelationId() ?? correlationOf(event),
      ...(event.headers?.['idempotency-key'] ? { idempotencyKey: event.headers['idempotency-key'] } : {}),
    };
    const answer = reply(route, await fn(request));
    // By route, caller and AWS calls only: never a body, a token or personal data.
    const { routeKey } = event.requestContext;
    const { role } = request.principal;
    logger.info('request answered', { routeKey, status: answer.statusCode, role, awsCalls: awsCalls() });
    return answer;
  };
  const answer = idempotency ? idempotency(route, run) : (event: ApiEvent) => run(event);

  return handlerOf<ApiEvent, ApiResult>()
    .use(problemJson())
    .handler(async (event, context) => {
      correlationOf(event);
      const principal = principalFrom(event);
      if (!route.roles.includes(principal.role)) {
        throw new ForbiddenError(
          `${route.method} ${route.path} is for ${route.roles.join(' or ')}, not ${principal.role}.`,
        );
      }
      return answer(event, principal, context);
    });
}

/** A request to a public route: no principal. */
export interface PublicRequest<R extends RouteSpec> {
  body: Parsed<R['body']>;
  now: Date;
}

/** What a public route may check before anything else: a signature over the raw body, say. */
export type Authenticate = (request: {
  rawBody: string;
  headers: Record<string, string | undefined>;
  now: Date;
}) => Promise<void>;

/** Routes that need no token: the OpenAPI document, the liveness check, the signed payment webhook. */
export function publicApiHandler<R extends RouteSpec>(
  route: R,
  fn: (request: PublicRequest<R>) => Promise<Reply<ResponseOf<R>>>,
  authenticate?: Authenticate,
) {
  const schemas = schemasOf(route);
  return handlerOf<ApiEvent, ApiResult>()
    .use(problemJson())
    .handler(async (event) => {
      const now = new Date();
      correlationOf(event);
      const rawBody = event.body
        ? event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body
        : '';
      await authenticate?.({ rawBody, headers: event.headers ?? {}, now });
      const body = validate(schemas.body, jsonBody(event, schemas.body !== undefined), 'body') as Parsed<R['body']>;
      const answer = reply(route, await fn({ body, now }));
      const { routeKey } = event.requestContext;
      logger.info('request answered', { routeKey, status: answer.statusCode, role: 'public', awsCalls: awsCalls() });
      return answer;
    });
}
