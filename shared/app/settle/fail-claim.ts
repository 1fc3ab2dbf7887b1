// fail-claim, in both workflows, and wherever a claim cannot go on: the claim ends in a status that
// says why. A claim whose orders were already cancelled is never merely FAILED: the money is owed,
// so an operator must finish it, and is told.

import type { Claim } from '../../domain/claim.js';
import { releaseFromClaim } from '../../domain/transitions.js';
import { retryOnConflict } from '../common/conflicts.js';
import { pendingAlert, sendPendingAlert, type OperatorAlerts } from '../claims/operator-alerts.js';
import type { ClaimStore, Write } from '../ports/claim-store.js';
import { telemetry } from '../common/telemetry.js';
import { causeMessage } from '../common/step-errors.js';
import { timelineEvent } from '../claims/timeline.js';
import { appliedBy } from './apply-claim.js';
import { loadClaim } from '../claims/load-claim.js';
import { changeOf } from '../changes/change-set.js';

export interface ClaimFailureInput {
  claimId: string;
  /** At least this: FAILED becomes NEEDS_OPERATOR when an order was already applied. */
  outcome: 'FAILED' | 'NEEDS_OPERATOR';
  error: string;
  cause: string;
}

const SYSTEM = { role: 'system', id: 'claim-workflow' };
const CLOSED_OR_HANDED_OVER: Claim['status'][] = ['FAILED', 'COMPLETED', 'WITHDRAWN', 'NEEDS_OPERATOR'];

export async function failClaim(
  deps: { store: ClaimStore; alerts: OperatorAlerts },
  input: ClaimFailureInput,
  now: Date,
) {
  const { store } = deps;
  const result = await retryOnConflict(async () => {
    const claim = await loadClaim(store, input.claimId);
    if (CLOSED_OR_HANDED_OVER.includes(claim.status)) return claim.status;
    const orders = await store.getOrders(claim.orderNos);
    const outcome = orders.some((order) => appliedBy(order, claim.claimId)) ? 'NEEDS_OPERATOR' : input.outcome;
    const failure = { error: input.error, cause: causeMessage(input.cause) };
    const closed: Claim = {
      ...claim,
      status: outcome,
      failure,
      ...(outcome === 'NEEDS_OPERATOR' ? pendingAlert(`${failure.error}: ${failure.cause}`) : {}),
      ...(outcome === 'FAILED' ? { completedAt: now.toISOString() } : {}),
      updatedAt: now.toISOString(),
    };
    const writes: Write[] = [{ entity: 'claim', value: closed, from: claim.status }];
    for (const order of orders) {
      if (outcome === 'FAILED' && order.openClaimId === claim.claimId) {
        writes.push({ entity: 'order', value: releaseFromClaim(order, claim.claimId, now), from: order.status });
      }
      writes.push({
        entity: 'event',
        value: timelineEvent(
          order.orderNo,
          outcome === 'FAILED' ? 'CLAIM_FAILED' : 'CLAIM_NEEDS_OPERATOR',
          SYSTEM,
          now,
          { claimId: claim.claimId, detail: `${failure.error}: ${failure.cause}` },
        ),
      });
    }
    await store.commit(changeOf(writes));
    // NEEDS_OPERATOR is counted when its alert goes out (operator-alerts.ts).
    if (outcome === 'FAILED') telemetry.claimOutcome('FAILED');
    return outcome;
  });
  // Also when a retry of this step finds the claim handed over but the alert still pending.
  if (result === 'NEEDS_OPERATOR') await sendPendingAlert(store, deps.alerts, input.claimId, now);
  return { claimId: input.claimId, status: result };
}
