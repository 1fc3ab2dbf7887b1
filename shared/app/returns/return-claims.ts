// Returns through the API (DOMAIN.md, "After delivery"): the buyer asks, the seller approves or
// refuses, the buyer enters the parcel, the seller confirms receipt; receipt starts the claim's
// settlement (settle-claim, as a cancellation's: refund by payment method, the order RETURNED).
// Each step is a conditional write on the claim, so of two at once the first wins and the second
// is refused by the status it finds; then the return's workflow (return-claim) is woken to tell the
// buyer and wait for the next step (return-workflow.ts).

import type { Claim, ClaimStatus } from '../../domain/claim.js';
import {
  decideReturnRequest,
  receiptRefunds,
  requireReturnStep,
  returnWindowDays,
  type ReceiptOutcome,
  type ReturnReason,
  type ReturnStep,
} from '../../domain/returns.js';
import { allowedActions, holdForClaim, releaseFromClaim } from '../../domain/transitions.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { moved } from '../claims/claim-moves.js';
import { startCurrentRun } from '../claims/claim-runs.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, InvalidInputError, RefusedError, StatusConflictError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { pendingAlert, trySendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import { loadOwnOrder } from '../orders/own-order.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';
import type { ReturnTiming } from '../../domain/return-waits.js';
import type { SellerProfiles } from '../ports/seller-store.js';
import { wakeReturn } from './return-workflow.js';
import { tellSellerOfClaim, type SellerMail } from '../claims/seller-mail.js';

export interface ReturnDeps extends OperatorAlerts {
  store: ClaimStore;
  workflows: Workflows;
}

/** Asking: the seller's return window is read from its profile; the run's waits last as configured. */
export interface ReturnRequestDeps {
  store: ClaimStore;
  profiles: Pick<SellerProfiles, 'getProfile'>;
  workflows: Workflows;
  timing: ReturnTiming;
}

export interface ReturnRequestInput {
  reason: ReturnReason;
  message?: string;
  onBehalfReason?: string;
  correlationId?: string;
}

/** POST /orders/{orderNo}/returns: the buyer, or an operator on the buyer's behalf, within the window. */
export async function requestReturn(
  deps: ReturnRequestDeps,
  principal: Principal,
  orderNo: string,
  input: ReturnRequestInput,
  now: Date,
): Promise<Claim> {
  if (principal.role === 'operator' && !input.onBehalfReason) {
    throw new InvalidInputError('An operator files a return on the buyer’s behalf with the reason.', [
      { path: 'body.onBehalfReason', message: 'required for an operator' },
    ]);
  }
  const claim = await retryOnConflict(async () => {
    const order = await loadOwnOrder(deps.store, principal, orderNo);
    const earlier = await deps.store.getClaims(order.claimIds);
    const profile = await deps.profiles.getProfile(order.sellerId);
    const windowDays = returnWindowDays(profile?.returnWindowDays);
    const decision = decideReturnRequest(order, earlier, input.reason, windowDays, now);
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
    const claim: Claim = {
      claimId: newId('C', now),
      type: 'RETURN',
      status: 'AWAITING_APPROVAL',
      orderNo,
      orderNos: [orderNo],
      excluded: [],
      cartNo: order.cartNo,
      sellerId: order.sellerId,
      buyerId: order.buyer.id,
      reason: input.reason,
      fault: decision.value.fault,
      scope: 'ORDER',
      return: { windowEndsAt: decision.value.windowEndsAt },
      ...(input.message ? { buyerMessage: input.message } : {}),
      requestedBy: actor(principal),
      requestedAt: at,
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      updatedAt: at,
      version: 0,
    };
    const onBehalf = input.onBehalfReason ? ` (filed for the buyer: ${input.onBehalfReason})` : '';
    const detail = `RETURN ${input.reason}${onBehalf}`;
    await deps.store.commit(
      changeOf([
        { entity: 'claim', value: claim, from: null },
        { entity: 'order', value: { ...holdForClaim(order, claim.claimId, false), updatedAt: at }, from: order.status },
        {
          entity: 'event',
          value: timelineEvent(orderNo, 'RETURN_REQUESTED', actor(principal), now, { claimId: claim.claimId, detail }),
        },
      ]),
    );
    return { ...claim, version: 1 };
  });
  await startCurrentRun(deps, claim);
  return claim;
}

/** The return claim, if it is this caller's to act on as `role`; a claim of another party is not found. */
export async function ownReturn(
  store: ClaimStore,
  principal: Principal,
  claimId: string,
  role: 'seller' | 'buyer',
  step: ReturnStep,
): Promise<Claim> {
  if (principal.role !== role) throw new ForbiddenError(`Only the ${role} of claim ${claimId} takes this step.`);
  const claim = await store.getClaim(claimId);
  if (!claim || (role === 'seller' ? claim.sellerId : claim.buyerId) !== principal.id) throw notFound('claim', claimId);
  const ready = requireReturnStep(claim, step);
  if (!ready.ok)
    throw new StatusConflictError(
      ready.refusal.detail,
      claim.status,
      ready.refusal.kind === 'STATUS' ? ready.refusal.allowed : [],
    );
  return claim;
}

