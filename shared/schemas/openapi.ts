// The OpenAPI document, made from the same route table and zod schemas that validate requests.
// Generated at build time (npm run openapi writes docs/openapi.json, which GET /openapi.json
// serves), so no function carries the generator; a test keeps the file in step with the code.

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { RESPONSES } from './responses.js';
import { ROUTES } from './routes.js';

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    currentStatus: z.string().optional().meta({ description: 'On 409: the order’s status now' }),
    allowedActions: z.array(z.string()).optional().meta({ description: 'On 409: what the order allows now' }),
    rule: z.string().optional().meta({ description: 'On 422: the business rule that said no' }),
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

export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of ROUTES) {
    const isPublic = route.roles.length === 0;
    const description = route.signed ? 'No token: signed by the payment provider (payments-signature: t=…,v1=…, HMAC-SHA256 of "t.body"; docs/PAYMENTS.md).' : isPublic ? 'No token needed.' : `For: ${route.roles.join(', ')}.`;
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put',
      path: route.path,
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
        ...Object.fromEntries([route.success, ...(route.alsoSuccess ?? [])].map((status) => [status, { description: status === route.success ? 'Success' : 'Success, as the summary says', content: { 'application/json': { schema: RESPONSES[route.handler as keyof typeof RESPONSES] } } }])),
        ...Object.fromEntries(
          Object.entries(ERROR_STATUSES)
            .filter(([status]) => !isPublic || status === '400' || (route.signed && status === '401'))
            .map(([status, description]) => [status, { description, content: { 'application/problem+json': { schema: problemSchema } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Order cancellation and refund API', version: '1.0.0', description: 'Seller cancellations, refunds and buyer requests (API.md).' },
  });
}
