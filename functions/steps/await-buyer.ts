import * as z from 'zod';
import { awaitDecision } from '../../shared/app/cancel-requests/await-decision.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

export const inputSchema = z.object({ claimId: z.string().min(1), taskToken: z.string().min(1) });

// An answered non-receipt report waits for the buyer: await-decision's wait, for the ANSWERED status.
// The task token is validated, stored beside the claim, and never logged or returned.
export const handler = stepHandler(STEPS.awaitBuyer, inputSchema, ({ claimId, taskToken }) =>
  awaitDecision(deps, claimId, taskToken, 'ANSWERED'),
);
