// POST /claims/{claimId}/escalation: the buyer takes a refused return or an answered non-receipt to
// the operator; each claim type keeps its own rule of when it may.

import type { Principal } from '../common/access.js';
import { escalateNonReceipt } from '../non-receipt/answer-non-receipt.js';
import type { OperatorAlerts } from './operator-alerts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { escalateReturn } from '../returns/escalate-return.js';

export async function escalateClaim(
  deps: { store: ClaimStore; workflows: Workflows; mailer: Mailer } & OperatorAlerts,
  principal: Principal,
  claimId: string,
  now: Date,
) {
  // Another's claim, or one that is neither, is answered by the return's rules (404, or 409 naming what it waits for).
  const claim = principal.role === 'buyer' ? await deps.store.getClaim(claimId) : undefined;
  if (claim?.type === 'NON_RECEIPT') return escalateNonReceipt(deps, principal, claimId, now);
  return escalateReturn(deps, principal, claimId, now);
}
