// npm run bench: what a seller cancellation costs, beside its floor, in one process and one run.
//   - N cancellations end to end through the HTTP API on the local stack, C at a time (half paid by
//     card, confirmed by the gateway's webhook; half credited to the buyer's balance), timed from
//     the POST until the settle-claim execution has SUCCEEDED;
//   - the floor: the minimal DynamoDB and SES calls of the same cancellation, made directly
//     against the same stand-ins (bench/floor.ts), at the same concurrency;
//   - DynamoDB write and read units of both, counted by a proxy (bench/capacity-proxy.ts);
//   - state transitions and Lambda invocations per cancellation, from the execution histories;
//   - function bundle sizes, and module init against an empty middy handler and the SDK clients alone;
//   - the modeled AWS cost per 1M cancellations (bench/prices.ts), Standard and Express.
// Writes docs/BENCHMARKS.md with every ratio and its goal (issue: lean workflows).
//   BENCH_N=200 BENCH_CONCURRENCY=10 npm run bench

import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleName, bundleOptions } from '../infra/bundling.js';
import { FUNCTIONS, functionNamed } from '../infra/function-catalog.js';
import { environmentOf } from '../infra/function-environment.js';
import { RAISED_ACCOUNT } from '../infra/local/quotas.js';
import { LOCAL_TABLE, startLocalStack } from '../infra/local/stack.js';
import { mintLocalToken } from '../infra/local/tokens.js';
import { startCapacityProxy } from './capacity-proxy.js';
import { inParallel, mailCount, mean } from './common.js';
import { floorCancellation, floorClients, seedFloorOrder } from './floor.js';
import { bundleEntries, initMs } from './init-times.js';
import { billedCostPerMillion, billedUsage, floorUsage, logBytes } from './cost-model.js';
import { costSection, partitionSection } from './cost-report.js';
import { costPerMillion, PRICES, type Usage } from './prices.js';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const KiB = 1024;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};


async function post(url: string, token: string, body: unknown, method = 'POST') {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Every function's bundle and what is in it: size, and the biggest packages of cancel-order. */
async function bundles() {
  const outdir = join(tmpdir(), `bench-functions-${process.pid}`);
  const { metafile } = await build(bundleOptions(FUNCTIONS, outdir));
  const sizes = FUNCTIONS.map((fn) => ({ name: `${fn.kind}/${fn.name}`, bytes: Object.entries(metafile!.outputs).find(([file]) => file.endsWith(`/${bundleName(fn)}.mjs`))![1].bytes }));
  const cancelOrder = Object.entries(metafile!.outputs).find(([file]) => file.endsWith('/api-cancel-order.mjs'))![1];
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(cancelOrder.inputs)) {
    const name = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(our code)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return { sizes, outdir, cancelOrderPackages: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8) };
}

