// Request schemas are built the first time they are asked for, and are the same objects after: an
// API function builds its own route's schemas at its cold start, not every route's (building them
// all took ~42 ms of each one), and a schema with an OpenAPI id (.meta({ id })) stays one object
// however many routes use it.

import type * as z from 'zod';

export function once<Schema>(build: () => Schema): () => Schema {
  let built: Schema | undefined;
  return () => (built ??= build());
}

/** What a schema built by `once` validates to. */
export type Infer<Built extends () => z.ZodType> = z.infer<ReturnType<Built>>;
