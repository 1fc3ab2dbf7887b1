import { z } from 'zod';
import { notifyWithdrawal } from '../../shared/app/buyer-requests.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), mailer: sesMailer() };

export const handler = stepHandler('notify-withdrawal', z.object({ claimId: z.string() }), ({ claimId }, now) => notifyWithdrawal(deps, claimId, now));
