// The request schemas of seller profiles and inquiries: they validate those routes and feed the OpenAPI document.

import * as z from 'zod';
import {
  INQUIRIES_WITHOUT_ORDERS,
  INQUIRY_CATEGORIES,
  INQUIRY_STATUSES,
  MAX_INQUIRY_ORDERS,
} from '../domain/inquiry.js';
import { DEFAULT_RETURN_WINDOW_DAYS, MOST_RETURN_WINDOW_DAYS } from '../domain/returns.js';
import { SELLER_LANGUAGES } from '../domain/seller-profile.js';
import { identifier, inquiryIdSchema, line, orderNoSchema, pageFields, text } from './api.js';
import { bulkIdSchema } from './bulk-api.js';
import { once, type Infer } from './once.js';

export const sellerPathSchema = once(() => z.object({ sellerId: identifier('Seller id') }));

export const sellerProfileSchema = once(() =>
  z
    .object({
      storeName: line(100).meta({ description: 'The store’s name, as the seller’s notices address it' }),
      contactEmail: z.email().max(254).meta({
        description:
          'Where every seller notice goes: a buyer’s request, the 4-day reminder, a withdrawal, a bulk summary',
      }),
      language: z.enum(SELLER_LANGUAGES).meta({ description: 'The language of the seller’s notices' }),
      returnWindowDays: z
        .number()
        .int()
        .min(DEFAULT_RETURN_WINDOW_DAYS)
        .max(MOST_RETURN_WINDOW_DAYS)
        .optional()
        .meta({
          description:
            `Days from delivery within which a buyer may ask to return an order: ${DEFAULT_RETURN_WINDOW_DAYS} ` +
            `(the default, when absent) to ${MOST_RETURN_WINDOW_DAYS}`,
        }),
    })
    .strict()
    .meta({ id: 'SellerProfileFields' }),
);
export type SellerProfileFields = Infer<typeof sellerProfileSchema>;

export const returnWindowSchema = once(() =>
  z
    .object({
      days: z
        .number()
        .int()
        .min(DEFAULT_RETURN_WINDOW_DAYS)
        .max(MOST_RETURN_WINDOW_DAYS)
        .meta({ description: 'Days from delivery within which a buyer may ask to return an order' }),
    })
    .strict()
    .meta({ id: 'ReturnWindow' }),
);
export type ReturnWindow = Infer<typeof returnWindowSchema>;

export const sellerListSchema = once(() => z.object({ ...pageFields() }).strict());

export const inquiryPathSchema = once(() => z.object({ inquiryId: inquiryIdSchema() }));

export const inquirySchema = once(() =>
  z
    .object({
      category: z.enum(INQUIRY_CATEGORIES),
      subject: line(200),
      details: text(4000),
      orderNos: z
        .array(orderNoSchema())
        .max(MAX_INQUIRY_ORDERS)
        .optional()
        .meta({
          description: `Your orders it is about (1 to ${MAX_INQUIRY_ORDERS}; BULK_NOTICE and OTHER may name none)`,
        }),
      bulkId: bulkIdSchema().optional().meta({ description: 'BULK_NOTICE: the job it announces, if submitted' }),
    })
    .strict()
    .refine((value) => INQUIRIES_WITHOUT_ORDERS.includes(value.category) || (value.orderNos?.length ?? 0) > 0, {
      message: 'Name the orders it is about',
      path: ['orderNos'],
    })
    .refine((value) => value.bulkId === undefined || value.category === 'BULK_NOTICE', {
      message: 'Only a BULK_NOTICE names a bulk cancellation',
      path: ['bulkId'],
    })
    .meta({ id: 'NewInquiry' }),
);

export const inquiryEntrySchema = once(() =>
  z
    .object({
      text: text(4000),
      close: z.boolean().default(false).meta({ description: 'This is the last word: the inquiry closes' }),
    })
    .strict()
    .meta({ id: 'InquiryEntry' }),
);

export const inquiryListSchema = once(() =>
  z
    .object({
      status: z
        .enum(INQUIRY_STATUSES)
        .optional()
        .meta({ description: 'OPEN is the operator’s queue; ANSWERED waits for the seller' }),
      sellerId: identifier('Seller id (operators)').optional(),
      ...pageFields(),
    })
    .strict(),
);
