// The sections of docs/BENCHMARKS.md that the cost model by billing rules and the write log give:
// the cost beside its floor and the earlier model, what the goal would take, the fixed monthly
// costs, and every partition key's write rate at 1,000 orders a second.

import { billedCostPerMillion, fixedMonthly, type BilledUsage } from './cost-model.js';
import { LOG_LEVELS } from '../infra/log-levels.js';
import { PRICES } from './prices.js';
import type { WriteLog } from './write-log.js';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const GOAL = 1.3;

type Cost = ReturnType<typeof billedCostPerMillion>;
const row = (label: string, c: Cost) =>
  `| ${label} | ${[c.stepFunctions, c.lambda, c.dynamodb, c.ses, c.api, c.events, c.logs, c.xray, c.total].map((v) => fmt(v)).join(' | ')} |`;

/** The levers that would bring the cost toward the goal, each with what it saves and the ratio it leaves. */
function levers(
  now: Cost,
  floor: Cost,
  options: { functionLogsAtWarn: number; expressSaving: number; dynamodbAtGoal: number },
) {
  const found = [
    { what: 'balance-refund claims on an Express workflow of their own', saves: options.expressSaving },
    { what: 'X-Ray off (or sampling errors only)', saves: now.xray },
    {
      what: `functions logging at WARN, not ${LOG_LEVELS.lambdaApplication} (infra/log-levels.ts)`,
      saves: now.logs - options.functionLogsAtWarn,
    },
    {
      what: 'DynamoDB’s write units down to 1.5× the floor’s (the write-unit goal)',
      saves: now.dynamodb - options.dynamodbAtGoal,
    },
  ].filter((lever) => lever.saves > 0.5);
  let total = now.total;
  return found.map((lever) => {
    total -= lever.saves;
    return `${lever.what}: −$${fmt(lever.saves)}, ${fmt(total / floor.total, 2)}× with the ones above`;
  });
}

export interface CostReport {
  now: BilledUsage;
  floor: BilledUsage;
  /** The earlier model's totals (DynamoDB's units as DynamoDB Local reports them). */
  old: { now: number; floor: number };
  /** Function log bytes per cancellation at WARN and above (the lines of level WARN or ERROR among those measured at INFO). */
  functionLogBytesAtWarn: number;
  /** What running balance claims on Express would save per 1M (the goals table's third row). */
  expressSaving: number;
}

export function costSection(report: CostReport): string {
  const now = billedCostPerMillion(report.now);
  const floor = billedCostPerMillion(report.floor);
  const ratio = now.total / floor.total;
  const met = ratio <= GOAL;
  const warnLogs = billedCostPerMillion({
    ...report.now,
    logBytes: { ...report.now.logBytes, application: report.functionLogBytesAtWarn },
  }).logs;
  const dynamodbAtGoal = billedCostPerMillion({
    ...report.now,
    writeUnits: Math.min(report.now.writeUnits, 1.5 * report.floor.writeUnits),
  }).dynamodb;
  const kb = (bytes: number) => fmt(bytes / 1024, 1);
  const logs = report.now.logBytes;
  return `## Modeled cost by billing rules, per 1M cancellations (USD)

Every service a cancellation uses, each by AWS's billing rules (us-east-1 list prices read
${PRICES.readOn}, bench/prices.ts): DynamoDB's write units computed from the items the code writes
(bench/write-log.ts), not DynamoDB Local's ConsumedCapacity; the events, the pipe, the archive (a
year) and the accounting queue; CloudWatch Logs (ingested, and kept 3 months, uncompressed: an upper
bound) at the deployed log levels; X-Ray. The floor by the same rules: its items' write units, its
one API request and Lambda invocation with their log lines, its three e-mails; no events, no trace.

| | Step Functions | Lambda | DynamoDB | SES | API | events | logs | X-Ray | total |
|---|---|---|---|---|---|---|---|---|---|
${row('now (Standard)', now)}
${row('floor', floor)}

- **${fmt(ratio, 2)}× the floor: the ${GOAL}× goal is ${met ? 'met' : 'not met'}.** The earlier model (DynamoDB's units as DynamoDB Local reports them; no events, archive, queue or X-Ray) gave $${fmt(report.old.now)} against $${fmt(report.old.floor)}, ${fmt(report.old.now / report.old.floor, 2)}×: DynamoDB Local's 4 × (1 + indexes) units for any transaction overstated the floor's writes more than ours.
${met ? '' : `- What it would take, each with those before it: ${levers(now, floor, { functionLogsAtWarn: warnLogs, expressSaving: report.expressSaving, dynamodbAtGoal }).join('; ')}.\n`}- From rules (exact for what the run did): DynamoDB's write units (${fmt(report.now.writeUnits, 1)} a cancellation, the floor ${fmt(report.floor.writeUnits, 1)}), state transitions, invocations, e-mails, API requests, events (${fmt(report.now.events, 2)} a cancellation, ${kb(report.now.eventBytes)} KB), the accounting queue's messages (${fmt(report.now.queuedEvents, 2)}).
- Measured locally: DynamoDB's read units (DynamoDB Local's ConsumedCapacity, which follows the 4 KB rule for reads), Lambda's duration (this machine, not AWS's), the functions' own log lines at ${LOG_LEVELS.lambdaApplication} (${kb(logs.application)} KB a cancellation; ${kb(report.functionLogBytesAtWarn)} KB of them WARN and above).
- Modeled from record shapes (bench/log-bytes.ts), at the deployed levels: Lambda's platform records at system level ${LOG_LEVELS.lambdaSystem} (${kb(logs.platform)} KB), Step Functions' execution log at ${LOG_LEVELS.stepFunctions} (${kb(logs.executions)} KB), the API's access log (${kb(logs.access)} KB); X-Ray, ${fmt(report.now.traces, 1)} traces a cancellation (each API request starts one; the workflow and its steps join it), all recorded at 1M cancellations a month (0.4 a second, under the default rule's reservoir of one a second; at a steady 20 a second and more, 5% of the rest would be).

Fixed, whatever the volume (a month):

| what | USD |
|---|---|
${fixedMonthly()
  .map((item) => `| ${item.what} | ${fmt(item.usd, 2)} |`)
  .join('\n')}
| Cognito, Plus tier (the user pool's feature plan), per monthly active user, none free | ${fmt(PRICES.cognitoPlusPerMau, 2)} (1,000 users: ${fmt(1000 * PRICES.cognitoPlusPerMau)}; 10,000: ${fmt(10_000 * PRICES.cognitoPlusPerMau)}) |
`;
}

