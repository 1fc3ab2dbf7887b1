import { z } from 'zod';
import { markDelayed } from '../../shared/app/buyer-requests.js';
import { claimStore, operatorEmail, sesMailer } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), mailer: sesMailer(), operatorEmail: operatorEmail() };

export const handler = stepHandler('mark-delayed', z.object({ claimId: z.string() }), ({ claimId }, now) => markDelayed(deps, claimId, now));
