// Races, as a model-based test: on fresh orders, randomized interleavings of what sellers, buyers
// and operators do at once — cancel, ask to cancel, ship, approve, withdraw, refund after
// shipping, resolve, and the same POSTs again with and without the same key — some with the
// payment gateway failing (a card decline landing before, during or after the card wait begins,
// an answer outside the protocol), SES throttling or out of its daily quota, and Step Functions
// throttling or unavailable for StartExecution and SendTask*. After each has settled, the
// invariants that money and state must keep are checked against what the API and the stand-ins
// say, and no answer is a 5xx: committed work is 202, refused work a 4xx.
import { DescribeExecutionCommand, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { sfn, executionArn } from '../support/executions.js';
import type { IntegrationEvent } from '../../shared/app/ports/change-set.js';
import { eventValidator } from '../support/event-schemas.js';
import {
  aCancellation,
  call,
  eventsOf,
  eventually,
  paymentsFail,
  registered,
  sesFails,
  stepFunctionsFail,
  stepFunctionsFaultsLeft,
  token,
  type PaymentFault,
} from '../support/http.js';
import { FULL, inPool, record, SEED, size, warmUp } from './support.js';

const SCENARIOS = size(40, 1000);

type Command =
  | 'sellerCancel'
  | 'buyerRequest'
  | 'ship'
  | 'approve'
  | 'withdraw'
  | 'refundAfterShipping'
  | 'resolve'
  | 'settleOutside'
  | 'again'
  | 'againOtherKey';
const COMMANDS: Command[] = [
  'sellerCancel',
  'buyerRequest',
  'ship',
  'approve',
  'withdraw',
  'refundAfterShipping',
  'resolve',
  'settleOutside',
  'again',
  'againOtherKey',
];

/** When a card decline lands: as the claim is applied, before its wait begins; about as it begins; well after. */
const DECLINE_TIMINGS = { before: 0, during: 40, after: 1500 } as const;

/**
 * Step Functions refusing calls: 4 in a row outlast the SDK's 3 attempts, so the caller sees the
 * refusal; 1 is absorbed by its retry. Each fault is about its own scenario's executions (their
 * input carries the scenario's correlation id), so it replays exactly and no other test meets it.
 */
const SFN_FAULTS = [
  { operation: 'StartExecution', count: 4 },
  { operation: 'SendTaskSuccess', count: 4 },
  { operation: 'SendTaskFailure', count: 4 },
  { operation: 'SendTaskSuccess', count: 1 },
] as const;

/** SES refusing: its rate (Throttling), its daily quota (Throttling, in SES's words), a rejection. */
const SES_FAULTS = {
  Throttling: { code: 'Throttling', message: 'Maximum sending rate exceeded.' },
  DailyQuota: { code: 'Throttling', message: 'Daily message quota exceeded.' },
  MessageRejected: { code: 'MessageRejected', message: 'Email address is not verified.' },
} as const;

const scenarioArb = fc.record({
  status: fc.constantFrom('NEW', 'PREPARING', 'PREPARING', 'IN_TRANSIT', 'DELAYED'),
  payment: fc.constantFrom('CARD', 'CARD', 'CONVENIENCE_STORE', 'BALANCE'),
  commands: fc.array(fc.record({ command: fc.constantFrom(...COMMANDS), delayMs: fc.nat(30) }), {
    minLength: 2,
    maxLength: 6,
  }),
  paymentFault: fc.constantFrom<PaymentFault | undefined>(
    undefined,
    undefined,
    undefined,
    'decline',
    'transient',
    'timeout',
    'pending',
    'decline-later',
    'decline-later',
    'garbled',
  ),
  declineTiming: fc.constantFrom<keyof typeof DECLINE_TIMINGS>('before', 'during', 'after'),
  sesFault: fc.constantFrom<keyof typeof SES_FAULTS | undefined>(
    undefined,
    undefined,
    undefined,
    'Throttling',
    'DailyQuota',
    'MessageRejected',
  ),
  sfnFault: fc.option(
    fc.record({
      pick: fc.nat(SFN_FAULTS.length - 1),
      code: fc.constantFrom('ThrottlingException', 'ServiceUnavailable'),
    }),
    { freq: 2 },
  ),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Sent {
  command: Command;
  method: string;
  path: string;
  body?: unknown;
  key: string;
  who: string;
}

async function run(scenario: Scenario, index: number) {
  const buyerId = `B-RACE-${index}-${randomUUID().slice(0, 6)}`;
  // Carried into every claim's run input, so that a Step Functions fault is about this scenario alone.
  const correlationId = `race-${index}-${randomUUID()}`;
  const email = `${buyerId.toLowerCase()}@example.jp`;
  const status = scenario.status === 'DELAYED' ? 'PREPARING' : scenario.status;
  const order = await registered({
    sellerId: 'S-RACE',
    buyer: { id: buyerId, email, country: 'JP' },
    payment: { method: scenario.payment as 'CARD' },
    status: status as 'NEW',
    ...(scenario.status === 'PREPARING'
      ? { expectedShipDate: '2099-01-01' }
      : scenario.status === 'DELAYED'
        ? { expectedShipDate: '2020-01-01' }
        : {}),
  });
  if (scenario.paymentFault) {
    const delayMs = scenario.paymentFault === 'decline-later' ? DECLINE_TIMINGS[scenario.declineTiming] : undefined;
    await paymentsFail(order.orderNo, scenario.paymentFault, scenario.paymentFault === 'transient' ? 2 : 1, delayMs);
  }
  if (scenario.sesFault)
    await sesFails(email, 2, SES_FAULTS[scenario.sesFault].code, SES_FAULTS[scenario.sesFault].message);
  const sfnFault = scenario.sfnFault
    ? { ...SFN_FAULTS[scenario.sfnFault.pick]!, code: scenario.sfnFault.code }
    : undefined;
  if (sfnFault) await stepFunctionsFail(sfnFault.operation, sfnFault.count, sfnFault.code, undefined, correlationId);
  const tokens = {
    seller: await token('seller', 'S-RACE'),
    buyer: await token('buyer', buyerId),
    operator: await token('operator', 'OP-RACE'),
  };
  // An approver, a buyer withdrawing or an operator acts on a claim that exists: a command that names
  // one waits a little for it, so that the decisions race the claim's own run and its wait.
  const latestClaim = async () => {
    for (let tries = 0; ; tries++) {
      const read = await call('GET', `/orders/${order.orderNo}`, { token: tokens.operator });
      const claimId = read.body.claims?.at(-1)?.claimId as string | undefined;
      if (claimId || tries === 10) return claimId;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const sent: Sent[] = [];
  const answers: number[] = [];
  const issue = async (spec: Omit<Sent, 'key'> & { key?: string }) => {
    const key = spec.key ?? randomUUID();
    sent.push({ ...spec, key });
    const answer = await call(spec.method, spec.path, {
      token: tokens[spec.who as keyof typeof tokens],
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      idempotencyKey: key,
      correlationId,
    });
    answers.push(answer.status);
  };
  await Promise.all(
    scenario.commands.map(async ({ command, delayMs }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      switch (command) {
        case 'sellerCancel':
          return issue({
            command,
            method: 'POST',
            path: `/orders/${order.orderNo}/cancellations`,
            body: aCancellation(),
            who: 'seller',
          });
        case 'buyerRequest':
          return issue({
            command,
            method: 'POST',
            path: `/orders/${order.orderNo}/cancel-requests`,
            body: { reason: 'BUYER_CHANGED_MIND' },
            who: 'buyer',
          });
        case 'ship':
          return issue({ command, method: 'POST', path: `/orders/${order.orderNo}/shipment`, body: {}, who: 'seller' });
        case 'refundAfterShipping':
          return issue({
            command,
            method: 'POST',
            path: `/orders/${order.orderNo}/refunds`,
            body: aCancellation({ reason: 'SHIPPING_DELAY' }),
            who: 'seller',
          });
        case 'approve': {
          const claimId = await latestClaim();
          return claimId
            ? issue({ command, method: 'POST', path: `/claims/${claimId}/approval`, who: 'seller' })
            : undefined;
        }
        case 'withdraw': {
          const claimId = await latestClaim();
          return claimId
            ? issue({ command, method: 'POST', path: `/claims/${claimId}/withdrawal`, body: {}, who: 'buyer' })
            : undefined;
        }
        case 'resolve': {
          const claimId = await latestClaim();
          return claimId
            ? issue({
                command,
                method: 'POST',
                path: `/claims/${claimId}/resolution`,
                body: { action: 'COMPLETE', reason: 'Race test: finish it.' },
                who: 'operator',
              })
            : undefined;
        }
        case 'settleOutside': {
          const claimId = await latestClaim();
          const body = {
            action: 'SETTLED_OUTSIDE',
            reason: 'Race test: found in the console.',
            reference: `AC-RACE-${index}`,
          };
          return claimId
            ? issue({ command, method: 'POST', path: `/claims/${claimId}/resolution`, body, who: 'operator' })
            : undefined;
        }
        case 'again':
        case 'againOtherKey': {
          const previous = sent.at(-1);
          if (!previous) return undefined;
          return issue({
            ...previous,
            command,
            ...(command === 'again' ? { key: previous.key } : { key: randomUUID() }),
          });
        }
      }
    }),
  );
  const payment =
    scenario.paymentFault === 'decline-later'
      ? `decline-later(${scenario.declineTiming})`
      : (scenario.paymentFault ?? '');
  const faults = `${payment}/${scenario.sesFault ?? ''}/${sfnFault ? `${sfnFault.operation}x${sfnFault.count} ${sfnFault.code}` : ''}`;
  const commands = scenario.commands.map((c) => c.command).join(',');
  const sfn = sfnFault && {
    about: correlationId,
    count: sfnFault.count,
    scenario: `#${index} ${sfnFault.operation} ${scenario.status} [${commands}] ${answers}`,
  };
  return { order, buyerId, answers, index, commands, faults, sfn };
}

const OPEN = ['REQUESTED', 'IN_PROGRESS', 'AWAITING_APPROVAL'];

async function runStatus(workflow: string, name: string): Promise<string> {
  try {
    return (
      (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(workflow, name) }))).status ?? 'RUNNING'
    );
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'MISSING';
    throw error;
  }
}

/** The invariants of one settled scenario; each broken one is a line. */
async function violations(scenario: {
  order: { orderNo: string; total: { amount: number } };
  buyerId: string;
  index: number;
  commands: string;
  faults: string;
}): Promise<string[]> {
  const operator = await token('operator', 'OP-RACE');
  const found: string[] = [];
  const { orderNo } = scenario.order;
  // Settled: no claim of the order is moving any more (a request may wait for the seller).
  const read = await eventually(
    () => call('GET', `/orders/${orderNo}`, { token: operator }),
    (answer) =>
      (answer.body.claims ?? []).every((c: { status: string }) => !['REQUESTED', 'IN_PROGRESS'].includes(c.status)),
    30_000,
  );
  const order = read.body;
  const claims = await Promise.all(
    (order.claims as { claimId: string }[]).map(
      async (c) => (await call('GET', `/claims/${c.claimId}`, { token: operator })).body,
    ),
  );

  const live = order.refunds.filter((r: { status: string }) => r.status !== 'FAILED');
  if (order.refunds.filter((r: { status: string }) => r.status === 'COMPLETED').length > 1)
    found.push(`${orderNo}: refunded twice`);
  const refunded = live.reduce((sum: number, r: { amount: { amount: number } }) => sum + r.amount.amount, 0);
  if (refunded > scenario.order.total.amount)
    found.push(`${orderNo}: ${refunded} refunded of ${scenario.order.total.amount}`);

  const balance = (await call('GET', `/buyers/${scenario.buyerId}/balance`, { token: operator })).body;
  const sum = balance.entries.reduce((total: number, e: { amount: { amount: number } }) => total + e.amount.amount, 0);
  if (sum !== balance.balance.amount)
    found.push(`${scenario.buyerId}: balance ${balance.balance.amount}, entries ${sum}`);
  if (balance.entries.filter((e: { kind: string }) => e.kind === 'REFUND_CREDIT').length > 1)
    found.push(`${scenario.buyerId}: credited twice`);

  const applied = claims.filter((c) => ['COMPLETED', 'NEEDS_OPERATOR'].includes(c.status) && c.refunds.length > 0);
  if (['CANCELLED', 'RETURNED'].includes(order.storedStatus)) {
    if (applied.length !== 1) found.push(`${orderNo}: ${order.storedStatus} by ${applied.length} claims`);
  } else if (applied.length > 0 || live.length > 0) {
    found.push(`${orderNo}: ${order.storedStatus}, yet refunded by ${applied.map((c) => c.claimId).join(', ')}`);
  }
  if (order.storedStatus === 'CANCEL_REQUESTED') {
    const holder = claims.find((c) => c.claimId === order.claimInProgress);
    if (holder?.type !== 'BUYER_CANCEL' || !['AWAITING_APPROVAL', 'NEEDS_OPERATOR'].includes(holder.status))
      found.push(`${orderNo}: CANCEL_REQUESTED held by ${holder?.claimId ?? 'nothing'} ${holder?.status ?? ''}`);
  }
  for (const claim of claims) {
    if (claim.status === 'COMPLETED' && !['CANCELLED', 'RETURNED'].includes(order.storedStatus))
      found.push(`${claim.claimId}: COMPLETED, order ${order.storedStatus}`);
    if (OPEN.includes(claim.status)) {
      const workflow = claim.status === 'AWAITING_APPROVAL' ? 'approve-cancel-request' : 'settle-claim';
      const runs = (claim.resolutions ?? []).filter((r: { action: string }) => r.action !== 'CLOSE').length;
      const name = runs > 0 && workflow === 'settle-claim' ? `${claim.claimId}-op${runs}` : claim.claimId;
      const status = await runStatus(workflow, name);
      // Read the claim again: its run may have ended (an expired request, say) after the claim was read.
      const now =
        status === 'RUNNING' ? claim : (await call('GET', `/claims/${claim.claimId}`, { token: operator })).body;
      if (status !== 'RUNNING' && OPEN.includes(now.status))
        found.push(`${claim.claimId}: ${now.status} with its run ${name} ${status}`);
    }
    // Read again: the claim may have closed (and let go of the order) since the order was read.
    const heldNow =
      claim.status === 'FAILED' || claim.status === 'WITHDRAWN' || claim.status === 'COMPLETED'
        ? (await call('GET', `/orders/${orderNo}`, { token: operator })).body.claimInProgress
        : order.claimInProgress;
    if (heldNow === claim.claimId && !OPEN.includes(claim.status) && claim.status !== 'NEEDS_OPERATOR') {
      found.push(
        `${orderNo}: held by ${claim.claimId}, which is ${claim.status} (${JSON.stringify(claim.failure)}); timeline ${claim.timeline.map((e: { type: string; actor: { id: string } }) => `${e.type}/${e.actor.id}`).join(' ')}`,
      );
    }
  }
  found.push(...(await eventViolations(orderNo, order, claims)));
  return found.map((line) => `#${scenario.index} [${scenario.commands}] faults ${scenario.faults}: ${line}`);
}

const validateEvent = eventValidator();

/**
 * The order's integration events (docs/EVENTS.md) against what the API says: each once, numbered
 * without gaps, valid; one cancellation or return event for a cancelled or returned order, one
 * completion per completed refund and claim, and each claim's last event its status now.
 */
async function eventViolations(
  orderNo: string,
  order: { storedStatus: string; refunds: { refundId: string; status: string }[] },
  claims: { claimId: string; status: string }[],
): Promise<string[]> {
  const found: string[] = [];
  // Settled on the bus: the same events twice, a little apart.
  let events = await eventsOf(`order:${orderNo}`);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await eventsOf(`order:${orderNo}`);
    if (again.length === events.length) break;
    events = again;
  }
  const count = (type: string, subject?: string) =>
    events.filter((e) => e.type === type && (!subject || e.subject === subject)).length;
  if (new Set(events.map((e) => e.id)).size !== events.length) found.push(`${orderNo}: an event twice`);
  if (events.some((e, i) => Number(e.sequence) !== i + 1))
    found.push(`${orderNo}: sequence ${events.map((e) => Number(e.sequence)).join(',')}`);
  for (const event of events) for (const problem of validateEvent(event)) found.push(`${orderNo}: ${problem}`);
  const ended = count('order.cancelled') + count('order.returned');
  if (ended !== (['CANCELLED', 'RETURNED'].includes(order.storedStatus) ? 1 : 0))
    found.push(`${orderNo}: ${order.storedStatus} with ${ended} cancellation or return events`);
  for (const refund of order.refunds) {
    if (count('refund.completed', refund.refundId) !== (refund.status === 'COMPLETED' ? 1 : 0))
      found.push(
        `${refund.refundId}: ${refund.status} with ${count('refund.completed', refund.refundId)} refund.completed`,
      );
  }
  for (const claim of claims) {
    if (count('claim.requested', claim.claimId) !== 1)
      found.push(`${claim.claimId}: ${count('claim.requested', claim.claimId)} claim.requested`);
    const lastOf = (all: IntegrationEvent[]) => all.filter((e) => e.subject === claim.claimId).at(-1);
    if (claim.status === 'IN_PROGRESS' || claim.status === 'REQUESTED' || lastOf(events)?.data.status === claim.status)
      continue;
    // A waiting request moves on by itself (to the operator when nobody decides): read both again.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = (await call('GET', `/claims/${claim.claimId}`, { token: await token('operator', 'OP-RACE') })).body
      .status as string;
    const last = lastOf(await eventsOf(`order:${orderNo}`));
    if (now !== 'IN_PROGRESS' && last?.data.status !== now)
      found.push(`${claim.claimId}: ${now}, its last event ${last?.type ?? 'none'}`);
  }
  return found;
}

/** How many of the scenarios' Step Functions faults met a call: a fault no call met tested nothing. */
async function faultsMet(injected: { about: string; count: number; scenario: string }[]) {
  const faults = (await stepFunctionsFaultsLeft()) as { about?: string; count: number }[];
  const left = new Map(faults.map((f) => [f.about, f.count]));
  const met = injected.filter((f) => !left.has(f.about)).length;
  const partly = injected.filter((f) => (left.get(f.about) ?? f.count) < f.count).length;
  const notMet = injected.filter((f) => left.get(f.about) === f.count).map((f) => f.scenario);
  return { injected: injected.length, met, metPartly: partly, notMet: notMet.length, notMetExamples: notMet };
}

const tally = (values: (string | number)[]) =>
  Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));

