import { z } from 'zod';
import { applyCancellation } from '../../shared/app/cancellations.js';
import { claimStore, refundFees } from '../../shared/aws/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();
const fees = refundFees();

export const handler = stepHandler('apply-cancellation', z.object({ claimId: z.string() }), ({ claimId }, now) =>
  applyCancellation(store, fees, claimId, now),
);
