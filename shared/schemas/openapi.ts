// The OpenAPI document, made from the same route table and zod schemas that validate requests.
// Generated at build time (npm run openapi writes docs/openapi.json, which GET /openapi.json
// serves), so no function carries the generator; a test keeps the file in step with the code.

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { RESPONSES } from './responses.js';
import { routes, type RouteSpec } from './routes.js';

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().meta({ description: 'What is wrong: zod’s issue code' }),
        }),
      )
      .optional(),
    currentStatus: z.string().optional().meta({ description: 'On 409: the order’s status now' }),
    allowedActions: z.array(z.string()).optional().meta({ description: 'On 409: what the order allows now' }),
    rule: z.string().optional().meta({ description: 'On 422: the business rule that said no' }),
    values: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'On 422: the figures the detail names, for a client to word' }),
    claimId: z
      .string()
      .optional()
      .meta({ description: 'On 422 SELLER_CANNOT_CANCEL: the claim the operator took over' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const ERROR_STATUSES: Record<string, string> = {
  '400': 'The body, path or query does not validate',
  '401': 'No token, or a bad one (for the webhook: no valid signature)',
  '403': 'Not yours, or the wrong role',
  '404': 'No such order or claim',
  '409': 'The order’s status does not allow it, or an idempotent request is still in flight',
  '422': 'A business rule says no, or an Idempotency-Key was reused with another body',
};

/** What each group of operations is about; a route's group is the first part of its path. */
const TAGS: Record<string, string> = {
  orders: 'Orders: intake, search, shipping, payment, messages to the buyer, cancellations and refunds',
  claims: 'Claims: their lists and counts, approvals, withdrawals and the operator’s resolutions',
  'bulk-cancellations': 'Bulk cancellations: many orders in one job, approved by an operator over a size',
  buyers: 'Buyers: their orders, balance and withdrawals',
  withdrawals: 'Withdrawals the bank has not answered',
  sellers: 'Seller profiles',
  inquiries: 'Inquiries to the operator',
  payments: 'The payment provider’s webhook',
  service: 'The service itself: health and this document',
};
const tagOf = (route: RouteSpec) => {
  const group = route.path.split('/')[1]!;
  return group in TAGS ? group : 'service';
};

export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  // The route table's names are the operations' ids: a generated client's method names.
  for (const [operationId, route] of Object.entries(routes) as [string, RouteSpec][]) {
    const isPublic = route.roles.length === 0;
    const description = route.signed
      ? 'No token: signed by the payment provider (payments-signature: t=…,v1=…, HMAC-SHA256 of "t.body"; ' +
        'docs/PAYMENTS.md).'
      : isPublic
        ? 'No token needed.'
        : `For: ${route.roles.join(', ')}.`;
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put',
      path: route.path,
      operationId,
      tags: [tagOf(route)],
      summary: route.summary,
      description,
      security: isPublic ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params() } : {}),
        ...(route.query ? { query: route.query() as z.ZodObject } : {}),
        ...(route.method !== 'GET' ? { headers: z.object({ 'idempotency-key': z.string().max(255).optional() }) } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body() } } } } : {}),
      },
      responses: {
        ...Object.fromEntries(
          [route.success, ...(route.alsoSuccess ?? [])].map((status) => [
            status,
            {
              description: status === route.success ? 'Success' : 'Success, as the summary says',
              content: {
                [route.produces ?? 'application/json']: { schema: RESPONSES[route.handler as keyof typeof RESPONSES] },
              },
              ...(route.produces
                ? {
                    headers: {
                      'x-next-cursor': {
                        description: 'The cursor of the next part; absent on the last',
                        schema: { type: 'string' },
                      },
                    },
                  }
                : {}),
            },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(ERROR_STATUSES)
            .filter(([status]) => !isPublic || status === '400' || (route.signed && status === '401'))
            .map(([status, description]) => [
              status,
              { description, content: { 'application/problem+json': { schema: problemSchema } } },
            ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Order cancellation and refund API',
      version: '1.0.0',
      description:
        'Seller cancellations and refunds, buyer requests, bulk cancellations and the operator’s cases of a ' +
        'marketplace (docs/DOMAIN.md).',
      contact: { name: 'The order-claims maintainers (README.md)' },
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'The local stack (npm start)' },
      {
        url: '{apiUrl}',
        description: 'A deployment: the stack output ApiUrl',
        variables: { apiUrl: { default: 'https://example.execute-api.ap-northeast-1.amazonaws.com' } },
      },
    ],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  });
}
