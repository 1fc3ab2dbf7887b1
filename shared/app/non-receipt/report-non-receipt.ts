// POST /orders/{orderNo}/non-receipt (DOMAIN.md, "After delivery"): the buyer, or an operator on the
// buyer's behalf, reports a shipped order not received. The claim holds the order while the seller
// answers, so no refund, return or second report runs beside it; its workflow (non-receipt-claim)
// waits for the answer on a task token and hands an unanswered report to the operator.

import type { Claim } from '../../domain/claim.js';
import { decideNonReceiptReport, NON_RECEIPT_FAULT } from '../../domain/non-receipt.js';
import { allowedActions, holdForClaim } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { changeOf } from '../changes/change-set.js';
import { startCurrentRun } from '../claims/claim-runs.js';
import { retryOnConflict } from '../common/conflicts.js';
import { InvalidInputError, RefusedError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { loadOwnOrder } from '../orders/own-order.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { NonReceiptTiming, Workflows } from '../ports/workflows.js';
import { timelineEvent } from '../claims/timeline.js';
import { emailNotice, noticeWrite } from './non-receipt-notices.js';

export interface NonReceiptDeps {
  store: ClaimStore;
  workflows: Workflows;
  mailer: Mailer;
  nonReceiptTiming: NonReceiptTiming;
}

export interface NonReceiptReportInput {
  message?: string;
  onBehalfReason?: string;
  correlationId?: string;
}

export async function reportNonReceipt(
  deps: NonReceiptDeps,
  principal: Principal,
  orderNo: string,
  input: NonReceiptReportInput,
  now: Date,
): Promise<Claim> {
  if (principal.role === 'operator' && !input.onBehalfReason) {
    throw new InvalidInputError('An operator reports a non-receipt on the buyer’s behalf with the reason.', [
      { path: 'body.onBehalfReason', message: 'required for an operator' },
    ]);
  }
  const claim = await retryOnConflict(async () => {
    const order = await loadOwnOrder(deps.store, principal, orderNo);
    const decision = decideNonReceiptReport(order, await deps.store.getClaims(order.claimIds));
    if (!decision.ok) {
      const { refusal } = decision;
      if (refusal.kind === 'RULE') throw new RefusedError({ kind: 'RULE', rule: refusal.rule, detail: refusal.detail });
      throw new RefusedError({
        kind: 'CONFLICT',
        detail: refusal.detail,
        currentStatus: order.status,
        allowedActions: allowedActions(order, now),
      });
    }
    const at = now.toISOString();
    const opened: Claim = {
      claimId: newId('C', now),
      type: 'NON_RECEIPT',
      status: 'AWAITING_SELLER',
      orderNo,
      orderNos: [orderNo],
      excluded: [],
      cartNo: order.cartNo,
      sellerId: order.sellerId,
      buyerId: order.buyer.id,
      reason: 'NOT_RECEIVED',
      fault: NON_RECEIPT_FAULT,
      scope: 'ORDER',
      nonReceipt: { reportedIn: decision.value.reportedIn },
      ...(input.message ? { buyerMessage: input.message } : {}),
      requestedBy: actor(principal),
      requestedAt: at,
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      updatedAt: at,
      version: 0,
    };
    const onBehalf = input.onBehalfReason ? ` (filed for the buyer: ${input.onBehalfReason})` : '';
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: opened, from: null },
        {
          entity: 'order',
          value: { ...holdForClaim(order, opened.claimId, false), updatedAt: at },
          from: order.status,
        },
        {
          entity: 'event',
          value: timelineEvent(orderNo, 'NON_RECEIPT_REPORTED', actor(principal), now, {
            claimId: opened.claimId,
            detail: `NOT_RECEIVED in ${order.status}${onBehalf}`,
          }),
        },
        noticeWrite(order, opened, 'REPORTED', now),
      ]),
    );
    return { ...opened, version: 1 };
  });
  await startCurrentRun({ workflows: deps.workflows, nonReceiptTiming: deps.nonReceiptTiming }, claim);
  await emailNotice(deps, orderNo, claim.claimId, 'REPORTED', now);
  return claim;
}
