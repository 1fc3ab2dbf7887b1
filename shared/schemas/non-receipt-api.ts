// The request schemas of non-receipt (API.md): they validate its routes and feed the OpenAPI document.

import * as z from 'zod';
import { NON_RECEIPT_ANSWERS } from '../domain/non-receipt.js';
import { line, text } from './api.js';
import { once } from './once.js';

export const nonReceiptReportSchema = once(() =>
  z
    .object({
      message: text(1000).optional().meta({ description: 'The buyer’s words to the seller' }),
      onBehalfReason: text(1000)
        .optional()
        .meta({ description: 'Required when an operator reports for the buyer: why the buyer could not' }),
    })
    .strict()
    .meta({ id: 'NonReceiptReport' }),
);

export const nonReceiptAnswerSchema = once(() =>
  z
    .object({
      answer: z.enum(NON_RECEIPT_ANSWERS).meta({
        description:
          'PROOF (tracking shows delivery) and RESHIPPED (a new parcel) wait for the buyer to accept or escalate; ' +
          'REFUND refunds in full by the payment method, counted against the seller',
      }),
      carrier: line(64).optional().meta({ description: 'The parcel’s carrier: required for RESHIPPED' }),
      trackingNo: line(64).optional().meta({ description: 'The parcel’s tracking number: required for RESHIPPED' }),
      note: text(1000).optional().meta({ description: 'What the buyer reads with the answer' }),
    })
    .strict()
    .refine(
      (value) => value.answer !== 'RESHIPPED' || (value.carrier !== undefined && value.trackingNo !== undefined),
      {
        message: 'A re-shipment gives the new parcel’s carrier and tracking number',
        path: ['trackingNo'],
      },
    )
    .meta({ id: 'NonReceiptAnswer' }),
);

export const nonReceiptAcceptanceSchema = once(() => z.object({}).strict().meta({ id: 'NonReceiptAcceptance' }));
