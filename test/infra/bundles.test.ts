// The function bundles as CDK deploys them (infra/bundling.ts), each against its budget: a bundle
// that grows past it, or takes in what it should not, fails here rather than in a cold start.
// The figures behind the budgets are in docs/BENCHMARKS.md (npm run bench).
import { build, type Metafile } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleName, bundleOptions } from '../../infra/bundling.js';
import { FUNCTIONS, type FunctionSpec } from '../../infra/function-catalog.js';
import { ROUTES } from '../../shared/schemas/routes.js';

const KiB = 1024;

/**
 * Per bundle, minified. What is left is the SDK (its core ~160 KiB and ~25–35 KiB per client), zod
 * (~100 KiB), Powertools (Logger ~25 KiB; idempotency and JMESPath ~40 KiB where a route changes
 * state) and our code. docs/BENCHMARKS.md has each function against its own floor.
 */
const BUDGET_BYTES = (spec: FunctionSpec): number => {
  // The document itself, which grows with the routes and their answers (46 routes: ~137 KiB as minified JSON;
  // the 47th, the seller's return window, took the bundle to 300.5 KiB, past the 300 it had).
  if (spec.name === 'openapi') return 310 * KiB;
  // Powertools' Logger and middy: the trigger checks two attributes without zod (shared/http/principal.ts).
  if (spec.name === 'add-role-claims') return 40 * KiB;
  // One more SDK client, Lambda's, for the account's concurrency (a bulk job's pace).
  if (spec.readsQuotas) return 570 * KiB;
  return 540 * KiB;
};

let outdir: string;
let metafile: Metafile;
beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'bundles-'));
  metafile = (await build(bundleOptions(FUNCTIONS, outdir))).metafile!;
}, 120_000);

const inputsOf = (spec: FunctionSpec) => {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(`/${bundleName(spec)}.mjs`))![1];
  return Object.keys(output.inputs);
};
const sizeOf = (spec: FunctionSpec) =>
  Object.entries(metafile.outputs).find(([file]) => file.endsWith(`/${bundleName(spec)}.mjs`))![1].bytes;

describe('function bundles', () => {
  it.each(FUNCTIONS)('$kind/$name is within its budget', (spec) => {
    expect(sizeOf(spec)).toBeLessThanOrEqual(BUDGET_BYTES(spec));
  });

  it.each(FUNCTIONS)(
    '$kind/$name carries no zod locale but English, no credential provider but the environment’s, no OpenAPI ' +
      'generator or answer schemas',
    (spec) => {
      const inputs = inputsOf(spec);
      expect(inputs.filter((file) => /zod\/.*locales\/(?!en\.js)/.test(file))).toEqual([]);
      expect(
        inputs.filter((file) => /@aws-sdk\/(credential-provider-(?!env)|nested-clients|token-providers)/.test(file)),
      ).toEqual([]);
      expect(inputs.filter((file) => file.includes('zod-to-openapi'))).toEqual([]);
      // The answers' schemas type the handlers and make the document; no function builds them at run time.
      expect(inputs.filter((file) => file.endsWith('shared/schemas/responses.ts'))).toEqual([]);
    },
  );

  it.each(FUNCTIONS)('$kind/$name carries no tracing library: Lambda’s and Step Functions’ own tracing do', (spec) => {
    // The X-Ray SDK's end of support is 2027-02-25 (docs/DECISIONS.md, "Tracing").
    const tracing = /node_modules\/(aws-xray-sdk|@aws-lambda-powertools\/tracer|@opentelemetry)/;
    expect(inputsOf(spec).filter((file) => tracing.test(file))).toEqual([]);
  });

  it('idempotency (Powertools idempotency and JMESPath) only in the functions of routes that change state', () => {
    const writers = new Set(
      ROUTES.filter((route) => route.method !== 'GET' && route.roles.length > 0).map((route) => route.handler),
    );
    for (const spec of FUNCTIONS) {
      const hasIt = inputsOf(spec).some((file) => file.includes('@aws-lambda-powertools/idempotency'));
      expect(hasIt, `${spec.kind}/${spec.name}`).toBe(spec.kind === 'api' && writers.has(spec.name));
    }
  });

  it('every error class of ours names itself: bundles keep no class names; Retry and Catch match error names', () => {
    const sources = (dir: URL): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.isDirectory()) return sources(new URL(`${entry.name}/`, dir));
        return entry.name.endsWith('.ts') ? [fileURLToPath(new URL(entry.name, dir))] : [];
      });
    const unnamed: string[] = [];
    for (const file of ['../../shared/', '../../functions/'].flatMap((dir) => sources(new URL(dir, import.meta.url)))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/class (\w+) extends \w*Error\b[^{]*\{/g)) {
        const body = text.slice(match.index + match[0].length, text.indexOf('\n}', match.index));
        if (!/\bname = |this\.name = /.test(body)) unnamed.push(match[1]!);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('source maps are external files, without the sources’ text (Node parses them at every cold start)', () => {
    for (const spec of FUNCTIONS) {
      const code = readFileSync(join(outdir, `${bundleName(spec)}.mjs`), 'utf8');
      expect(code).not.toContain('sourceMappingURL=data:');
      const mapFile = join(outdir, `${bundleName(spec)}.mjs.map`);
      const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(map.sources.length).toBeGreaterThan(0);
      expect(map.sourcesContent).toBeUndefined();
    }
    expect(readdirSync(outdir).filter((file) => file.endsWith('.map'))).toHaveLength(FUNCTIONS.length);
  });

  it('one version of each Powertools utility and of the SDK’s core', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const versions = (name: string) =>
      new Set(
        Object.entries(lock.packages)
          .filter(([path]) => path.endsWith(`node_modules/${name}`))
          .map(([, entry]) => entry.version),
      );
    for (const name of [
      '@aws-lambda-powertools/commons',
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/metrics',
      '@aws-lambda-powertools/idempotency',
      '@aws-lambda-powertools/parameters',
      '@smithy/core',
      '@aws-sdk/core',
    ]) {
      expect(versions(name).size, name).toBe(1);
    }
  });
});
