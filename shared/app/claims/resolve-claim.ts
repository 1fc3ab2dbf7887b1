// The operator's cases (the guide's FAQ): a claim that needs an operator is completed (the claim
// workflow runs again, retrying what failed under the same payment keys) or closed; or, when the
// provider answered outside the protocol, its card refunds are recorded as settled at the provider
// under the reference the operator found or made there, and the claim runs again to complete.

import { tellSellerOfClaim, type SellerMail } from './seller-mail.js';
import { effectiveStatus, FINAL_STATUSES } from '../../domain/order.js';
import type { ResolutionAction } from '../../domain/claim.js';
import { retryRefund, settleOutside, type Refund } from '../../domain/refund.js';
import { allowedActions, releaseFromClaim } from '../../domain/transitions.js';
import { actor, type Principal } from '../common/access.js';
import { moved } from './claim-moves.js';
import { startRunOf } from './claim-runs.js';
import { NotFoundError, RefusedError } from '../common/errors.js';
import { retryOnConflict } from '../common/conflicts.js';
import { timelineEvent } from './timeline.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { changeOf } from '../changes/change-set.js';

export interface Resolution {
  action: ResolutionAction;
  reason: string;
  /** SETTLED_OUTSIDE: the provider's reference of the refund. */
  reference?: string;
}

/**
 * What the claim's run owes after the resolution: a failed refund gets another attempt under a new
 * key (COMPLETE), or a card refund not completed is recorded settled outside (SETTLED_OUTSIDE).
 */
function resolvedRefunds(refunds: Refund[], input: Resolution, by: { role: string; id: string }, now: Date): Refund[] {
  return refunds.flatMap((refund) => {
    if (
      input.action === 'SETTLED_OUTSIDE' &&
      refund.method === 'CARD_AUTHORIZATION_CANCEL' &&
      refund.status !== 'COMPLETED'
    ) {
      return [settleOutside(refund, input.reference!, by, now)];
    }
    return refund.status === 'FAILED' ? [retryRefund(refund, now)] : [];
  });
}

/** POST /claims/{claimId}/resolution. */
export async function resolveClaim(
  /** With `sellerMail` (the API's), the seller of a return or a non-receipt report is told of the decision. */
  deps: { store: ClaimStore; workflows: Workflows; sellerMail?: SellerMail },
  principal: Principal,
  claimId: string,
  input: Resolution,
  now: Date,
) {
  const { store } = deps;
  const resumed = await retryOnConflict(async () => {
    const claim = await store.getClaim(claimId);
    if (!claim) throw new NotFoundError(`No claim ${claimId}.`);
    const orders = await store.getOrders(claim.orderNos);
    const primary = orders.find((o) => o.orderNo === claim.orderNo)!;
    if (claim.status !== 'NEEDS_OPERATOR') {
      throw new RefusedError({
        kind: 'CONFLICT',
        detail: `Claim ${claimId} is ${claim.status}; only a claim that needs an operator can be resolved.`,
        currentStatus: effectiveStatus(primary, now),
        allowedActions: allowedActions(primary, now),
      });
    }
    const applied = orders.filter(
      (o) => FINAL_STATUSES.includes(o.status) && o.claimIds.includes(claimId) && o.openClaimId === undefined,
    );
    const by = actor(principal);
    const resolutions = [
      ...(claim.resolutions ?? []),
      {
        action: input.action,
        reason: input.reason,
        ...(input.reference ? { reference: input.reference } : {}),
        by,
        at: now.toISOString(),
      },
    ];
    const detail = input.reference ? `${input.reason} (reference ${input.reference})` : input.reason;
    const events = claim.orderNos.map(
      (orderNo): Write => ({
        entity: 'event',
        value: timelineEvent(orderNo, `OPERATOR_${input.action}`, by, now, { claimId, detail }),
      }),
    );

    if (input.action === 'CLOSE') {
      if (applied.length > 0) {
        throw new RefusedError({
          kind: 'CONFLICT',
          detail:
            `Orders ${applied.map((o) => o.orderNo).join(', ')} are already ${applied[0]!.status}: the refund ` +
            `is owed, so the claim must be completed, not closed.`,
          currentStatus: applied[0]!.status,
          allowedActions: [],
        });
      }
      await store.commit(
        changeOf([
          {
            entity: 'claim',
            value: moved(claim, 'FAILED', now, {
              resolutions,
              failure: { error: 'ClosedByOperator', cause: input.reason },
              operatorAlert: undefined,
              completedAt: now.toISOString(),
            }),
            from: claim.status,
          },
          ...orders
            .filter((o) => o.openClaimId === claimId)
            .map((o): Write => ({ entity: 'order', value: releaseFromClaim(o, claimId, now), from: o.status })),
          ...events,
        ]),
      );
      return undefined;
    }

    // Failed refunds get another attempt, each with its own payment key (docs/PAYMENTS.md).
    const owned = (await Promise.all(applied.map((o) => store.orderRecords(o.orderNo)))).flatMap(
      (r) => r?.refunds.filter((f) => f.claimId === claimId) ?? [],
    );
    const refunds = resolvedRefunds(owned, input, by, now);
    if (input.action === 'SETTLED_OUTSIDE' && !refunds.some((refund) => refund.settledOutside)) {
      throw new RefusedError({
        kind: 'CONFLICT',
        detail:
          `Claim ${claimId} has no card refund left unsettled: there is nothing to record as settled outside; ` +
          `complete or close it.`,
        currentStatus: effectiveStatus(primary, now),
        allowedActions: allowedActions(primary, now),
      });
    }
    const { failure: _resolved, ...rest } = claim;
    await store.commit(
      changeOf([
        {
          entity: 'claim',
          value: moved(rest, 'IN_PROGRESS', now, { resolutions, operatorAlert: undefined }),
          from: claim.status,
        },
        ...refunds.map(
          (refund): Write => ({
            entity: 'refund',
            value: refund,
            from: owned.find((o) => o.refundId === refund.refundId)!.status,
          }),
        ),
        ...events,
      ]),
    );
    return true;
  });

  // A run that does not start now is started by the reconciler: the claim is IN_PROGRESS either way.
  if (resumed) await startRunOf(deps, claimId);
  const claim = (await store.getClaim(claimId))!;
  const told =
    input.action === 'COMPLETE' ? 'OPERATOR_REFUNDED' : input.action === 'CLOSE' ? 'OPERATOR_CLOSED' : undefined;
  if (deps.sellerMail && told && (claim.type === 'RETURN' || claim.type === 'NON_RECEIPT'))
    await tellSellerOfClaim({ ...deps.sellerMail, store }, claim, told, principal, now);
  return { claimId, status: claim.status };
}
