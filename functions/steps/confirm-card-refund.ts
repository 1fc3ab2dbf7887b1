import * as z from 'zod';
import { confirmCardRefund } from '../../shared/app/settle/confirm-card-refund.js';
import { claimStore, paymentGateway } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), payments: paymentGateway() };

export const inputSchema = z.object({ claimId: z.string().min(1), orderNo: z.string().min(1), refundId: z.string().min(1) });

export const handler = stepHandler('confirm-card-refund', inputSchema, (ref, now) => confirmCardRefund(deps, ref, now));
