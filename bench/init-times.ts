// Module init as a cold start pays it: a fresh Node process imports a bundle (with the variables
// CDK gives the function) and reports how long the import took, and the CPU time it used (every
// thread's: compiling and collecting run beside the main one). Every bundle is imported once per
// round, round after round, so that a change in the machine's load falls on all of them alike;
// each bundle's figures are the medians of its rounds. The CPU time hardly moves with the load of a
// shared machine, where the elapsed time can double.

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
  const entryPoints = Object.fromEntries(Object.entries(entries).map(([name, url]) => [name, fileURLToPath(url)]));
  await build({ ...bundleOptions([], outdir), entryPoints, metafile: false });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.mjs`)]));
}

export interface InitTime {
  /** Elapsed, ms. */
  ms: number;
  /** CPU time, ms. */
  cpuMs: number;
}

function importTime(bundle: string, environment: Record<string, string>): InitTime {
  const script = [
    'const c = process.cpuUsage(); const t = performance.now();',
    `await import(${JSON.stringify(`file://${bundle}`)});`,
    'const ms = performance.now() - t; const u = process.cpuUsage(c);',
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (u.user + u.system) / 1000 }));',
  ].join('\n');
  const env = { PATH: process.env.PATH ?? '', ...environment };
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  return JSON.parse(out) as InitTime;
}

export interface Bundle {
  name: string;
  file: string;
  environment: Record<string, string>;
}

/** The median init of each bundle over `rounds` rounds, each round importing every bundle once in a fresh process. */
export function initMedians(bundles: Bundle[], rounds: number): Map<string, InitTime> {
  const times = new Map<string, InitTime[]>(bundles.map((b) => [b.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const b of bundles) times.get(b.name)!.push(importTime(b.file, b.environment));
  }
  const medians = (values: InitTime[]) => {
    return { ms: median(values.map((v) => v.ms)), cpuMs: median(values.map((v) => v.cpuMs)) };
  };
  return new Map([...times].map(([name, values]) => [name, medians(values)]));
}
