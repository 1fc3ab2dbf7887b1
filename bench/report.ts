// docs/BENCHMARKS.md's cancellation sections, from one run of bench/cancellations.ts.

import { cpus, totalmem } from 'node:os';
import { LOG_LEVELS } from '../infra/log-levels.js';
import { BUNDLE_GOAL_BYTES, bundleMet, INIT_GOAL_RATIO, initCpuMet, initMet, weightTable } from './bundles-and-init.js';
import type { FunctionWeight } from './bundles-and-init.js';
import type { billedCostPerMillion } from './cost-model.js';
import type { InitTime } from './init-times.js';
import type { logBytesPerCancellation } from './log-bytes.js';
import { PRICES, type costPerMillion } from './prices.js';

type Cost = ReturnType<typeof costPerMillion>;
type BilledCost = ReturnType<typeof billedCostPerMillion>;

export interface CancellationRun {
  measured: number;
  transitions: { card: number; balance: number };
  tasks: { card: number; balance: number };
  cost: Cost;
  floorCost: Cost;
  mixedCost: number;
  capacity: { write: number; read: number; calls: Record<string, number> };
  floorCapacity: { write: number; read: number };
  e2e: { all: number; p95: number; card: number; balance: number };
  floorP50: number;
  lambdaCalls: number;
  lambdaSeconds: number;
  perFunction: string[];
  emails: number;
  apiRequests: number;
  throughput: number;
  logs: ReturnType<typeof logBytesPerCancellation>;
  logMessages: string;
  weights: { rows: FunctionWeight[]; emptyHandler: InitTime; cancelOrderParts: [string, number][] };
  load: { before: number[]; after: number[] };
  /** The cost by AWS's billing rules (bench/cost-model.ts), and its sections (bench/cost-report.ts). */
  rules: {
    cost: BilledCost;
    floorCost: BilledCost;
    writeUnits: number;
    floorWriteUnits: number;
    sections: string;
  };
}

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const INIT_ROUNDS = Number(process.env.BENCH_INIT_ROUNDS ?? 15);
const KiB = 1024;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');
/** USD per 1M cancellations for this many bytes each. */
const logCost = (bytes: number) => (bytes / 2 ** 30) * PRICES.logsPerGb * 1e6;
const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');

