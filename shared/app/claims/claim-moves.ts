// A claim moves only along the domain's table of next statuses; anything else is a bug, refused here.

import { canMoveClaim, type Claim, type ClaimStatus } from '../../domain/claim.js';
import { StepError } from '../common/step-errors.js';

export function moved(claim: Claim, status: ClaimStatus, now: Date, extra: Partial<Claim> = {}): Claim {
  if (!canMoveClaim(claim.status, status))
    throw new StepError('ClaimClosed', `Claim ${claim.claimId} is ${claim.status}; it cannot become ${status}.`);
  return { ...claim, ...extra, status, updatedAt: now.toISOString() };
}
