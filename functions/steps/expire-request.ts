import * as z from 'zod';
import { expireRequest } from '../../shared/app/cancel-requests/expire-request.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';
import { STEPS } from '../../shared/workflow/steps.js';

const deps = { store: claimStore(), mailer: sesMailer(), operatorEmail: operatorEmail() };

export const inputSchema = z.object({ claimId: z.string().min(1) });

export const handler = stepHandler(STEPS.expireRequest, inputSchema, ({ claimId }, now) =>
  expireRequest(deps, claimId, now),
);
