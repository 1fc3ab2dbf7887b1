// The Markdown section bench/bulk.ts writes into docs/BENCHMARKS.md, from its figures, with the
// modeled AWS cost of each path and the overhead each spends besides the claims' settlement.

import { cpus, totalmem } from 'node:os';
import { FUNCTIONS } from '../infra/function-catalog.js';
import type { AccountQuotas } from '../local/quotas.js';
import { costPerMillion, PRICES, type Usage } from './prices.js';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The functions a bulk job adds to the claims' own: its overhead. */
export const BULK_FUNCTIONS = [
  'submit-bulk-cancellation',
  'decide-bulk-cancellation',
  'await-bulk-approval',
  'cancel-bulk-lines',
  'finish-bulk',
];

export interface BulkFigures {
  orders: number;
  singles: number;
  clientConcurrency: number;
  quotas: AccountQuotas;
  loadAtStart: number;
  job: { bulkId: string; status: string; done: number; failed: number };
  execution: { status: string | undefined; historyEvents: number };
  claimStatuses: Record<string, number>;
  /** The settle-claim executions read back. */
  settled: { transitions: number; status: string }[];
  emails: Record<string, number>;
  throttled: { ses: number; lambda: number };
  times: { answeredMs: number; linesMs: number; settledMs: number };
  peak: { node: number; java: number };
  bulk: Usage;
  single: Usage;
  byFunction: { bulk: string; single: string };
  overhead: { bulk: Usage; single: Usage };
}

/** What the functions of `names` spend per order: the path's overhead beside the claims' settlement. */
export function overheadOf(
  names: string[],
  orders: number,
  transitions: number,
  runs: Map<string, { count: number; ms: number }>,
): Usage {
  const mine = [...runs.entries()].filter(([name]) => names.includes(name));
  return {
    transitions,
    orchestration: 'standard',
    lambdaInvocations: mine.reduce((sum, [, e]) => sum + e.count, 0) / orders,
    lambdaSeconds: mine.reduce((sum, [, e]) => sum + e.ms, 0) / 1000 / orders,
    writeUnits: 0,
    readUnits: 0,
    emails: 0,
    apiRequests:
      mine
        .filter(([name]) => FUNCTIONS.find((fn) => fn.name === name)?.kind === 'api')
        .reduce((sum, [, e]) => sum + e.count, 0) / orders,
  };
}

const per10k = (usage: Usage) => {
  const cost = costPerMillion(usage);
  return Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, v / 100])) as typeof cost;
};

