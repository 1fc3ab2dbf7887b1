// The route table's part (shared/schemas/routes.ts).
// After delivery: returns and non-receipt reports, and taking either to the operator.

import { claimPathSchema, orderPathSchema } from '../api.js';
import {
  escalationSchema,
  returnDecisionSchema,
  returnReceiptSchema,
  returnRequestSchema,
  returnShipmentSchema,
} from '../returns-api.js';
import { nonReceiptAcceptanceSchema, nonReceiptAnswerSchema, nonReceiptReportSchema } from '../non-receipt-api.js';
import { defineRoute } from './route-spec.js';

export const afterDeliveryRoutes = {
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
};