async function main() {
  let proxy: Awaited<ReturnType<typeof startCapacityProxy>> | undefined;
  // The functions' own log lines, at the level they log at in AWS (Powertools' INFO): their bytes are CloudWatch Logs' bill.
  const logged = logBytes();
  const stack = await startLocalStack({
    apiPort: 0,
    // The reconciler stays out of the measurement: nothing is stale in a run this short.
    reconcile: { everyMs: 3_600_000, afterSeconds: 3600 },
    cardConfirmationWaitSeconds: 60,
    // Ten at a time is over a new account's 10 functions and 14 e-mails a second: this measures a
    // cancellation's cost and time, on an account whose quotas were raised (bench/bulk.ts keeps to a new one's).
    quotas: RAISED_ACCOUNT,
    logLevel: 'INFO',
    log: logged.count,
    dynamoDbProxy: async (endpoint) => {
      proxy = await startCapacityProxy(endpoint);
      return proxy.endpoint;
    },
  });
  const sfn = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // Every invocation, counted and timed, whoever makes it (the API gateway, the workflows).
  const invocations = new Map<string, { count: number; ms: number }>();
  const invoke = stack.lambda.invoke.bind(stack.lambda);
  stack.lambda.invoke = async (name: string, payload: unknown) => {
    const t0 = performance.now();
    try {
      return await invoke(name, payload);
    } finally {
      const entry = invocations.get(name) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - t0;
      invocations.set(name, entry);
    }
  };
  try {
    const operator = await mintLocalToken('operator', 'OP-bench');
    const seller = await mintLocalToken('seller', 'S-bench');
    const profile = await post(`${stack.apiUrl}/sellers/S-bench/profile`, operator, { storeName: 'Bench', contactEmail: 'bench-seller@example.jp', language: 'ja' }, 'PUT');
    if (profile.status !== 200 && profile.status !== 201) throw new Error(`seller profile: ${profile.status}`);
    const runId = Date.now().toString(36).toUpperCase();
    const orders = Array.from({ length: N }, (_, i) => ({ orderNo: `B-${runId}-${i}`, card: i % 2 === 1 }));
    proxy!.reset();
    await inParallel(orders, CONCURRENCY, async ({ orderNo, card }) => {
      const registered = await post(`${stack.apiUrl}/orders`, operator, {
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
        const answer = await post(`${stack.apiUrl}/orders/${orderNo}/cancellations`, seller, { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れのためキャンセルいたします。', notice: { title: '在庫切れのお詫び', body: '在庫切れのため、ご注文をキャンセルさせていただきます。' } });
        if (answer.status !== 202) throw new Error(`cancel ${orderNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
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
    logged.reset();
    const system = await run(orders, true);
    await stack.stepFunctions.idle();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last webhooks' retries, if any
    const measured = orders.length;
    const cancellations = proxy!.writes.byPattern();
    const rulesWriteUnits = proxy!.writes.writeUnits / measured;
    const published = stack.events.list().slice(eventsBefore);
    const functionLogs = { all: logged.bytes / measured, warn: logged.warnBytes / measured };
    const capacity = { write: proxy!.count.writeUnits / measured, read: proxy!.count.readUnits / measured, calls: { ...proxy!.count.calls } };
    const emails = ((await mailCount(stack.mailViewerUrl)) - mailsBefore) / measured;
    const lambdaCalls = [...invocations.values()].reduce((sum, entry) => sum + entry.count, 0) / measured;
    const lambdaSeconds = [...invocations.values()].reduce((sum, entry) => sum + entry.ms, 0) / 1000 / measured;
    const perFunction = [...invocations.entries()].map(([name, e]) => `${name} ${(e.count / measured).toFixed(2)}× ${(e.ms / e.count).toFixed(0)} ms`);
    const apiRequests = [...invocations.entries()].filter(([name]) => FUNCTIONS.find((fn) => fn.name === name)?.kind === 'api').reduce((sum, [, e]) => sum + e.count, 0) / measured;

    const histories = await Promise.all(
      system.done.map(async ({ claimId, card }) => {
        const executionArn = `${stack.stepFunctions.stateMachineArn('settle-claim').replace(':stateMachine:', ':execution:')}:${claimId}`;
        const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        return { card, events, ms: system.done.find((d) => d.claimId === claimId)!.ms };
      }),
    );
    const transitionsOf = (events: HistoryEvent[]) => events.filter((e) => e.type?.endsWith('StateEntered')).length;
    const tasksOf = (events: HistoryEvent[]) => events.filter((e) => e.type === 'LambdaFunctionScheduled' || e.type === 'TaskScheduled').length;
    const byKind = (card: boolean) => histories.filter((h) => h.card === card);
    const kinds = { card: byKind(true), balance: byKind(false) };
    const transitions = { card: mean(kinds.card.map((h) => transitionsOf(h.events))), balance: mean(kinds.balance.map((h) => transitionsOf(h.events))) };
    const tasks = { card: mean(kinds.card.map((h) => tasksOf(h.events))), balance: mean(kinds.balance.map((h) => tasksOf(h.events))) };
    const e2e = { all: percentile(system.done.map((d) => d.ms), 50), p95: percentile(system.done.map((d) => d.ms), 95), card: percentile(kinds.card.map((h) => h.ms), 50), balance: percentile(kinds.balance.map((h) => h.ms), 50) };

    // The floor, against the same DynamoDB (through the same counting proxy) and SES.
    const floor = floorClients(proxy!.endpoint, stack.sesEndpoint);
    const floorOrders = Array.from({ length: measured }, (_, i) => `F-${runId}-${i}`);
    await inParallel(floorOrders.slice(0, 2 * CONCURRENCY), CONCURRENCY, async (orderNo) => {
      await seedFloorOrder(floor, LOCAL_TABLE, `warm-${orderNo}`);
      await floorCancellation(floor, LOCAL_TABLE, `warm-${orderNo}`, 'bench@example.jp');
    });
    await inParallel(floorOrders, CONCURRENCY, (orderNo) => seedFloorOrder(floor, LOCAL_TABLE, orderNo));
    proxy!.reset();
    const floorTimes: number[] = [];
    await inParallel(floorOrders, CONCURRENCY, async (orderNo) => {
      const t0 = performance.now();
      await floorCancellation(floor, LOCAL_TABLE, orderNo, 'bench@example.jp');
      floorTimes.push(performance.now() - t0);
    });
    const floorCapacity = { write: proxy!.count.writeUnits / measured, read: proxy!.count.readUnits / measured, rules: proxy!.writes.writeUnits / measured };
    floor.destroy();
    const floorP50 = percentile(floorTimes, 50);

    // Bundles and init.
    const built = await bundles();
    const fixtures = await bundleEntries({ 'empty-middy-handler': new URL('./fixtures/empty-handler.ts', import.meta.url), 'sdk-clients': new URL('./fixtures/sdk-clients.ts', import.meta.url) });
    const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' };
    const deployment = { tableName: 't', noticeFromAddress: 'n@example.com', sesConfigurationSet: 'c', operatorEmail: 'o@example.com', paymentsEndpoint: 'https://p.example', paymentsWebhookSecretId: 's', workflowArn: () => 'arn:aws:states:us-east-1:000000000000:stateMachine:x' };
    const init = {
      cancelOrder: initMs(join(built.outdir, 'api-cancel-order.mjs'), { ...env, ...environmentOf(functionNamed('cancel-order'), deployment) }),
      applyClaim: initMs(join(built.outdir, 'steps-apply-claim.mjs'), { ...env, ...environmentOf(functionNamed('apply-claim'), deployment) }),
      emptyHandler: initMs(fixtures['empty-middy-handler']!, env),
      sdkClients: initMs(fixtures['sdk-clients']!, env),
    };

    // Cost per 1M: the run's mix (half card, half balance), the floor, and Express for the part that may be at-least-once.
    const usage: Usage = { transitions: mean([transitions.card, transitions.balance]), orchestration: 'standard', lambdaInvocations: lambdaCalls, lambdaSeconds, writeUnits: capacity.write, readUnits: capacity.read, emails, apiRequests };
    const cost = costPerMillion(usage);
    const floorCost = costPerMillion({ transitions: 0, orchestration: 'none', lambdaInvocations: 1, lambdaSeconds: floorP50 / 1000, writeUnits: floorCapacity.write, readUnits: floorCapacity.read, emails: 3, apiRequests: 1 });
    // Express cannot wait on a task token: a card refund's wait for the webhook needs Standard.
    // Balance refunds have no wait: their settle-claim could run as Express (every step is idempotent).
    const mixedStepFunctions = costPerMillion({ ...usage, transitions: transitions.card }).stepFunctions / 2 + costPerMillion({ ...usage, orchestration: 'express', expressSeconds: e2e.balance / 1000 }).stepFunctions / 2;
    const mixedCost = cost.total - cost.stepFunctions + mixedStepFunctions;

    // The same by billing rules, every service (bench/cost-model.ts).
    const billed = billedUsage(usage, { writeUnits: rulesWriteUnits, published, measured, functionLogBytes: functionLogs.all, historyEvents: mean(histories.map((h) => h.events.length)) });
    const billedFloor = floorUsage({ lambdaSeconds: floorP50 / 1000, writeUnits: floorCapacity.rules, readUnits: floorCapacity.read });
    const billedCost = billedCostPerMillion(billed);
    const billedFloorCost = billedCostPerMillion(billedFloor);

    const biggest = [...built.sizes].sort((a, b) => b.bytes - a.bytes);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const met = (ok: boolean) => (ok ? 'met' : '**not met**');
    const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    const report = `# Benchmarks

\`npm run bench\` (bench/cancellations.ts), one process, one run. Seller cancellations end to end
through the HTTP API on the embedded local stack, ${CONCURRENCY} at a time, each timed from the POST
until its settle-claim execution has SUCCEEDED (notice e-mailed, order cancelled, refund paid,
claim completed, the buyer's two completion e-mails sent); half paid by card (the local gateway
confirms by signed webhook), half credited to the buyer's balance. Beside it, the floor: the same
cancellation's minimal DynamoDB and SES calls made directly against the same stand-ins
(bench/floor.ts). Local figures measure the code and the stand-ins, not AWS's network or cold starts.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}
- N = ${measured} measured (after ${2 * CONCURRENCY} to warm every function), concurrency = ${CONCURRENCY}
- Prices: AWS list prices, ${PRICES.region}, read ${PRICES.readOn} (bench/prices.ts)

## Against the goals

| measure | now | floor | ratio | goal | |
|---|---|---|---|---|---|
| state transitions per seller cancellation | card ${fmt(transitions.card, 1)}, balance ${fmt(transitions.balance, 1)} | 0 | — | ≤ 6 | ${met(Math.max(transitions.card, transitions.balance) <= 6)} |
| AWS cost per 1M cancellations by billing rules, every service (Standard) | $${fmt(billedCost.total)} | $${fmt(billedFloorCost.total)} | ${ratio(billedCost.total, billedFloorCost.total)} | ≤ 1.3× | ${met(billedCost.total <= 1.3 * billedFloorCost.total)} |
| the earlier model (DynamoDB Local's units; no events, logs, X-Ray) | $${fmt(cost.total)} | $${fmt(floorCost.total)} | ${ratio(cost.total, floorCost.total)} | ≤ 1.3× | ${met(cost.total <= 1.3 * floorCost.total)} |
| the same, balance claims on Express | $${fmt(mixedCost)} | $${fmt(floorCost.total)} | ${ratio(mixedCost, floorCost.total)} | ≤ 1.3× | ${met(mixedCost <= 1.3 * floorCost.total)} |
| DynamoDB write units per cancellation, by billing rules | ${fmt(rulesWriteUnits, 1)} WRU | ${fmt(floorCapacity.rules, 1)} WRU | ${ratio(rulesWriteUnits, floorCapacity.rules)} | ≤ 1.5× | ${met(rulesWriteUnits <= 1.5 * floorCapacity.rules)} |
| the same as DynamoDB Local reports them (not billing) | ${fmt(capacity.write, 1)} WRU | ${fmt(floorCapacity.write, 1)} WRU | ${ratio(capacity.write, floorCapacity.write)} | — | |
| DynamoDB read units per cancellation | ${fmt(capacity.read, 1)} RRU | ${fmt(floorCapacity.read, 1)} RRU | ${ratio(capacity.read, floorCapacity.read)} | — | |
| local end-to-end p50 | ${fmt(e2e.all)} ms (card ${fmt(e2e.card)}, balance ${fmt(e2e.balance)}; p95 ${fmt(e2e.p95)}) | ${fmt(floorP50)} ms | ${ratio(e2e.all, floorP50)} | ≤ 1.5× | ${met(e2e.all <= 1.5 * floorP50)} |
| largest function bundle | ${fmt(biggest[0]!.bytes / KiB)} KiB (${biggest[0]!.name}) | — | — | ≤ 200 KB | ${met(biggest[0]!.bytes <= 200_000)} |
| module init, cancel-order (fresh process, median) | ${fmt(init.cancelOrder, 1)} ms | ${fmt(init.sdkClients, 1)} ms (its SDK clients alone) | ${ratio(init.cancelOrder, init.sdkClients)} | ≤ 1.3× | ${met(init.cancelOrder <= 1.3 * init.sdkClients)} |

## Per cancellation

- Lambda invocations: ${fmt(lambdaCalls, 2)} (state-machine tasks: card ${fmt(tasks.card, 1)}, balance ${fmt(tasks.balance, 1)}; the rest are API calls: the POST and, for a card, the provider's webhook); ${fmt(lambdaSeconds * 1000)} ms of function time
- By function (invocations per cancellation, mean time each): ${perFunction.join('; ')}
- E-mails: ${fmt(emails, 2)}; API requests: ${fmt(apiRequests, 2)}
- DynamoDB calls over the run: ${Object.entries(capacity.calls).map(([op, n]) => `${op} ${fmt(n / measured, 1)}`).join(', ')} (per cancellation)
- Throughput: ${fmt(measured / system.seconds, 1)} cancellations/s completed

## Modeled cost per 1M cancellations, the earlier model (USD)

| | Step Functions | Lambda | DynamoDB | SES | API | total |
|---|---|---|---|---|---|---|
| now (Standard) | ${fmt(cost.stepFunctions)} | ${fmt(cost.lambda)} | ${fmt(cost.dynamodb)} | ${fmt(cost.ses)} | ${fmt(cost.api)} | ${fmt(cost.total)} |
| floor | 0 | ${fmt(floorCost.lambda)} | ${fmt(floorCost.dynamodb)} | ${fmt(floorCost.ses)} | ${fmt(floorCost.api)} | ${fmt(floorCost.total)} |

Lambda duration is the local function time, at 1024 MB on arm64; in AWS it would differ. Express
cannot wait on a task token, so a card refund's wait for the webhook keeps Standard; only
balance-refund claims could run on Express (as a definition of their own, without the wait), which the
third row of the goals models.

${costSection({ now: billed, floor: billedFloor, old: { now: cost.total, floor: floorCost.total }, functionLogBytesAtWarn: functionLogs.warn, expressSaving: cost.total - mixedCost })}
${partitionSection({ registered: { rows: registrations, count: N }, cancelled: { rows: cancellations, count: measured } })}
## Bundles and init

Module init, median of 15 fresh processes: cancel-order ${fmt(init.cancelOrder, 1)} ms, apply-claim
${fmt(init.applyClaim, 1)} ms; an empty middy handler ${fmt(init.emptyHandler, 1)} ms; cancel-order's
three SDK clients alone ${fmt(init.sdkClients, 1)} ms.

The biggest parts of cancel-order: ${built.cancelOrderPackages.map(([name, bytes]) => `${name} ${fmt(bytes / KiB)} KiB`).join(', ')}.

| function | KiB |
|---|---|
${biggest.map((s) => `| ${s.name} | ${fmt(s.bytes / KiB)} |`).join('\n')}
`;
    // The bulk section (bench/bulk.ts) is kept until that benchmark writes it again.
    const path = new URL('../docs/BENCHMARKS.md', import.meta.url);
    const bulkSection = (await readFile(path, 'utf8').catch(() => '')).split('\n## Bulk cancellation\n')[1];
    await writeFile(path, bulkSection ? `${report.trimEnd()}\n\n## Bulk cancellation\n${bulkSection}` : report);
    console.log(report);
  } finally {
    sfn.destroy();
    await stack.stepFunctions.idle();
    await stack.stop();
    await proxy?.stop();
  }
}


await main();
