// The HTTP API in one table: the CDK stack, the local gateway and the OpenAPI document (docs/openapi.json)
// are all made from it, so they cannot disagree. `handler` names a file in functions/api/. A
// route's schemas are given as what builds them (shared/schemas/once.ts): a function builds its
// own route's when its handler is made, and reading the table builds none.

import { claimPathSchema, paymentEventSchema } from './api.js';
import { defineRoute, type RouteSpec } from './routes/route-spec.js';
import { orderRoutes } from './routes/order-routes.js';
import { cancellationRoutes } from './routes/cancellation-routes.js';
import { afterDeliveryRoutes } from './routes/after-delivery-routes.js';
import { claimAndBalanceRoutes } from './routes/claim-and-balance-routes.js';
import { bulkAndSellerRoutes } from './routes/bulk-and-seller-routes.js';

export type { RouteSpec };

export const routes = {
  ...orderRoutes,
  ...cancellationRoutes,
  ...afterDeliveryRoutes,
  ...claimAndBalanceRoutes,
  ...bulkAndSellerRoutes,
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
