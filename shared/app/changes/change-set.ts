// A use case's writes with what they publish and count, derived once before the commit: the one
// rule for every store, so the DynamoDB store and the fake publish and count alike.

import { integrationEvents } from './integration-events.js';
import type { Write } from '../ports/claim-store.js';
import type { ChangeSet } from '../ports/change-set.js';
import { counterMoves } from './status-counts.js';

export const changeOf = (writes: Write[]): ChangeSet => ({
  writes,
  events: integrationEvents(writes),
  counterMoves: counterMoves(writes),
});
