import { z } from 'zod';
import { notifySeller } from '../../shared/app/buyer-requests.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), mailer: sesMailer() };

export const handler = stepHandler('notify-seller', z.object({ claimId: z.string(), reminder: z.boolean() }), ({ claimId, reminder }, now) =>
  notifySeller(deps, claimId, reminder, now),
);
