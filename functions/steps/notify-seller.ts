import * as z from 'zod';
import { notifySeller } from '../../shared/app/cancel-requests/notify-seller.js';
import { claimStore, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { approvalTimingSchema, stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), profiles: sellerStore() };

export const inputSchema = z.object({ claimId: z.string().min(1), timing: approvalTimingSchema() });

export const handler = stepHandler(STEPS.notifySeller, inputSchema, ({ claimId, timing }, now) =>
  notifySeller(deps, claimId, timing, now),
);
