// The route table's part (shared/schemas/routes.ts).
// Orders: intake, search, shipping, payment, messages to the buyer.

import {
  messageSchema,
  messagesSchema,
  messagePathSchema,
  orderPathSchema,
  orderSummarySchema,
  orderSearchSchema,
  registerOrderSchema,
  shipDateSchema,
  shipmentSchema,
} from '../api.js';
import { defineRoute } from './route-spec.js';

export const orderRoutes = {
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
};
