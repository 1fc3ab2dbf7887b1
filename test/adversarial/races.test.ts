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
import { aCancellation, call, paymentsFail, registered, sesFails, stepFunctionsFail, token } from '../support/http.js';
import { faultsMet, violations } from './race-invariants.js';
import {
  AFTER_DELIVERY_STEPS,
  DECLINE_TIMINGS,
  SES_FAULTS,
  SFN_FAULTS,
  scenarioArb,
  setUpAfterDelivery,
  type Command,
  type Scenario,
} from './race-scenarios.js';
import { FULL, inPool, record, SEED, size, warmUp } from './support.js';

const SCENARIOS = size(40, 1000);

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
