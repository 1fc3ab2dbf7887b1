// A use case reads, lets the domain decide, and commits only if nobody changed what it read; when
// somebody did, it reads and decides again.

import type { Decision } from '../../domain/transitions.js';
import { RefusedError } from './errors.js';
import { ConcurrentChangeError } from '../ports/port-errors.js';

/** Re-reads and decides again when another request changed the same entities first, with a short random pause. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || i >= attempts) throw error;
      // Full jitter: racing writers spread out instead of colliding again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** i));
    }
  }
}

/** The domain's decision, or the refusal it carries as the error the HTTP layer answers. */
export function unwrap<T>(decision: Decision<T>): T {
  if (!decision.ok) throw new RefusedError(decision.refusal);
  return decision.value;
}
