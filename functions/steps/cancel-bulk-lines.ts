import * as z from 'zod';
import { cancelBulkLines } from '../../shared/app/bulk/cancel-bulk-lines.js';
import { bulkPace, bulkStore, sellerClaimDeps } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { ...sellerClaimDeps(), bulks: bulkStore(), lineConcurrency: 8, linesPerSecond: bulkPace() };

export const inputSchema = z.object({ bulkId: z.string().min(1) });

export const handler = stepHandler(STEPS.cancelBulkLines, inputSchema, ({ bulkId }, now) => cancelBulkLines(deps, bulkId, now));
