import { z } from 'zod';
import { beginClaim } from '../../shared/app/cancellations.js';
import { claimStore } from '../../shared/aws/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('check-transition', z.object({ claimId: z.string() }), ({ claimId }, now) => beginClaim(store, claimId, now));
