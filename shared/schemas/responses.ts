// The success answers, as zod schemas: the OpenAPI document describes each route's answer with
// them (a generated client gets real types), the handlers' answers are typed by them (a handler
// that answers something else does not compile), and the end-to-end tests check every real answer
// against the document (test/support/http.ts). What a schema lists is always there with that type;
// a field it does not list may be there too (a new field is not a breaking change).

import * as z from 'zod';
import { BULK_STATUSES } from '../domain/bulk.js';
import { CANCEL_SCOPES, CLAIM_STATUSES, CLAIM_TYPES } from '../domain/claim.js';
import { INQUIRY_CATEGORIES, INQUIRY_STATUSES } from '../domain/inquiry.js';
import { LEDGER_ENTRY_KINDS, WITHDRAWAL_STATUSES } from '../domain/ledger.js';
import { MESSAGE_CATEGORIES, MESSAGE_KINDS } from '../domain/message.js';
import { ORDER_STATUSES, PAYMENT_METHODS } from '../domain/order.js';
import { FAULTS } from '../domain/reasons.js';
import { NON_RECEIPT_ANSWERS } from '../domain/non-receipt.js';
import { CLAIM_REASONS, RECEIPT_OUTCOMES } from '../domain/returns.js';
import { REFUND_METHODS, REFUND_STATUSES } from '../domain/refund.js';
import { SELLER_LANGUAGES } from '../domain/seller-profile.js';

const time = z.string().meta({ description: 'ISO 8601 time' });
const date = z.string().meta({ description: 'YYYY-MM-DD (Japan)' });
const actor = z.object({ role: z.string(), id: z.string() });
const money = z.object({ amount: z.number().int(), currency: z.literal('JPY') }).meta({ id: 'MoneyAmount' });
const counts = z.object({ sent: z.number().int(), failed: z.number().int() });
const orderStatus = z.enum(ORDER_STATUSES);
const nextCursor = z.string().nullable().meta({ description: 'The cursor of the next page; null on the last' });
/** A business rule's word of warning: the request was done, but look at this. */
const warnings = z.array(z.object({ code: z.string(), detail: z.string() })).optional();
const item = z.object({
  code: z.string(),
  name: z.string(),
  options: z.string().optional(),
  quantity: z.number().int(),
});

const count = z.number().int();

/** Entered at ship processing. */
const shipment = z.object({ carrier: z.string().optional(), trackingNumber: z.string().optional() });

export const refundView = z
  .object({
    refundId: z.string(),
    claimId: z.string(),
    orderNo: z.string(),
    buyerId: z.string(),
    amount: money,
    method: z.enum(REFUND_METHODS),
    status: z.enum(REFUND_STATUSES),
    attempts: z.number().int(),
    deductions: z
      .array(z.object({ kind: z.literal('RETURN_SHIPPING'), amount: money }))
      .optional()
      .meta({
        description: 'Taken from the total before the refund: a buyer-fault return’s shipping back; the buyer sees it',
      }),
    fee: z
      .object({ amount: z.number().int(), currency: z.literal('JPY'), chargedTo: z.enum(['SELLER', 'MARKETPLACE']) })
      .optional()
      .meta({ description: 'The handling fee and who bears it; not shown to the buyer' }),
    failure: z.object({ error: z.string(), cause: z.string().optional() }).optional(),
    latePayment: z
      .literal(true)
      .optional()
      .meta({ description: 'A payment that arrived after its order was cancelled unpaid, returned' }),
    settledOutside: z
      .object({ reference: z.string(), by: z.object({ role: z.string(), id: z.string() }).optional(), at: time })
      .optional()
      .meta({
        description:
          'Recorded by an operator as settled at the provider, under this reference (who: not shown to the buyer)',
      }),
    createdAt: time,
    completedAt: time.optional(),
    failedAt: time.optional(),
    updatedAt: time,
  })
  .meta({ id: 'RefundView' });

export const messageView = z
  .object({
    messageId: z.string(),
    orderNo: z.string(),
    buyerId: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    category: z.enum(MESSAGE_CATEGORIES),
    title: z.string(),
    body: z.string(),
    alsoEmail: z.boolean(),
    messageSent: z.boolean(),
    email: z.enum(['NOT_REQUESTED', 'PENDING', 'SENT', 'FAILED', 'BOUNCED', 'COMPLAINED']),
    emailAttempts: z.number().int(),
    claimId: z.string().optional(),
    aboutOrders: z.array(z.string()).optional(),
    createdAt: time,
    sentAt: time.optional(),
  })
  .meta({ id: 'MessageView' });

