// The request schemas: they validate every request and feed the OpenAPI document. Each is built
// when first asked for (./once.ts): a function builds its own route's, nothing at import.

import * as z from 'zod';
import { CANCEL_SCOPES, CLAIM_STATUSES, CLAIM_TYPES, RESOLUTION_ACTIONS } from '../domain/claim.js';
import { MESSAGE_CATEGORIES } from '../domain/message.js';
import { ORDER_STATUSES, PAYMENT_METHODS, SHIPPED_STATUSES, UNSHIPPED_STATUSES } from '../domain/order.js';
import { ORDER_DATE_TYPES } from '../domain/order-search.js';
import { BUYER_FAULT_REASONS, CANCEL_REASONS } from '../domain/reasons.js';
import { once, type Infer } from './once.js';

export const identifier = (what: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${what} is letters, digits, '-', '_' or '.'`)
    .meta({ description: what });

/** One line: no control characters (a CR, LF or NUL would reach an e-mail's subject) and no bidirectional overrides. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      (value) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(value),
      'one line, without control characters or bidirectional overrides',
    )
    .transform((value) => value.normalize('NFC'));

/** Free text: line breaks become \n, other control characters are dropped, the rest is NFC. */
export const text = (max: number) =>
  z
    .string()
    .transform((value) =>
      value
        .replace(/\r\n?/g, '\n')
        .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
        .normalize('NFC')
        .trim(),
    )
    .pipe(z.string().min(1).max(max));

export const orderNoSchema = once(() => identifier('Order number'));

export const inquiryIdSchema = once(() => identifier('Inquiry id'));

/** Operators: the inquiry an action answers; the action joins its history. */
export const inquiryLink = once(() =>
  inquiryIdSchema()
    .optional()
    .meta({
      description:
        'Operators: the seller’s inquiry this action answers (open, and about this order or job); the action joins ' +
        'its history',
    }),
);
export const claimIdSchema = once(() => identifier('Claim id'));
const isoDate = once(() =>
  z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD (Japan time for ship dates)' }),
);

export const orderPathSchema = once(() => z.object({ orderNo: orderNoSchema() }));
export const messagePathSchema = once(() =>
  z.object({ orderNo: orderNoSchema(), messageId: identifier('Message id') }),
);
export const orderSummarySchema = once(() =>
  z.object({ sellerId: identifier('Seller id (operators; a seller sees its own)').optional() }).strict(),
);
export type OrderPath = Infer<typeof orderPathSchema>;
export const claimPathSchema = once(() => z.object({ claimId: claimIdSchema() }));
export type ClaimPath = Infer<typeof claimPathSchema>;
export const buyerPathSchema = once(() => z.object({ buyerId: identifier('Buyer id') }));
export const withdrawalPathSchema = once(() =>
  z.object({ buyerId: identifier('Buyer id'), withdrawalId: identifier('Withdrawal id') }),
);

export const moneySchema = once(() =>
  z
    .object({
      amount: z
        .number()
        .int()
        .min(0)
        .max(1_000_000_000)
        .meta({ description: 'Integer minor units (JPY has none: yen)' }),
      currency: z.literal('JPY'),
    })
    .meta({ id: 'Money' }),
);

/** Statuses an order may be imported in; claim statuses only ever come from a claim. */
const IMPORTABLE_STATUSES = [...UNSHIPPED_STATUSES, ...SHIPPED_STATUSES] as const;

export const registerOrderSchema = once(() =>
  z
    .object({
      orderNo: orderNoSchema(),
      cartNo: identifier('Cart number'),
      sellerId: identifier('Seller id'),
      buyer: z.object({
        id: identifier('Buyer id'),
        email: z.email().max(254),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. JP')
          .meta({ description: 'Decides the notice language: JP Japanese, KR Korean, else English' }),
      }),
      item: z.object({
        code: z.string().min(1).max(64),
        name: line(200),
        options: line(200).optional(),
        quantity: z.number().int().min(1).max(10_000),
      }),
      recipient: z
        .object({
          name: line(100),
          phone: line(30).optional(),
          postalCode: line(20).optional(),
          address: text(300),
        })
        .optional()
        .meta({ description: 'Who receives the parcel; shown to the seller and the operator in the claim view' }),
      total: moneySchema(),
      payment: z.object({ method: z.enum(PAYMENT_METHODS) }),
      coupon: z
        .object({ code: z.string().min(1).max(64), sellerCancellable: z.boolean() })
        .optional()
        .meta({
          description:
            'A coupon whose terms may forbid a cancellation by the seller: such an order goes to the operator',
        }),
      status: z
        .enum(IMPORTABLE_STATUSES)
        .optional()
        .meta({ description: 'Default NEW (PREPARING when a ship date is given)' }),
      expectedShipDate: isoDate().optional(),
      orderedAt: z.iso.datetime().optional(),
    })
    .strict()
    .meta({ id: 'OrderRegistration' }),
);
export type RegisterOrder = Infer<typeof registerOrderSchema>;

export const shipmentSchema = once(() =>
  z
    .object({ carrier: line(50).optional(), trackingNumber: line(50).optional() })
    .strict()
    .meta({ id: 'Shipment' }),
);

export const shipDateSchema = once(() => z.object({ expectedShipDate: isoDate() }).strict().meta({ id: 'ShipDate' }));
export type ShipDate = Infer<typeof shipDateSchema>;

export const title = once(() => line(100));
export const body = once(() => text(2000));

export const messageSchema = once(() =>
  z
    .object({
      category: z.enum(MESSAGE_CATEGORIES),
      title: title(),
      body: body(),
      alsoEmail: z.boolean().default(false),
    })
    .strict()
    .meta({ id: 'BuyerMessage' }),
);
export type MessageRequest = Infer<typeof messageSchema>;

/** The same message to the buyer of every checked order (the guide's order screen), each counted. */
export const messagesSchema = once(() =>
  z
    .object({
      orderNos: z.array(orderNoSchema()).min(1).max(100).meta({ description: '1 to 100 of the seller’s orders' }),
      ...messageSchema().shape,
    })
    .strict()
    .meta({ id: 'BuyerMessages' }),
);

export const sellerClaimFields = once(() => ({
  sellerMemo: text(1000).meta({
    description: 'The buyer sees it (My Qoo10): write it in the order country’s language',
  }),
  notice: z
    .object({ title: title(), body: body(), alsoEmail: z.boolean().default(true) })
    .strict()
    .optional()
    .meta({ description: 'The cancel/refund message to send the buyer first' }),
  noticeMessageId: identifier('Id of a cancel/refund message already sent to the buyer').optional(),
}));

/** A seller's claim: its own fields, the memo, and the buyer notice first (one of the two ways). */
function sellerClaimSchema<S extends z.ZodRawShape>(shape: S, id: string) {
  return z
    .object({ ...shape, ...sellerClaimFields() })
    .strict()
    .refine(
      (value: { notice?: unknown; noticeMessageId?: unknown }) =>
        (value.notice === undefined) !== (value.noticeMessageId === undefined),
      {
        message: 'Tell the buyer first: give either notice or noticeMessageId, not both',
        path: ['notice'],
      },
    )
    .meta({ id });
}

export const cancellationSchema = once(() =>
  sellerClaimSchema(
    {
      reason: z.enum(CANCEL_REASONS),
      scope: z
        .enum(CANCEL_SCOPES)
        .default('ORDER')
        .meta({ description: 'ORDER: this order only; CART: every order of its cart this seller can cancel' }),
    },
    'SellerCancellation',
  ),
);
export type CancellationRequest = Infer<typeof cancellationSchema>;

/** One page of a list: at most `limit` items, and the cursor of the next page from the previous answer. */
export const pageFields = once(() => ({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Items per page, 1 to 100' }),
  cursor: z.string().min(1).max(512).optional().meta({ description: 'The nextCursor of the previous page' }),
}));

/** Several values of one field, comma-separated: the guide's several-at-once search. */
const several = (value: z.ZodType<string, string>, what: string) =>
  z
    .string()
    .optional()
    .transform((list) =>
      list
        ? list
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(z.array(value).max(100).optional())
    .meta({ description: `One or more ${what}, comma-separated` });

export const orderSearchSchema = once(() =>
  z
    .object({
      status: z
        .enum(ORDER_STATUSES)
        .optional()
        .meta({ description: 'As every rule reads it: an unshipped order past its ship date is DELAYED' }),
      dateType: z.enum(ORDER_DATE_TYPES).default('ORDERED').meta({
        description: 'Which date from and to are of: ordered, paid, or shipped (paid and shipped: one seller’s orders)',
      }),
      from: isoDate().optional().meta({ description: 'First day (YYYY-MM-DD, Japan time)' }),
      to: isoDate().optional().meta({ description: 'Last day (YYYY-MM-DD, Japan time), inclusive' }),
      orderNo: several(orderNoSchema(), 'order numbers'),
      cartNo: several(identifier('Cart number'), 'cart numbers'),
      itemCode: identifier('Product code').optional(),
      buyerId: identifier('Buyer id').optional(),
      trackingNumber: line(64).optional().meta({ description: 'The tracking number entered at shipment' }),
      sellerId: identifier(
        'Seller id (operators; without it, every seller’s orders of the last year unless from is given)',
      ).optional(),
      ...pageFields(),
    })
    .strict()
    .refine((query) => !query.from || !query.to || query.from <= query.to, {
      message: 'from is after to',
      path: ['from'],
    }),
);
export type OrderSearchQuery = Infer<typeof orderSearchSchema>;

export const sellerRefundSchema = once(() =>
  sellerClaimSchema(
    {
      reason: z
        .enum(CANCEL_REASONS)
        .meta({ description: 'After shipping only SHIPPING_DELAY is allowed (422 otherwise)' }),
    },
    'SellerRefund',
  ),
);
export type SellerRefundRequest = Infer<typeof sellerRefundSchema>;

export const resolutionSchema = once(() =>
  z
    .object({
      action: z.enum(RESOLUTION_ACTIONS).meta({
        description:
          'COMPLETE runs the claim again (retrying failed refunds); CLOSE ends it, letting the orders go; ' +
          'SETTLED_OUTSIDE records its unsettled card refunds as settled at the provider by the operator, with `reference`, and completes it',
      }),
      reason: text(1000),
      reference: line(64)
        .optional()
        .meta({
          description:
            'SETTLED_OUTSIDE only (and required there): the provider’s reference of the refund the operator found ' +
            'or made',
        }),
      inquiryId: inquiryLink(),
    })
    .strict()
    .refine((body) => (body.action === 'SETTLED_OUTSIDE') === (body.reference !== undefined), {
      message: 'reference is given with SETTLED_OUTSIDE, and only with it',
      path: ['reference'],
    })
    .meta({ id: 'ClaimResolution' }),
);
export type ResolutionRequest = Infer<typeof resolutionSchema>;

export const withdrawalSchema = once(() =>
  z
    .object({
      amount: moneySchema().refine((money) => money.amount > 0, {
        message: 'must be more than zero',
        path: ['amount'],
      }),
      bankAccount: z.object({
        bankName: line(100),
        branch: line(100),
        accountNumber: z.string().regex(/^\d{4,14}$/, 'digits only, 4 to 14'),
        holder: line(100),
      }),
    })
    .strict()
    .meta({ id: 'Withdrawal' }),
);
export type WithdrawalRequest = Infer<typeof withdrawalSchema>;

export const cancelRequestSchema = once(() =>
  z
    .object({
      reason: z.enum(BUYER_FAULT_REASONS).default('BUYER_CHANGED_MIND').meta({
        description: 'The buyer’s reason; a DELAYED order is cancelled as the seller’s fault whatever is given',
      }),
      message: text(1000).optional().meta({ description: 'The buyer’s message to the seller' }),
      onBehalfReason: text(1000)
        .optional()
        .meta({ description: 'Required when an operator files for the buyer: why the buyer could not' }),
      inquiryId: inquiryLink(),
    })
    .strict()
    .meta({ id: 'CancelRequest' }),
);
export type CancelRequest = Infer<typeof cancelRequestSchema>;

export const requestApprovalSchema = once(() =>
  z.object({ sellerMemo: sellerClaimFields().sellerMemo.optional() }).strict().meta({
    id: 'RequestApproval',
    description: 'The seller’s memo, shown to the buyer with the cancellation like every seller memo',
  }),
);

export const requestWithdrawalSchema = once(() =>
  z
    .object({
      reason: text(1000).optional().meta({ description: 'Required when an operator withdraws for the buyer' }),
      inquiryId: inquiryLink(),
    })
    .strict()
    .meta({ id: 'RequestWithdrawal' }),
);

/** What the claim grid filters by: status, the delayed flag, an order's claims, a period of request days. */
const claimFilterFields = () => ({
  status: z.enum(CLAIM_STATUSES).optional(),
  type: z
    .enum(CLAIM_TYPES)
    .optional()
    .meta({ description: 'One type of claim only: a return request apart from a cancel request, say' }),
  delayed: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  orderNo: orderNoSchema().optional().meta({ description: 'The claims of this order only' }),
  from: isoDate().optional().meta({ description: 'Requested on or after this day (YYYY-MM-DD, Japan time)' }),
  to: isoDate().optional().meta({ description: 'Requested on or before this day (YYYY-MM-DD, Japan time)' }),
  sellerId: identifier('Seller id (operators)').optional(),
});
const fromBeforeTo: [(query: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (query) => !query.from || !query.to || query.from <= query.to,
  { message: 'from is after to', path: ['from'] },
];

export const claimListSchema = once(() =>
  z
    .object({ ...claimFilterFields(), ...pageFields() })
    .strict()
    .refine(...fromBeforeTo),
);

/** The same filters as the list; the export pages itself (the cursor of its x-next-cursor header). */
export const claimExportSchema = once(() =>
  z
    .object({ ...claimFilterFields(), cursor: pageFields().cursor })
    .strict()
    .refine(...fromBeforeTo),
);

/** A list's query with nothing but the page. */
export const pageQuerySchema = once(() => z.object({ ...pageFields() }).strict());

export const claimSummarySchema = once(() =>
  z.object({ sellerId: identifier('Seller id (operators)').optional() }).strict(),
);

/** The payment provider's webhook (docs/PAYMENTS.md): what became of a card authorization cancellation. */
export const paymentEventSchema = once(() =>
  z
    .object({
      type: z.enum(['authorization_cancellation.confirmed', 'authorization_cancellation.declined']),
      idempotencyKey: line(200).meta({ description: 'The key of our request: refund:<refundId>:a<attempt>' }),
      orderNo: line(64),
      reference: line(200),
      reason: text(1000).optional(),
    })
    .meta({ id: 'PaymentEvent' }),
);
