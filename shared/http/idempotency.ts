// Idempotency-Key for the routes that change state (Powertools idempotency over the table): a
// repeated key, from the same caller on the same route with the same request, answers the first
// response again and does nothing more. Only the handlers of such routes import this, so that the
// read-only functions do not bundle it.

import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer as ApiEvent,
  APIGatewayProxyStructuredResultV2 as ApiResult,
  Context,
} from 'aws-lambda';
import { observed } from '../aws-calls.js';
import type { Principal } from '../app/common/access.js';
import type { RouteSpec } from '../schemas/routes.js';

/** Wraps a route's run: called with the request, the caller and the Lambda context. */
export type Idempotency = (
  route: RouteSpec,
  run: (event: ApiEvent) => Promise<ApiResult>,
) => (event: ApiEvent, principal: Principal, context: Context) => Promise<ApiResult>;

/** What Powertools hashes: the key, scoped to the caller and the route, and the request it stands for. */
interface IdempotentCall {
  idempotencyKey: string | null;
  fingerprint: { routeKey: string; path: string; body: string | null };
  event: ApiEvent;
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

/**
 * Idempotency records in the claims table (TABLE_NAME): `sk` holds the fixed prefix and `pk` the hashed key, so each
 * record has its own partition.
 */
export function idempotencyKeys(tableName: string): Idempotency {
  let persistenceStore: DynamoDBPersistenceLayer | undefined;
  return (route, run) => {
    let idempotentRun: ((call: IdempotentCall, context: Context) => Promise<ApiResult>) | undefined;
    return async (event, principal, context) => {
      const call = idempotentCall(event, principal);
      if (call.idempotencyKey === null) return run(event);
      persistenceStore ??= new DynamoDBPersistenceLayer({
        ...{ tableName, keyAttr: 'sk', sortKeyAttr: 'pk', staticPkValue: 'IDEMPOTENCY', expiryAttr: 'expiresAt' },
        awsSdkV3Client: observed(new DynamoDBClient({})),
      });
      idempotentRun ??= makeIdempotent((c: IdempotentCall) => run(c.event), {
        persistenceStore,
        config: idempotencyConfig,
        keyPrefix: route.handler,
      });
      return idempotentRun(call, context);
    };
  };
}