export function bulkReport(figures: BulkFigures): string {
  const { orders: N, singles: singleCount, clientConcurrency, quotas, loadAtStart, job, execution } = figures;
  const { claimStatuses, settled, emails, throttled, peak, byFunction } = figures;
  const { answeredMs, linesMs, settledMs } = figures.times;
  const { bulk: bulkUsage, single: singleUsage } = figures;
  const { bulk: bulkOverhead, single: singleOverhead } = figures.overhead;
  const bulkCost = per10k(bulkUsage);
  const singleCost = per10k(singleUsage);
  const bulkOverheadCost = costPerMillion(bulkOverhead).total / 1e6;
  const singleOverheadCost = costPerMillion(singleOverhead).total / 1e6;
  const ok = bulkOverheadCost <= singleOverheadCost;
  // Three e-mails a line, and the operator's one for the approval.
  const sentEmails = 3 * N + 1;
  const atRate = sentEmails / quotas.ses.maxSendRate;
  return `## Bulk cancellation

\`npm run bench:bulk\` (bench/bulk.ts), one process, one run, on a new production account's quotas
(the local stack's defaults: SES ${quotas.ses.maxSendRate} e-mails a second and ${fmt(quotas.ses.max24HourSend)} a day, Lambda ${quotas.lambda.concurrentExecutions} at once): one bulk
cancellation of ${fmt(N)} orders (half card, confirmed by the gateway's signed webhook; half credited to
the buyer's balance), approved by an operator, its lines started at the pace the account allows
(read at run time: 80% of SES's rate for three e-mails a line, at most half the concurrency for its
claims), every order's claim settled to the end; beside it ${fmt(singleCount)} single seller cancellations
of the same kind of order, ${clientConcurrency} at a time, after 20 to warm every function. The benchmark's own
requests (registering, polling every 2 s) take from the same 10 functions.

- Date: ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}; load average ${fmt(loadAtStart, 1)} at the start (the machine is shared)
- Job ${job.bulkId}: ${job.status}, ${fmt(job.done)} cancelled, ${fmt(job.failed)} failed; its execution ${execution.status}, ${fmt(execution.historyEvents)} history events (limit 25,000)
- Its claims: ${Object.entries(claimStatuses)
    .map(([status, n]) => `${fmt(n)} ${status}`)
    .join(
      ', ',
    )}; the settle-claim executions read (the last ${fmt(settled.length)}, which the local runner still keeps): ${fmt(settled.filter((s) => s.status === 'SUCCEEDED').length)} SUCCEEDED
- Its buyers' e-mails: ${Object.entries(emails)
    .map(([outcome, n]) => `${fmt(n)} ${outcome}`)
    .join(
      ', ',
    )} (${fmt(3 * N)} expected, none FAILED or PENDING); SES refused ${fmt(throttled.ses)} sends for the rate (each sent again later), Lambda ${fmt(throttled.lambda)} invocations for the concurrency (each tried again)

| measure | result |
|---|---|
| POST answered (202, every line checked and stored) | ${fmt(answeredMs)} ms |
| every line worked (job finished) | ${fmt(linesMs / 1000, 1)} s |
| every order settled (claims completed, refunds paid, e-mails sent) | ${fmt(settledMs / 1000, 1)} s |
| its ${fmt(sentEmails)} e-mails at SES's ${quotas.ses.maxSendRate} a second, the least it can take | ${fmt(atRate, 1)} s (the run took ${fmt(settledMs / 1000 / atRate, 2)}× that) |
| throughput | ${fmt(N / (settledMs / 1000), 1)} orders/s |
| peak memory of the local stack | ${fmt(peak.node)} MiB (Node: API, functions, Step Functions, SES, gateway) + ${fmt(peak.java)} MiB (DynamoDB Local) |

| per order | bulk | single | |
|---|---|---|---|
| state transitions | ${fmt(bulkUsage.transitions, 3)} | ${fmt(singleUsage.transitions, 3)} | |
| Lambda invocations | ${fmt(bulkUsage.lambdaInvocations, 3)} | ${fmt(singleUsage.lambdaInvocations, 3)} | |
| Lambda time | ${fmt(bulkUsage.lambdaSeconds * 1000)} ms | ${fmt(singleUsage.lambdaSeconds * 1000)} ms | |
| API requests | ${fmt(bulkUsage.apiRequests, 3)} | ${fmt(singleUsage.apiRequests, 3)} | |
| DynamoDB write units (billing rules) / read units | ${fmt(bulkUsage.writeUnits, 1)} / ${fmt(bulkUsage.readUnits, 1)} | ${fmt(singleUsage.writeUnits, 1)} / ${fmt(singleUsage.readUnits, 1)} | |
| e-mails | ${fmt(bulkUsage.emails, 3)} | ${fmt(singleUsage.emails, 3)} | |

By function, per order — bulk: ${byFunction.bulk}; single: ${byFunction.single}.

Modeled AWS cost of 10,000 orders (USD, ${PRICES.region} list prices read ${PRICES.readOn}, Standard workflows):

| | Step Functions | Lambda | DynamoDB | SES | API | total |
|---|---|---|---|---|---|---|
| one bulk cancellation of 10,000 | ${fmt(bulkCost.stepFunctions, 2)} | ${fmt(bulkCost.lambda, 2)} | ${fmt(bulkCost.dynamodb, 2)} | ${fmt(bulkCost.ses, 2)} | ${fmt(bulkCost.api, 2)} | ${fmt(bulkCost.total, 2)} |
| 10,000 single cancellations | ${fmt(singleCost.stepFunctions, 2)} | ${fmt(singleCost.lambda, 2)} | ${fmt(singleCost.dynamodb, 2)} | ${fmt(singleCost.ses, 2)} | ${fmt(singleCost.api, 2)} | ${fmt(singleCost.total, 2)} |

The overhead of each path, per order, besides the claims' settlement (the same work in both):
bulk ${fmt(bulkOverhead.transitions, 3)} transitions, ${fmt(bulkOverhead.lambdaInvocations, 3)} invocations
(${fmt(bulkOverhead.lambdaSeconds * 1000, 1)} ms), ${fmt(bulkOverhead.apiRequests, 4)} API requests: $${(bulkOverheadCost * 1e6).toFixed(3)} per 1M orders;
single ${fmt(singleOverhead.transitions, 3)} transitions, ${fmt(singleOverhead.lambdaInvocations, 3)} invocations
(${fmt(singleOverhead.lambdaSeconds * 1000, 1)} ms), ${fmt(singleOverhead.apiRequests, 4)} API requests: $${(singleOverheadCost * 1e6).toFixed(3)} per 1M orders.
Per-order overhead of the bulk path ≤ that of a single cancellation: ${ok ? 'met' : '**not met**'}.

Local run times are under this machine's contention (a bulk job keeps many claims in flight on 2
cores), so the Lambda figures of the bulk run are higher than AWS would bill; the transitions,
invocations, units and e-mails are what AWS would count.
`;
}
