import * as z from 'zod';
import { completeClaim } from '../../shared/app/settle/complete-claim.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer() };

export const inputSchema = z.object({
  claimId: z.string().min(1),
  /** The card refunds apply-claim found confirmed at once. */
  confirmed: z.array(
    z.object({ claimId: z.string(), orderNo: z.string(), refundId: z.string(), reference: z.string() }),
  ),
});

export const handler = stepHandler(STEPS.completeClaim, inputSchema, ({ claimId, confirmed }, now) =>
  completeClaim(deps, claimId, confirmed, now),
);
