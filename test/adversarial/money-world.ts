// The world of the money property: the fakes of every port (FakeClaimStore, held to the DynamoDB
// store's contract), the card side and the bank as providers behave, Step Functions played from the
// workflow files, a clock that only moves forward, and the orders of a scenario registered through
// order intake. `paid` is the property's own account of what each buyer paid for each order.
import { advanceReturn, awaitReturnStep, markReturnOverdue } from '../../shared/app/returns/return-workflow.js';
import fc from 'fast-check';
import { awaitDecision } from '../../shared/app/cancel-requests/await-decision.js';
import { expireRequest } from '../../shared/app/cancel-requests/expire-request.js';
import { markDelayed } from '../../shared/app/cancel-requests/mark-delayed.js';
import { notifySeller } from '../../shared/app/cancel-requests/notify-seller.js';
import { notifyWithdrawal } from '../../shared/app/cancel-requests/notify-withdrawal.js';
import { awaitBulkApproval } from '../../shared/app/bulk/await-bulk-approval.js';
import { cancelBulkLines } from '../../shared/app/bulk/cancel-bulk-lines.js';
import { finishBulk } from '../../shared/app/bulk/finish-bulk.js';
import {
  closeAnsweredNonReceipt,
  handOverNonReceipt,
  refundByDefault,
} from '../../shared/app/non-receipt/unanswered-steps.js';
import { registerOrder } from '../../shared/app/orders/register-order.js';
import { applyClaim } from '../../shared/app/settle/apply-claim.js';
import { awaitCardConfirmation } from '../../shared/app/settle/await-card-confirmation.js';
import { completeClaim } from '../../shared/app/settle/complete-claim.js';
import { confirmCardRefunds } from '../../shared/app/settle/confirm-card-refund.js';
import { failClaim } from '../../shared/app/settle/fail-claim.js';
import { marketplaceDate, type Order, type PaymentMethod } from '../../shared/domain/order.js';
import { DEFAULT_REFUND_FEES } from '../../shared/domain/refund.js';
import type { SellerCancelPolicy } from '../../shared/domain/seller-policy.js';
import { refundsOf } from '../../shared/workflow/card-refunds.js';
import { ScriptedBank } from '../shared/app/balance/scripted-bank.js';
import { FakeAccountLimits } from '../support/fake-account-limits.js';
import { FakeBulkStore } from '../support/fake-bulk-store.js';
import { FakeSellerStore } from '../support/fake-seller-store.js';
import { FakeClaimStore, FakeMailer } from '../support/fakes.js';
import { aSellerProfile } from '../support/fixtures.js';
import { OPERATOR } from '../support/principals.js';
import { CardSide } from './money-card-side.js';
import { Conductor, type StepFunction } from './money-conductor.js';

/** Far from today, so that apply-claim's "not before the wall clock" never moves a date. */
const START = Date.parse('2031-03-02T01:00:00.000Z');
const DAY = 24 * 3600_000;

const orderArb = fc.record({
  cart: fc.nat(2),
  status: fc.constantFrom(
    'PROCESSING',
    'PROCESSING',
    'NEW',
    'PREPARING',
    'PREPARING',
    'DELAYED',
    'IN_TRANSIT',
    'DELIVERED',
  ),
  method: fc.constantFrom<PaymentMethod>('CARD', 'CARD', 'CONVENIENCE_STORE', 'BANK_TRANSFER', 'BALANCE'),
  total: fc.integer({ min: 1, max: 60_000 }),
  /** One order in five has a coupon whose terms forbid a seller's cancellation. */
  couponForbidsSeller: fc.nat(4).map((n) => n === 0),
});

export const setupArb = fc.record({
  orders: fc.array(orderArb, { minLength: 1, maxLength: 7 }),
  /** Payment methods only the operator may cancel: mostly none. */
  operatorOnly: fc.constantFrom<PaymentMethod[]>([], [], [], ['BALANCE'], ['BANK_TRANSFER'], ['CARD']),
  /** A bulk job over this many lines waits for the operator. */
  approvalThreshold: fc.integer({ min: 1, max: 3 }),
});
export type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;

