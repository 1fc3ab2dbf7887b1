// Bulk jobs racing single cancellations, buyers' requests and shipments on the same orders: each
// order is cancelled by one claim at most, refunded and announced once, and the job's lines say
// what became of each order (cancelled by the job, or failed with why).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { aCancellation, call, eventsOf, eventually, registered, token, uniqueNo } from '../support/http.js';
import { inPool, record, SEED, size } from './support.js';

const SCENARIOS = size(8, 100);
const FINISHED = ['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED'];
type Rival = 'none' | 'sellerCancel' | 'buyerRequest' | 'ship';

const scenarioArb = fc.record({
  // Three orders: the test stack runs a job of up to 3 without an operator's approval.
  orders: fc.array(
    fc.record({
      payment: fc.constantFrom('CARD', 'CONVENIENCE_STORE'),
      rival: fc.constantFrom<Rival>('none', 'sellerCancel', 'sellerCancel', 'buyerRequest', 'ship'),
      delayMs: fc.nat(40),
    }),
    { minLength: 3, maxLength: 3 },
  ),
  jobDelayMs: fc.nat(40),
});

const mine = new Set<string>();

async function run(scenario: typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never): Promise<string[]> {
  const sellerId = uniqueNo('S-BR');
  const seller = await token('seller', sellerId);
  const orders = await Promise.all(
    scenario.orders.map(async (spec) => {
      const buyer = { id: uniqueNo('B-BR'), email: `${randomUUID().slice(0, 8)}@example.jp`, country: 'JP' };
      const order = await registered({
        sellerId,
        buyer,
        payment: { method: spec.payment as 'CARD' },
        status: 'PREPARING',
        expectedShipDate: '2099-01-01',
      });
      mine.add(order.orderNo);
      return { ...spec, order, buyer: await token('buyer', buyer.id) };
    }),
  );
  const statuses: number[] = [];
  let bulkId: string | undefined;
  await Promise.all([
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, scenario.jobDelayMs));
      const submitted = await call('POST', '/bulk-cancellations', {
        token: seller,
        body: {
          orders: orders.map((o) => ({ orderNo: o.order.orderNo })),
          reason: 'OUT_OF_STOCK',
          sellerMemo: '在庫切れのためキャンセルいたします。',
          notice: {
            title: 'ご注文 {orderNo} のお詫び',
            body: '在庫切れのため、ご注文 {orderNo} をキャンセルいたします。',
          },
        },
      });
      statuses.push(submitted.status);
      bulkId = submitted.body.bulkId;
    })(),
    ...orders.map(async ({ order, rival, delayMs, buyer }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (rival === 'sellerCancel')
        statuses.push(
          (await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() }))
            .status,
        );
      if (rival === 'buyerRequest')
        statuses.push(
          (
            await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
              token: buyer,
              body: { reason: 'BUYER_CHANGED_MIND' },
            })
          ).status,
        );
      if (rival === 'ship')
        statuses.push((await call('POST', `/orders/${order.orderNo}/shipment`, { token: seller, body: {} })).status);
    }),
  ]);
  const found: string[] = [];
  if (statuses.some((s) => s >= 500)) found.push(`a 5xx among ${statuses.join(',')}`);
  if (!bulkId) return [...found, 'the job was not accepted'];
  const job = (
    await eventually(
      () => call('GET', `/bulk-cancellations/${bulkId}`, { token: seller }),
      (answer) => FINISHED.includes(answer.body?.status),
      60_000,
    )
  ).body;
  if (!FINISHED.includes(job.status)) return [...found, `${bulkId}: ${job.status}`];
  if (job.done + job.failed !== job.total)
    found.push(`${bulkId}: ${job.done} done + ${job.failed} failed of ${job.total}`);
  const operator = await token('operator', 'OP-BR');
  for (const { order } of orders) {
    const read = (
      await eventually(
        () => call('GET', `/orders/${order.orderNo}`, { token: operator }),
        (answer) =>
          (answer.body.claims ?? []).every((c: { status: string }) => !['REQUESTED', 'IN_PROGRESS'].includes(c.status)),
        30_000,
      )
    ).body;
    const completed = read.refunds.filter((r: { status: string }) => r.status === 'COMPLETED');
    const applied = read.claims.filter((c: { status: string }) => c.status === 'COMPLETED');
    if (completed.length > 1) found.push(`${order.orderNo}: refunded ${completed.length} times`);
    if (read.storedStatus === 'CANCELLED' && applied.length !== 1)
      found.push(`${order.orderNo}: CANCELLED by ${applied.length} claims`);
    if (read.storedStatus !== 'CANCELLED' && applied.length > 0)
      found.push(`${order.orderNo}: ${read.storedStatus}, yet ${applied.length} claim completed`);
    // The job's line for it: cancelled by the job means its claim did it; failed names why.
    const line = job.claims.find((c: { orderNo: string }) => c.orderNo === order.orderNo);
    const failure = job.failures.find((f: { orderNo: string }) => f.orderNo === order.orderNo);
    if (Boolean(line) === Boolean(failure))
      found.push(
        `${order.orderNo}: the job has ${line ? 'a claim and a failure' : 'neither a claim nor a failure'} for it`,
      );
    if (
      line &&
      !applied.some((c: { claimId: string }) => c.claimId === line.claimId) &&
      read.claims.find((c: { claimId: string }) => c.claimId === line.claimId)?.status !== 'NEEDS_OPERATOR'
    ) {
      found.push(
        `${order.orderNo}: the job says ${line.claimId} cancelled it, but that claim is ` +
          `${read.claims.find((c: { claimId: string }) => c.claimId === line.claimId)?.status ?? 'missing'}`,
      );
    }
    const events = await eventually(
      () => eventsOf(`order:${order.orderNo}`),
      (all) => all.filter((e) => e.type === 'order.cancelled').length >= (read.storedStatus === 'CANCELLED' ? 1 : 0),
      10_000,
    );
    const cancelledEvents = events.filter((e) => e.type === 'order.cancelled').length;
    if (cancelledEvents !== (read.storedStatus === 'CANCELLED' ? 1 : 0))
      found.push(`${order.orderNo}: ${read.storedStatus} with ${cancelledEvents} order.cancelled`);
  }
  return found;
}

describe('bulk jobs racing single actions on the same orders', () => {
  it(`${SCENARIOS} randomized races: one cancellation per order, one refund, the job's lines true`, async () => {
    const scenarios = fc.sample(scenarioArb, { seed: SEED, numRuns: SCENARIOS });
    const broken = (await inPool(scenarios, 4, (scenario) => run(scenario))).flat();
    const { operations } = (await (await fetch(`${inject('paymentsEndpoint')}/__operations`)).json()) as {
      operations: { kind: string; request: { orderNo?: string }; declined: boolean }[];
    };
    const accepted = new Map<string, number>();
    for (const op of operations.filter((o) => o.kind === 'AUTHORIZATION_CANCELLATION' && !o.declined))
      accepted.set(op.request.orderNo!, (accepted.get(op.request.orderNo!) ?? 0) + 1);
    // At the provider: one accepted authorization cancellation per order, at most.
    for (const [orderNo, count] of accepted)
      if (count > 1 && mine.has(orderNo)) broken.push(`${orderNo}: ${count} card cancellations accepted`);
    record('bulk-races', { scenarios: SCENARIOS, violations: broken.length, examples: broken.slice(0, 10) });
    expect(broken).toEqual([]);
  }, 600_000);
});
