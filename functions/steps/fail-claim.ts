import * as z from 'zod';
import { failClaim } from '../../shared/app/settle/fail-claim.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), alerts: { mailer: sesMailer(), operatorEmail: operatorEmail() } };

export const inputSchema = z.object({
  claimId: z.string().min(1),
  outcome: z.enum(['FAILED', 'NEEDS_OPERATOR']),
  error: z.string(),
  cause: z.string().default(''),
});

export const handler = stepHandler(STEPS.failClaim, inputSchema, (input, now) => failClaim(deps, input, now));
