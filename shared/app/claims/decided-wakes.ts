// Waking a waiting workflow after a decision has been written (an approval, a withdrawal, a bulk
// job's approval, a card refund's outcome). The decision is what counts, and it is already
// stored: a wake Step Functions does not take (throttled past the SDK's retries) must not turn the
// caller's committed action into a 5xx. The workflow reads the decision when its wait next ends
// (its own timer), and the reconciler starts an approved claim's settlement within minutes.

import { telemetry } from '../common/telemetry.js';
import { WorkflowUnavailableError } from '../ports/port-errors.js';
import type { WaitOutcome, Workflows } from '../ports/workflows.js';

export async function wakeAfterDecision(
  workflows: Workflows,
  taskToken: string,
  outcome: WaitOutcome,
  about: Record<string, string>,
): Promise<'DELIVERED' | 'CLOSED' | 'DEFERRED'> {
  try {
    return await workflows.wake(taskToken, outcome);
  } catch (error) {
    if (!(error instanceof WorkflowUnavailableError)) throw error;
    telemetry.warn('decision recorded; its workflow was not woken now and reads it when its wait ends', {
      ...about,
      error,
    });
    return 'DEFERRED';
  }
}
