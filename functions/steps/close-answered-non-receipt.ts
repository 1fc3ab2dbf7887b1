import * as z from 'zod';
import { closeAnsweredNonReceipt } from '../../shared/app/non-receipt/unanswered-steps.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer() };

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler(STEPS.closeAnsweredNonReceipt, inputSchema, ({ claimId }, now) =>
  closeAnsweredNonReceipt(deps, claimId, now),
);
