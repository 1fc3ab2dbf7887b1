// Every function's bundle and module init beside its own floor (bench/bundle-floors.ts), measured
// side by side in one run. The goals: each bundle within 100 KiB of its floor's, each init within
// 1.3× its floor's.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING, bundleName, bundleOptions } from '../infra/bundling.js';
import { FUNCTIONS, type FunctionSpec } from '../infra/function-catalog.js';
import { environmentOf, type Deployment } from '../infra/function-environment.js';
import { bundleFloors, floorOf, outputOf } from './bundle-floors.js';
import { bundleEntries, initMedians, type InitTime } from './init-times.js';

const KiB = 1024;
export const BUNDLE_GOAL_BYTES = 100 * KiB;
export const INIT_GOAL_RATIO = 1.3;

export interface FunctionWeight {
  name: string;
  bytes: number;
  floor: string;
  floorBytes: number;
  init: InitTime;
  floorInit: InitTime;
}

/** Builds every function and its floor, then imports each in fresh processes, `rounds` times. */
/** What each function starts with: Lambda's variables and a deployment's settings (any values: init reads them). */
const RUNTIME = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'WARN',
};
const DEPLOYMENT: Deployment = {
  tableName: 't',
  noticeFromAddress: 'n@example.com',
  sesConfigurationSet: 'c',
  operatorEmail: 'o@example.com',
  paymentsEndpoint: 'https://p.example',
  paymentsWebhookSecretId: 's',
  workflowArn: () => 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
};

export async function measureBundlesAndInit(rounds: number, runtime = RUNTIME, deployment = DEPLOYMENT) {
  const outdir = join(tmpdir(), `bench-functions-${process.pid}`);
  const { metafile } = await build(bundleOptions(FUNCTIONS, outdir));
  const floors = new Map<string, string>();
  const functions = FUNCTIONS.map((spec) => {
    const output = outputOf(metafile!, bundleName(spec));
    const floor = floorOf(Object.keys(output.inputs));
    floors.set(floor.name, floor.source);
    return { spec, output, floor: floor.name };
  });
  const floorBytes = await bundleFloors(floors, outdir);
  const fixtures = await bundleEntries({ 'empty-handler': new URL('./fixtures/empty-handler.ts', import.meta.url) });
  // Started as Lambda starts each function (NODE_OPTIONS, as CDK sets it): floors and functions alike.
  const started = { ...runtime, NODE_OPTIONS: BUNDLING.nodeOptions };
  const environment = (spec: FunctionSpec) => ({ ...started, ...environmentOf(spec, deployment) });
  const init = initMedians(
    [
      ...functions.map(({ spec }) => {
        return { name: spec.name, file: join(outdir, `${bundleName(spec)}.mjs`), environment: environment(spec) };
      }),
      ...[...floors.keys()].map((name) => ({ name, file: join(outdir, `${name}.mjs`), environment: started })),
      { name: 'empty-handler', file: fixtures['empty-handler']!, environment: started },
    ],
    rounds,
  );
  const rows: FunctionWeight[] = functions.map(({ spec, output, floor }) => ({
    name: `${spec.kind}/${spec.name}`,
    bytes: output.bytes,
    floor,
    floorBytes: floorBytes.get(floor)!,
    init: init.get(spec.name)!,
    floorInit: init.get(floor)!,
  }));
  const cancelOrder = functions.find(({ spec }) => spec.name === 'cancel-order')!.output;
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(cancelOrder.inputs)) {
    const name = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(our code)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  const cancelOrderParts = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return { rows, emptyHandler: init.get('empty-handler')!, cancelOrderParts };
}

export const bundleMet = (row: FunctionWeight) => row.bytes <= row.floorBytes + BUNDLE_GOAL_BYTES;
export const initMet = (row: FunctionWeight) => row.init.ms <= INIT_GOAL_RATIO * row.floorInit.ms;
/** The same goal on CPU time, which a loaded machine hardly moves. */
export const initCpuMet = (row: FunctionWeight) => row.init.cpuMs <= INIT_GOAL_RATIO * row.floorInit.cpuMs;

/** The table of every function, worst first by how far its bundle is over its floor. */
export function weightTable(rows: FunctionWeight[]): string {
  const kib = (bytes: number) => (bytes / KiB).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const ms = (value: number) => value.toFixed(1);
  const sorted = [...rows].sort((a, b) => b.bytes - b.floorBytes - (a.bytes - a.floorBytes));
  const row = (r: FunctionWeight) => {
    const bundle = bundleMet(r) ? 'met' : `**not met** (+${kib(r.bytes - r.floorBytes - BUNDLE_GOAL_BYTES)})`;
    const ratio = `${(r.init.ms / r.floorInit.ms).toFixed(2)}×`;
    const cpu = `${ms(r.init.cpuMs)} / ${ms(r.floorInit.cpuMs)}: ${(r.init.cpuMs / r.floorInit.cpuMs).toFixed(2)}×`;
    const init = `${ms(r.init.ms)} | ${ms(r.floorInit.ms)} | ${ratio} | ${initMet(r) ? 'met' : '**not met**'} | ${cpu}`;
    const over = kib(r.bytes - r.floorBytes);
    return `| ${r.name} | ${kib(r.bytes)} | ${kib(r.floorBytes)} (${r.floor}) | ${over} | ${bundle} | ${init} |`;
  };
  return [
    '| function | bundle KiB | floor KiB | over floor KiB | bundle ≤ floor + 100 KiB ' +
      "| init ms | floor init ms | init ratio | init ≤ 1.3× | init CPU ms / floor's: ratio |",
    '|---|---|---|---|---|---|---|---|---|---|',
    ...sorted.map(row),
  ].join('\n');
}
