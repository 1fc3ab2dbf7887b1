import { z } from 'zod';
import { cancelCardAuthorization } from '../../shared/app/refunds.js';
import { claimStore, paymentGateway } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();
const payments = paymentGateway();

export const handler = stepHandler('cancel-card-authorization', z.object({ orderNo: z.string(), refundId: z.string() }), (ref, now) =>
  cancelCardAuthorization(store, payments, ref, now),
);
