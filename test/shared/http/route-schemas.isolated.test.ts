// A function builds its own route's schemas and no other's: reading the route table builds none,
// and making a handler builds its route's. Schemas with an OpenAPI id register it in zod's global
// registry when built, which is what is read here (this file's modules are its own: nothing else
// has built a schema in them).
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { apiHandler } from '../../../shared/http/api-handler.js';
import type { Idempotency } from '../../../shared/http/idempotency.js';
import { ROUTES, routes } from '../../../shared/schemas/routes.js';

const builtIds = () => [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()].sort();
const passThrough: Idempotency = (_route, run) => (event) => run(event);

describe('route schemas', () => {
  it('reading the route table builds none of them', () => {
    expect(ROUTES.length).toBeGreaterThan(30);
    expect(builtIds()).toEqual([]);
  });

  it('a handler builds its own route’s schemas, and no other route’s', () => {
    apiHandler(routes.cancelOrder, async () => ({ body: {} as never }), passThrough);
    expect(builtIds()).toEqual(['SellerCancellation']);
    apiHandler(routes.withdrawBalance, async () => ({ body: {} as never }), passThrough);
    expect(builtIds()).toEqual(['Money', 'SellerCancellation', 'Withdrawal']);
  });
});
