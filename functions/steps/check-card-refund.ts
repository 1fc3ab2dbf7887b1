import { z } from 'zod';
import { checkCardRefund } from '../../shared/app/refunds.js';
import { claimStore, paymentGateway } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();
const payments = paymentGateway();

export const handler = stepHandler('check-card-refund', z.object({ orderNo: z.string(), refundId: z.string(), checks: z.number().int().min(0) }), (ref, now) =>
  checkCardRefund(store, payments, ref, now),
);
