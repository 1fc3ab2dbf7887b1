import * as z from 'zod';
import { awaitCardConfirmation } from '../../shared/app/settle/await-card-confirmation.js';
import { claimStore, stepFunctions } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';
import { namesItsRefunds, oneRefund, refundRef, refundsOf } from '../../shared/workflow/card-refunds.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

/** The claim's card refunds apply-claim left waiting for the card side (none: the wait ends at once). */
export const inputSchema = z
  .object({
    claimId: z.string().min(1),
    refunds: z.array(refundRef).max(100).optional(),
    taskToken: z.string().min(1),
    ...oneRefund,
  })
  .refine(namesItsRefunds, 'refunds, or one refund’s orderNo and refundId');

// The task token is validated, stored beside the refunds, and never logged or returned.
export const handler = stepHandler(STEPS.awaitCardConfirmation, inputSchema, (input) =>
  awaitCardConfirmation(deps, input.claimId, refundsOf(input), input.taskToken),
);
