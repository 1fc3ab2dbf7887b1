import * as z from 'zod';
import { markReturnOverdue } from '../../shared/app/returns/return-workflow.js';
import { claimStore, operatorEmail, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = {
  store: claimStore(),
  mailer: sesMailer(),
  profiles: sellerStore(),
  operatorEmail: operatorEmail(),
};

export const inputSchema = z.object({ claimId: z.string().min(1), status: z.string().min(1), flagged: z.boolean() });

export const handler = stepHandler(STEPS.markReturnOverdue, inputSchema, ({ claimId, status, flagged }, now) =>
  markReturnOverdue(deps, claimId, { status, flagged }, now),
);
