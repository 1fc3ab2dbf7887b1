// npm run bench:after-delivery: what a return and a non-receipt report cost beside a seller
// cancellation, counted as bench/cancellations.ts counts (bench/common.ts): the state transitions
// of every run a claim starts, from their execution histories; every Lambda invocation (API and
// workflow steps); DynamoDB units through the counting proxy; e-mails; API requests; and the
// modeled AWS cost per 1M by the same prices (bench/prices.ts, Standard workflows). Each claim is
// paid by convenience store and refunded to the buyer's balance, so none waits for a card gateway.
// Each flow runs N claims, C at a time, one step for all of them, then the next once every run
// waits again (its history quiet on a wait), as parties days apart would: the runs loop once per step.
// Writes its section into docs/BENCHMARKS.md (replacing an earlier one).
//   BENCH_N=10 BENCH_CONCURRENCY=5 npm run bench:after-delivery

import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { FUNCTIONS } from '../infra/function-catalog.js';
import { LOG_LEVELS } from '../infra/log-levels.js';
import { RAISED_ACCOUNT } from '../local/quotas.js';
import { startLocalStack } from '../local/stack.js';
import { mintLocalToken } from '../local/tokens.js';
import { send } from './bulk-support.js';
import { startCapacityProxy } from './capacity-proxy.js';
import { countInvocations, inParallel, mailCount, tasksOf, transitionsOf } from './common.js';
import { costPerMillion } from './prices.js';

const N = Number(process.env.BENCH_N ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 5);

type Party = 'seller' | 'buyer';
interface Step {
  by: Party;
  path: (orderNo: string, claimId: string) => string;
  body: Record<string, unknown>;
}
interface Flow {
  name: string;
  /** The order's state before the claim: paid and PREPARING, shipped, or delivered. */
  order: 'PREPARING' | 'IN_TRANSIT' | 'DELIVERED';
  steps: Step[];
  /** The state machines whose run, named after the claim, the claim starts. */
  runs: string[];
}

const claimStep = (by: Party, route: string, body: Record<string, unknown> = {}): Step => ({
  by,
  path: (_orderNo, claimId) => `/claims/${claimId}/${route}`,
  body,
});

