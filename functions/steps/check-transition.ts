import { z } from 'zod';
import { beginClaim } from '../../shared/app/claim-steps.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('check-transition', z.object({ claimId: z.string() }), ({ claimId }, now) => beginClaim(store, claimId, now));
