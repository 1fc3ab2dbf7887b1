// Money only where money was paid, as a property over every flow: on orders in random payment
// states (awaiting payment by convenience store or bank transfer; paid NEW, PREPARING, DELAYED,
// IN_TRANSIT or DELIVERED by card, convenience store, bank transfer or balance; coupons only the
// operator may cancel; carts of several orders), random sequences of what sellers, buyers,
// operators, the payment provider, the bank, SES, Step Functions and time do — each through the
// real use case, the workflows played state by state from their files, faults and two commands at
// once included — keep, after every command: (a) what a buyer gets back for an order never exceeds
// what was paid for it; (b) a fee only where money was returned; (c) every yen of a balance in the
// ledger, each refund credit one completed refund; no refund twice; no order held by a closed
// claim. At the end nothing is dropped: a paid order cancelled or returned has its one completed
// refund, or an operator's claim that says why; and once the operator has completed those, all do.
// Fakes only (test/support/fakes.ts, the scripted bank of the balance tests, the card side of this
// folder): it needs no local stack.
import { vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perform } from './money-actions.js';
import { commandArb, type Command } from './money-commands.js';
import { moneyViolations } from './money-invariants.js';
import { settleEverything, type CardSideAtRest } from './money-settle.js';
import { moneyWorld, registerOrders, setupArb, type Setup } from './money-world.js';
import { FULL, record, SEED, size } from './support.js';
import { tally, tallyCase } from './money-tally.js';

const CASES = size(150, 10_000);

const cardSideArb = fc.constantFrom<CardSideAtRest>(
  'CONFIRM_BY_WEBHOOK',
  'CONFIRM_WHEN_ASKED',
  'DECLINE_BY_WEBHOOK',
  'NEVER',
);

async function scenario(setup: Setup, commands: Command[], cardSide: CardSideAtRest) {
  const world = moneyWorld(setup);
  await registerOrders(world, setup);
  const story: string[] = [];
  const check = async (after: string) => {
    const violations = await moneyViolations(world);
    if (violations.length > 0) throw new Error(`${violations.join('\n')}\nafter: ${story.join(' > ')} > ${after}`);
  };
  for (const command of commands) {
    const outcome = await perform(world, command);
    story.push(outcome);
    await check(outcome);
  }
  const ending = await settleEverything(world, cardSide);
  await check('the end');
  tallyCase(
    world,
    commands,
    story.flatMap((o) => (o.startsWith('together(') ? o.slice(9, -1).split(' & ') : [o])),
  );
  if (ending.atRest.length > 0) throw new Error(`at rest: ${ending.atRest.join('\n')}\nafter: ${story.join(' > ')}`);
  if (ending.finished.length > 0)
    throw new Error(`finished: ${ending.finished.join('\n')}\nafter: ${story.join(' > ')}`);
}

describe('money only where money was paid, over every flow', () => {
  // Found at ADVERSARIAL=full (seed 20261129): a report whose run never started (Step Functions
  // refused the start), answered before the reconciler ran, stayed ANSWERED for good.
  it('a non-receipt answered while its run was never started closes as accepted', async () => {
    const report = { kind: 'reportNonReceipt', order: 0, anywhere: false, byOperator: true } as const;
    await scenario(
      {
        orders: [{ cart: 0, status: 'PREPARING', method: 'CARD', total: 1, couponForbidsSeller: true }],
        operatorOnly: [],
        approvalThreshold: 1,
      },
      [
        { kind: 'fault', fault: 'startRefused' },
        { kind: 'together', a: report, b: { ...report, anywhere: true } },
        { kind: 'answerNonReceipt', claim: 0, anywhere: true, answer: 'PROOF' },
        { kind: 'step', run: 0, times: 1 },
      ],
      'CONFIRM_BY_WEBHOOK',
    );
  });

  it(
    `${CASES} scenarios: (a) returned ≤ paid, (b) fees only on returns, (c) the ledger whole, none twice or dropped`,
    async () => {
      const started = Date.now();
      const property = fc.asyncProperty(
        setupArb,
        fc.array(commandArb, { minLength: 4, maxLength: 40, size: 'medium' }),
        cardSideArb,
        scenario,
      );
      const result = await fc.check(property, { numRuns: CASES, seed: SEED });
      const counterexample = result.failed
        ? {
            seed: result.seed,
            path: result.counterexamplePath,
            error: String(result.errorInstance).slice(0, 4000),
            value: result.counterexample,
          }
        : undefined;
      record('money', {
        ...tally,
        runs: CASES,
        violations: result.failed ? 1 : 0,
        ms: Date.now() - started,
        ...(counterexample ? { counterexample } : {}),
      });
      expect(counterexample, fc.defaultReportMessage(result) ?? '').toBeUndefined();
    },
    FULL ? 3_600_000 : 120_000,
  );
});
