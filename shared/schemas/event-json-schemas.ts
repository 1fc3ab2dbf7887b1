// The JSON Schema of each integration event type, as docs/events/ holds them.
import * as z from 'zod';
import { EVENT_TYPES, type EventType } from '../app/ports/change-set.js';
import { eventSchemaOf } from './events.js';

export function eventJsonSchemas(): [EventType, Record<string, unknown>][] {
  return EVENT_TYPES.map((type) => [
    type,
    { $id: `urn:order-claims:events:${type}:v1`, ...z.toJSONSchema(eventSchemaOf(type), { target: 'draft-2020-12' }) },
  ]);
}
