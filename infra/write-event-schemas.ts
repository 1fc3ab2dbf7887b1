// npm run event-schemas: writes docs/events/<type>.schema.json (JSON Schema 2020-12) from the zod
// schemas of shared/schemas/events.ts; test/infra/event-schemas.test.ts fails when they are out of date.

import { mkdir, writeFile } from 'node:fs/promises';
import { eventJsonSchemas } from '../shared/schemas/event-json-schemas.js';

const dir = new URL('../docs/events/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [type, schema] of eventJsonSchemas())
  await writeFile(new URL(`${type}.schema.json`, dir), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${dir.pathname}`);