export const timelineEventView = z
  .object({
    orderNo: z.string(),
    at: time,
    type: z.string(),
    actor,
    claimId: z.string().optional(),
    detail: z.string().optional(),
  })
  .meta({ id: 'TimelineEvent' });

export const claimSummaryView = z
  .object({
    claimId: z.string(),
    type: z.enum(CLAIM_TYPES),
    status: z.enum(CLAIM_STATUSES),
    reason: z.enum(CLAIM_REASONS),
    fault: z.enum(FAULTS),
    delayed: z.boolean(),
    requestedAt: time,
    completedAt: time.optional(),
    sellerMemo: z.string().optional().meta({ description: 'The seller’s memo, which the buyer reads' }),
  })
  .meta({ id: 'ClaimSummary' });

export const orderView = z
  .object({
    orderNo: z.string(),
    cartNo: z.string(),
    sellerId: z.string(),
    buyer: z.object({ id: z.string(), email: z.string(), country: z.string() }),
    item,
    total: money,
    payment: z.object({ method: z.enum(PAYMENT_METHODS) }),
    coupon: z.object({ code: z.string(), sellerCancellable: z.boolean() }).optional().meta({
      description: 'A coupon whose terms may forbid a cancellation by the seller: then only the operator cancels it',
    }),
    status: orderStatus.meta({
      description: 'As every rule reads it: an unshipped order past its ship date is DELAYED',
    }),
    storedStatus: orderStatus,
    expectedShipDate: date.optional(),
    orderedAt: time,
    paidAt: time.optional().meta({ description: 'When the payment of an order that awaited it arrived' }),
    cancelledUnpaid: z
      .object({ claimId: z.string(), at: time })
      .optional()
      .meta({ description: 'Cancelled while awaiting payment, by this claim: nothing was paid, nothing refunded' }),
    shippedAt: time.optional(),
    shipment: shipment.optional(),
    deliveredAt: time.optional(),
    claimInProgress: z.string().nullable(),
    allowedActions: z.array(z.string()).meta({ description: 'What this caller may do with it now' }),
    refundPreview: z.object({ amount: money, method: z.enum(REFUND_METHODS), paid: z.boolean() }).meta({
      description:
        'What a cancellation or refund of this order pays back: all that was paid (nothing while it awaits ' +
        'payment), never more, and how',
    }),
    claims: z.array(claimSummaryView),
    refunds: z.array(refundView),
    messages: z.array(messageView),
    timeline: z.array(timelineEventView),
  })
  .meta({ id: 'OrderView' });

const orderInClaim = z.object({
  orderNo: z.string(),
  cartNo: z.string(),
  orderedAt: time,
  status: orderStatus,
  item,
  country: z.string(),
  total: money,
  payment: z.object({ method: z.enum(PAYMENT_METHODS) }),
  buyer: z.object({ id: z.string(), email: z.string() }),
  recipient: z.object({ name: z.string(), address: z.string() }).nullable(),
  expectedShipDate: date.nullable(),
  shippedAt: time.nullable(),
  shipment: shipment.nullable(),
  deliveredAt: time.nullable(),
});

/** What a return claim keeps beyond a cancellation's (domain/returns.ts, ReturnCase). */
const returnCase = z.object({
  windowEndsAt: time,
  approval: z.object({ returnAddress: z.string(), instructions: z.string().optional(), at: time }).optional(),
  refusal: z.object({ reason: z.string(), at: time }).optional(),
  shipment: z.object({ carrier: z.string(), trackingNo: z.string(), at: time }).optional(),
  receipt: z.object({ outcome: z.enum(RECEIPT_OUTCOMES), note: z.string().optional(), at: time }).optional(),
  escalatedAt: time.optional(),
  receiptOverdueAt: time.optional(),
});

/** What a non-receipt claim keeps (domain/non-receipt.ts, NonReceiptCase). */
const nonReceiptCase = z.object({
  reportedIn: z.enum(['IN_TRANSIT', 'DELIVERED']),
  answer: z
    .object({
      answer: z.enum(NON_RECEIPT_ANSWERS),
      carrier: z.string().optional(),
      trackingNo: z.string().optional(),
      note: z.string().optional(),
      at: time,
    })
    .optional(),
  acceptedAt: time.optional(),
  acceptedByDefault: z.literal(true).optional(),
  escalatedAt: time.optional(),
  unansweredAt: time.optional(),
  refundedByDefaultAt: time.optional(),
});

