import { z } from 'zod';
import { finishRefund } from '../../shared/app/refunds.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('complete-refund', z.object({ orderNo: z.string(), refundId: z.string() }), (ref, now) => finishRefund(store, ref, now));
