import * as z from 'zod';
import { advanceReturn } from '../../shared/app/returns/return-workflow.js';
import { claimStore, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { returnTimingSchema, stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), profiles: sellerStore() };

export const inputSchema = z.object({ claimId: z.string().min(1), timing: returnTimingSchema() });

export const handler = stepHandler(STEPS.advanceReturn, inputSchema, ({ claimId, timing }, now) =>
  advanceReturn(deps, claimId, timing, now),
);
