import * as z from 'zod';
import { confirmCardRefunds } from '../../shared/app/settle/confirm-card-refund.js';
import { claimStore, paymentGateway } from '../../shared/adapters/adapters.js';
import { stepHandler } from '../../shared/workflow/step-handler.js';

const deps = { store: claimStore(), payments: paymentGateway() };

const refundRef = z.object({ claimId: z.string().min(1), orderNo: z.string().min(1), refundId: z.string().min(1) });

/** The claim's card refunds the wait was for. */
export const inputSchema = z.object({ claimId: z.string().min(1), refunds: z.array(refundRef).max(100) });

export const handler = stepHandler('confirm-card-refund', inputSchema, ({ claimId, refunds }, now) => confirmCardRefunds(deps, claimId, refunds, now));
