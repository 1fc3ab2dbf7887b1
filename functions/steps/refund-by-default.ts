import * as z from 'zod';
import { refundByDefault } from '../../shared/app/non-receipt/unanswered-steps.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore() };

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler(STEPS.refundByDefault, inputSchema, ({ claimId }, now) =>
  refundByDefault(deps, claimId, now),
);
