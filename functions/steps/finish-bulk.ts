import * as z from 'zod';
import { finishBulk } from '../../shared/app/bulk/finish-bulk.js';
import { bulkStore, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { bulks: bulkStore(), mailer: sesMailer(), profiles: sellerStore() };

/** The whole state: a step that failed for good left its error at `error` (the Catch's ResultPath). */
export const inputSchema = z.object({
  bulkId: z.string().min(1),
  state: z.object({ error: z.object({ Error: z.string(), Cause: z.string().optional() }).optional() }),
});

export const handler = stepHandler(STEPS.finishBulk, inputSchema, ({ bulkId, state }, now) =>
  finishBulk(deps, bulkId, state.error, now),
);
