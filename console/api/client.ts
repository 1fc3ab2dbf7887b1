// The console's one way to the API: openapi-fetch over the types generated from the OpenAPI
// document (schema.d.ts, npm run client-types), so every call and every answer is checked by tsc.

import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type ApiClient = ReturnType<typeof createClient<paths>>;

/** A client for one signed-in identity: its bearer token on every request. */
export function apiClient(
  baseUrl: string,
  token: () => string | Promise<string>,
  fetchImpl: typeof fetch = fetch,
): ApiClient {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  const bearer: Middleware = {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await token()}`);
      return request;
    },
  };
  client.use(bearer);
  return client;
}

/** One key per intent: a double click sends the same key, and the API acts once (Idempotency-Key). */
export const intentKey = (): string => crypto.randomUUID();

/** The document's named shapes (OrderView, ClaimView, …), as the API answers them. */
export type Schemas = components['schemas'];
