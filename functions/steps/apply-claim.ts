import { z } from 'zod';
import { applyClaimToOrders } from '../../shared/app/claim-steps.js';
import { claimStore, refundFees } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();
const fees = refundFees();

export const handler = stepHandler('apply-claim', z.object({ claimId: z.string() }), ({ claimId }, now) => applyClaimToOrders(store, fees, claimId, now));
