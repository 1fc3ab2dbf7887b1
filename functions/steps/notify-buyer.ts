import { z } from 'zod';
import { notifyBuyer } from '../../shared/app/claim-steps.js';
import { claimStore, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();
const mailer = sesMailer({ attempts: 1 });

export const handler = stepHandler('notify-buyer', z.object({ claimId: z.string(), messageId: z.string() }), ({ claimId, messageId }, now) =>
  notifyBuyer(store, mailer, claimId, messageId, now),
);
