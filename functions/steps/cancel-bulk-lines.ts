import * as z from 'zod';
import { cancelBulkLines } from '../../shared/app/bulk/cancel-bulk-lines.js';
import { accountLimits, bulkStore, sellerClaimDeps } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

// Two minutes of lines a step, well inside its five-minute timeout; its running claims read every second while it
// waits.
const deps = {
  ...sellerClaimDeps(),
  bulks: bulkStore(),
  limits: accountLimits(),
  lineConcurrency: 8,
  workBudgetMs: 120_000,
  inFlightPollMs: 1000,
};

export const inputSchema = z.object({ bulkId: z.string().min(1) });

export const handler = stepHandler(STEPS.cancelBulkLines, inputSchema, ({ bulkId }, now) =>
  cancelBulkLines(deps, bulkId, now),
);
