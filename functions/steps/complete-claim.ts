import { z } from 'zod';
import { completeClaim } from '../../shared/app/claim-steps.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('complete-claim', z.object({ claimId: z.string() }), ({ claimId }, now) => completeClaim(store, claimId, now));
