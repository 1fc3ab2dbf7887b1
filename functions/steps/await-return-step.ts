import * as z from 'zod';
import { awaitReturnStep } from '../../shared/app/returns/return-workflow.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

export const inputSchema = z.object({
  claimId: z.string().min(1),
  status: z.string().min(1),
  taskToken: z.string().min(1),
});

// The task token is validated, stored beside the claim, and never logged or returned.
export const handler = stepHandler(STEPS.awaitReturnStep, inputSchema, ({ claimId, status, taskToken }) =>
  awaitReturnStep(deps, claimId, status, taskToken),
);
