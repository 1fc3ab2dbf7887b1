import { z } from 'zod';
import { startRefund } from '../../shared/app/refunds.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('start-refund', z.object({ orderNo: z.string(), refundId: z.string() }), (ref) => startRefund(store, ref));
