import { z } from 'zod';
import { completeClaim } from '../../shared/app/settle/complete-claim.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), mailer: sesMailer() };

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler('complete-claim', inputSchema, ({ claimId }, now) => completeClaim(deps, claimId, now));
