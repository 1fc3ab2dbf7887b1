// The route table's part (shared/schemas/routes.ts).
// Cancellations: the seller's, a refund after shipping, and a buyer's request with its decision.

import {
  cancellationSchema,
  cancelRequestSchema,
  requestApprovalSchema,
  requestWithdrawalSchema,
  claimPathSchema,
  orderPathSchema,
  sellerRefundSchema,
} from '../api.js';
import { defineRoute } from './route-spec.js';

export const cancellationRoutes = {
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
};