export function renderReport(r: CancellationRun): string {
  const { rows } = r.weights;
  const worstBundle = [...rows].sort((a, b) => b.bytes - b.floorBytes - (a.bytes - a.floorBytes))[0]!;
  const worstInit = [...rows].sort((a, b) => b.init.ms / b.floorInit.ms - a.init.ms / a.floorInit.ms)[0]!;
  const bundlesMet = rows.filter(bundleMet).length;
  const initsMet = rows.filter(initMet).length;
  const initsCpuMet = rows.filter(initCpuMet).length;
  const g = r.logs.groups;
  const tracesPerCancellation = r.apiRequests;
  const { rules } = r;
  return `# Benchmarks

\`npm run bench\` (bench/cancellations.ts), one process, one run. Seller cancellations end to end
through the HTTP API on the embedded local stack, ${CONCURRENCY} at a time, each timed from the POST
until its settle-claim execution has SUCCEEDED (notice e-mailed, order cancelled, refund paid,
claim completed, the buyer's two completion e-mails sent); half paid by card (the local gateway
confirms by signed webhook), half credited to the buyer's balance. Beside it, the floor: the same
cancellation's minimal DynamoDB and SES calls made directly against the same stand-ins
(bench/floor.ts). Local figures measure the code and the stand-ins, not AWS's network or cold starts.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}; load average (1, 5, 15 min) ${load(r.load.before)} before the init measurement, ${load(r.load.after)} after
- N = ${r.measured} measured (after ${2 * CONCURRENCY} to warm every function), concurrency = ${CONCURRENCY}
- Prices: AWS list prices, ${PRICES.region}, read ${PRICES.readOn} (bench/prices.ts)

## Against the goals

| measure | now | floor | ratio | goal | |
|---|---|---|---|---|---|
| state transitions per seller cancellation | card ${fmt(r.transitions.card, 1)}, balance ${fmt(r.transitions.balance, 1)} | 0 | — | ≤ 6 | ${met(Math.max(r.transitions.card, r.transitions.balance) <= 6)} |
| AWS cost per 1M cancellations by billing rules, every service (Standard) | $${fmt(rules.cost.total)} | $${fmt(rules.floorCost.total)} | ${ratio(rules.cost.total, rules.floorCost.total)} | ≤ 1.3× | ${met(rules.cost.total <= 1.3 * rules.floorCost.total)} |
| the earlier model (DynamoDB Local's units; no events, archive, queue or X-Ray) | $${fmt(r.cost.total)} | $${fmt(r.floorCost.total)} | ${ratio(r.cost.total, r.floorCost.total)} | ≤ 1.3× | ${met(r.cost.total <= 1.3 * r.floorCost.total)} |
| the same, balance claims on Express | $${fmt(r.mixedCost)} | $${fmt(r.floorCost.total)} | ${ratio(r.mixedCost, r.floorCost.total)} | ≤ 1.3× | ${met(r.mixedCost <= 1.3 * r.floorCost.total)} |
| DynamoDB write units per cancellation, by billing rules | ${fmt(rules.writeUnits, 1)} WRU | ${fmt(rules.floorWriteUnits, 1)} WRU | ${ratio(rules.writeUnits, rules.floorWriteUnits)} | ≤ 1.5× | ${met(rules.writeUnits <= 1.5 * rules.floorWriteUnits)} |
| the same as DynamoDB Local reports them (not billing) | ${fmt(r.capacity.write, 1)} WRU | ${fmt(r.floorCapacity.write, 1)} WRU | ${ratio(r.capacity.write, r.floorCapacity.write)} | — | |
| DynamoDB read units per cancellation | ${fmt(r.capacity.read, 1)} RRU | ${fmt(r.floorCapacity.read, 1)} RRU | ${ratio(r.capacity.read, r.floorCapacity.read)} | — | |
| local end-to-end p50 | ${fmt(r.e2e.all)} ms (card ${fmt(r.e2e.card)}, balance ${fmt(r.e2e.balance)}; p95 ${fmt(r.e2e.p95)}) | ${fmt(r.floorP50)} ms | ${ratio(r.e2e.all, r.floorP50)} | ≤ 1.5× | ${met(r.e2e.all <= 1.5 * r.floorP50)} |
| every function's bundle within its floor (its SDK clients alone) + 100 KiB | ${bundlesMet} of ${rows.length} met; furthest: ${worstBundle.name} ${fmt(worstBundle.bytes / KiB)} KiB | ${fmt(worstBundle.floorBytes / KiB)} KiB | +${fmt((worstBundle.bytes - worstBundle.floorBytes) / KiB)} KiB | ≤ floor + ${BUNDLE_GOAL_BYTES / KiB} KiB | ${met(bundlesMet === rows.length)} |
| every function's module init (fresh process, median) within 1.3× its floor's | ${initsMet} of ${rows.length} met (on CPU time: ${initsCpuMet}); furthest: ${worstInit.name} ${fmt(worstInit.init.ms, 1)} ms | ${fmt(worstInit.floorInit.ms, 1)} ms | ${ratio(worstInit.init.ms, worstInit.floorInit.ms)} | ≤ ${INIT_GOAL_RATIO}× | ${met(initsMet === rows.length)} |
| CloudWatch Logs per seller cancellation | ${fmt(r.logs.total)} bytes: $${fmt(logCost(r.logs.total), 2)} per 1M | — | — | reported | |

## Per cancellation

- Lambda invocations: ${fmt(r.lambdaCalls, 2)} (state-machine tasks: card ${fmt(r.tasks.card, 1)}, balance ${fmt(r.tasks.balance, 1)}; the rest are API calls: the POST and, for a card, the provider's webhook); ${fmt(r.lambdaSeconds * 1000)} ms of function time
- By function (invocations per cancellation, mean time each): ${r.perFunction.join('; ')}
- E-mails: ${fmt(r.emails, 2)}; API requests: ${fmt(r.apiRequests, 2)}
- DynamoDB calls over the run: ${Object.entries(r.capacity.calls)
    .map(([op, n]) => `${op} ${fmt(n / r.measured, 1)}`)
    .join(', ')} (per cancellation)
- Throughput: ${fmt(r.throughput, 1)} cancellations/s completed

## Modeled cost per 1M cancellations, the earlier model (USD)

| | Step Functions | Lambda | DynamoDB | SES | API | CloudWatch Logs | total |
|---|---|---|---|---|---|---|---|
| now (Standard) | ${fmt(r.cost.stepFunctions)} | ${fmt(r.cost.lambda)} | ${fmt(r.cost.dynamodb)} | ${fmt(r.cost.ses)} | ${fmt(r.cost.api)} | ${fmt(r.cost.logs, 2)} | ${fmt(r.cost.total)} |
| floor | 0 | ${fmt(r.floorCost.lambda)} | ${fmt(r.floorCost.dynamodb)} | ${fmt(r.floorCost.ses)} | ${fmt(r.floorCost.api)} | 0 | ${fmt(r.floorCost.total)} |

Lambda duration is the local function time, at 1024 MB on arm64; in AWS it would differ. Express
cannot wait on a task token, so a card refund's wait for the webhook keeps Standard; only
balance-refund claims could run on Express (as a definition of their own, without the wait), which the
third row of the goals models. X-Ray, not in the total: each API request starts a trace that the
workflow and its steps join, ${fmt(tracesPerCancellation, 2)} per cancellation: $${fmt(tracesPerCancellation * PRICES.xrayPerTrace * 1e6, 2)} per 1M
if every one is recorded, $${fmt(0.05 * tracesPerCancellation * PRICES.xrayPerTrace * 1e6, 2)} at Lambda's 5% past the first request each second.

${rules.sections}
## CloudWatch Logs per cancellation

At the levels the stack deploys (infra/log-levels.ts): Lambda application ${LOG_LEVELS.lambdaApplication}, Lambda system
${LOG_LEVELS.lambdaSystem}, Step Functions ${LOG_LEVELS.stepFunctions}. Each log event counts its UTF-8 bytes and 26 more.

| log group | bytes per cancellation | USD per 1M cancellations |
|---|---|---|
| the functions' own lines (measured: ${fmt(r.logs.linesPerCancellation, 2)} lines) | ${fmt(g.application)} | ${fmt(logCost(g.application), 2)} |
| Lambda's platform lines (modeled: start and report per invocation at system level INFO) | ${fmt(g.platform)} | ${fmt(logCost(g.platform), 2)} |
| Step Functions execution logs (modeled: one event per history event, no execution data) | ${fmt(g.executions)} | ${fmt(logCost(g.executions), 2)} |
| HTTP API access logs (modeled: one line per request) | ${fmt(g.access)} | ${fmt(logCost(g.access), 2)} |
| total | ${fmt(r.logs.total)} | ${fmt(logCost(r.logs.total), 2)} |

The functions' lines by message, per cancellation: ${r.logMessages}; their AWS calls (\`awsCalls\`)
are ${fmt(r.logs.awsCallsBytes)} bytes of them. At the other levels: Lambda's
platform lines would be ${fmt(r.logs.alternatives.platformAtInfo)} bytes at system level INFO; Step Functions' logs
${fmt(r.logs.alternatives.executionsAtAll)} bytes at ALL, ${fmt(r.logs.alternatives.executionsAtError)} at ERROR (failures only).

## Bundles and init

Every function beside its own floor: the AWS SDK clients it builds, bundled alone with the same
options and built as the function builds them (bench/bundle-floors.ts). Module init is the median
of ${INIT_ROUNDS} fresh processes per bundle, every bundle imported once per round (bench/init-times.ts).
An empty handler wearing the project's middlewares (bench/fixtures/empty-handler.ts) takes
${fmt(r.weights.emptyHandler.ms, 1)} ms (CPU ${fmt(r.weights.emptyHandler.cpuMs, 1)} ms). What stands between the functions and the goals, and the figures from before
the tracing library went and each function built only its own schemas: docs/DECISIONS.md, "Bundles".

The biggest parts of cancel-order: ${r.weights.cancelOrderParts
    .map(([name, bytes]) => `${name} ${fmt(bytes / KiB)} ` + `KiB`)
    .join(', ')}.

${weightTable(rows)}
`;
}
