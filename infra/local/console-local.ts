// The console on the API's origin, locally: /console/ serves the page, its script (bundled with
// esbuild when the stack starts) and its style; POST /console/sign-in mints a token for a demo
// identity (in AWS the console signs in with Cognito's hosted UI instead). Nothing is fetched from
// outside the deployment: the content security policy allows this origin only.

import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, type Role } from '../../shared/app/access.js';
import { mintLocalToken } from './tokens.js';

const ROOT = new URL('../../console/', import.meta.url);
const SECURITY = { 'content-security-policy': "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'", 'x-content-type-options': 'nosniff' };

export interface ConsoleLocal {
  /** Answers a request under /console; false if it is not one. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export async function startConsoleLocal(): Promise<ConsoleLocal> {
  const bundle = await build({ entryPoints: [new URL('src/main.ts', ROOT).pathname], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, legalComments: 'none' });
  const files: Record<string, { type: string; body: Buffer | string }> = {
    '/console/': { type: 'text/html; charset=utf-8', body: await readFile(new URL('index.html', ROOT)) },
    '/console/main.js': { type: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]!.text },
    '/console/console.css': { type: 'text/css; charset=utf-8', body: await readFile(new URL('console.css', ROOT)) },
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
          res.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: '/problems/bad-request', title: 'Bad request', status: 400, detail: 'Sign in as {"role":"seller|buyer|operator","id":"…"}.' }));
          return true;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ token: await mintLocalToken(role as Role, id) }));
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
