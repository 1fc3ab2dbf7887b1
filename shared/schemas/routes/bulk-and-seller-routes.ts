// The route table's part (shared/schemas/routes.ts).
// Bulk cancellations, seller profiles and inquiries to the operator.

import {
  bulkCancellationSchema,
  bulkDecisionSchema,
  bulkListSchema,
  bulkPathSchema,
  bulkViewSchema,
} from '../bulk-api.js';
import {
  inquiryEntrySchema,
  inquiryListSchema,
  inquiryPathSchema,
  inquirySchema,
  sellerListSchema,
  sellerPathSchema,
  returnWindowSchema,
  sellerProfileSchema,
} from '../seller-api.js';
import { defineRoute } from './route-spec.js';

export const bulkAndSellerRoutes = {
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
  setReturnWindow: defineRoute({
    method: 'PUT',
    path: '/sellers/{sellerId}/return-window',
    handler: 'set-return-window',
    roles: ['seller', 'operator'],
    summary: 'Set a seller’s return window for requests from now on: the seller its own, the operator any',
    success: 200,
    params: sellerPathSchema,
    body: returnWindowSchema,
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
};
