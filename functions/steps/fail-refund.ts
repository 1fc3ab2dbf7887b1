import { z } from 'zod';
import { abandonRefund } from '../../shared/app/refunds.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

const failureSchema = z.object({ orderNo: z.string(), refundId: z.string(), error: z.string(), cause: z.string().default('') });

export const handler = stepHandler('fail-refund', failureSchema, (input, now) => abandonRefund(store, input, now));
