// npm run bench:bulk: a bulk cancellation of N orders (2,000 by default) on the local stack, under
// a new production account's quotas (SES 14 e-mails a second and 50,000 a day, Lambda 10 at once),
// and beside it S single seller cancellations of the same kind of order, in one process and one run.
//   - the job: submitted, approved by an operator (over 50 orders), its lines started at the pace
//     the account allows (read at run time), every order's settle-claim run to the end (half card,
//     confirmed by the gateway's webhook; half credited to the buyer's balance);
//   - its wall time beside its e-mails ÷ SES's rate, every claim's status, every e-mail's outcome
//     (none FAILED, none left PENDING), what SES and Lambda throttled;
//   - per order: state transitions, Lambda invocations and time, DynamoDB units, e-mails, API
//     requests, for the bulk path and the single path; and the modeled AWS cost of 10,000 each.
// Appends its section to docs/BENCHMARKS.md (replacing an earlier one).
//   BENCH_BULK_N=2000 BENCH_SINGLE_N=60 npm run bench:bulk

import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { FUNCTIONS } from '../infra/function-catalog.js';
import { startLocalStack } from '../local/stack.js';
import { mintLocalToken } from '../local/tokens.js';
import { emailOutcomes, memory, send } from './bulk-support.js';
import { startCapacityProxy } from './capacity-proxy.js';
import { inParallel, mailCount, mean } from './common.js';
import { BULK_FUNCTIONS, bulkReport, overheadOf, type BulkFigures } from './bulk-report.js';

const N = Number(process.env.BENCH_BULK_N ?? 2_000);
const SINGLE = Number(process.env.BENCH_SINGLE_N ?? 60);
/**
 * Claims whose histories are read: the last ones, which the local runner still keeps (it keeps 2,000 finished
 * executions).
 */
const RETAINED_SAMPLE = 1000;
/** A new account's 10 functions at once: the benchmark's own requests stay few. */
const CLIENT_CONCURRENCY = 3;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const NOTICE = {
  title: 'ご注文 {orderNo} 在庫切れのお詫び',
  body: '在庫切れのため、ご注文 {orderNo} をキャンセルさせていただきます。',
};

