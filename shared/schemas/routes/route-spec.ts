// What a route of the table is (shared/schemas/routes.ts).

import type * as z from 'zod';
import type { Role } from '../../app/common/access.js';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handler: string;
  /** Who may call it; empty for the public routes (no token needed). */
  roles: readonly Role[];
  /** Public, but believed only with the payment provider's signature: no token grants it. */
  signed?: true;
  /** What the success answer is, when not JSON. */
  produces?: 'text/csv';
  summary: string;
  success: number;
  /**
   * Other success statuses the route answers, with the same body (201 for a new profile, 202 for a withdrawal the bank
   * has not settled).
   */
  alsoSuccess?: readonly number[];
  params?: () => z.ZodObject;
  query?: () => z.ZodType;
  body?: () => z.ZodType;
}

/** Keeps each route's literal types, so a handler gets its params, query and body typed. */
export const defineRoute = <const R extends RouteSpec>(route: R): R => route;
