// npm run bench: what a seller cancellation costs, beside its floor, in one process and one run.
//   - N cancellations end to end through the HTTP API on the local stack, C at a time (half paid by
//     card, confirmed by the gateway's webhook; half credited to the buyer's balance), timed from
//     the POST until the settle-claim execution has SUCCEEDED;
//   - the floor: the minimal DynamoDB and SES calls of the same cancellation, made directly
//     against the same stand-ins (bench/floor.ts), at the same concurrency;
//   - DynamoDB write and read units of both, counted by a proxy (bench/capacity-proxy.ts);
//   - state transitions and Lambda invocations per cancellation, from the execution histories;
//   - the CloudWatch Logs bytes of a cancellation, at the deployed log levels (bench/log-bytes.ts);
//   - every function's bundle and module init beside its own floor, its SDK clients alone
//     (bench/bundles-and-init.ts);
//   - the modeled AWS cost per 1M cancellations (bench/prices.ts), Standard and Express.
// Writes docs/BENCHMARKS.md with every ratio and its goal.
//   BENCH_N=200 BENCH_CONCURRENCY=10 BENCH_INIT_ROUNDS=15 npm run bench

import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { FUNCTIONS } from '../infra/function-catalog.js';
import { LOG_LEVELS } from '../infra/log-levels.js';
import { RAISED_ACCOUNT } from '../local/quotas.js';
import { startLocalStack } from '../local/stack.js';
import { mintLocalToken } from '../local/tokens.js';
import { ROUTES } from '../shared/schemas/routes.js';
import { measureBundlesAndInit } from './bundles-and-init.js';
import { startCapacityProxy } from './capacity-proxy.js';
import { send } from './bulk-support.js';
import { countInvocations, inParallel, mailCount, mean, percentile, tasksOf, transitionsOf } from './common.js';
import { billedCostPerMillion, billedUsage, floorUsage } from './cost-model.js';
import { costSection, partitionSection } from './cost-report.js';
import { runFloor } from './floor.js';
import { logBytesPerCancellation, topMessages } from './log-bytes.js';
import { costPerMillion, type Usage } from './prices.js';
import { renderReport } from './report.js';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const INIT_ROUNDS = Number(process.env.BENCH_INIT_ROUNDS ?? 15);

