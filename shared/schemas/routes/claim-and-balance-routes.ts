// The route table's part (shared/schemas/routes.ts).
// Claim lists and the operator's resolution; a buyer's orders and balance, and withdrawals.

import {
  pageQuerySchema,
  buyerPathSchema,
  claimExportSchema,
  claimListSchema,
  claimSummarySchema,
  withdrawalPathSchema,
  claimPathSchema,
  resolutionSchema,
  withdrawalSchema,
} from '../api.js';
import { defineRoute } from './route-spec.js';

export const claimAndBalanceRoutes = {
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
};
