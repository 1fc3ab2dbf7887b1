import * as z from 'zod';
import { handOverNonReceipt } from '../../shared/app/non-receipt/unanswered-steps.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), operatorEmail: operatorEmail() };

export const inputSchema = z.object({
  claimId: z.string().min(1),
  timing: z.object({
    answerSeconds: z.number().int().min(1),
    refundAfterSeconds: z.number().int().min(1),
    buyerSeconds: z.number().int().min(1),
  }),
});

export const handler = stepHandler(STEPS.handOverNonReceipt, inputSchema, ({ claimId, timing }, now) =>
  handOverNonReceipt(deps, claimId, timing, now),
);
