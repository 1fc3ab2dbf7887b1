import { z } from 'zod';
import { expireRequest } from '../../shared/app/buyer-requests.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), mailer: sesMailer(), operatorEmail: operatorEmail() };

export const handler = stepHandler('expire-request', z.object({ claimId: z.string() }), ({ claimId }, now) => expireRequest(deps, claimId, now));
