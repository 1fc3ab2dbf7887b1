// What happens in the money property's world, one command at a time: each flow through its real
// use case (the seller's, the buyer's, the approval, the operator's, a bulk job, the provider's
// webhook, a late payment, a withdrawal from the balance), a workflow run's next state or its wait
// running out, the reconciler, time passing, faults of the providers and SES, and two commands at
// once. Targets are indices into what exists when the command runs, so every command means something.
import type { Principal } from '../../shared/app/common/access.js';
import { cancelBulkCancellation, decideBulkCancellation } from '../../shared/app/bulk/decide-bulk.js';
import { submitBulkCancellation } from '../../shared/app/bulk/submit-bulk.js';
import { reconcileClaims } from '../../shared/app/claims/reconcile-claims.js';
import { requestSellerCancellation, requestSellerRefund } from '../../shared/app/claims/request-seller-claim.js';
import { resolveClaim } from '../../shared/app/claims/resolve-claim.js';
import { settleWithdrawal } from '../../shared/app/balance/settle-withdrawal.js';
import { withdraw } from '../../shared/app/balance/withdraw.js';
import * as errors from '../../shared/app/common/errors.js';
import { confirmPayment } from '../../shared/app/orders/confirm-payment.js';
import { shipOrder } from '../../shared/app/orders/ship-order.js';
import { deliverOrder } from '../../shared/app/orders/deliver-order.js';
import { ConcurrentChangeError, WorkflowUnavailableError } from '../../shared/app/ports/port-errors.js';
import { approveRequest } from '../../shared/app/cancel-requests/approve-request.js';
import { requestBuyerCancel } from '../../shared/app/cancel-requests/request-cancel.js';
import { withdrawRequest } from '../../shared/app/cancel-requests/withdraw-request.js';
import { receivePaymentEvent } from '../../shared/app/settle/payment-events.js';
import { OPERATOR, SELLER } from '../support/principals.js';
import type { Command, Fault, Single } from './money-commands.js';
import type { MoneyWorld } from './money-world.js';
import { afterDelivery } from './money-after-delivery.js';

