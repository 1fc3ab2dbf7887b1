import { z } from 'zod';
import { settleRefunds } from '../../shared/app/cancellations.js';
import { claimStore } from '../../shared/aws/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('settle-refund', z.object({ claimId: z.string() }), ({ claimId }, now) => settleRefunds(store, claimId, now));
