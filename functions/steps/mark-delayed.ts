import * as z from 'zod';
import { markDelayed } from '../../shared/app/cancel-requests/mark-delayed.js';
import { claimStore, operatorEmail, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { approvalTimingSchema, stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), profiles: sellerStore(), operatorEmail: operatorEmail() };

export const inputSchema = z.object({ claimId: z.string().min(1), timing: approvalTimingSchema() });

export const handler = stepHandler(STEPS.markDelayed, inputSchema, ({ claimId, timing }, now) =>
  markDelayed(deps, claimId, timing, now),
);