const pick = <T>(items: T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

/** What an API answers without a 5xx: a refusal, a missing thing, a conflict to retry, a service to try again. */
const ANSWERED = [
  errors.RefusedError,
  errors.NotFoundError,
  errors.ForbiddenError,
  errors.StatusConflictError,
  errors.InvalidInputError,
  errors.UnavailableError,
  ConcurrentChangeError,
];

/** Runs the command; answers what came of it. An error no API answer maps to (a 5xx) is thrown. */
export async function perform(world: MoneyWorld, command: Command): Promise<string> {
  if (command.kind === 'together') {
    const [a, b] = await Promise.all([perform(world, command.a), perform(world, command.b)]);
    return `together(${a} & ${b})`;
  }
  try {
    return `${command.kind}:${(await act(world, command)) ?? 'ok'}`;
  } catch (error) {
    if (error instanceof errors.RefusedError)
      return `${command.kind}:${error.refusal.kind === 'RULE' ? error.refusal.rule : 'CONFLICT'}`;
    if (ANSWERED.some((type) => error instanceof type)) return `${command.kind}:${(error as Error).name}`;
    // Step Functions refused the wake after the decision was written: the API answers 500 (reported
    // apart); the run finds the decision when its wait runs out, the provider sends its webhook again.
    if (error instanceof WorkflowUnavailableError) return `${command.kind}:5xx WorkflowUnavailable`;
    throw error;
  }
}

const memo = '在庫切れのため、キャンセルいたします。';
const notice = {
  title: 'ご注文のお詫び',
  body: '大変申し訳ございません。ご注文をキャンセルいたします。',
  alsoEmail: true,
};

async function act(world: MoneyWorld, command: Single): Promise<string | undefined> {
  const { store, claimDeps, now } = world;
  const orderNo = 'order' in command ? pick(world.orderNos, command.order)! : '';
  const claimId = 'claim' in command ? pick([...store.claims.keys()], command.claim) : undefined;
  switch (command.kind) {
    case 'sellerCancel':
      await requestSellerCancellation(
        claimDeps,
        SELLER,
        orderNo,
        { reason: command.reason, scope: command.cart ? 'CART' : 'ORDER', sellerMemo: memo, notice },
        now(),
      );
      return;
    case 'sellerRefund':
      await requestSellerRefund(
        claimDeps,
        SELLER,
        orderNo,
        { reason: 'SHIPPING_DELAY', sellerMemo: memo, notice },
        now(),
      );
      return;
    case 'buyerCancel': {
      const buyer: Principal = { role: 'buyer', id: store.orders.get(orderNo)!.buyer.id };
      const input = {
        reason: 'BUYER_CHANGED_MIND' as const,
        ...(command.byOperator ? { onBehalfReason: 'The buyer called.' } : {}),
      };
      await requestBuyerCancel(claimDeps, command.byOperator ? OPERATOR : buyer, orderNo, input, now());
      return;
    }
    case 'approve':
      if (!claimId) return 'nothing';
      await approveRequest(claimDeps, SELLER, claimId, now());
      return;
    case 'withdrawRequest': {
      if (!claimId) return 'nothing';
      const buyer: Principal = { role: 'buyer', id: store.claims.get(claimId)!.buyerId };
      await withdrawRequest(
        claimDeps,
        command.byOperator ? OPERATOR : buyer,
        claimId,
        { reason: 'The buyer changed their mind again.' },
        now(),
      );
      return;
    }
    case 'resolve':
      if (!claimId) return 'nothing';
      return (
        await resolveClaim(
          claimDeps,
          OPERATOR,
          claimId,
          { action: command.complete ? 'COMPLETE' : 'CLOSE', reason: 'Checked with the buyer.' },
          now(),
        )
      ).status;
    case 'bulk': {
      const orders = [...new Set(command.orders.map((i) => pick(world.orderNos, i)!))].map((no) => ({ orderNo: no }));
      const bulkNotice = { ...notice, title: 'ご注文 {orderNo} のお詫び' };
      return (
        await submitBulkCancellation(
          world.bulkDeps,
          SELLER,
          { orders, reason: 'OUT_OF_STOCK', sellerMemo: memo, notice: bulkNotice },
          now(),
        )
      ).status;
    }
    case 'bulkDecision': {
      const bulkId = pick([...world.bulks.jobs.keys()], command.job);
      if (!bulkId) return 'nothing';
      const deps = { bulks: world.bulks, workflows: world.workflows };
      if (command.decision === 'CANCEL') return (await cancelBulkCancellation(deps, SELLER, bulkId, now())).status;
      return (
        await decideBulkCancellation(deps, OPERATOR, bulkId, { decision: command.decision, reason: 'Checked.' }, now())
      ).status;
    }
    case 'ship':
      await shipOrder(store, SELLER, orderNo, now());
      return;
    case 'deliver':
      await deliverOrder(store, OPERATOR, orderNo, now());
      return;
    case 'askReturn':
    case 'returnStep':
    case 'reportNonReceipt':
    case 'answerNonReceipt':
    case 'buyerOnAnswer':
      return afterDelivery(world, command);
    case 'payment': {
      const outcome = await confirmPayment(world.paymentDeps, OPERATOR, orderNo, now());
      // The money arrived: the buyer has paid the order, whatever became of it.
      world.paid.set(orderNo, outcome.order.total.amount);
      return outcome.returned ? 'returned' : 'confirmed';
    }
    case 'cardDecides':
    case 'webhookAgain': {
      const entry = pick([...world.card.cancellations.values()], command.key);
      if (!entry) return 'nothing';
      const event =
        command.kind === 'cardDecides'
          ? world.card.decide(entry.key, command.confirm ? 'CONFIRMED' : 'DECLINED')
          : world.card.eventOf(entry);
      const times = command.kind === 'cardDecides' ? command.webhooks : 1;
      const outcomes = [];
      for (let i = 0; event && i < times; i++)
        outcomes.push((await receivePaymentEvent({ store, workflows: world.workflows }, event, now())).outcome);
      return outcomes.join('+') || 'silent';
    }
    case 'withdraw': {
      const buyerId = `B-${command.buyer + 1}`;
      const { balance } = await store.buyerLedger(buyerId);
      const amount = Math.max(1, Math.floor((balance.balance.amount * command.percent) / 100));
      world.bank.answers.push(command.bank);
      const account = { bankName: 'Mizuho', branch: 'Shibuya', accountNumber: '1234567', holder: 'Yamada Hanako' };
      const buyer: Principal = { role: 'buyer', id: buyerId };
      return (
        await withdraw(
          world.balanceDeps,
          buyer,
          buyerId,
          { amount: { amount, currency: 'JPY' }, bankAccount: account },
          now(),
        )
      ).status;
    }
    case 'settleWithdrawal': {
      const withdrawal = pick([...store.withdrawals.values()], command.withdrawal);
      if (!withdrawal) return 'nothing';
      return (await settleWithdrawal(world.balanceDeps, OPERATOR, withdrawal.buyerId, withdrawal.withdrawalId, now()))
        .status;
    }
    case 'step': {
      const run = pick(world.workflows.live(), command.run);
      for (let i = 0; run && i < command.times; i++) await world.workflows.tick(run);
      return run ? run.state : 'nothing';
    }
    case 'everyRunSteps': {
      const moved = await Promise.all(world.workflows.live().map((run) => world.workflows.tick(run)));
      return `${moved.filter(Boolean).length} runs`;
    }
    case 'timeout': {
      const run = pick(
        world.workflows.live().filter((r) => r.waiting && !r.waiting.woken),
        command.run,
      );
      return run && world.workflows.timeOut(run) ? run.state : 'nothing';
    }
    case 'reconcile':
      // A scheduled job: a run of it that fails (Step Functions refused a start) is the next run's to redo.
      return reconcile(world).then(
        (report) => `${report.started.length} started ${report.closed.length} closed`,
        (error: Error) => `job failed (${error.message})`,
      );
    case 'time':
      world.clock.advanceTo(now().getTime() + command.minutes * 60_000);
      return;
    case 'fault':
      inject(world, command.fault);
      return;
  }
}

export const reconcile = (world: MoneyWorld) =>
  reconcileClaims(
    {
      store: world.store,
      workflows: world.workflows,
      alerts: world.alerts,
      timing: world.timing,
      nonReceiptTiming: world.nonReceiptTiming,
    },
    { staleAfterSeconds: 300, maxClaims: 20 },
    world.now(),
  );

function inject(world: MoneyWorld, fault: Fault): void {
  const { card, mailer, workflows, bank } = world;
  if (fault === 'cardDeclines') card.answers.push('DECLINED');
  if (fault === 'cardUnavailable') card.answers.push('UNAVAILABLE');
  if (fault === 'cardTakesButTimesOut') card.answers.push('ACCEPTED_NO_ANSWER');
  if (fault === 'cardConfirmsAtOnce') card.answers.push('CONFIRMED');
  if (fault === 'cardCheckSilent') card.silentChecks += 2;
  if (fault === 'sesRefuses') mailer.failNext(2);
  if (fault === 'sesThrottles') mailer.failNext(2, { retryable: true, message: 'SES Throttling: rate exceeded' });
  if (fault === 'startRefused') workflows.failStarts++;
  if (fault === 'wakeRefused') workflows.failWakes++;
  if (fault === 'bankSilent') bank.silentOutcomes++;
  if (fault === 'stepCrashesAfterWork') workflows.crashAfterWork++;
  if (fault === 'stepRunsTwice') workflows.runTwice++;
}
