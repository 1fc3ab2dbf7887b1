// npm run openapi: writes docs/openapi.json from the route table and its schemas, and the client
// types generated from it (console/api/schema.d.ts). The openapi function serves the document as
// it is; test/infra/openapi.test.ts fails when either file is out of date.

import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../shared/schemas/openapi.js';
import { clientTypes, CLIENT_TYPES_FILE } from './api-client-types.js';

export const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

const document = openApiDocument();
await writeFile(OPENAPI_FILE, `${JSON.stringify(document, null, 2)}\n`);
await writeFile(CLIENT_TYPES_FILE, await clientTypes(JSON.parse(JSON.stringify(document)) as object));
console.log(`wrote ${OPENAPI_FILE.pathname} and ${CLIENT_TYPES_FILE.pathname}`);