async function main() {
  let proxy: Awaited<ReturnType<typeof startCapacityProxy>> | undefined;
  // The functions' lines, kept only while the measured cancellations run.
  const logLines: string[] = [];
  let keepingLines = false;
  const stack = await startLocalStack({
    apiPort: 0,
    // At the level deployed functions log at: what they write is what CloudWatch would ingest.
    logLevel: LOG_LEVELS.lambdaApplication,
    log: (line) => {
      if (keepingLines) logLines.push(line);
    },
    // The reconciler stays out of the measurement: nothing is stale in a run this short.
    reconcile: { everyMs: 3_600_000, afterSeconds: 3600 },
    cardConfirmationWaitSeconds: 60,
    // Ten at a time is over a new account's 10 functions and 14 e-mails a second: this measures a
    // cancellation's cost and time, on an account whose quotas were raised (bench/bulk.ts keeps to a new one's).
    quotas: RAISED_ACCOUNT,
    dynamoDbProxy: async (endpoint) => {
      proxy = await startCapacityProxy(endpoint);
      return proxy.endpoint;
    },
  });
  const sfn = new SFNClient({
    endpoint: stack.stepFunctionsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Every invocation, counted and timed, whoever makes it (the API gateway, the workflows).
  const invocations = countInvocations(stack.lambda);
  try {
    const operator = await mintLocalToken('operator', 'OP-bench');
    const seller = await mintLocalToken('seller', 'S-bench');
    const profile = await send('PUT', `${stack.apiUrl}/sellers/S-bench/profile`, operator, {
      storeName: 'Bench',
      contactEmail: 'bench-seller@example.jp',
      language: 'ja',
    });
    if (profile.status !== 200 && profile.status !== 201) throw new Error(`seller profile: ${profile.status}`);
    const runId = Date.now().toString(36).toUpperCase();
    const orders = Array.from({ length: N }, (_, i) => ({ orderNo: `B-${runId}-${i}`, card: i % 2 === 1 }));
    proxy!.reset();
    await inParallel(orders, CONCURRENCY, async ({ orderNo, card }) => {
      const registered = await send('POST', `${stack.apiUrl}/orders`, operator, {
        orderNo,
        cartNo: `CART-${orderNo}`,
        sellerId: 'S-bench',
        buyer: { id: `B-bench-${orderNo}`, email: 'bench@example.jp', country: 'JP' },
        item: { code: 'X-1', name: 'ベンチ', quantity: 1 },
        total: { amount: 1000, currency: 'JPY' },
        payment: { method: card ? 'CARD' : 'CONVENIENCE_STORE' },
      });
      if (registered.status !== 201) throw new Error(`register ${orderNo}: ${registered.status}`);
    });
    const registrations = proxy!.writes.byPattern();
    // Warm every function once (a cold start is not what this measures), then count from zero.
    const warm = orders.splice(0, 2 * CONCURRENCY);
    const run = async (list: typeof orders, record: boolean) => {
      const done: { ms: number; card: boolean; claimId: string }[] = [];
      const started = performance.now();
      await inParallel(list, CONCURRENCY, async ({ orderNo, card }) => {
        const t0 = performance.now();
        const answer = await send('POST', `${stack.apiUrl}/orders/${orderNo}/cancellations`, seller, {
          reason: 'OUT_OF_STOCK',
          sellerMemo: '在庫切れのためキャンセルいたします。',
          notice: { title: '在庫切れのお詫び', body: '在庫切れのため、ご注文をキャンセルさせていただきます。' },
        });
        if (answer.status !== 202)
          throw new Error(`cancel ${orderNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
        const executionArn = `${stack.stepFunctions.stateMachineArn('settle-claim').replace(':stateMachine:', ':execution:')}:${answer.body.claimId}`;
        // Told in process when it ends: polling DescribeExecution would take CPU from what is measured.
        const status = await stack.stepFunctions.finished(executionArn);
        if (status !== 'SUCCEEDED') throw new Error(`${executionArn}: ${status}`);
        if (record) done.push({ ms: performance.now() - t0, card, claimId: answer.body.claimId as string });
      });
      return { done, seconds: (performance.now() - started) / 1000 };
    };
    await run(warm, false);
    await stack.stepFunctions.idle();
    proxy!.reset();
    invocations.clear();
    const mailsBefore = await mailCount(stack.mailViewerUrl);
    const eventsBefore = stack.events.list().length;
    keepingLines = true;
    const system = await run(orders, true);
    await stack.stepFunctions.idle();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last webhooks' retries, if any
    keepingLines = false;
    const measured = orders.length;
    const cancellations = proxy!.writes.byPattern();
    const rulesWriteUnits = proxy!.writes.writeUnits / measured;
    const published = stack.events.list().slice(eventsBefore);
    const capacity = {
      write: proxy!.count.writeUnits / measured,
      read: proxy!.count.readUnits / measured,
      calls: { ...proxy!.count.calls },
    };
    const emails = ((await mailCount(stack.mailViewerUrl)) - mailsBefore) / measured;
    const lambdaCalls = [...invocations.values()].reduce((sum, entry) => sum + entry.count, 0) / measured;
    const lambdaSeconds = [...invocations.values()].reduce((sum, entry) => sum + entry.ms, 0) / 1000 / measured;
    const perFunction = [...invocations.entries()].map(
      ([name, e]) => `${name} ${(e.count / measured).toFixed(2)}× ${(e.ms / e.count).toFixed(0)} ms`,
    );
    const apiRequests =
      [...invocations.entries()]
        .filter(([name]) => FUNCTIONS.find((fn) => fn.name === name)?.kind === 'api')
        .reduce((sum, [, e]) => sum + e.count, 0) / measured;

    const histories = await Promise.all(
      system.done.map(async ({ claimId, card }) => {
        const executionArn = `${stack.stepFunctions.stateMachineArn('settle-claim').replace(':stateMachine:', ':execution:')}:${claimId}`;
        const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        return { card, events, executionArn, ms: system.done.find((d) => d.claimId === claimId)!.ms };
      }),
    );
    const byKind = (card: boolean) => histories.filter((h) => h.card === card);
    const kinds = { card: byKind(true), balance: byKind(false) };
    const transitions = {
      card: mean(kinds.card.map((h) => transitionsOf(h.events))),
      balance: mean(kinds.balance.map((h) => transitionsOf(h.events))),
    };
    const tasks = {
      card: mean(kinds.card.map((h) => tasksOf(h.events))),
      balance: mean(kinds.balance.map((h) => tasksOf(h.events))),
    };
    const routeKeys = new Map(ROUTES.map((route) => [route.handler, `${route.method} ${route.path}`]));
    const requests = (fn: string, count: number) => Array<string>(count).fill(routeKeys.get(fn) ?? '');
    const logs = logBytesPerCancellation({
      appLines: logLines,
      invocations: lambdaCalls * measured,
      meanDurationMs: (lambdaSeconds * 1000) / lambdaCalls,
      apiRequests: [...invocations].flatMap(([fn, e]) => requests(fn, e.count)).filter(Boolean),
      executions: histories.map(({ executionArn, events }) => ({ executionArn, events })),
      cancellations: measured,
    });
    const msOf = (runs: { ms: number }[]) => runs.map((r) => r.ms);
    const e2e = {
      all: percentile(msOf(system.done), 50),
      p95: percentile(msOf(system.done), 95),
      card: percentile(msOf(kinds.card), 50),
      balance: percentile(msOf(kinds.balance), 50),
    };

    // The floor, against the same DynamoDB (through the same counting proxy) and SES.
    const floorOrders = Array.from({ length: measured }, (_, i) => `F-${runId}-${i}`);
    const { times: floorTimes, capacity: floorCapacity } = await runFloor(
      proxy!,
      stack.sesEndpoint,
      floorOrders,
      CONCURRENCY,
    );
    const floorP50 = percentile(floorTimes, 50);

    // Bundles and init, every function beside its own floor.
    const loadBefore = loadavg();
    const weights = await measureBundlesAndInit(INIT_ROUNDS);
    const loadAfter = loadavg();

    // Cost per 1M: the run's mix (half card, half balance), the floor, and Express for the part that may be
    // at-least-once.
    const usage: Usage = {
      ...{ transitions: mean([transitions.card, transitions.balance]), orchestration: 'standard' as const },
      ...{ lambdaInvocations: lambdaCalls, lambdaSeconds },
      ...{ writeUnits: capacity.write, readUnits: capacity.read, emails, apiRequests, logBytes: logs.total },
    };
    const cost = costPerMillion(usage);
    const floorCost = costPerMillion({
      transitions: 0,
      orchestration: 'none',
      lambdaInvocations: 1,
      lambdaSeconds: floorP50 / 1000,
      writeUnits: floorCapacity.write,
      readUnits: floorCapacity.read,
      emails: 3,
      apiRequests: 1,
    });
    // Express cannot wait on a task token: a card refund's wait for the webhook needs Standard.
    // Balance refunds have no wait: their settle-claim could run as Express (every step is idempotent).
    const mixedStepFunctions =
      costPerMillion({ ...usage, transitions: transitions.card }).stepFunctions / 2 +
      costPerMillion({ ...usage, orchestration: 'express', expressSeconds: e2e.balance / 1000 }).stepFunctions / 2;
    const mixedCost = cost.total - cost.stepFunctions + mixedStepFunctions;

    // The same by billing rules, every service (bench/cost-model.ts); the floor's logs by the same model.
    const billed = billedUsage(usage, { writeUnits: rulesWriteUnits, published, measured, logs: logs.groups });
    const floorLogs = logBytesPerCancellation({
      ...{ appLines: [], invocations: 1, meanDurationMs: floorP50, executions: [], cancellations: 1 },
      apiRequests: [routeKeys.get('cancel-order') ?? ''],
    });
    const billedFloor = floorUsage({
      ...{ lambdaSeconds: floorP50 / 1000, writeUnits: floorCapacity.rules, readUnits: floorCapacity.read },
      logs: floorLogs.groups,
    });
    const warnLines = logLines.filter((line) => /"level":"(WARN|ERROR|CRITICAL)"/.test(line));
    const rulesSections = [
      costSection({
        ...{ now: billed, floor: billedFloor, old: { now: cost.total, floor: floorCost.total } },
        functionLogBytesAtWarn: warnLines.reduce((sum, line) => sum + Buffer.byteLength(line) + 26, 0) / measured,
        expressSaving: cost.total - mixedCost,
      }),
      partitionSection({
        registered: { rows: registrations, count: N },
        cancelled: { rows: cancellations, count: measured },
      }),
    ].join('\n');
    const rules = {
      ...{ cost: billedCostPerMillion(billed), floorCost: billedCostPerMillion(billedFloor) },
      ...{ writeUnits: rulesWriteUnits, floorWriteUnits: floorCapacity.rules, sections: rulesSections },
    };
    const report = renderReport({
      rules,
      ...{ measured, transitions, tasks, cost, floorCost, mixedCost, capacity, floorCapacity, e2e, floorP50 },
      ...{ lambdaCalls, lambdaSeconds, perFunction, emails, apiRequests, throughput: measured / system.seconds },
      ...{ logs, logMessages: topMessages(logLines, measured), weights },
      load: { before: loadBefore, after: loadAfter },
    });
    // The sections of bench/after-delivery.ts and bench/bulk.ts are kept until they are written again.
    const path = new URL('../docs/BENCHMARKS.md', import.meta.url);
    const existing = await readFile(path, 'utf8').catch(() => '');
    const starts = ['\n## Returns and non-receipt beside a cancellation\n', '\n## Bulk cancellation\n']
      .map((heading) => existing.indexOf(heading))
      .filter((at) => at >= 0);
    const kept = starts.length > 0 ? existing.slice(Math.min(...starts) + 1) : '';
    await writeFile(path, kept ? `${report.trimEnd()}\n\n${kept}` : report);
    console.log(report);
  } finally {
    sfn.destroy();
    await stack.stepFunctions.idle();
    await stack.stop();
    await proxy?.stop();
  }
}

await main();
