// The console on the API's origin, locally: /console/ serves the page, its script (bundled with
// esbuild when the stack starts), its style and an empty config.json (no hosted UI); POST
// /console/sign-in mints a token for a demo identity (in AWS the console signs in with Cognito's
// hosted UI instead). Nothing is fetched from outside: the policy allows this origin only.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, type Role } from '../shared/app/common/access.js';
import { buildConsole, contentSecurityPolicy } from '../infra/console-build.js';
import { mintLocalToken } from './tokens.js';

// frame-ancestors only works as a header (in AWS, CloudFront's response headers policy).
const SECURITY = {
  'content-security-policy': `${contentSecurityPolicy()}; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
};

export interface ConsoleLocal {
  /** Answers a request under /console; false if it is not one. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export async function startConsoleLocal(): Promise<ConsoleLocal> {
  const built = buildConsole();
  const files: Record<string, { type: string; body: string }> = {
    '/console/': { type: 'text/html; charset=utf-8', body: built['index.html'] },
    '/console/main.js': { type: 'text/javascript; charset=utf-8', body: built['main.js'] },
    '/console/console.css': { type: 'text/css; charset=utf-8', body: built['console.css'] },
    // No hosted UI locally: the demo identities sign in, and the API is this origin.
    '/console/config.json': { type: 'application/json', body: '{}' },
  };
  return {
    async serve(req, res, url) {
      if (url.pathname !== '/console' && !url.pathname.startsWith('/console/')) return false;
      if (url.pathname === '/console/sign-in' && req.method === 'POST') {
        let raw = '';
        for await (const chunk of req) raw += chunk;
        const { role, id } = (() => {
          try {
            return JSON.parse(raw) as { role?: unknown; id?: unknown };
          } catch {
            return {};
          }
        })();
        if (!ROLES.includes(role as Role) || typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
          res.writeHead(400, { 'content-type': 'application/problem+json' }).end(
            JSON.stringify({
              type: '/problems/bad-request',
              title: 'Bad request',
              status: 400,
              detail: 'Sign in as {"role":"seller|buyer|operator","id":"…"}.',
            }),
          );
          return true;
        }
        res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify({ token: await mintLocalToken(role as Role, id) }));
        return true;
      }
      req.resume();
      if (url.pathname === '/console') {
        res.writeHead(308, { location: '/console/' }).end();
        return true;
      }
      const file = files[url.pathname];
      if (!file || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return true;
      }
      res.writeHead(200, { 'content-type': file.type, ...SECURITY }).end(file.body);
      return true;
    },
  };
}
