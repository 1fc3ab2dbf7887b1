import { z } from 'zod';
import { checkRequest } from '../../shared/app/buyer-requests.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const store = claimStore();

export const handler = stepHandler('check-request', z.object({ claimId: z.string() }), ({ claimId }) => checkRequest(store, claimId));
