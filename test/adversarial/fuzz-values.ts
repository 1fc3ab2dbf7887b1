// What the fuzz sends (fuzz.test.ts): values no schema of the API accepts, request bodies drawn
// from the OpenAPI document's own schemas, and the ways a well-formed body is broken.
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  anyOf?: Schema[];
  allOf?: Schema[];
};
export interface Document {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema: Schema }[];
        requestBody?: { content: { 'application/json': { schema: Schema } } };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** Values no schema of this API accepts where a well-formed one is expected. */
export const HOSTILE: unknown[] = [
  'x'.repeat(1024 * 1024),
  '\u0000',
  'a\u0000b',
  '\u202Egnp.exe',
  '💥'.repeat(300),
  '../../../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  "'; DROP TABLE orders; --",
  '',
  ' ',
  -1,
  -0.5,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER * 1024,
  0,
  null,
  true,
  [],
  [1, 2, 3],
  {},
  { amount: 100, currency: 'USD' },
  { amount: -100, currency: 'JPY' },
  { amount: 0.5, currency: 'JPY' },
  'NaN',
  '2025-13-45',
  '1'.repeat(500),
];

export const HOSTILE_IDS = [
  'x'.repeat(1000),
  '..',
  '..%2F..%2Fetc',
  '%E0%A4%A',
  '%ZZ',
  '%00',
  'a%2Fb',
  'ÿ',
  '💥',
  `C-${'Z'.repeat(70)}`,
  '%F0%9F%92%A5',
];

export function resolve(doc: Document, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]!);
  return schema;
}

/** A value the schema describes (well-formed, before it is broken). */
export function arbitraryOf(doc: Document, raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(doc, s, depth + 1)));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      return fc.string({
        minLength: Math.max(1, schema.minLength ?? 1),
        maxLength: Math.min(schema.maxLength ?? 24, 24),
      });
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 100_000, 100_000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(arbitraryOf(doc, schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.constant({});
      const model = Object.fromEntries(
        Object.entries(schema.properties).map(([key, property]) => [key, arbitraryOf(doc, property, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in model) });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

export type Mutation = { kind: 'drop' | 'hostile' | 'extra' | 'whole' | 'nested'; key: number; value: unknown };

/** Breaks a well-formed body one way. */
export function mutate(body: unknown, mutation: Mutation): unknown {
  if (mutation.kind === 'whole' || !body || typeof body !== 'object' || Array.isArray(body)) return mutation.value;
  const copy = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[mutation.key % Math.max(1, keys.length)];
  switch (mutation.kind) {
    case 'drop':
      if (key) delete copy[key];
      else copy.unexpected = mutation.value;
      return copy;
    case 'hostile':
      if (key) copy[key] = mutation.value;
      return copy;
    case 'nested':
      if (key && copy[key] && typeof copy[key] === 'object')
        copy[key] = mutate(copy[key], { ...mutation, kind: 'hostile' });
      else if (key) copy[key] = mutation.value;
      return copy;
    case 'extra':
      copy[`extra${mutation.key}`] = mutation.value;
      return copy;
  }
}