/**
 * Every partition key pattern the registrations and the cancellations wrote, and the rate its
 * hottest key takes at 1,000 orders a second (every order of one seller: the bench's seller).
 */
type Landed = ReturnType<WriteLog['byPattern']>;

export function partitionSection(phases: {
  registered: { rows: Landed; count: number };
  cancelled: { rows: Landed; count: number };
}): string {
  const rows = new Map<
    string,
    { target: string; pattern: string; registered?: Landed[number]; cancelled?: Landed[number] }
  >();
  for (const [phase, { rows: landed }] of Object.entries(phases) as ['registered' | 'cancelled', { rows: Landed }][]) {
    for (const entry of landed) {
      const key = `${entry.target} ${entry.pattern}`;
      rows.set(key, { ...(rows.get(key) ?? { target: entry.target, pattern: entry.pattern }), [phase]: entry });
    }
  }
  const perItem = (entry: { units: number } | undefined, count: number) => (entry ? entry.units / count : 0);
  const table = [...rows.values()].map((r) => {
    const reg = phases.registered.count;
    const can = phases.cancelled.count;
    // One key per order, claim or buyer: it never takes more than its own item's writes.
    const perEntity =
      !r.pattern.endsWith('#<shard>') && /<(orderNo|claimId|buyerId|cartNo|id|bulkId|inquiryId)>/.test(r.pattern);
    const keys = Math.max(r.registered?.values ?? 0, r.cancelled?.values ?? 0);
    const rate = ((perItem(r.registered, reg) + perItem(r.cancelled, can)) / keys) * 1000;
    const hottest = ((r.registered?.hottest ?? 0) / reg + (r.cancelled?.hottest ?? 0) / can) * 1000;
    return { ...r, perEntity, keys, rate, hottest };
  });
  table.sort((a, b) => Number(a.perEntity) - Number(b.perEntity) || b.rate - a.rate);
  const worst = Math.max(...table.filter((r) => !r.perEntity).map((r) => r.rate));
  return `## Partition keys at 1,000 orders a second

From the benchmark's write log (bench/write-log.ts): every write the ${phases.registered.count} registrations and
${phases.cancelled.count} cancellations made, in write units by DynamoDB's billing rules, by the table's or an index's
partition key. The rate is what each key of a pattern takes when 1,000 orders a second are registered
and 1,000 cancelled, all of one seller (the worst case for a seller's keys): the units per order
spread over the pattern's keys (a list's shards, by a hash of each item's id: even, at 1,000 ids a
second, to a few percent); the last column is the busiest key of this run, whose few hundred orders
spread less evenly. A key serves about 1,000 units a second. Busiest: ${fmt(worst)}.

| index | partition key | keys seen | units per order registered | units per cancellation | units a second per key at 1,000/s | busiest key this run |
|---|---|---|---|---|---|---|
${table
  .map(
    (r) =>
      `| ${r.target} | \`${r.pattern}\` | ${r.keys} | ${fmt(perItem(r.registered, phases.registered.count), 2)} | ${fmt(perItem(r.cancelled, phases.cancelled.count), 2)} | ${r.perEntity ? 'one per order, claim or buyer: its own writes only' : fmt(r.rate)} | ${r.perEntity ? '—' : fmt(r.hottest)} |`,
  )
  .join('\n')}
`;
}