export type MoneyWorld = ReturnType<typeof moneyWorld>;

export function moneyWorld(setup: Setup) {
  let time = START;
  const clock = {
    now: () => new Date(time),
    advanceTo: (ms: number) => {
      time = Math.max(time, ms);
    },
  };
  const store = new FakeClaimStore();
  const bulks = new FakeBulkStore();
  const mailer = new FakeMailer();
  const profiles = new FakeSellerStore();
  profiles.profiles.set('S-1', aSellerProfile());
  const card = new CardSide();
  const bank = new ScriptedBank();
  const policy: SellerCancelPolicy = { operatorOnlyPaymentMethods: setup.operatorOnly };
  const alerts = { mailer, operatorEmail: 'operators@shop.example' };
  const timing = {
    reminderAfterSeconds: 4 * 24 * 3600,
    handOverAfterSeconds: 3 * 24 * 3600,
    shipBackSeconds: 14 * 24 * 3600,
    receiptSeconds: 7 * 24 * 3600,
  };
  const fees = DEFAULT_REFUND_FEES;
  const steps: Record<string, StepFunction> = {};
  const workflows = new Conductor(steps, clock);
  const now = () => clock.now();
  const nonReceiptTiming = { answerSeconds: 3 * 24 * 3600, refundAfterSeconds: 2 * 24 * 3600, buyerSeconds: 604800 };
  const claimDeps = { store, workflows, policy, ...alerts, timing, nonReceiptTiming };
  const bulkDeps = {
    ...claimDeps,
    bulks,
    approvalThreshold: setup.approvalThreshold,
    approvalWaitSeconds: 2 * 24 * 3600,
  };
  // An account with room to spare: the pace is not what this world checks; time moves only by the clock.
  const pace = { limits: new FakeAccountLimits(), workBudgetMs: 3_600_000, inFlightPollMs: 0, sleep: async () => {} };
  const lineDeps = { ...bulkDeps, lineConcurrency: 2, ...pace, nowMs: () => clock.now().getTime() };
  Object.assign(steps, {
    ApplyClaimFunctionArn: (i) =>
      applyClaim({ store, mailer, payments: card, fees, cardWaitSeconds: 3600 }, i.claimId, now()),
    AwaitCardConfirmationFunctionArn: (i) =>
      awaitCardConfirmation({ store, workflows }, i.claimId, refundsOf(i as never), i.taskToken),
    ConfirmCardRefundFunctionArn: (i) =>
      confirmCardRefunds({ store, payments: card }, i.claimId, refundsOf(i as never), now()),
    CompleteClaimFunctionArn: (i) => completeClaim({ store, mailer }, i.claimId, i.confirmed, now()),
    FailClaimFunctionArn: (i) =>
      failClaim(
        { store, alerts },
        { claimId: i.claimId, outcome: i.outcome, error: i.error, cause: i.cause ?? '' },
        now(),
      ),
    NotifySellerFunctionArn: (i) => notifySeller({ store, mailer, profiles }, i.claimId, i.timing, now()),
    AwaitDecisionFunctionArn: (i) => awaitDecision({ store, workflows }, i.claimId, i.taskToken),
    AwaitBuyerFunctionArn: (i) => awaitDecision({ store, workflows }, i.claimId, i.taskToken, 'ANSWERED'),
    MarkDelayedFunctionArn: (i) => markDelayed({ store, profiles, ...alerts }, i.claimId, i.timing, now()),
    ExpireRequestFunctionArn: (i) => expireRequest({ store, ...alerts }, i.claimId, now()),
    NotifyWithdrawalFunctionArn: (i) => notifyWithdrawal({ store, mailer, profiles }, i.claimId, now()),
    AdvanceReturnFunctionArn: (i) => advanceReturn({ store, mailer, profiles }, i.claimId, i.timing, now()),
    AwaitReturnStepFunctionArn: (i) => awaitReturnStep({ store, workflows }, i.claimId, i.status, i.taskToken),
    MarkReturnOverdueFunctionArn: (i) =>
      markReturnOverdue({ store, profiles, ...alerts }, i.claimId, { status: i.status, flagged: i.flagged }, now()),
    HandOverNonReceiptFunctionArn: (i) => handOverNonReceipt({ store, ...alerts }, i.claimId, i.timing, now()),
    RefundByDefaultFunctionArn: (i) => refundByDefault({ store }, i.claimId, now()),
    CloseAnsweredNonReceiptFunctionArn: (i) => closeAnsweredNonReceipt({ store, mailer }, i.claimId, now()),
    AwaitBulkApprovalFunctionArn: (i) =>
      awaitBulkApproval({ bulks, workflows, ...alerts }, i.bulkId, i.taskToken, now()),
    CancelBulkLinesFunctionArn: (i) => cancelBulkLines(lineDeps, i.bulkId, now()),
    FinishBulkFunctionArn: (i) => finishBulk({ bulks, mailer, profiles }, i.bulkId, i.state.error, now()),
  } satisfies Record<string, StepFunction>);
  return {
    clock,
    now,
    store,
    bulks,
    mailer,
    profiles,
    card,
    bank,
    workflows,
    policy,
    fees,
    alerts,
    timing,
    nonReceiptTiming,
    claimDeps,
    bulkDeps,
    balanceDeps: { store, bank, clock: now },
    paymentDeps: { store, fees, ...alerts },
    /** What each buyer paid for each order, as far as the property knows: nothing yet for one awaiting payment. */
    paid: new Map<string, number>(),
    orderNos: [] as string[],
  };
}

