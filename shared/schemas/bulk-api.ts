// The bulk cancellation's request schemas: they validate its routes and feed the OpenAPI document.

import * as z from 'zod';
import { BULK_STATUSES, MAX_BULK_LINES } from '../domain/bulk.js';
import { CANCEL_REASONS } from '../domain/reasons.js';
import { body, identifier, inquiryLink, orderNoSchema, pageFields, sellerClaimFields, text, title } from './api.js';
import { once, type Infer } from './once.js';

export const bulkIdSchema = once(() => identifier('Bulk cancellation id'));
export const bulkPathSchema = once(() => z.object({ bulkId: bulkIdSchema() }));

const bulkNotice = once(() =>
  z
    .object({ title: title(), body: body(), alsoEmail: z.boolean().default(true) })
    .strict()
    .meta({
      description:
        'The message each buyer is sent before their order is cancelled; {orderNo} becomes the order’s number',
    }),
);

/** POST /bulk-cancellations: the lines, or the failed lines of an earlier job (`retryOf`). */
export const bulkCancellationSchema = once(() =>
  z
    .object({
      orders: z
        .array(z.object({ orderNo: orderNoSchema(), reason: z.enum(CANCEL_REASONS).optional() }).strict())
        .min(1)
        .max(MAX_BULK_LINES)
        .optional()
        .meta({ description: `1 to ${MAX_BULK_LINES} of the seller’s orders, each at most once` }),
      retryOf: bulkIdSchema().optional().meta({
        description: 'Instead of orders: every line of this finished job that was not cancelled, with its reason',
      }),
      reason: z
        .enum(CANCEL_REASONS)
        .optional()
        .meta({ description: 'For lines without their own; seller-fault reasons only (422 otherwise)' }),
      sellerMemo: sellerClaimFields().sellerMemo,
      notice: bulkNotice(),
    })
    .strict()
    .refine((value) => (value.orders === undefined) !== (value.retryOf === undefined), {
      message: 'Give either orders or retryOf',
      path: ['orders'],
    })
    .meta({ id: 'BulkCancellation' }),
);
export type BulkCancellationRequest = Infer<typeof bulkCancellationSchema>;

export const bulkDecisionSchema = once(() =>
  z
    .object({
      decision: z.enum(['APPROVE', 'REFUSE']),
      reason: text(1000).optional().meta({ description: 'Required to refuse: the seller reads it' }),
      inquiryId: inquiryLink(),
    })
    .strict()
    .refine((value) => value.decision !== 'REFUSE' || value.reason !== undefined, {
      message: 'Say why the job is refused',
      path: ['reason'],
    })
    .meta({ id: 'BulkDecision' }),
);

export const bulkViewSchema = once(() =>
  z
    .object({
      cursor: z
        .string()
        .min(1)
        .max(512)
        .optional()
        .meta({ description: 'The nextCursor of the previous answer: the next lines’ failures and claims' }),
    })
    .strict(),
);

export const bulkListSchema = once(() =>
  z
    .object({
      status: z.enum(BULK_STATUSES).optional(),
      sellerId: identifier('Seller id (operators)').optional(),
      ...pageFields(),
    })
    .strict(),
);
