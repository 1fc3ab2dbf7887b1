// npm run bench: N seller cancellations end to end on the local stack, C at a time.
// Measures the API's answer time, the time until the claim is COMPLETED, throughput, the state
// transitions and Lambda invocations per cancellation (from the execution history), and the size
// of each function's bundle as CDK builds it. Writes docs/BENCHMARKS.md.
//   BENCH_N=200 BENCH_CONCURRENCY=10 npm run bench

import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { build } from 'esbuild';
import { cpus, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLING } from '../infra/bundling.js';
import { FUNCTIONS, functionEntry } from '../infra/function-catalog.js';
import { startLocalStack } from '../infra/local/stack.js';
import { mintLocalToken } from '../infra/local/tokens.js';

const N = Number(process.env.BENCH_N ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
};

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function bundleSizes() {
  const sizes = [];
  for (const fn of FUNCTIONS) {
    const result = await build({
      entryPoints: [fileURLToPath(functionEntry(fn))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLING.target,
      minify: BUNDLING.minify,
      mainFields: [...BUNDLING.mainFields],
      banner: { js: BUNDLING.banner },
      external: [...BUNDLING.external],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    sizes.push({ name: `${fn.kind}/${fn.name}`, bytes: code.byteLength, gzip: gzipSync(code).byteLength });
  }
  return sizes;
}

async function main() {
  const stack = await startLocalStack({ apiPort: 0, waitMs: 10 });
  const sfn = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const operator = await mintLocalToken('operator', 'OP-bench');
    const seller = await mintLocalToken('seller', 'S-bench');
    const runId = Date.now().toString(36).toUpperCase();
    const orderNos = Array.from({ length: N }, (_, i) => `B-${runId}-${i}`);
    for (const [i, orderNo] of orderNos.entries()) {
      const registered = await post(`${stack.apiUrl}/orders`, operator, {
        orderNo,
        cartNo: `CART-${orderNo}`,
        sellerId: 'S-bench',
        buyer: { id: 'B-bench', email: 'bench@example.jp', country: 'JP' },
        item: { code: 'X-1', name: 'ベンチ', quantity: 1 },
        total: { amount: 1000, currency: 'JPY' },
        payment: { method: i % 2 ? 'CARD' : 'CONVENIENCE_STORE' },
      });
      if (registered.status !== 201) throw new Error(`register ${orderNo}: ${registered.status}`);
    }

    const accepted: number[] = [];
    const completed: number[] = [];
    const claims: [string, string][] = [];
    let next = 0;
    const started = performance.now();
    async function worker() {
      while (next < orderNos.length) {
        const orderNo = orderNos[next++]!;
        const t0 = performance.now();
        const answer = await post(`${stack.apiUrl}/orders/${orderNo}/cancellations`, seller, {
          reason: 'OUT_OF_STOCK',
          sellerMemo: '在庫切れのためキャンセルいたします。',
          notice: { title: '在庫切れのお詫び', body: '在庫切れのため、ご注文をキャンセルさせていただきます。' },
        });
        if (answer.status !== 202) throw new Error(`cancel ${orderNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
        accepted.push(performance.now() - t0);
        const executionArn = `${stack.stepFunctions.stateMachineArn('settle-claim').replace(':stateMachine:', ':execution:')}:${answer.body.claimId}`;
        for (let polls = 0; ; polls++) {
          const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          if (status === 'SUCCEEDED') break;
          if (status !== 'RUNNING' || polls > 6000) throw new Error(`${executionArn}: ${status}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        completed.push(performance.now() - t0);
        const refundArn = `${stack.stepFunctions.stateMachineArn('refund').replace(':stateMachine:', ':execution:')}:${answer.body.claimId}.${orderNo}-a1`;
        claims.push([executionArn, refundArn]);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedSeconds = (performance.now() - started) / 1000;

    // A cancellation is its claim execution and its refund's child execution.
    const histories = await Promise.all(
      claims.map(async (arns) => (await Promise.all(arns.map((executionArn) => sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))))).flatMap((h) => h.events ?? [])),
    );
    const transitions = histories.map((events) => events.filter((e) => e.type?.endsWith('StateEntered')).length);
    const invocations = histories.map((events) => events.filter((e) => e.type === 'LambdaFunctionScheduled').length);
    const sizes = await bundleSizes();

    const a = stats(accepted);
    const c = stats(completed);
    const fmt = (ms: number) => ms.toFixed(1);
    const report = `# Benchmarks

Seller cancellations end to end on the embedded local stack (\`npm run bench\`): register N orders,
then cancel them ${CONCURRENCY} at a time through the HTTP API; each is timed from the POST until its
settle-claim workflow has SUCCEEDED: the notice sent, the order cancelled, the refund paid by its
own refund workflow (half by card, through the local payment gateway with Wait states at 10 ms;
half credited to the buyer's balance), the buyer's three e-mails in the SES emulator. The local stack runs every Lambda in one Node.js process, so this measures the code
and DynamoDB Local, not Lambda cold starts or network hops in AWS.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}
- N = ${N}, concurrency = ${CONCURRENCY}

| measure | p50 | p95 | p99 | max |
|---|---|---|---|---|
| POST /cancellations answered (ms) | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.p99)} | ${fmt(a.max)} |
| cancellation completed (ms) | ${fmt(c.p50)} | ${fmt(c.p95)} | ${fmt(c.p99)} | ${fmt(c.max)} |

- Throughput: ${(N / elapsedSeconds).toFixed(1)} cancellations/s completed (${elapsedSeconds.toFixed(1)} s for ${N})
- Per cancellation (claim and refund executions together): ${Math.min(...transitions)}–${Math.max(...transitions)} state transitions, ${Math.min(...invocations)}–${Math.max(...invocations)} Lambda invocations (from the execution histories; card refunds take the card-confirmation loop)
- API Lambda invocations: 1 per cancellation (POST); the polling here used DescribeExecution, not the API

## Function bundles (esbuild, ESM, minified, as CDK bundles them)

| function | bytes | gzip |
|---|---|---|
${sizes.map((s) => `| ${s.name} | ${s.bytes.toLocaleString('en-US')} | ${s.gzip.toLocaleString('en-US')} |`).join('\n')}
`;
    await writeFile(new URL('../docs/BENCHMARKS.md', import.meta.url), report);
    console.log(report);
  } finally {
    sfn.destroy();
    await stack.stepFunctions.idle();
    await stack.stop();
  }
}

await main();
