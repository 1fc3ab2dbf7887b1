// API Gateway (HTTP API) on loopback: matches the routes of shared/schemas/routes.ts, checks the
// bearer token as the JWT authorizer would, builds the same payload-format-2.0 event, and calls
// the route's function.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse } from '../../shared/http/problem.js';
import { ROUTES, type RouteSpec } from '../../shared/schemas/routes.js';
import type { LocalLambda } from './lambda-runtime.js';
import { verifyLocalToken } from './tokens.js';

interface CompiledRoute {
  route: RouteSpec;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  send(res, problemResponse({ type: `/problems/${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail }));
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>) });
  res.end(result.body ?? '');
}

function singleValued(headers: IncomingMessage['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : String(value)]),
  );
}

export interface ApiGatewayLocal {
  url: string;
  stop(): Promise<void>;
}

export async function startApiGatewayLocal(options: {
  lambda: LocalLambda;
  port: number;
  /** Answers GET /health: true once every stand-in is up. */
  healthy: () => Promise<boolean>;
}): Promise<ApiGatewayLocal> {
  // As API Gateway does: a literal path segment wins over a {parameter} (GET /claims/summary).
  const compiled = ROUTES.map(compile).sort((a, b) => a.names.length - b.names.length);

  async function authorize(route: RouteSpec, headers: Record<string, string>) {
    if (route.roles.length === 0) return undefined;
    const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
    if (!match) return null;
    try {
      const claims = await verifyLocalToken(match[1]!);
      // API Gateway hands the claims on as strings.
      return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
    } catch {
      return null;
    }
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'GET' && url.pathname === '/health') {
        const ok = await options.healthy();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
        return;
      }
      const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
      const found = onPath.find((c) => c.route.method === method);
      if (!found) {
        if (onPath.length > 0) return problem(res, 405, 'Method not allowed', `${method} is not served on ${url.pathname}.`);
        return problem(res, 404, 'Not found', `No route ${method} ${url.pathname}.`);
      }
      const headers = singleValued(req.headers);
      const claims = await authorize(found.route, headers);
      if (claims === null) return problem(res, 401, 'Unauthorized', 'A valid bearer token is required (npm run --silent token -- <role> <id>).');

      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const values = found.pattern.exec(url.pathname)!.slice(1);
      const pathParameters = Object.fromEntries(found.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
      const query: Record<string, string> = {};
      for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
      const routeKey = `${found.route.method} ${found.route.path}`;
      const now = new Date();
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(found.names.length ? { pathParameters } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? '127.0.0.1',
          domainPrefix: 'local',
          http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(),
          routeKey,
          stage: '$default',
          time: now.toISOString(),
          timeEpoch: now.getTime(),
          authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
        },
        ...(chunks.length ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
        isBase64Encoded: false,
      };
      const result = (await options.lambda.invoke(found.route.handler, event)) as APIGatewayProxyStructuredResultV2;
      send(res, result);
    } catch (error) {
      // A function that throws past its own error handling is a bug; API Gateway answers 500 too.
      console.error('[api] unhandled', error);
      problem(res, 500, 'Internal error', 'The function failed.');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
