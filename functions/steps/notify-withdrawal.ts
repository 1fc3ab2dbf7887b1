import * as z from 'zod';
import { notifyWithdrawal } from '../../shared/app/cancel-requests/notify-withdrawal.js';
import { claimStore, sellerStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), profiles: sellerStore() };

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler(STEPS.notifyWithdrawal, inputSchema, ({ claimId }, now) =>
  notifyWithdrawal(deps, claimId, now),
);
