import * as z from 'zod';
import { applyClaim } from '../../shared/app/settle/apply-claim.js';
import {
  cardConfirmationWaitSeconds,
  claimStore,
  paymentGateway,
  refundFees,
  sesMailer,
} from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = {
  store: claimStore(),
  mailer: sesMailer(),
  payments: paymentGateway(),
  fees: refundFees(),
  cardWaitSeconds: cardConfirmationWaitSeconds(),
};

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler(STEPS.applyClaim, inputSchema, ({ claimId }, now) => applyClaim(deps, claimId, now));
