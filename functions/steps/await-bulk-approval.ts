import * as z from 'zod';
import { awaitBulkApproval } from '../../shared/app/bulk/await-bulk-approval.js';
import { bulkStore, operatorEmail, sesMailer, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { bulks: bulkStore(), workflows: stepFunctions(), mailer: sesMailer(), operatorEmail: operatorEmail() };

export const inputSchema = z.object({ bulkId: z.string().min(1), taskToken: z.string().min(1) });

// The task token is stored beside the job, and never logged or returned.
export const handler = stepHandler(STEPS.awaitBulkApproval, inputSchema, ({ bulkId, taskToken }, now) =>
  awaitBulkApproval(deps, bulkId, taskToken, now),
);
