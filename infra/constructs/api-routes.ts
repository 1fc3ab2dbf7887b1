// The HTTP API's routes, each with its Lambda integration and the permission that lets API Gateway
// invoke the function: three resources a route, in a nested stack of their own. In the main stack
// they took 123 of CloudFormation's 500 resources; here they cost it one (docs/DECISIONS.md).

import { NestedStack, Validations } from 'aws-cdk-lib';
import {
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../shared/schemas/routes.js';

export interface ApiRoutesProps {
  api: HttpApi;
  routes: readonly RouteSpec[];
  /** The JWT authorizer of every route that names roles; it stays in the main stack with the API. */
  authorizer: IHttpRouteAuthorizer;
  functions: (name: string) => IFunction;
}

export class ApiRoutes extends NestedStack {
  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id, { description: 'Order claims: the HTTP API’s routes and their Lambda integrations' });
    for (const route of props.routes) {
      const httpRoute = new HttpRoute(this, `${route.method}${route.path}`, {
        httpApi: props.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.handler}-integration`, props.functions(route.handler)),
        ...(route.roles.length > 0 ? { authorizer: props.authorizer } : {}),
      });
      if (route.roles.length === 0)
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: PUBLIC_ROUTES });
    }
  }
}

const PUBLIC_ROUTES =
  'Only GET /openapi.json, GET /health and POST /payments/webhooks are public: the API description, a liveness ' +
  'answer with no data, and the payment provider’s webhook, which carries no token and is accepted only with a ' +
  'valid HMAC signature (shared/app/payment-events.ts). Every other route has the Cognito JWT authorizer.';
