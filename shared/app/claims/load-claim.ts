// The claim a workflow step works on: there, or the step fails for good.

import type { Claim } from '../../domain/claim.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { StepError } from '../common/step-errors.js';

export async function loadClaim(store: ClaimStore, claimId: string): Promise<Claim> {
  const claim = await store.getClaim(claimId);
  if (!claim) throw new StepError('ClaimNotFound', `No claim ${claimId}.`);
  return claim;
}
