import * as z from 'zod';
import { awaitCardConfirmation } from '../../shared/app/settle/await-card-confirmation.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

export const inputSchema = z.object({ claimId: z.string().min(1), orderNo: z.string().min(1), refundId: z.string().min(1), taskToken: z.string().min(1) });

// The task token is validated, stored on the refund, and never logged or returned.
export const handler = stepHandler('await-card-confirmation', inputSchema, ({ taskToken, ...ref }) => awaitCardConfirmation(deps, ref, taskToken));
