// The commands of the money property, as fast-check draws them: each flow, a run's next state or
// the end of its wait, the reconciler, time, a fault, and two commands at once. Targets (an order,
// a claim, a run, a card cancellation, a withdrawal, a job) are indices into what exists when the
// command runs (money-actions.ts), so a command always means something once there is anything.
import fc from 'fast-check';
import { SELLER_FAULT_REASONS } from '../../shared/domain/reasons.js';
import type { TransferAnswer } from '../shared/app/balance/scripted-bank.js';

export const FAULTS = [
  'cardDeclines',
  'cardUnavailable',
  'cardTakesButTimesOut',
  'cardConfirmsAtOnce',
  'cardCheckSilent',
  'sesRefuses',
  'sesThrottles',
  'startRefused',
  'wakeRefused',
  'bankSilent',
  'stepCrashesAfterWork',
  'stepRunsTwice',
] as const;
export type Fault = (typeof FAULTS)[number];

const at = fc.nat(11);
const oneIn = (n: number) => fc.nat(n - 1).map((i) => i === 0);

/** What an object of arbitraries draws. */
type Drawn<F> = { [K in keyof F]: F[K] extends fc.Arbitrary<infer T> ? T : never };

/** One kind of command, drawn `weight` times in the sum of the weights. */
const command = <K extends string, F extends object>(weight: number, kind: K, fields: F) => ({
  weight,
  arbitrary: fc.record({ kind: fc.constant(kind), ...fields } as never) as fc.Arbitrary<{ kind: K } & Drawn<F>>,
});

const single = fc.oneof(
  command(3, 'sellerCancel', { order: at, cart: fc.boolean(), reason: fc.constantFrom(...SELLER_FAULT_REASONS) }),
  command(1, 'sellerRefund', { order: at }),
  command(3, 'buyerCancel', { order: at, byOperator: fc.nat(3).map((n) => n === 0) }),
  command(2, 'approve', { claim: at }),
  command(1, 'withdrawRequest', { claim: at, byOperator: fc.boolean() }),
  command(2, 'resolve', { claim: at, complete: fc.boolean() }),
  command(1, 'bulk', { orders: fc.uniqueArray(at, { minLength: 1, maxLength: 4 }) }),
  command(1, 'bulkDecision', { job: at, decision: fc.constantFrom('APPROVE', 'APPROVE', 'REFUSE', 'CANCEL') }),
  command(2, 'ship', { order: at }),
  command(1, 'deliver', { order: at }),
  // After delivery: mostly of a shipped order, one in four of any (for the refusals).
  command(4, 'askReturn', {
    order: at,
    anywhere: oneIn(4),
    reason: fc.constantFrom('CHANGED_MIND', 'DEFECTIVE', 'WRONG_SIZE_OR_COLOUR', 'DAMAGED'),
  }),
  command(8, 'returnStep', {
    claim: at,
    // NEXT: the next steps of a return still waiting (walked through), else any step, in turn or not.
    step: fc.constantFrom(
      'NEXT',
      'NEXT',
      'NEXT',
      'NEXT',
      'APPROVE',
      'REFUSE',
      'SHIP_BACK',
      'RECEIVED',
      'MISSING',
      'NOT_AS_DESCRIBED',
      'ESCALATE',
    ),
    times: fc.integer({ min: 1, max: 3 }),
    /** What the seller finds when the walk reaches the receipt. */
    outcome: fc.constantFrom('RECEIVED', 'RECEIVED', 'MISSING', 'NOT_AS_DESCRIBED'),
    /** The operator's decision when the walk reaches one. */
    complete: fc.boolean(),
  }),
  command(3, 'reportNonReceipt', { order: at, anywhere: oneIn(4), byOperator: oneIn(4) }),
  command(4, 'answerNonReceipt', {
    claim: at,
    anywhere: oneIn(6),
    answer: fc.constantFrom('PROOF', 'RESHIPPED', 'REFUND'),
  }),
  command(3, 'buyerOnAnswer', { claim: at, anywhere: oneIn(6), accept: fc.boolean() }),
  command(3, 'payment', { order: at }),
  command(3, 'cardDecides', { key: at, confirm: fc.nat(3).map((n) => n > 0), webhooks: fc.nat(2) }),
  command(1, 'webhookAgain', { key: at }),
  command(2, 'withdraw', {
    buyer: fc.nat(1),
    percent: fc.integer({ min: 1, max: 120 }),
    bank: fc.constantFrom<TransferAnswer>('COMPLETED', 'DECLINED', 'NO_ANSWER', 'NO_ANSWER_BUT_DONE'),
  }),
  command(1, 'settleWithdrawal', { withdrawal: at }),
  command(8, 'step', { run: at, times: fc.integer({ min: 1, max: 4 }) }),
  command(4, 'everyRunSteps', {}),
  command(2, 'timeout', { run: at }),
  command(1, 'reconcile', {}),
  command(1, 'time', { minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) }),
  command(2, 'fault', { fault: fc.constantFrom(...FAULTS) }),
);
export type Single = typeof single extends fc.Arbitrary<infer T> ? T : never;
export type Command = Single | { kind: 'together'; a: Single; b: Single };
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: single },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('together' as const), a: single, b: single }) },
);