async function main() {
  let proxy: Awaited<ReturnType<typeof startCapacityProxy>> | undefined;
  const loadAtStart = loadavg()[0]!;
  // A new production account's quotas: the stack's defaults.
  const stack = await startLocalStack({
    apiPort: 0,
    reconcile: { everyMs: 3_600_000, afterSeconds: 3600 },
    // A card refund whose webhooks all met a throttled API is asked about after a minute (an hour in AWS).
    cardConfirmationWaitSeconds: 60,
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
  // What Lambda would bill: each invocation's run time, not its wait for a free local environment.
  const invocations = stack.lambda.runTimes;
  /** The benchmark's own progress polls are not the job's cost. */
  const BENCH_ONLY = new Set(['get-bulk-cancellation']);
  const settleArn = (claimId: string) =>
    `${stack.stepFunctions.stateMachineArn('settle-claim').replace(':stateMachine:', ':execution:')}:${claimId}`;
  const historyOf = async (executionArn: string) => {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  };
  const transitionsOf = (events: HistoryEvent[]) => events.filter((e) => e.type?.endsWith('StateEntered')).length;
  /** What a phase used, per order: Lambda, DynamoDB, e-mails, API requests (counted from zero at its start). */
  const usageSince = async (orders: number, mailsBefore: number) => {
    const all = [...invocations.entries()].filter(([name]) => !BENCH_ONLY.has(name));
    return {
      lambdaInvocations: all.reduce((sum, [, e]) => sum + e.count, 0) / orders,
      lambdaSeconds: all.reduce((sum, [, e]) => sum + e.ms, 0) / 1000 / orders,
      apiRequests:
        all
          .filter(([name]) => FUNCTIONS.find((fn) => fn.name === name)?.kind === 'api')
          .reduce((sum, [, e]) => sum + e.count, 0) / orders,
      // By DynamoDB's billing rules (bench/write-log.ts), not DynamoDB Local's ConsumedCapacity.
      writeUnits: proxy!.writes.writeUnits / orders,
      readUnits: proxy!.count.readUnits / orders,
      emails: ((await mailCount(stack.mailViewerUrl)) - mailsBefore) / orders,
      byFunction: all.map(([name, e]) => `${name} ${fmt(e.count / orders, 3)}×`).join(', '),
    };
  };
  try {
    const operator = await mintLocalToken('operator', 'OP-bench');
    const sellerId = 'S-bulk-bench';
    const seller = await mintLocalToken('seller', sellerId);
    const profile = await send('PUT', `${stack.apiUrl}/sellers/${sellerId}/profile`, operator, {
      storeName: 'Bulk bench',
      contactEmail: 'bulk-bench-seller@example.jp',
      language: 'ja',
    });
    if (profile.status !== 200 && profile.status !== 201) throw new Error(`seller profile: ${profile.status}`);
    const runId = Date.now().toString(36).toUpperCase();
    const register = (prefix: string, count: number) => {
      const orders = Array.from({ length: count }, (_, i) => ({
        orderNo: `${prefix}-${runId}-${i}`,
        card: i % 2 === 1,
      }));
      return inParallel(orders, CLIENT_CONCURRENCY, async ({ orderNo, card }) => {
        const registered = await send('POST', `${stack.apiUrl}/orders`, operator, {
          orderNo,
          cartNo: `CART-${orderNo}`,
          sellerId,
          buyer: { id: `B-${orderNo}`, email: `${prefix.toLowerCase()}-bench@example.jp`, country: 'JP' },
          item: { code: 'X-1', name: 'ベンチ', quantity: 1 },
          total: { amount: 1000, currency: 'JPY' },
          payment: { method: card ? 'CARD' : 'CONVENIENCE_STORE' },
        });
        if (registered.status !== 201) throw new Error(`register ${orderNo}: ${registered.status}`);
      }).then(() => orders);
    };
    console.log(`registering ${SINGLE + 20} + ${N} orders…`);
    const singles = await register('SG', SINGLE + 20);
    const bulkOrders = await register('BK', N);

    // ── Single cancellations, a few at a time, the first 20 to warm every function ──────────────
    const cancelOne = async ({ orderNo }: { orderNo: string }) => {
      const answer = await send('POST', `${stack.apiUrl}/orders/${orderNo}/cancellations`, seller, {
        reason: 'OUT_OF_STOCK',
        sellerMemo: '在庫切れのためキャンセルいたします。',
        notice: { title: `ご注文 ${orderNo} 在庫切れのお詫び`, body: NOTICE.body.replace('{orderNo}', orderNo) },
      });
      if (answer.status !== 202) throw new Error(`cancel ${orderNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.claimId as string;
    };
    await inParallel(singles.splice(0, 20), CLIENT_CONCURRENCY, async (order) => void (await cancelOne(order)));
    await stack.stepFunctions.idle();
    proxy!.reset();
    invocations.clear();
    let mails = await mailCount(stack.mailViewerUrl);
    const singleClaims: string[] = [];
    await inParallel(singles, CLIENT_CONCURRENCY, async (order) => void singleClaims.push(await cancelOne(order)));
    await stack.stepFunctions.idle();
    const single = await usageSince(singles.length, mails);
    const singleRuns = new Map(invocations);
    const singleTransitions = mean(
      await Promise.all(singleClaims.map(async (claimId) => transitionsOf(await historyOf(settleArn(claimId))))),
    );

    // ── The bulk job ───────────────────────────────────────────────────────────────────────────
    proxy!.reset();
    invocations.clear();
    stack.lambda.throttles.clear();
    mails = await mailCount(stack.mailViewerUrl);
    const sesBefore = ((await (await fetch(`${stack.sesEndpoint}/__sent`)).json()) as { throttled: number }).throttled;
    let peak = memory();
    const sampler = setInterval(() => {
      const now = memory();
      peak = { node: Math.max(peak.node, now.node), java: Math.max(peak.java, now.java) };
    }, 500);
    const t0 = performance.now();
    const submitted = await send('POST', `${stack.apiUrl}/bulk-cancellations`, seller, {
      orders: bulkOrders.map(({ orderNo }) => ({ orderNo })),
      reason: 'OUT_OF_STOCK',
      sellerMemo: '在庫切れのためキャンセルいたします。',
      notice: NOTICE,
    });
    const answeredMs = performance.now() - t0;
    if (submitted.status !== 202) throw new Error(`bulk: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const { bulkId } = submitted.body as { bulkId: string };
    if (submitted.body.status === 'AWAITING_APPROVAL') {
      const approved = await send('POST', `${stack.apiUrl}/bulk-cancellations/${bulkId}/approval`, operator, {
        decision: 'APPROVE',
      });
      if (approved.status !== 202) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
    }
    let job: Record<string, any> = {};
    for (let lastLog = 0; ; ) {
      job = (await send('GET', `${stack.apiUrl}/bulk-cancellations/${bulkId}`, seller)).body;
      if (['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED', 'REFUSED', 'CANCELLED'].includes(job.status)) break;
      if (performance.now() - lastLog > 10_000) {
        console.log(
          `${job.status}: ${job.done} done, ${job.failed} failed of ${job.total}, ` +
            `${fmt((performance.now() - t0) / 1000)} s`,
        );
        lastLog = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const linesMs = performance.now() - t0;
    // The job's own execution, read before thousands of claims' executions finish after it: the local
    // runner keeps the last 2,000 finished executions (Step Functions keeps them 90 days).
    const bulkExecution = `${stack.stepFunctions.stateMachineArn('bulk-cancellation').replace(':stateMachine:', ':execution:')}:${bulkId}`;
    let bulkStatus: string | undefined;
    for (let polls = 0; polls < 600; polls++) {
      ({ status: bulkStatus } = await sfn.send(new DescribeExecutionCommand({ executionArn: bulkExecution })));
      if (bulkStatus !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const bulkEvents = await historyOf(bulkExecution);
    await stack.stepFunctions.idle();
    const settledMs = performance.now() - t0;
    clearInterval(sampler);
    const bulk = await usageSince(N, mails);
    const bulkRuns = new Map(invocations);
    const throttled = {
      ses: ((await (await fetch(`${stack.sesEndpoint}/__sent`)).json()) as { throttled: number }).throttled - sesBefore,
      lambda: [...stack.lambda.throttles.values()].reduce((a, b) => a + b, 0),
    };
    const emails = await emailOutcomes(
      stack.dynamoDbEndpoint,
      stack.tableName,
      bulkOrders.map((o) => o.orderNo),
    );

    const claims: string[] = [];
    for (let cursor: string | null | undefined; ; ) {
      const page = (
        await send('GET', `${stack.apiUrl}/bulk-cancellations/${bulkId}${cursor ? `?cursor=${cursor}` : ''}`, seller)
      ).body;
      claims.push(...(page.claims as { claimId: string }[]).map((c) => c.claimId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    // The claims settled last, whose executions the local runner still keeps (half card, half balance).
    const sample = claims.slice(-Math.min(claims.length, RETAINED_SAMPLE));
    const claimStatuses: Record<string, number> = {};
    await inParallel(claims, CLIENT_CONCURRENCY, async (claimId) => {
      const status = (await send('GET', `${stack.apiUrl}/claims/${claimId}`, seller)).body.status as string;
      claimStatuses[status] = (claimStatuses[status] ?? 0) + 1;
    });
    const settled: { transitions: number; status: string }[] = [];
    await inParallel(sample, 16, async (claimId) => {
      const [events, { status }] = await Promise.all([
        historyOf(settleArn(claimId)),
        sfn.send(new DescribeExecutionCommand({ executionArn: settleArn(claimId) })),
      ]);
      settled.push({ transitions: transitionsOf(events), status: status ?? 'UNKNOWN' });
    });
    const orchestration = transitionsOf(bulkEvents) / N;
    const bulkTransitions = mean(settled.map((s) => s.transitions)) + orchestration;

    const report = bulkReport({
      orders: N,
      singles: singles.length,
      clientConcurrency: CLIENT_CONCURRENCY,
      quotas: stack.quotas,
      loadAtStart,
      job: { ...job, bulkId } as BulkFigures['job'],
      execution: { status: bulkStatus, historyEvents: bulkEvents.length },
      claimStatuses,
      settled,
      emails,
      throttled,
      times: { answeredMs, linesMs, settledMs },
      peak,
      bulk: { transitions: bulkTransitions, orchestration: 'standard', ...bulk },
      single: { transitions: singleTransitions, orchestration: 'standard', ...single },
      byFunction: { bulk: bulk.byFunction, single: single.byFunction },
      overhead: {
        bulk: overheadOf(BULK_FUNCTIONS, N, orchestration, bulkRuns),
        single: overheadOf(['cancel-order'], singles.length, 0, singleRuns),
      },
    });
    const path = new URL('../docs/BENCHMARKS.md', import.meta.url);
    const existing = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
    const kept = existing.split('\n## Bulk cancellation\n')[0]!.trimEnd();
    await writeFile(path, `${kept}\n\n${report}`);
    console.log(report);
  } finally {
    sfn.destroy();
    await stack.stepFunctions.idle();
    await stack.stop();
    await proxy?.stop();
  }
}

await main();
