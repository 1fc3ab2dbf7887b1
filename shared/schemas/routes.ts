// The HTTP API in one table: the CDK stack, the local gateway and the OpenAPI document (docs/openapi.json)
// are all made from it, so they cannot disagree. `handler` names a file in functions/api/. A
// route's schemas are given as what builds them (shared/schemas/once.ts): a function builds its
// own route's when its handler is made, and reading the table builds none.

import type * as z from 'zod';
import type { Role } from '../app/common/access.js';
import {
  pageQuerySchema,
  buyerPathSchema,
  cancellationSchema,
  cancelRequestSchema,
  claimExportSchema,
  claimListSchema,
  claimSummarySchema,
  requestApprovalSchema,
  requestWithdrawalSchema,
  withdrawalPathSchema,
  claimPathSchema,
  messageSchema,
  messagesSchema,
  messagePathSchema,
  orderPathSchema,
  orderSummarySchema,
  orderSearchSchema,
  paymentEventSchema,
  registerOrderSchema,
  resolutionSchema,
  sellerRefundSchema,
  shipDateSchema,
  shipmentSchema,
  withdrawalSchema,
} from './api.js';
import {
  bulkCancellationSchema,
  bulkDecisionSchema,
  bulkListSchema,
  bulkPathSchema,
  bulkViewSchema,
} from './bulk-api.js';
import {
  escalationSchema,
  returnDecisionSchema,
  returnReceiptSchema,
  returnRequestSchema,
  returnShipmentSchema,
} from './returns-api.js';
import { nonReceiptAcceptanceSchema, nonReceiptAnswerSchema, nonReceiptReportSchema } from './non-receipt-api.js';
import {
  inquiryEntrySchema,
  inquiryListSchema,
  inquiryPathSchema,
  inquirySchema,
  sellerListSchema,
  sellerPathSchema,
  sellerProfileSchema,
} from './seller-api.js';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handler: string;
  /** Who may call it; empty for the public routes (no token needed). */
  roles: readonly Role[];
  /** Public, but believed only with the payment provider's signature: no token grants it. */
  signed?: true;
  /** What the success answer is, when not JSON. */
  produces?: 'text/csv';
  summary: string;
  success: number;
  /**
   * Other success statuses the route answers, with the same body (201 for a new profile, 202 for a withdrawal the bank
   * has not settled).
   */
  alsoSuccess?: readonly number[];
  params?: () => z.ZodObject;
  query?: () => z.ZodType;
  body?: () => z.ZodType;
}

/** Keeps each route's literal types, so a handler gets its params, query and body typed. */
const defineRoute = <const R extends RouteSpec>(route: R): R => route;