/** Registers the scenario's orders as order intake does (a PROCESSING order is paid later, or never). */
export async function registerOrders(world: MoneyWorld, setup: Setup): Promise<void> {
  const day = (offset: number) => marketplaceDate(new Date(world.now().getTime() + offset * DAY));
  for (const [i, spec] of setup.orders.entries()) {
    const processing = spec.status === 'PROCESSING';
    // Only a convenience store or a bank transfer is paid after checkout.
    const method: PaymentMethod =
      processing && (spec.method === 'CARD' || spec.method === 'BALANCE') ? 'BANK_TRANSFER' : spec.method;
    const buyerId = `B-${(spec.cart % 2) + 1}`;
    const shipDate = spec.status === 'DELAYED' ? day(-2) : spec.status === 'PREPARING' ? day(2 + (i % 3)) : undefined;
    const status: Order['status'] = spec.status === 'DELAYED' ? 'PREPARING' : spec.status;
    const order = await registerOrder(
      { store: world.store, profiles: world.profiles },
      OPERATOR,
      {
        orderNo: `M-${i + 1}`,
        cartNo: `CART-${spec.cart + 1}`,
        sellerId: 'S-1',
        buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' },
        item: { code: `ITEM-${i + 1}`, name: '抹茶セット', quantity: 1 },
        total: { amount: spec.total, currency: 'JPY' },
        payment: { method },
        ...(spec.couponForbidsSeller ? { coupon: { code: `CP-${i + 1}`, sellerCancellable: false } } : {}),
        status,
        ...(shipDate ? { expectedShipDate: shipDate } : {}),
        ...(status === 'IN_TRANSIT' || status === 'DELIVERED' ? { shippedAt: `${day(-3)}T01:00:00.000Z` } : {}),
        orderedAt: `${day(-5)}T00:00:00.000Z`,
      },
      world.now(),
    );
    world.orderNos.push(order.orderNo);
    world.paid.set(order.orderNo, processing ? 0 : spec.total);
  }
}
