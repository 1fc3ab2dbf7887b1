// The published JSON Schemas of docs/events/, as a consumer would use them (Ajv, JSON Schema 2020-12).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('../../docs/events/', import.meta.url);

export function eventValidator(): (event: { type: string }) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const file of readdirSync(DIR).filter((name) => name.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as object, file.replace('.schema.json', ''));
  return (event) => {
    const validate = ajv.getSchema(event.type);
    if (!validate) return [`no schema for ${event.type}`];
    return validate(event)
      ? []
      : (validate.errors ?? []).map((error) => `${event.type} ${error.instancePath} ${error.message}`);
  };
}
