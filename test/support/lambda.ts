// Events and context shaped as Lambda gives them, for calling handlers directly.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export const context = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '1024',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

export function apiEvent(options: {
  routeKey: string;
  path: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  claims?: Record<string, string>;
  headers?: Record<string, string>;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: options.path,
    rawQueryString: '',
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'test',
      domainPrefix: 'test',
      http: {
        method: options.routeKey.split(' ')[0]!,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'req-1',
      routeKey: options.routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      // As Cognito's access tokens carry it (a test of the refusal of other tokens gives its own).
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: { token_use: 'access', ...options.claims }, scopes: [] },
      },
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
  };
}

export const sellerClaims = (id = 'S-1') => ({ 'custom:role': 'seller', 'custom:party_id': id });

export function json(result: unknown): { statusCode: number; headers: Record<string, string>; body: any } {
  const response = result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: response.statusCode ?? 0,
    headers: response.headers as Record<string, string>,
    body: JSON.parse(String(response.body)),
  };
}
