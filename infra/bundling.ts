// How every function is bundled: one set of esbuild options for the CDK stack, the local stack
// (which runs the same bundles) and the benchmark, so what is measured and tested is what deploys.

import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { functionEntry, type FunctionSpec } from './function-catalog.js';

export const BUNDLING = {
  format: 'esm',
  platform: 'node',
  // Node 20 syntax runs on the Lambda runtime (nodejs24.x) and on this machine's Node 20 alike.
  target: 'node20',
  minify: true,
  // Function and class names go with minification. Error names, which Retry and Catch match, do not:
  // every error class sets its own `name` (an error's name never came from its class's). Keeping
  // them cost every bundle ~25-30 KiB and its init a __name call per function (docs/BENCHMARKS.md).
  keepNames: false,
  // External maps: the bundle stays small, and stack traces still name the source. Without the
  // sources' text, which a stack trace never shows: a third of the size, parsed at every cold start.
  sourcemap: 'external',
  sourcesContent: false,
  /** What Lambda starts Node with: stack traces through the maps. */
  nodeOptions: '--enable-source-maps',
  mainFields: ['module', 'main'],
  // The SDK goes into the bundle: the lockfile pins what runs, not the runtime's copy.
  external: [] as string[],
  // Lambda's credentials are in the environment: the SDK's full default chain stays out
  // (infra/shims/lambda-credentials.ts).
  alias: {
    '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./shims/lambda-credentials.ts', import.meta.url)),
  },
  // ESM bundles of CommonJS dependencies need a require().
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;

export const bundleName = (fn: Pick<FunctionSpec, 'kind' | 'name'>) => `${fn.kind}-${fn.name}`;

/** esbuild's options for a set of functions, written as `<kind>-<name>.mjs` into `outdir`. */
export function bundleOptions(functions: Pick<FunctionSpec, 'kind' | 'name'>[], outdir: string): BuildOptions {
  return {
    entryPoints: Object.fromEntries(functions.map((fn) => [bundleName(fn), fileURLToPath(functionEntry(fn))])),
    bundle: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    format: BUNDLING.format,
    platform: BUNDLING.platform,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    keepNames: BUNDLING.keepNames,
    sourcemap: BUNDLING.sourcemap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.external],
    alias: { ...BUNDLING.alias },
    banner: { js: BUNDLING.banner },
    metafile: true,
    logLevel: 'warning',
  };
}

/** Bundles the functions into `outdir`; answers each bundle's file. */
export async function bundleFunctions(
  functions: Pick<FunctionSpec, 'kind' | 'name'>[],
  outdir: string,
): Promise<Map<string, string>> {
  await build(bundleOptions(functions, outdir));
  return new Map(functions.map((fn) => [fn.name, `${outdir}/${bundleName(fn)}.mjs`]));
}
