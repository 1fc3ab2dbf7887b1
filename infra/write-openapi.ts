// npm run openapi: writes docs/openapi.json from the route table and its schemas. The openapi
// function serves the file as it is; test/infra/openapi.test.ts fails when it is out of date.
// The console's client types are generated from it (npm run client-types, run by npm test).

import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../shared/schemas/openapi.js';

export const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

await writeFile(OPENAPI_FILE, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${OPENAPI_FILE.pathname}`);
