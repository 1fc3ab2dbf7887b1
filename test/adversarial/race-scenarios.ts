// The scenarios of the model-based races (races.test.ts), drawn by fast-check from the seed: the
// order each starts from, the commands that race on it, and the faults the stand-ins answer with.
import fc from 'fast-check';
import { call, type PaymentFault } from '../support/http.js';

export type Command =
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
export const COMMANDS: Command[] = [
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
export const DECLINE_TIMINGS = { before: 0, during: 40, after: 1500 } as const;

/**
 * Step Functions refusing calls: 4 in a row outlast the SDK's 3 attempts, so the caller sees the
 * refusal; 1 is absorbed by its retry. Each fault is about its own scenario's executions (their
 * input carries the scenario's correlation id), so it replays exactly and no other test meets it.
 */
export const SFN_FAULTS = [
  { operation: 'StartExecution', count: 4 },
  { operation: 'SendTaskSuccess', count: 4 },
  { operation: 'SendTaskFailure', count: 4 },
  { operation: 'SendTaskSuccess', count: 1 },
] as const;

/** SES refusing: its rate (Throttling), its daily quota (Throttling, in SES's words), a rejection. */
export const SES_FAULTS = {
  Throttling: { code: 'Throttling', message: 'Maximum sending rate exceeded.' },
  DailyQuota: { code: 'Throttling', message: 'Daily message quota exceeded.' },
  MessageRejected: { code: 'MessageRejected', message: 'Email address is not verified.' },
} as const;

/** The steps of a return and of a non-receipt report, on the order's latest claim. */
export const AFTER_DELIVERY_STEPS = {
  approveReturn: {
    path: 'return-decision',
    body: { decision: 'APPROVE', returnAddress: '東京都港区1-2-3 返品センター' },
    who: 'seller',
  },
  shipBack: { path: 'return-shipment', body: { carrier: 'ヤマト運輸', trackingNo: '1234-5678-9012' }, who: 'buyer' },
  receiveReturn: { path: 'return-receipt', body: { outcome: 'RECEIVED' }, who: 'seller' },
  refundNonReceipt: { path: 'non-receipt-answer', body: { answer: 'REFUND' }, who: 'seller' },
} as const;

export const scenarioArb = fc.record({
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
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

export type AfterDeliveryStart = 'none' | 'asked' | 'approved' | 'shipped' | 'reported';

/** Takes a delivered order's claim to where the scenario starts, one step at a time (each must be taken). */
export async function setUpAfterDelivery(orderNo: string, start: AfterDeliveryStart, tokens: Record<string, string>) {
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
