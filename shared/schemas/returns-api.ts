// The request schemas of returns (API.md): they validate its routes and feed the OpenAPI document.

import * as z from 'zod';
import { RECEIPT_OUTCOMES, RETURN_REASONS } from '../domain/returns.js';
import { line, text } from './api.js';
import { once, type Infer } from './once.js';

export const returnRequestSchema = once(() =>
  z
    .object({
      reason: z.enum(RETURN_REASONS).meta({
        description:
          'DEFECTIVE, DAMAGED, WRONG_ITEM, NOT_AS_DESCRIBED, LATE_DELIVERY are the seller’s fault; ' +
          'CHANGED_MIND, WRONG_SIZE_OR_COLOUR the buyer’s (the return shipping is then deducted)',
      }),
      message: text(1000).optional().meta({ description: 'The buyer’s message to the seller' }),
      onBehalfReason: text(1000)
        .optional()
        .meta({ description: 'Required when an operator files for the buyer: why the buyer could not' }),
    })
    .strict()
    .meta({ id: 'ReturnRequest' }),
);
export type ReturnRequest = Infer<typeof returnRequestSchema>;

export const returnDecisionSchema = once(() =>
  z
    .object({
      decision: z.enum(['APPROVE', 'REFUSE']),
      returnAddress: text(500).optional().meta({ description: 'Where the buyer sends it: required to approve' }),
      instructions: text(1000).optional().meta({ description: 'How to pack and send it, for the buyer' }),
      reason: text(1000).optional().meta({ description: 'Why not, which the buyer reads: required to refuse' }),
    })
    .strict()
    .refine((value) => value.decision !== 'APPROVE' || value.returnAddress !== undefined, {
      message: 'An approval gives the return address',
      path: ['returnAddress'],
    })
    .refine((value) => value.decision !== 'REFUSE' || value.reason !== undefined, {
      message: 'A refusal gives the reason the buyer reads',
      path: ['reason'],
    })
    .meta({ id: 'ReturnDecision' }),
);

export const returnShipmentSchema = once(() =>
  z
    .object({ carrier: line(64), trackingNo: line(64) })
    .strict()
    .meta({ id: 'ReturnShipment' }),
);

export const returnReceiptSchema = once(() =>
  z
    .object({
      outcome: z
        .enum(RECEIPT_OUTCOMES)
        .meta({ description: 'RECEIVED refunds the buyer; MISSING and NOT_AS_DESCRIBED go to the operator' }),
      note: text(1000).optional(),
    })
    .strict()
    .meta({ id: 'ReturnReceipt' }),
);

export const escalationSchema = once(() => z.object({}).strict().meta({ id: 'Escalation' }));
