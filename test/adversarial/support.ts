// What the adversarial suite shares: its size (small in npm test, full in npm run adversarial), a
// seed to replay a run, and where each part leaves its figures for docs/ADVERSARIAL.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ROUTES } from '../../shared/schemas/routes.js';
import { inject } from 'vitest';
import { token } from '../support/http.js';

export const FULL = process.env.ADVERSARIAL === 'full';
export const SEED = Number(process.env.ADVERSARIAL_SEED ?? 20261129);

/**
 * The size of a part: `small` in npm test, `full` in npm run adversarial, or `ADVERSARIAL_CASES` when
 * given (one part at a size in between: a check that a reverted fix is caught).
 */
export const size = (small: number, full: number) =>
  process.env.ADVERSARIAL_CASES ? Number(process.env.ADVERSARIAL_CASES) : FULL ? full : small;

const resultsDir = fileURLToPath(new URL('../../.local/adversarial/', import.meta.url));

/** The figures of one part of a run, for the report. */
export function record(part: string, figures: Record<string, unknown>): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    `${resultsDir}${part}.json`,
    JSON.stringify({ part, full: FULL, seed: SEED, at: new Date().toISOString(), ...figures }, null, 2),
  );
}

/** The body of an HTTP answer, and how long it took. */
export interface Answered {
  status: number;
  contentType: string;
  body: string;
  ms: number;
}

/** A request sent as it is: a path with what fetch would clean up, any content type, any body. */
export function rawRequest(
  apiUrl: string,
  request: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer },
  timeoutMs = 5000,
): Promise<Answered | 'HANG'> {
  const url = new URL(apiUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: request.path, method: request.method, headers: request.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString(),
            ms: Date.now() - started,
          }),
        );
        res.on('error', () => resolve({ status: 0, contentType: '', body: '', ms: Date.now() - started }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('HANG');
    });
    req.on('error', (error) =>
      resolve({ status: 0, contentType: '', body: String(error.message), ms: Date.now() - started }),
    );
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Runs `work` over the items, `concurrency` at a time. */
export async function inPool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * Every route's function started once, unmeasured: a cold start (compiling a bundle, seconds on a
 * busy 2-core machine running the whole suite, past a function's timeout when many start at once)
 * is Lambda's, not a request the system left hanging.
 */
export async function warmUp(): Promise<void> {
  await Promise.all(
    ROUTES.map(async (route) => {
      const path = route.path.replace(/\{[^}]+\}/g, 'WARM-UP-NONE');
      const as = route.roles[0] ? await token(route.roles[0], 'WARM-UP') : undefined;
      // Any answer will do, a cold start's timeout included: the next request meets a warmer machine.
      await fetch(`${inject('apiUrl')}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      }).then((answer) => answer.arrayBuffer());
    }),
  );
}
