import { z } from 'zod';
import { failClaim } from '../../shared/app/cancellations.js';
import { claimStore } from '../../shared/aws/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

const failureSchema = z.object({
  claimId: z.string(),
  outcome: z.enum(['FAILED', 'NEEDS_OPERATOR']),
  error: z.string(),
  cause: z.string().default(''),
});

export const handler = stepHandler('fail-claim', failureSchema, (input, now) => failClaim(store, input, now));