export const routes = {
  registerOrder: defineRoute({
    method: 'POST',
    path: '/orders',
    handler: 'register-order',
    roles: ['operator'],
    summary: 'Register an order (order intake, demo seed)',
    success: 201,
    body: registerOrderSchema,
  }),
  searchOrders: defineRoute({
    method: 'GET',
    path: '/orders',
    handler: 'search-orders',
    roles: ['seller', 'operator'],
    summary: 'Search orders by status, order date range and order numbers',
    success: 200,
    query: orderSearchSchema,
  }),
  getOrder: defineRoute({
    method: 'GET',
    path: '/orders/{orderNo}',
    handler: 'get-order',
    roles: ['seller', 'buyer', 'operator'],
    summary: 'The order with its claims, refunds, messages and timeline',
    success: 200,
    params: orderPathSchema,
  }),
  setShipDate: defineRoute({
    method: 'PUT',
    path: '/orders/{orderNo}/ship-date',
    handler: 'set-ship-date',
    roles: ['seller'],
    summary: 'Set the expected ship date: NEW → PREPARING',
    success: 200,
    params: orderPathSchema,
    body: shipDateSchema,
  }),
  shipOrder: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/shipment',
    handler: 'ship-order',
    roles: ['seller'],
    summary: 'Ship processing: → IN_TRANSIT, with carrier and tracking number; refused while CANCEL_REQUESTED',
    success: 200,
    params: orderPathSchema,
    body: shipmentSchema,
  }),
  deliverOrder: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/delivery',
    handler: 'deliver-order',
    roles: ['operator'],
    summary: 'Mark delivered: → DELIVERED',
    success: 200,
    params: orderPathSchema,
  }),
  confirmPayment: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/payment',
    handler: 'confirm-payment',
    roles: ['operator'],
    summary:
      'The payment of an order arrived: PROCESSING → NEW; after the order was cancelled unpaid, it is returned to ' +
      'the buyer (returned)',
    success: 200,
    params: orderPathSchema,
  }),
  messageBuyer: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/messages',
    handler: 'message-buyer',
    roles: ['seller'],
    summary: 'Message the buyer; answers how many messages and e-mails were sent and failed',
    success: 200,
    params: orderPathSchema,
    body: messageSchema,
  }),
  messageBuyers: defineRoute({
    method: 'POST',
    path: '/orders/messages',
    handler: 'message-buyers',
    roles: ['seller'],
    summary:
      'The same message to the buyer of each checked order: each its own message and e-mail, each counted; one ' +
      'refused order sends nothing',
    success: 200,
    body: messagesSchema,
  }),
  resendMessage: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/messages/{messageId}/resend',
    handler: 'resend-message',
    roles: ['seller'],
    summary: 'Send a failed e-mail of a message again',
    success: 200,
    params: messagePathSchema,
  }),
  summarizeOrders: defineRoute({
    method: 'GET',
    path: '/orders/summary',
    handler: 'summarize-orders',
    roles: ['seller', 'operator'],
    summary: 'Order counts: awaiting payment, new, shipping requested, delayed, cancel requested',
    success: 200,
    query: orderSummarySchema,
  }),
  cancelOrder: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/cancellations',
    handler: 'cancel-order',
    roles: ['seller'],
    summary: 'Seller-fault cancellation before shipping (runs the settle-claim workflow)',
    success: 202,
    params: orderPathSchema,
    body: cancellationSchema,
  }),
  refundOrder: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/refunds',
    handler: 'refund-order',
    roles: ['seller'],
    summary: 'Seller-fault refund after shipping (SHIPPING_DELAY only): the order is processed as a return',
    success: 202,
    params: orderPathSchema,
    body: sellerRefundSchema,
  }),
  requestCancel: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/cancel-requests',
    handler: 'request-cancel',
    roles: ['buyer', 'operator'],
    summary: 'Buyer cancellation: at once for PROCESSING/NEW/DELAYED, waits for the seller for PREPARING',
    success: 202,
    params: orderPathSchema,
    body: cancelRequestSchema,
  }),
  approveRequest: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/approval',
    handler: 'approve-request',
    roles: ['seller'],
    summary:
      'The seller approves a pending cancel request, with a memo for the buyer if it likes: the order is cancelled ' +
      'and refunded',
    success: 202,
    params: claimPathSchema,
    body: requestApprovalSchema,
  }),
  withdrawRequest: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/withdrawal',
    handler: 'withdraw-request',
    roles: ['buyer', 'operator'],
    summary: 'Withdraw a pending cancel request (an operator gives the reason): the order goes back to PREPARING',
    success: 202,
    params: claimPathSchema,
    body: requestWithdrawalSchema,
  }),
  requestReturn: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/returns',
    handler: 'request-return',
    roles: ['buyer', 'operator'],
    summary: 'Ask to return a delivered order within the return window, with a reason: the seller approves or refuses',
    success: 202,
    params: orderPathSchema,
    body: returnRequestSchema,
  }),
  decideReturn: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/return-decision',
    handler: 'decide-return',
    roles: ['seller'],
    summary: 'Approve a return (return address, instructions) or refuse it (a reason the buyer reads)',
    success: 202,
    params: claimPathSchema,
    body: returnDecisionSchema,
  }),
  shipReturn: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/return-shipment',
    handler: 'ship-return',
    roles: ['buyer'],
    summary: 'The return is on its way: carrier and tracking number',
    success: 202,
    params: claimPathSchema,
    body: returnShipmentSchema,
  }),
  receiveReturn: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/return-receipt',
    handler: 'receive-return',
    roles: ['seller'],
    summary:
      'The return arrived (RECEIVED: the refund runs), or did not (MISSING), or not as described ' +
      '(NOT_AS_DESCRIBED): the operator decides',
    success: 202,
    params: claimPathSchema,
    body: returnReceiptSchema,
  }),
  escalateClaim: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/escalation',
    handler: 'escalate-claim',
    roles: ['buyer'],
    summary: 'Take a refused return, or a non-receipt answer the buyer does not accept, to the operator',
    success: 202,
    params: claimPathSchema,
    body: escalationSchema,
  }),
  reportNonReceipt: defineRoute({
    method: 'POST',
    path: '/orders/{orderNo}/non-receipt',
    handler: 'report-non-receipt',
    roles: ['buyer', 'operator'],
    summary: 'Report a shipped or delivered order as not received: the seller answers within the configured time',
    success: 202,
    params: orderPathSchema,
    body: nonReceiptReportSchema,
  }),
  answerNonReceipt: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/non-receipt-answer',
    handler: 'answer-non-receipt',
    roles: ['seller'],
    summary:
      'Answer a non-receipt report with proof (PROOF), a re-shipment with its new tracking (RESHIPPED) or a full ' +
      'refund (REFUND)',
    success: 202,
    params: claimPathSchema,
    body: nonReceiptAnswerSchema,
  }),
  acceptNonReceipt: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/non-receipt-acceptance',
    handler: 'accept-non-receipt',
    roles: ['buyer'],
    summary: 'Accept the seller’s answer to a non-receipt report (proof or a re-shipment): the claim is COMPLETED',
    success: 202,
    params: claimPathSchema,
    body: nonReceiptAcceptanceSchema,
  }),
  listClaims: defineRoute({
    method: 'GET',
    path: '/claims',
    handler: 'list-claims',
    roles: ['seller', 'operator'],
    summary: 'Claims, newest first, by status and delayed flag',
    success: 200,
    query: claimListSchema,
  }),
  exportClaims: defineRoute({
    method: 'GET',
    path: '/claims/export',
    handler: 'export-claims',
    roles: ['seller', 'operator'],
    produces: 'text/csv',
    summary:
      'The claim grid’s rows as CSV (UTF-8 with BOM, times in Japan), the list’s filters; up to 1,000 rows an ' +
      'answer, the next from the cursor in x-next-cursor',
    success: 200,
    query: claimExportSchema,
  }),
  summarizeClaims: defineRoute({
    method: 'GET',
    path: '/claims/summary',
    handler: 'summarize-claims',
    roles: ['seller', 'operator'],
    summary: 'Claim counts: requested, in progress, completed, delayed',
    success: 200,
    query: claimSummarySchema,
  }),
  resolveClaim: defineRoute({
    method: 'POST',
    path: '/claims/{claimId}/resolution',
    handler: 'resolve-claim',
    roles: ['operator'],
    summary: 'Complete or close a claim that needs an operator',
    success: 202,
    params: claimPathSchema,
    body: resolutionSchema,
  }),
  listBuyerOrders: defineRoute({
    method: 'GET',
    path: '/buyers/{buyerId}/orders',
    handler: 'list-buyer-orders',
    roles: ['buyer', 'operator'],
    summary: 'A buyer’s orders, newest first: the buyer its own, the operator any',
    success: 200,
    params: buyerPathSchema,
    query: pageQuerySchema,
  }),
  listPendingWithdrawals: defineRoute({
    method: 'GET',
    path: '/withdrawals',
    handler: 'list-pending-withdrawals',
    roles: ['operator'],
    summary:
      'Every buyer’s withdrawals the bank has not answered (PENDING), newest first: the operator’s list to settle',
    success: 200,
    query: pageQuerySchema,
  }),
  getBalance: defineRoute({
    method: 'GET',
    path: '/buyers/{buyerId}/balance',
    handler: 'get-balance',
    roles: ['buyer', 'operator'],
    summary: 'The buyer’s marketplace balance, with every ledger entry and withdrawal',
    success: 200,
    params: buyerPathSchema,
  }),
  withdrawBalance: defineRoute({
    method: 'POST',
    path: '/buyers/{buyerId}/withdrawals',
    handler: 'withdraw-balance',
    roles: ['buyer'],
    summary:
      'Withdraw from the balance to a bank account: 200 COMPLETED, or 202 PENDING when the bank has not answered',
    success: 200,
    alsoSuccess: [202],
    params: buyerPathSchema,
    body: withdrawalSchema,
  }),
  settleWithdrawal: defineRoute({
    method: 'POST',
    path: '/buyers/{buyerId}/withdrawals/{withdrawalId}/settlement',
    handler: 'settle-withdrawal',
    roles: ['operator'],
    summary: 'Ask the bank again for a PENDING withdrawal, under the same idempotency key',
    success: 200,
    alsoSuccess: [202],
    params: withdrawalPathSchema,
  }),
  submitBulkCancellation: defineRoute({
    method: 'POST',
    path: '/bulk-cancellations',
    handler: 'submit-bulk-cancellation',
    roles: ['seller'],
    summary:
      'Cancel up to 10,000 orders in one job (or retry an earlier job’s failed lines); over the configured size it ' +
      'waits for an operator',
    success: 202,
    body: bulkCancellationSchema,
  }),
  listBulkCancellations: defineRoute({
    method: 'GET',
    path: '/bulk-cancellations',
    handler: 'list-bulk-cancellations',
    roles: ['seller', 'operator'],
    summary: 'Bulk cancellations, newest first: a seller’s own; an operator’s queue with status=AWAITING_APPROVAL',
    success: 200,
    query: bulkListSchema,
  }),
  getBulkCancellation: defineRoute({
    method: 'GET',
    path: '/bulk-cancellations/{bulkId}',
    handler: 'get-bulk-cancellation',
    roles: ['seller', 'operator'],
    summary: 'Progress: status, total, done, failed; a page of lines’ failures (with why) and claims',
    success: 200,
    params: bulkPathSchema,
    query: bulkViewSchema,
  }),
  decideBulkCancellation: defineRoute({
    method: 'POST',
    path: '/bulk-cancellations/{bulkId}/approval',
    handler: 'decide-bulk-cancellation',
    roles: ['operator'],
    summary: 'Approve a waiting bulk cancellation, or refuse it with a reason',
    success: 202,
    params: bulkPathSchema,
    body: bulkDecisionSchema,
  }),
  cancelBulkCancellation: defineRoute({
    method: 'POST',
    path: '/bulk-cancellations/{bulkId}/cancellation',
    handler: 'cancel-bulk-cancellation',
    roles: ['seller'],
    summary: 'The seller calls off a bulk cancellation that has not started (still waiting for approval)',
    success: 202,
    params: bulkPathSchema,
  }),
  setSellerProfile: defineRoute({
    method: 'PUT',
    path: '/sellers/{sellerId}/profile',
    handler: 'set-seller-profile',
    roles: ['operator'],
    summary:
      'Create or replace a seller’s profile: store name, contact e-mail, notice language (ja, ko, en); order intake ' +
      'needs it',
    success: 200,
    alsoSuccess: [201],
    params: sellerPathSchema,
    body: sellerProfileSchema,
  }),
  getSellerProfile: defineRoute({
    method: 'GET',
    path: '/sellers/{sellerId}/profile',
    handler: 'get-seller-profile',
    roles: ['seller', 'operator'],
    summary: 'A seller’s profile: the seller its own, the operator any',
    success: 200,
    params: sellerPathSchema,
  }),
  listSellerProfiles: defineRoute({
    method: 'GET',
    path: '/sellers',
    handler: 'list-seller-profiles',
    roles: ['operator'],
    summary: 'Every seller’s profile, by seller id',
    success: 200,
    query: sellerListSchema,
  }),
  fileInquiry: defineRoute({
    method: 'POST',
    path: '/inquiries',
    handler: 'file-inquiry',
    roles: ['seller'],
    summary:
      'Ask the operator (문의하기): an order that cannot be cancelled, a withdrawal or a request for the buyer, a ' +
      'refund not received, notice of a bulk cancellation',
    success: 201,
    body: inquirySchema,
  }),
  listInquiries: defineRoute({
    method: 'GET',
    path: '/inquiries',
    handler: 'list-inquiries',
    roles: ['seller', 'operator'],
    summary: 'Inquiries, newest first: a seller’s own; the operator’s queue with status=OPEN',
    success: 200,
    query: inquiryListSchema,
  }),
  getInquiry: defineRoute({
    method: 'GET',
    path: '/inquiries/{inquiryId}',
    handler: 'get-inquiry',
    roles: ['seller', 'operator'],
    summary:
      'The inquiry with its whole history (answers, replies, the operator’s actions) and its orders as they stand',
    success: 200,
    params: inquiryPathSchema,
  }),
  addInquiryEntry: defineRoute({
    method: 'POST',
    path: '/inquiries/{inquiryId}/entries',
    handler: 'add-inquiry-entry',
    roles: ['seller', 'operator'],
    summary: 'The operator answers or the seller replies; close: true ends it',
    success: 200,
    params: inquiryPathSchema,
    body: inquiryEntrySchema,
  }),
  getClaim: defineRoute({
    method: 'GET',
    path: '/claims/{claimId}',
    handler: 'get-claim',
    roles: ['seller', 'buyer', 'operator'],
    summary: 'The claim: state, reason, memo, refunds, timeline, delayed flag',
    success: 200,
    params: claimPathSchema,
  }),
  openapi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    roles: [],
    summary: 'This document',
    success: 200,
  }),
  receivePaymentEvent: defineRoute({
    method: 'POST',
    path: '/payments/webhooks',
    handler: 'receive-payment-event',
    roles: [],
    signed: true,
    summary:
      'The payment provider’s webhook: a card authorization cancellation confirmed or declined; signed ' +
      '(payments-signature)',
    success: 200,
    body: paymentEventSchema,
  }),
  health: defineRoute({
    method: 'GET',
    path: '/health',
    handler: 'health',
    roles: [],
    summary: 'Alive, and the table answers',
    success: 200,
  }),
};

export const ROUTES: RouteSpec[] = Object.values(routes);