const FLOWS: Flow[] = [
  {
    name: 'seller cancellation (balance refund)',
    order: 'PREPARING',
    runs: ['settle-claim'],
    steps: [
      {
        by: 'seller',
        path: (orderNo) => `/orders/${orderNo}/cancellations`,
        body: { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', notice: { title: 'お詫び', body: '在庫切れです。' } },
      },
    ],
  },
  {
    name: 'return: asked, approved, sent back, received, refunded',
    order: 'DELIVERED',
    runs: ['return-claim', 'settle-claim'],
    steps: [
      { by: 'buyer', path: (orderNo) => `/orders/${orderNo}/returns`, body: { reason: 'DEFECTIVE' } },
      claimStep('seller', 'return-decision', { decision: 'APPROVE', returnAddress: '東京都港区1-2-3' }),
      claimStep('buyer', 'return-shipment', { carrier: 'Yamato', trackingNo: '1234-5678' }),
      claimStep('seller', 'return-receipt', { outcome: 'RECEIVED' }),
    ],
  },
  {
    name: 'non-receipt: reported, refunded by the seller',
    order: 'IN_TRANSIT',
    runs: ['non-receipt-claim', 'settle-claim'],
    steps: [
      { by: 'buyer', path: (orderNo) => `/orders/${orderNo}/non-receipt`, body: {} },
      claimStep('seller', 'non-receipt-answer', { answer: 'REFUND' }),
    ],
  },
  {
    name: 'non-receipt: reported, answered with proof, accepted (no money)',
    order: 'IN_TRANSIT',
    runs: ['non-receipt-claim'],
    steps: [
      { by: 'buyer', path: (orderNo) => `/orders/${orderNo}/non-receipt`, body: {} },
      claimStep('seller', 'non-receipt-answer', { answer: 'PROOF', note: 'Delivered on the 3rd.' }),
      claimStep('buyer', 'non-receipt-acceptance'),
    ],
  },
];

async function main() {
  let proxy: Awaited<ReturnType<typeof startCapacityProxy>> | undefined;
  const stack = await startLocalStack({
    apiPort: 0,
    logLevel: LOG_LEVELS.lambdaApplication,
    log: () => {},
    // The reconciler stays out of the measurement; every wait lasts longer than the run.
    reconcile: { everyMs: 3_600_000, afterSeconds: 3600 },
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
  const invocations = countInvocations(stack.lambda);
  const arnOf = (machine: string, name: string) =>
    `${stack.stepFunctions.stateMachineArn(machine).replace(':stateMachine:', ':execution:')}:${name}`;
  const historyOf = async (executionArn: string): Promise<HistoryEvent[]> =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
  /** Until the run has ended, or waits on a task token with nothing else moving (its history quiet). */
  const settled = async (executionArn: string) => {
    let before = -1;
    for (let i = 0; i < 200; i++) {
      const events = await historyOf(executionArn).catch(() => undefined);
      if (!events) return; // not started (yet): a later step starts it
      const last = events.at(-1)?.type ?? '';
      if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last)) return;
      if (events.length === before && last === 'TaskStarted') return;
      before = events.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`${executionArn} did not settle`);
  };
  const rows: string[] = [];
  try {
    const operator = await mintLocalToken('operator', 'OP-bench');
    const tokens = { seller: await mintLocalToken('seller', 'S-bench'), buyer: '' };
    await send('PUT', `${stack.apiUrl}/sellers/S-bench/profile`, operator, {
      ...{ storeName: 'Bench', contactEmail: 'bench-seller@example.jp', language: 'ja' },
    });
    const runId = Date.now().toString(36).toUpperCase();
    for (const [f, flow] of FLOWS.entries()) {
      // One claim more, first and apart, to warm every function it calls (a cold start is not what this counts).
      const all = Array.from({ length: N + 1 }, (_, i) => ({ orderNo: `A-${runId}-${f}-${i}`, claimId: '' }));
      const buyerOf = (orderNo: string) => `B-bench-${orderNo}`;
      await inParallel(all, CONCURRENCY, async ({ orderNo }) => {
        const registered = await send('POST', `${stack.apiUrl}/orders`, operator, {
          ...{ orderNo, cartNo: `CART-${orderNo}`, sellerId: 'S-bench' },
          buyer: { id: buyerOf(orderNo), email: 'bench@example.jp', country: 'JP' },
          item: { code: 'X-1', name: 'ベンチ', quantity: 1 },
          total: { amount: 3000, currency: 'JPY' },
          payment: { method: 'CONVENIENCE_STORE' },
          status: flow.order === 'PREPARING' ? 'PREPARING' : 'IN_TRANSIT',
          ...(flow.order === 'PREPARING' ? { expectedShipDate: '2099-01-01' } : {}),
        });
        if (registered.status !== 201) throw new Error(`register ${orderNo}: ${registered.status}`);
        if (flow.order !== 'DELIVERED') return;
        const delivered = await send('POST', `${stack.apiUrl}/orders/${orderNo}/delivery`, operator);
        if (delivered.status !== 200) throw new Error(`deliver ${orderNo}: ${delivered.status}`);
      });
      const runSteps = async (orders: typeof all) => {
        for (const step of flow.steps) {
          await inParallel(orders, CONCURRENCY, async (order) => {
            const token = step.by === 'seller' ? tokens.seller : await mintLocalToken('buyer', buyerOf(order.orderNo));
            const path = step.path(order.orderNo, order.claimId);
            const answer = await send('POST', `${stack.apiUrl}${path}`, token, step.body);
            if (answer.status !== 202) throw new Error(`${flow.name} ${order.orderNo}: ${answer.status}`);
            order.claimId ||= answer.body.claimId as string;
          });
          for (const order of orders) for (const machine of flow.runs) await settled(arnOf(machine, order.claimId));
        }
        for (const order of orders)
          for (const machine of flow.runs) {
            const status = await stack.stepFunctions.finished(arnOf(machine, order.claimId));
            if (status !== 'SUCCEEDED') throw new Error(`${flow.name}: ${machine} ${order.claimId} ${status}`);
          }
      };
      const [warm, ...orders] = all;
      await runSteps([warm!]);
      // Counted from here: the claims' steps and every run they start, nothing of the orders' set-up.
      proxy!.reset();
      invocations.clear();
      const mailsBefore = await mailCount(stack.mailViewerUrl);
      await runSteps(orders);
      const histories = await Promise.all(
        orders.flatMap(({ claimId }) => flow.runs.map((machine) => historyOf(arnOf(machine, claimId)))),
      );
      const perClaim = (sum: number) => sum / N;
      const transitions = perClaim(histories.reduce((sum, events) => sum + transitionsOf(events), 0));
      const tasks = perClaim(histories.reduce((sum, events) => sum + tasksOf(events), 0));
      const entries = [...invocations.entries()];
      const lambdaInvocations = perClaim(entries.reduce((sum, [, e]) => sum + e.count, 0));
      const lambdaSeconds = perClaim(entries.reduce((sum, [, e]) => sum + e.ms, 0) / 1000);
      const isApi = (name: string) => FUNCTIONS.find((fn) => fn.name === name)?.kind === 'api';
      const apiRequests = perClaim(entries.filter(([name]) => isApi(name)).reduce((sum, [, e]) => sum + e.count, 0));
      const emails = perClaim((await mailCount(stack.mailViewerUrl)) - mailsBefore);
      const usage = {
        ...{ transitions, orchestration: 'standard' as const, lambdaInvocations, lambdaSeconds },
        ...{ writeUnits: perClaim(proxy!.count.writeUnits), readUnits: perClaim(proxy!.count.readUnits) },
        ...{ emails, apiRequests },
      };
      const cost = costPerMillion(usage);
      const rulesWrite = perClaim(proxy!.writes.writeUnits);
      const fixed = (value: number, digits = 1) => value.toFixed(digits);
      rows.push(
        `| ${flow.name} | ${flow.runs.join(' + ')} | ${fixed(transitions)} | ${fixed(tasks)} | ` +
          `${fixed(lambdaInvocations, 2)} (API ${fixed(apiRequests, 2)}) | ${Math.round(lambdaSeconds * 1000)} ms | ` +
          `${fixed(usage.writeUnits)} (${fixed(rulesWrite)}) | ${fixed(usage.readUnits)} | ${fixed(emails, 2)} | ` +
          `$${Math.round(cost.stepFunctions)} | $${Math.round(cost.total)} |`,
      );
      console.log(rows.at(-1));
    }
    const section = [
      '## Returns and non-receipt beside a cancellation',
      '',
      '`BENCH_N=' +
        N +
        ' BENCH_CONCURRENCY=' +
        CONCURRENCY +
        ' npm run bench:after-delivery` (bench/after-delivery.ts),',
      `${new Date().toISOString()}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} at the end.`,
      'Counted as the cancellations above are (bench/common.ts): per claim, over every run it starts. Each',
      'step is taken for all N claims once every run waits again, as parties days apart would, after one',
      'claim apart to warm the functions. Paid by convenience store, refunded to the balance (no card wait).',
      'Lambda time is local and grows with the load; cost is the earlier model (DynamoDB Local units; no',
      'events, logs or X-Ray), Standard workflows, per 1M claims.',
      '',
      '| claim | runs | state transitions | tasks | Lambda invocations | Lambda time | write units ' +
        '(by billing rules) | read units | e-mails | Step Functions per 1M | total per 1M |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Most of what a return adds is its steps: each of the four wakes its run for one more loop of states,',
      'and most are e-mailed to the buyer or the seller (SES $100 per 1M for every e-mail, Step Functions $25',
      'per 1M for every transition). A non-receipt refunded by the seller is one wait and the refund.',
      '',
    ].join('\n');
    const path = new URL('../docs/BENCHMARKS.md', import.meta.url);
    const existing = await readFile(path, 'utf8');
    const heading = '\n## Returns and non-receipt beside a cancellation\n';
    const [before, rest = ''] = existing.split(heading);
    const after = rest.includes('\n## ') ? rest.slice(rest.indexOf('\n## ') + 1) : '';
    const head = before!.split('\n## Bulk cancellation\n');
    const bulk = rest ? after : head[1] ? `## Bulk cancellation\n${head[1]}` : '';
    await writeFile(path, `${(rest ? before! : head[0]!).trimEnd()}\n\n${section}\n${bulk}`);
    console.log(section);
  } finally {
    sfn.destroy();
    await stack.stop();
    await proxy?.stop();
  }
}

await main();
