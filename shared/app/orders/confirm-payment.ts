// POST /orders/{orderNo}/payment: the payment of an order that awaited it arrived, confirmed by the
// operator for the payment provider. An order awaiting it is NEW (so "awaiting payment" counts mean
// what they say). An order cancelled before it was paid stays CANCELLED, and the payment is
// returned at once, the way that cancellation's refund would have been (to the balance: only
// convenience-store and bank-transfer orders await payment), under that claim's refund key, so it
// is returned once however often the payment is reported. The buyer and the operator are told.

import { languageFor, latePaymentAlert, latePaymentReturnedNotice } from '../../domain/notices.js';
import type { Order } from '../../domain/order.js';
import { planRefund, type Refund, type RefundFeeTable } from '../../domain/refund.js';
import { decidePaymentArrived } from '../../domain/transitions.js';
import { telemetry } from '../common/telemetry.js';
import { actor, type Principal } from '../common/access.js';
import { RefundCredits } from '../balance/refund-credits.js';
import { loadClaim } from '../claims/load-claim.js';
import { retryOnConflict, unwrap } from '../common/conflicts.js';
import { deliverEmail, newMessage } from '../messages/message-delivery.js';
import type { OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import { timelineEvent } from '../claims/timeline.js';
import { loadOwnOrder } from './own-order.js';
import { changeOf } from '../changes/change-set.js';

export interface PaymentDeps extends OperatorAlerts {
  store: ClaimStore;
  fees: RefundFeeTable;
}

export interface PaymentOutcome {
  order: Order;
  /** The payment returned because its order was cancelled before it came. */
  returned?: Refund;
}

export async function confirmPayment(
  deps: PaymentDeps,
  principal: Principal,
  orderNo: string,
  now: Date,
): Promise<PaymentOutcome> {
  const { store } = deps;
  const outcome = await retryOnConflict(async () => {
    const order = await loadOwnOrder(store, principal, orderNo);
    const arrived = unwrap(decidePaymentArrived(order, now));
    const next: Order = { ...arrived.order, updatedAt: now.toISOString() };
    const writes: Write[] = [{ entity: 'order', value: next, from: order.status }];
    if (!arrived.late) {
      writes.push({
        entity: 'event',
        value: timelineEvent(orderNo, 'PAYMENT_CONFIRMED', actor(principal), now, { detail: next.status }),
      });
      await store.commit(changeOf(writes));
      return { order: { ...next, version: next.version + 1 } };
    }
    const returned = await returnLatePayment(deps, next, now);
    writes.push(...returned.writes, {
      entity: 'event',
      value: timelineEvent(orderNo, 'LATE_PAYMENT_RETURNED', actor(principal), now, {
        claimId: returned.refund.claimId,
        detail: `${returned.refund.amount.amount} ${returned.refund.amount.currency} by ${returned.refund.method}`,
      }),
    });
    await store.commit(changeOf(writes));
    return { order: { ...next, version: next.version + 1 }, returned: { ...returned.refund, version: 1 } };
  });
  if (outcome.returned) await tellOfReturn(deps, outcome.order, outcome.returned, now);
  return outcome;
}

/** The refund the cancelling claim would have paid, credited now, with the buyer's notice. */
async function returnLatePayment(
  deps: PaymentDeps,
  order: Order,
  now: Date,
): Promise<{ refund: Refund; writes: Write[] }> {
  const claim = await loadClaim(deps.store, order.cancelledUnpaid!.claimId);
  const credits = new RefundCredits(deps.store);
  const { refund, write } = await credits.credit(
    { ...planRefund(order, claim, deps.fees, now), latePayment: true },
    now,
  );
  const notice = latePaymentReturnedNotice(refund, languageFor(order.buyer.country));
  const message = newMessage(
    order,
    { ...notice, category: 'CANCEL_REFUND', alsoEmail: true, kind: 'REFUND_COMPLETED', claimId: claim.claimId },
    now,
  );
  return {
    refund,
    writes: [
      { entity: 'refund', value: refund, from: null },
      write,
      ...credits.balanceWrites(),
      { entity: 'message', value: { ...message, refundId: refund.refundId } },
    ],
  };
}

/** The buyer's e-mail (a failed one stays on its message, to be sent again) and the operator's. */
async function tellOfReturn(deps: PaymentDeps, order: Order, refund: Refund, now: Date): Promise<void> {
  const records = await deps.store.orderRecords(order.orderNo);
  const notice = records?.messages.find(
    (message) => message.refundId === refund.refundId && message.email === 'PENDING',
  );
  if (notice) await deliverEmail(deps.store, deps.mailer, order, notice, now);
  try {
    await deps.mailer.send(deps.operatorEmail, latePaymentAlert(refund));
  } catch (error) {
    // The return stands and the order's page shows it; the operator's e-mail is only a pointer to it.
    telemetry.warn('late payment: the operator was not e-mailed', { orderNo: order.orderNo, error: error as Error });
  }
}
