// API Gateway (HTTP API) on loopback: matches the routes of shared/schemas/routes.ts, checks the
// bearer token as the JWT authorizer would, builds the same payload-format-2.0 event, and calls
// the route's function. Where API Gateway refuses a request before any function runs (a path it
// cannot decode, headers or a body over its limits), this refuses it too, with problem+json.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse } from '../shared/http/problem.js';
import { ROUTES, type RouteSpec } from '../shared/schemas/routes.js';
import type { ConsoleLocal } from './console-local.js';
import type { EventBusLocal } from './event-bus-local.js';
import { LOCAL_ACCOUNT, LOCAL_REGION, type LocalLambda } from './lambda-runtime.js';
import { TooManyRequestsError } from './lambda-sandbox.js';
import { verifyLocalToken } from './tokens.js';
import { listen } from './http.js';

/** HTTP API limits: request line and headers together 10,240 bytes; a payload of 10 MB. */
export const MAX_HEADER_BYTES = 10_240;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

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

function problemBody(status: number, title: string, detail: string) {
  return problemResponse({ type: `/problems/${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail });
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  send(res, problemBody(status, title, detail));
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

function headerBytes(req: IncomingMessage): number {
  let bytes = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    bytes += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return bytes;
}

/** The body, or undefined when it passes the limit (the rest is drained, not kept). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

/** As an HTTP API hands them out: base64, ending in '=' (AWS's payload 2.0 example: "JKJaXmPLvHcESHA="). */
export const awsRequestId = () => randomBytes(11).toString('base64');

/** An API id as API Gateway makes them: ten lowercase letters and digits. */
export const LOCAL_API_ID = 'l0ca1ap1id';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** requestContext.time, as AWS documents it: "12/Mar/2020:19:03:58 +0000". */
export function requestTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ` +
    `+0000`
  );
}

/** The JWT authorizer hands claims on as strings: numbers as their digits, arrays as "[a b]". */
export function claimsAsPassedOn(claims: Record<string, unknown>): Record<string, string> {
  const text = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? `[${value.map(text).join(' ')}]`
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, text(value)]));
}

export interface ApiGatewayLocal {
  url: string;
  stop(): Promise<void>;
}

/** Local only, on the API's origin: the integration events published so far, oldest first. */
function listEvents(res: ServerResponse, url: URL, bus: EventBusLocal): void {
  const filter = Object.fromEntries(
    ['type', 'subject', 'partitionkey'].map((name) => [name, url.searchParams.get(name) ?? undefined]),
  );
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(bus.list(filter)));
}

