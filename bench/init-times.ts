// Module init as a cold start pays it: a fresh Node process imports a bundle (with the variables
// CDK gives the function) and reports how long the import took. The median of several runs.

import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../infra/bundling.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Bundles these entries with the functions' own options; answers each bundle's file. */
export async function bundleEntries(entries: Record<string, URL>): Promise<Record<string, string>> {
  const outdir = await mkdtemp(join(tmpdir(), 'bench-bundles-'));
  await build({ ...bundleOptions([], outdir), entryPoints: Object.fromEntries(Object.entries(entries).map(([name, url]) => [name, fileURLToPath(url)])), metafile: false });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.mjs`)]));
}

export function initMs(bundle: string, environment: Record<string, string>, runs = 15): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${bundle}`)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', ...environment }, encoding: 'utf8' });
    times.push(Number(out));
  }
  return median(times);
}
