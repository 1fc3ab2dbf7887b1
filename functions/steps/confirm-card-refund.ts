import * as z from 'zod';
import { confirmCardRefunds } from '../../shared/app/settle/confirm-card-refund.js';
import { claimStore, paymentGateway } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';
import { namesItsRefunds, oneRefund, refundRef, refundsOf } from '../../shared/workflow/card-refunds.js';

const deps = { store: claimStore(), payments: paymentGateway() };

/** The claim's card refunds the wait was for. */
export const inputSchema = z
  .object({ claimId: z.string().min(1), refunds: z.array(refundRef).max(100).optional(), ...oneRefund })
  .refine(namesItsRefunds, 'refunds, or one refund’s orderNo and refundId');

export const handler = stepHandler(STEPS.confirmCardRefund, inputSchema, (input, now) =>
  confirmCardRefunds(deps, input.claimId, refundsOf(input), now),
);
