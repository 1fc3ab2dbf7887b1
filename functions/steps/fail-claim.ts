import { z } from 'zod';
import { failClaim } from '../../shared/app/claim-steps.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), alerts: { mailer: sesMailer({ attempts: 3 }), operatorEmail: operatorEmail() } };

const failureSchema = z.object({
  claimId: z.string(),
  outcome: z.enum(['FAILED', 'NEEDS_OPERATOR']),
  error: z.string(),
  cause: z.string().default(''),
});

export const handler = stepHandler('fail-claim', failureSchema, (input, now) => failClaim(deps, input, now));
