import { z } from 'zod';
import { creditBalance } from '../../shared/app/refunds.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('credit-balance', z.object({ orderNo: z.string(), refundId: z.string() }), (ref, now) => creditBalance(store, ref, now));