export const claimView = z
  .object({
    ...claimSummaryView.shape,
    orderNo: z.string(),
    orderNos: z.array(z.string()),
    excluded: z.array(z.object({ orderNo: z.string(), reason: z.string() })),
    cartNo: z.string(),
    sellerId: z.string(),
    buyerId: z.string(),
    scope: z.enum(CANCEL_SCOPES),
    sellerMemo: z.string().optional(),
    buyerMessage: z.string().optional(),
    requestedBy: actor,
    failure: z.object({ error: z.string(), cause: z.string().optional() }).optional(),
    return: returnCase.optional().meta({ description: 'A return’s window, the seller’s answer, the parcel back' }),
    nonReceipt: nonReceiptCase
      .optional()
      .meta({ description: 'A non-receipt’s seller answer, and what the buyer did with it' }),
    notice: z.object({ messages: counts, emails: counts }),
    orders: z.array(orderInClaim),
    refunds: z.array(refundView),
    messages: z.array(messageView),
    timeline: z.array(timelineEventView),
  })
  .meta({ id: 'ClaimView' });

/** A row of the claim grid: the claim, and of its order what the guide's grid shows. */
const claimInList = z.object({
  ...claimSummaryView.shape,
  orderNo: z.string(),
  orderNos: z.array(z.string()),
  cartNo: z.string(),
  sellerId: z.string(),
  buyerId: z.string(),
  delayedOrders: z.array(z.string()).meta({
    description:
      'The orders it found DELAYED when opened: completed as the seller’s fault, they are the standing’s ' +
      'cancelledWhileDelayed',
  }),
  orderedAt: time.optional(),
  expectedShipDate: date.optional(),
  shippedAt: time.optional(),
  item: item.optional(),
});

const orderRow = z.object({
  orderNo: z.string(),
  cartNo: z.string(),
  sellerId: z.string(),
  status: orderStatus,
  item,
  buyer: z.object({ id: z.string(), country: z.string() }),
  total: money,
  payment: z.object({ method: z.enum(PAYMENT_METHODS) }),
  expectedShipDate: date.optional(),
  orderedAt: time,
  paidAt: time.optional(),
  shippedAt: time.optional(),
  shipment: shipment.optional(),
  claimInProgress: z.string().nullable(),
});

const withdrawalView = z
  .object({
    withdrawalId: z.string(),
    buyerId: z.string(),
    amount: money,
    bankAccount: z.object({ bankName: z.string(), branch: z.string(), accountNumber: z.string(), holder: z.string() }),
    status: z.enum(WITHDRAWAL_STATUSES),
    failure: z.string().optional(),
    requestedAt: time,
    completedAt: time.optional(),
  })
  .meta({ id: 'WithdrawalView' });