export async function startApiGatewayLocal(options: {
  lambda: LocalLambda;
  port: number;
  events?: EventBusLocal;
  console?: ConsoleLocal;
}): Promise<ApiGatewayLocal> {
  // As API Gateway does: a literal path segment wins over a {parameter} (GET /claims/summary).
  const compiled = ROUTES.map(compile).sort((a, b) => a.names.length - b.names.length);

  async function authorize(route: RouteSpec, headers: Record<string, string>) {
    if (route.roles.length === 0) return undefined;
    const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
    if (!match) return null;
    try {
      return claimsAsPassedOn(await verifyLocalToken(match[1]!));
    } catch {
      return null;
    }
  }

  const server: Server = createServer({ maxHeaderSize: 64 * 1024 }, async (req, res) => {
    try {
      if (headerBytes(req) > MAX_HEADER_BYTES) {
        req.resume();
        return problem(
          res,
          431,
          'Request headers too large',
          `The request line and headers come to ${headerBytes(req)} bytes; API Gateway takes ${MAX_HEADER_BYTES}.`,
        );
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        req.resume();
        return problem(res, 400, 'Bad request', 'The request target is not a valid path.');
      }
      const method = (req.method ?? 'GET').toUpperCase();
      // The console is served from the API's origin (in AWS: CloudFront in front of both).
      if (options.console && (await options.console.serve(req, res, url))) return;
      if (url.pathname === '/__events' && method === 'GET' && options.events) {
        req.resume();
        return listEvents(res, url, options.events);
      }
      const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
      const found = onPath.find((c) => c.route.method === method);
      if (!found) {
        req.resume();
        if (onPath.length > 0)
          return problem(res, 405, 'Method not allowed', `${method} is not served on ${url.pathname}.`);
        return problem(res, 404, 'Not found', `No route ${method} ${url.pathname}.`);
      }
      const values = found.pattern.exec(url.pathname)!.slice(1);
      let pathParameters: Record<string, string>;
      const query: Record<string, string> = {};
      try {
        pathParameters = Object.fromEntries(found.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
        for (const pair of url.search.slice(1).split('&').filter(Boolean)) {
          const [rawName, rawValue = ''] = pair.split('=');
          const name = decodeURIComponent(rawName!.replaceAll('+', ' '));
          const value = decodeURIComponent(rawValue.replaceAll('+', ' '));
          query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
        }
      } catch {
        req.resume();
        return problem(res, 400, 'Bad request', 'The path or query has a malformed percent-escape.');
      }
      const headers = singleValued(req.headers);
      const claims = await authorize(found.route, headers);
      if (claims === null) {
        req.resume();
        return problem(
          res,
          401,
          'Unauthorized',
          'A valid bearer token is required (npm run --silent token -- <role> <id>).',
        );
      }
      const body = await readBody(req);
      if (body === undefined)
        return problem(
          res,
          413,
          'Request body too large',
          `API Gateway takes a body of up to ${MAX_BODY_BYTES} bytes.`,
        );

      const routeKey = `${found.route.method} ${found.route.path}`;
      const now = new Date();
      // Payload format 2.0 as AWS documents it: cookies apart from the headers, the request time in
      // CLF, the authorizer only on a route that has one.
      const { cookie, ...otherHeaders } = headers;
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        ...(cookie ? { cookies: cookie.split(/;\s*/).filter(Boolean) } : {}),
        headers: otherHeaders,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(found.names.length ? { pathParameters } : {}),
        requestContext: {
          accountId: LOCAL_ACCOUNT,
          apiId: LOCAL_API_ID,
          domainName: `${LOCAL_API_ID}.execute-api.${LOCAL_REGION}.amazonaws.com`,
          domainPrefix: LOCAL_API_ID,
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: awsRequestId(),
          routeKey,
          stage: '$default',
          time: requestTime(now),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: claims.scope ? claims.scope.split(' ') : null } } } : {}),
        },
        // As API Gateway: a body that is not valid UTF-8 text arrives base64-encoded.
        ...(body.length
          ? isUtf8(body)
            ? { body: body.toString('utf8'), isBase64Encoded: false }
            : { body: body.toString('base64'), isBase64Encoded: true }
          : { isBase64Encoded: false }),
      } as APIGatewayProxyEventV2WithJWTAuthorizer;
      const result = (await options.lambda.invoke(found.route.handler, event)) as APIGatewayProxyStructuredResultV2;
      send(res, result);
    } catch (error) {
      // Lambda refused the invocation (the account's concurrency is used up): API Gateway answers
      // 500 with its own body, and does not retry (Lambda's guide, "Handling Lambda errors with an API Gateway API").
      if (error instanceof TooManyRequestsError) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: 'Internal Server Error' }));
        return;
      }
      // A function that throws past its own error handling is a bug; API Gateway answers 500 too.
      console.error('[api] unhandled', error);
      problem(res, 500, 'Internal error', 'The function failed.');
    }
  });
  // Whatever Node's parser refuses (a header past even its generous limit, a malformed request) gets problem+json, not
  // a bare status.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const answer = tooLarge
      ? problemBody(
          431,
          'Request headers too large',
          `API Gateway takes ${MAX_HEADER_BYTES} bytes of request line and headers.`,
        )
      : problemBody(400, 'Bad request', 'The request is not valid HTTP.');
    const body = answer.body ?? '';
    socket.end(
      `HTTP/1.1 ${answer.statusCode} ` +
        `${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: ` +
        `application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await listen(server, options.port);
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isUtf8(buffer: Buffer): boolean {
  return Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer);
}
