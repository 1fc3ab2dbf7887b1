// Races, as a model-based test: on fresh orders, randomized interleavings of what sellers, buyers
// and operators do at once — cancel, ask to cancel, ship, approve, withdraw, refund after
// shipping, resolve; after delivery, ask to return, approve it, send it back, confirm its receipt,
// report it not received and refund it; and the same POSTs again with and without the same key — some with the
// payment gateway failing (a card decline landing before, during or after the card wait begins,
// an answer outside the protocol), SES throttling or out of its daily quota, and Step Functions
// throttling or unavailable for StartExecution and SendTask*. After each has settled, the
// invariants that money and state must keep are checked against what the API and the stand-ins
// say, and no answer is a 5xx: committed work is 202, refused work a 4xx.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import {
  aCancellation,
  call,
  paymentsFail,
  registered,
  sesFails,
  stepFunctionsFail,
  token,
  type PaymentFault,
} from '../support/http.js';
import { faultsMet, violations } from './race-invariants.js';
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
  | 'deliver'
  | 'requestReturn'
  | 'approveReturn'
  | 'shipBack'
  | 'receiveReturn'
  | 'reportNonReceipt'
  | 'refundNonReceipt'
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
  'deliver',
  'requestReturn',
  'approveReturn',
  'shipBack',
  'receiveReturn',
  'reportNonReceipt',
  'refundNonReceipt',
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

/** The steps of a return and of a non-receipt report, on the order's latest claim. */
const AFTER_DELIVERY_STEPS = {
  approveReturn: {
    path: 'return-decision',
    body: { decision: 'APPROVE', returnAddress: '東京都港区1-2-3 返品センター' },
    who: 'seller',
  },
  shipBack: { path: 'return-shipment', body: { carrier: 'ヤマト運輸', trackingNo: '1234-5678-9012' }, who: 'buyer' },
  receiveReturn: { path: 'return-receipt', body: { outcome: 'RECEIVED' }, who: 'seller' },
  refundNonReceipt: { path: 'non-receipt-answer', body: { answer: 'REFUND' }, who: 'seller' },
} as const;

const scenarioArb = fc.record({
  status: fc.constantFrom('NEW', 'PREPARING', 'PREPARING', 'IN_TRANSIT', 'DELAYED', 'DELIVERED'),
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
  // Where a delivered order's claim stands when the commands start: two receipts, or a receipt and a
  // non-receipt report, race from there.
  afterDelivery: fc.constantFrom<AfterDeliveryStart>('none', 'asked', 'approved', 'shipped', 'reported'),
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

type AfterDeliveryStart = 'none' | 'asked' | 'approved' | 'shipped' | 'reported';

/** Takes a delivered order's claim to where the scenario starts, one step at a time (each must be taken). */
async function setUpAfterDelivery(orderNo: string, start: AfterDeliveryStart, tokens: Record<string, string>) {
  const step = async (path: string, body: unknown, who: string) => {
    const answer = await call('POST', path, { token: tokens[who]!, body });
    if (answer.status !== 202) throw new Error(`${path} as ${who} in the set-up: ${answer.status}`);
    return answer.body as { claimId?: string };
  };
  if (start === 'none') return;
  if (start === 'reported') return void (await step(`/orders/${orderNo}/non-receipt`, {}, 'buyer'));
  const { claimId } = await step(`/orders/${orderNo}/returns`, { reason: 'DEFECTIVE' }, 'buyer');
  const steps = ['approveReturn', 'shipBack'] as const;
  for (const command of steps.slice(0, start === 'asked' ? 0 : start === 'approved' ? 1 : 2)) {
    const { path, body, who } = AFTER_DELIVERY_STEPS[command];
    await step(`/claims/${claimId}/${path}`, body, who);
  }
}

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
  const status =
    scenario.status === 'DELAYED' ? 'PREPARING' : scenario.status === 'DELIVERED' ? 'IN_TRANSIT' : scenario.status;
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
  if (scenario.status === 'DELIVERED') {
    const delivered = await call('POST', `/orders/${order.orderNo}/delivery`, { token: tokens.operator });
    if (delivered.status !== 200) throw new Error(`delivery of ${order.orderNo}: ${delivered.status}`);
    await setUpAfterDelivery(order.orderNo, scenario.afterDelivery, tokens);
  }
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
  const answered: string[] = [];
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
    answered.push(`${spec.command} ${answer.status}`);
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
        case 'deliver':
          return issue({ command, method: 'POST', path: `/orders/${order.orderNo}/delivery`, who: 'operator' });
        case 'requestReturn':
          return issue({
            command,
            method: 'POST',
            path: `/orders/${order.orderNo}/returns`,
            body: { reason: delayMs % 2 === 0 ? 'CHANGED_MIND' : 'DEFECTIVE' },
            who: 'buyer',
          });
        case 'reportNonReceipt':
          return issue({
            command,
            method: 'POST',
            path: `/orders/${order.orderNo}/non-receipt`,
            body: {},
            who: 'buyer',
          });
        case 'approveReturn':
        case 'shipBack':
        case 'receiveReturn':
        case 'refundNonReceipt': {
          const claimId = await latestClaim();
          const step = AFTER_DELIVERY_STEPS[command];
          return claimId
            ? issue({
                command,
                method: 'POST',
                path: `/claims/${claimId}/${step.path}`,
                body: step.body,
                who: step.who,
              })
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
  const commands =
    (scenario.status === 'DELIVERED' ? `from ${scenario.afterDelivery}: ` : '') +
    scenario.commands.map((c) => c.command).join(',');
  const sfn = sfnFault && {
    about: correlationId,
    count: sfnFault.count,
    scenario: `#${index} ${sfnFault.operation} ${scenario.status} [${commands}] ${answers}`,
  };
  return { order, buyerId, answers, answered, index, commands, faults, sfn };
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
        byCommand: tally(outcomes.flatMap((o) => o.answered)),
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