const bulkView = z.object({
  bulkId: z.string(),
  sellerId: z.string(),
  status: z.enum(BULK_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  createdAt: time,
  finishedAt: time.optional(),
  sellerMemo: z.string().optional().meta({ description: 'The memo every line’s buyer reads' }),
  notice: z
    .object({ title: z.string(), body: z.string(), alsoEmail: z.boolean() })
    .optional()
    .meta({ description: 'The notice every line’s buyer is sent first' }),
  decision: z
    .object({
      decision: z.enum(['APPROVE', 'REFUSE', 'CANCEL', 'EXPIRE']),
      by: actor,
      at: time,
      reason: z.string().optional(),
    })
    .optional()
    .meta({ description: 'Who let the job run, refused or called it off, and when' }),
  retryOf: z.string().optional().meta({ description: 'The job whose failed lines this one tries again' }),
});

export const sellerProfileView = z
  .object({
    sellerId: z.string(),
    storeName: z.string(),
    contactEmail: z.string(),
    language: z.enum(SELLER_LANGUAGES),
    updatedAt: time,
    updatedBy: actor,
  })
  .meta({ id: 'SellerProfile' });

const inquiryEntry = z.object({
  at: time,
  by: actor,
  kind: z.enum(['FILED', 'ANSWER', 'REPLY', 'ACTION', 'CLOSED']),
  text: z.string().optional(),
  action: z.object({ route: z.string(), outcome: z.string() }).optional(),
});

/** What an inquiry is about and where it stands: the list's row, and the head of the whole inquiry. */
const inquiryHead = {
  inquiryId: z.string(),
  sellerId: z.string(),
  category: z.enum(INQUIRY_CATEGORIES),
  subject: z.string(),
  orderNos: z.array(z.string()),
  bulkId: z.string().optional(),
  status: z.enum(INQUIRY_STATUSES),
  allowedActions: z.array(z.string()),
  createdAt: time,
  updatedAt: time,
};

export const inquiryView = z.object({ ...inquiryHead, history: z.array(inquiryEntry) }).meta({ id: 'Inquiry' });

/** Without the history: lists, and the answer to a new entry. */
const inquirySummary = z
  .object({ ...inquiryHead, entries: z.number().int(), lastEntryAt: time })
  .meta({ id: 'InquirySummary' });

/** What an operator's action for an inquiry adds to the action's own answer. */
const inquiryLinkAnswer = { inquiry: z.object({ inquiryId: z.string(), recorded: z.boolean() }).optional() };

const claimAccepted = z.object({
  claimId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  orderNos: z.array(z.string()),
  noticeMessageId: z.string().optional(),
  warnings,
});
const orderChanged = (extra: z.ZodRawShape) => z.object({ orderNo: z.string(), status: orderStatus, ...extra });
const delivery = { messageId: z.string(), email: z.string(), messages: counts, emails: counts };

/** By handler (a file in functions/api/): build-time and types only, never in a bundle. */
export const RESPONSES = {
  'register-order': z.object({ orderNo: z.string(), status: orderStatus, storedStatus: orderStatus }),
  'search-orders': z.object({ orders: z.array(orderRow), nextCursor }),
  'list-buyer-orders': z.object({ orders: z.array(orderRow), nextCursor }),
  'get-order': orderView,
  'set-ship-date': orderChanged({ expectedShipDate: date }),
  'ship-order': orderChanged({ shippedAt: time, shipment: shipment.nullable() }),
  'deliver-order': orderChanged({ deliveredAt: time }),
  'confirm-payment': orderChanged({
    paidAt: time,
    returned: refundView
      .optional()
      .meta({ description: 'The payment came after the order was cancelled unpaid: returned to the buyer' }),
  }),
  'message-buyer': z.object(delivery),
  'message-buyers': z.object({
    orders: z.array(z.object({ orderNo: z.string(), ...delivery })),
    messages: counts,
    emails: counts,
  }),
  'resend-message': z.object({ ...delivery, emailAttempts: z.number().int() }),
  'summarize-orders': z.object({
    sellerId: z.string(),
    awaitingPayment: count,
    new: count,
    preparing: count.meta({ description: 'PREPARING (배송준비): a ship date set, not yet passed' }),
    shippingRequested: count.meta({ description: 'Every unshipped order: awaiting payment, new, preparing, delayed' }),
    delayed: count,
    cancelRequested: count.meta({ description: 'CANCEL_REQUESTED now, whenever asked' }),
    lastTwoWeeks: z.object({ since: time, cancelRequested: count }).meta({
      description:
        'Buyers’ cancel requests waiting, filed since the start of the 14th marketplace day (Japan) before today',
    }),
  }),
  'cancel-order': claimAccepted.extend({ excluded: z.array(z.object({ orderNo: z.string(), reason: z.string() })) }),
  'refund-order': claimAccepted,
  'request-cancel': z.object({
    claimId: z.string(),
    outcome: z.string(),
    status: z.enum(CLAIM_STATUSES),
    reason: z.enum(CLAIM_REASONS),
    fault: z.enum(FAULTS),
    ...inquiryLinkAnswer,
  }),
  'approve-request': z.object({ claimId: z.string(), status: z.literal('IN_PROGRESS'), warnings }),
  'request-return': z.object({
    claimId: z.string(),
    status: z.enum(CLAIM_STATUSES),
    reason: z.enum(CLAIM_REASONS),
    fault: z.enum(FAULTS),
    windowEndsAt: z.string(),
  }),
  'decide-return': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'ship-return': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'receive-return': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'escalate-claim': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'report-non-receipt': z.object({
    claimId: z.string(),
    status: z.enum(CLAIM_STATUSES),
    reason: z.enum(CLAIM_REASONS),
    fault: z.enum(FAULTS),
  }),
  'answer-non-receipt': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'accept-non-receipt': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES) }),
  'withdraw-request': z.object({ claimId: z.string(), status: z.literal('WITHDRAWN'), ...inquiryLinkAnswer }),
  'list-claims': z.object({ claims: z.array(claimInList), nextCursor }),
  'export-claims': z.string().meta({ description: 'CSV: a header row on the first part, then one row a claim' }),
  'summarize-claims': z.object({
    sellerId: z.string().optional(),
    requested: count,
    inProgress: count,
    completed: count,
    delayed: count.meta({ description: 'Open claims not handled within 4 days of the request (지연)' }),
    needsOperator: count,
    withdrawn: count,
    failed: count,
    lastTwoWeeks: z
      .object({
        since: time,
        cancelRequested: z.number().int(),
        inProgress: z.number().int(),
        nonReceiptReported: z.number().int(),
        nonReceiptAnswered: z.number().int(),
        returnRequested: z.number().int(),
        returnApproved: z.number().int(),
        returnInTransit: z.number().int(),
      })
      .meta({
        description:
          'Claims requested since the start of the 14th marketplace day (Japan) before today: buyers’ cancel ' +
          'requests waiting (AWAITING_APPROVAL, BUYER_CANCEL), claims IN_PROGRESS, non-receipt reports waiting ' +
          'for the seller (AWAITING_SELLER) or for the buyer (ANSWERED), and returns asked (AWAITING_APPROVAL, ' +
          'RETURN), approved and waiting for the parcel (AWAITING_RETURN) or on their way back (RETURN_IN_TRANSIT)',
      }),
    standing: z
      .object({
        sellerFaultOrders: z.number().int(),
        cancelledWhileDelayed: z.number().int(),
        refundedForDelay: z.number().int(),
      })
      .meta({
        description:
          'Against the seller’s standing, all time, counted in orders: every order of a completed seller-fault ' +
          'claim; of those, the orders cancelled while DELAYED, and the orders refunded after shipping for a delay',
      }),
    bulkAwaitingApproval: z.number().int(),
  }),
  'resolve-claim': z.object({ claimId: z.string(), status: z.enum(CLAIM_STATUSES), ...inquiryLinkAnswer }),
  'get-balance': z.object({
    buyerId: z.string(),
    balance: money,
    entries: z.array(z.object({ entryId: z.string(), kind: z.enum(LEDGER_ENTRY_KINDS), amount: money, at: time })),
    withdrawals: z.array(withdrawalView),
  }),
  'list-pending-withdrawals': z.object({ withdrawals: z.array(withdrawalView), nextCursor }),
  'withdraw-balance': withdrawalView,
  'settle-withdrawal': withdrawalView,
  'submit-bulk-cancellation': z.object({
    bulkId: z.string(),
    status: z.enum(BULK_STATUSES),
    total: z.number().int(),
    failed: z.number().int(),
    warnings,
  }),
  'list-bulk-cancellations': z.object({ bulkCancellations: z.array(bulkView), nextCursor }),
  'get-bulk-cancellation': bulkView.extend({
    failures: z.array(
      z.object({
        line: z.number().int(),
        orderNo: z.string(),
        code: z.string(),
        reason: z.string(),
        claimId: z.string().optional(),
      }),
    ),
    claims: z.array(z.object({ orderNo: z.string(), claimId: z.string() })),
    waiting: z
      .array(z.object({ line: z.number().int(), orderNo: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: 'Lines not yet worked, with their reason: what an approval would cancel' }),
    lines: z.object({ from: z.number().int(), to: z.number().int() }),
    nextCursor,
  }),
  'decide-bulk-cancellation': z.object({ bulkId: z.string(), status: z.enum(BULK_STATUSES), ...inquiryLinkAnswer }),
  'cancel-bulk-cancellation': z.object({ bulkId: z.string(), status: z.enum(BULK_STATUSES) }),
  'set-seller-profile': sellerProfileView,
  'get-seller-profile': sellerProfileView,
  'set-return-window': sellerProfileView,
  'list-seller-profiles': z.object({ sellers: z.array(sellerProfileView), nextCursor }),
  'file-inquiry': inquiryView,
  'list-inquiries': z.object({ inquiries: z.array(inquirySummary), nextCursor }),
  'get-inquiry': inquiryView.extend({
    orders: z.array(
      z.object({ orderNo: z.string(), status: orderStatus.nullable(), claimInProgress: z.string().nullable() }),
    ),
  }),
  'add-inquiry-entry': inquirySummary.extend({ entry: inquiryEntry }),
  'get-claim': claimView,
  openapi: z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  'receive-payment-event': z.object({
    outcome: z.enum(['IGNORED', 'RECORDED']),
    why: z.string().optional(),
    refundId: z.string().optional(),
    status: z.string().optional(),
  }),
  health: z.object({ status: z.literal('ok') }),
} satisfies Record<string, z.ZodType>;
