// What a use case says about itself besides its answer: work it left for later or could not do
// (a line in the function's log), and each claim's outcome (a metric). The app defines the port;
// shared/observability.ts plugs Powertools' logger and metrics in when a function loads it. Until
// something is plugged in (a test of a use case on fakes), it says nothing.

export type ClaimOutcome = 'COMPLETED' | 'FAILED' | 'NEEDS_OPERATOR' | 'WITHDRAWN';

export interface Telemetry {
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
  /** Counted where the outcome is written, once per claim. */
  claimOutcome(outcome: ClaimOutcome): void;
}

const silent: Telemetry = { warn: () => {}, error: () => {}, claimOutcome: () => {} };
let plugged: Telemetry = silent;

/** Where the use cases' telemetry goes from now on (the function's observability, or a test's recorder). */
export function reportTo(target: Telemetry | undefined): void {
  plugged = target ?? silent;
}

/** The use cases' telemetry: each call goes to what is plugged in at the time. */
export const telemetry: Telemetry = {
  warn: (message, fields) => plugged.warn(message, fields),
  error: (message, fields) => plugged.error(message, fields),
  claimOutcome: (outcome) => plugged.claimOutcome(outcome),
};
