// middy, configured once for every handler: observed by Powertools (shared/observability.ts). Its
// early timeout is off: it would answer "timed out" while the handler went on running (and
// writing) in the background; Lambda's own timeout stops the execution environment instead.

import middy from '@middy/core';
import { observedBy } from './observability.js';

export const handlerOf = <Event, Result>() => middy<Event, Result>({ timeoutEarlyInMillis: 0 }).use(observedBy());
