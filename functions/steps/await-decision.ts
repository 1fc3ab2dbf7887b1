import { z } from 'zod';
import { awaitDecision } from '../../shared/app/buyer-requests.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

// The task token is validated, stored on the claim, and never logged or returned.
export const handler = stepHandler('await-decision', z.object({ claimId: z.string(), taskToken: z.string().min(1) }), ({ claimId, taskToken }, now) =>
  awaitDecision(deps, claimId, taskToken, now),
);