export const stepped = (
  claim: Claim,
  to: ClaimStatus,
  now: Date,
  extra: Partial<Claim>,
  event: string,
  principal: Principal,
  detail?: string,
): Write[] => [
  { entity: 'claim', value: moved(claim, to, now, extra), from: claim.status },
  {
    entity: 'event',
    value: timelineEvent(claim.orderNo, event, actor(principal), now, {
      claimId: claim.claimId,
      ...(detail ? { detail } : {}),
    }),
  },
];

export type ReturnDecisionInput =
  | { decision: 'APPROVE'; returnAddress: string; instructions?: string }
  | { decision: 'REFUSE'; reason: string };

/** POST /claims/{claimId}/return-decision: the seller approves (where to send it) or refuses (why). */
export async function decideReturn(
  deps: Pick<ReturnDeps, 'store' | 'workflows'>,
  principal: Principal,
  claimId: string,
  input: ReturnDecisionInput,
  now: Date,
) {
  const decided = await retryOnConflict(async () => {
    const claim = await ownReturn(deps.store, principal, claimId, 'seller', 'DECIDE');
    const at = now.toISOString();
    if (input.decision === 'APPROVE') {
      const approval = {
        returnAddress: input.returnAddress,
        ...(input.instructions ? { instructions: input.instructions } : {}),
        at,
      };
      await deps.store.commit(
        changeOf(
          stepped(
            claim,
            'AWAITING_RETURN',
            now,
            { return: { ...claim.return!, approval } },
            'RETURN_APPROVED',
            principal,
          ),
        ),
      );
      return { claimId, status: 'AWAITING_RETURN' as const };
    }
    const order = (await deps.store.getOrder(claim.orderNo))!;
    await deps.store.commit(
      changeOf([
        ...stepped(
          claim,
          'REFUSED',
          now,
          { return: { ...claim.return!, refusal: { reason: input.reason, at } } },
          'RETURN_REFUSED',
          principal,
          input.reason,
        ),
        { entity: 'order', value: releaseFromClaim(order, claimId, now), from: order.status },
      ]),
    );
    return { claimId, status: 'REFUSED' as const };
  });
  await wakeReturn(deps, claimId, decided.status);
  return decided;
}

/** POST /claims/{claimId}/return-shipment: the buyer sent it back, with carrier and tracking number. */
export async function enterReturnShipment(
  deps: Pick<ReturnDeps, 'store' | 'workflows'> & SellerMail,
  principal: Principal,
  claimId: string,
  input: { carrier: string; trackingNo: string },
  now: Date,
) {
  const shipped = await retryOnConflict(async () => {
    const claim = await ownReturn(deps.store, principal, claimId, 'buyer', 'SHIP_BACK');
    const shipment = { carrier: input.carrier, trackingNo: input.trackingNo, at: now.toISOString() };
    await deps.store.commit(
      changeOf(
        stepped(
          claim,
          'RETURN_IN_TRANSIT',
          now,
          { return: { ...claim.return!, shipment } },
          'RETURN_SHIPPED',
          principal,
          `${input.carrier} ${input.trackingNo}`,
        ),
      ),
    );
    return {
      claimId,
      status: 'RETURN_IN_TRANSIT' as const,
      claim: { ...claim, return: { ...claim.return!, shipment } },
    };
  });
  await wakeReturn(deps, claimId, shipped.status);
  await tellSellerOfClaim(deps, shipped.claim, 'RETURN_SHIPPED', principal, now);
  return { claimId, status: shipped.status };
}

/** POST /claims/{claimId}/return-receipt: received, the refund runs; missing or not as described, the operator. */
export async function confirmReturnReceipt(
  deps: ReturnDeps,
  principal: Principal,
  claimId: string,
  input: { outcome: ReceiptOutcome; note?: string },
  now: Date,
) {
  const claim = await retryOnConflict(async () => {
    const found = await ownReturn(deps.store, principal, claimId, 'seller', 'CONFIRM_RECEIPT');
    const receipt = { outcome: input.outcome, ...(input.note ? { note: input.note } : {}), at: now.toISOString() };
    const extra: Partial<Claim> = { return: { ...found.return!, receipt } };
    if (receiptRefunds(input.outcome)) {
      await deps.store.commit(changeOf(stepped(found, 'IN_PROGRESS', now, extra, 'RETURN_RECEIVED', principal)));
      return { ...moved(found, 'IN_PROGRESS', now, extra), version: found.version + 1 };
    }
    const note = input.note ? `: ${input.note}` : '';
    const why =
      `The seller reports the return of order ${found.orderNo} ${input.outcome}${note}. ` +
      `Refund it (POST /claims/${claimId}/resolution COMPLETE) or close it.`;
    const handed = { ...extra, failure: { error: 'ReturnNotReceived', cause: input.outcome }, ...pendingAlert(why) };
    await deps.store.commit(
      changeOf(stepped(found, 'NEEDS_OPERATOR', now, handed, 'CLAIM_NEEDS_OPERATOR', principal, input.outcome)),
    );
    return { ...moved(found, 'NEEDS_OPERATOR', now, handed), version: found.version + 1 };
  });
  if (claim.status === 'IN_PROGRESS') await startCurrentRun(deps, claim);
  else await trySendPendingAlert(deps.store, deps, claimId, now);
  await wakeReturn(deps, claimId, claim.status);
  return { claimId, status: claim.status };
}
