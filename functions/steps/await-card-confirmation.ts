import * as z from 'zod';
import { awaitCardConfirmation } from '../../shared/app/settle/await-card-confirmation.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

const refundRef = z.object({ claimId: z.string().min(1), orderNo: z.string().min(1), refundId: z.string().min(1) });

/** The claim's card refunds apply-claim left waiting for the card side (none: the wait ends at once). */
export const inputSchema = z.object({ claimId: z.string().min(1), refunds: z.array(refundRef).max(100), taskToken: z.string().min(1) });

// The task token is validated, stored beside the refunds, and never logged or returned.
export const handler = stepHandler('await-card-confirmation', inputSchema, ({ claimId, refunds, taskToken }) => awaitCardConfirmation(deps, claimId, refunds, taskToken));