describe('races, model-based', () => {
  it(
    `${SCENARIOS} randomized interleavings keep money and state whole`,
    async () => {
      await warmUp();
      const scenarios = fc.sample(scenarioArb, { seed: SEED, numRuns: SCENARIOS });
      const outcomes = await inPool(scenarios, 8, (scenario, index) => run(scenario, index));
      const broken = (await inPool(outcomes, 8, (outcome) => violations(outcome))).flat();
      const statuses = outcomes.flatMap((o) => o.answers);
      const { operations } = (await (await fetch(`${inject('paymentsEndpoint')}/__operations`)).json()) as {
        operations: { kind: string; request: { orderNo?: string }; declined: boolean }[];
      };
      // At the provider: one accepted authorization cancellation per order, at most.
      const accepted = new Map<string, number>();
      for (const op of operations.filter((o) => o.kind === 'AUTHORIZATION_CANCELLATION' && !o.declined))
        accepted.set(op.request.orderNo!, (accepted.get(op.request.orderNo!) ?? 0) + 1);
      for (const outcome of outcomes)
        if ((accepted.get(outcome.order.orderNo) ?? 0) > 1)
          broken.push(`${outcome.order.orderNo}: ${accepted.get(outcome.order.orderNo)} card cancellations accepted`);
      const stepFunctionsFaults = await faultsMet(outcomes.flatMap((o) => (o.sfn ? [o.sfn] : [])));
      record('races', {
        scenarios: SCENARIOS,
        requests: statuses.length,
        statuses: tally(statuses),
        fiveHundreds: statuses.filter((s) => s >= 500).length,
        violations: broken.length,
        examples: broken.slice(0, 10),
        faults: tally(outcomes.flatMap((o) => o.faults.split('/').filter(Boolean))),
        stepFunctionsFaults,
      });
      expect(broken).toEqual([]);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    },
    FULL ? 3_600_000 : 300_000,
  );
});
