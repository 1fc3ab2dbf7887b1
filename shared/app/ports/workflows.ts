// The state machines: starting a run, reading its status, waking a wait by its task token.

/** One execution of a workflow, by its deterministic name. */
export interface WorkflowRun {
  workflow: 'settleClaim' | 'approveCancelRequest' | 'returnClaim' | 'bulkCancellation' | 'nonReceiptClaim';
  name: string;
}

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'MISSING';

export interface Workflows {
  /** Starts the run; a run of that name already started (running or not) is left as it is. */
  start(run: WorkflowRun, input: Record<string, unknown>): Promise<void>;
  /** Whether the run is going, ended, or was never started. */
  status(run: WorkflowRun): Promise<RunStatus>;
  /**
   * Finishes a waiting task with its output, or fails it with an error the state machine can
   * catch. `CLOSED` when the token no longer waits (timed out, or answered): harmless, since what
   * it carries (a decision, a payment outcome) was written to the store before.
   */
  wake(taskToken: string, outcome: WaitOutcome): Promise<'DELIVERED' | 'CLOSED'>;
}

export type WaitOutcome = { output: Record<string, unknown> } | { error: string; cause: string };

export interface ApprovalTiming {
  /** The guide's 4 days: then the claim is flagged delayed and the seller reminded. */
  reminderAfterSeconds: number;
  /** Then, with still no decision, it goes to the operator. */
  handOverAfterSeconds: number;
}

export interface NonReceiptTiming {
  /** How long the seller has to answer a non-receipt report before it goes to the operator. */
  answerSeconds: number;
  /** Then how long the operator has to decide before the refund runs by default. */
  refundAfterSeconds: number;
  /** How long the buyer has to accept an answer or take it to the operator before it closes as accepted. */
  buyerSeconds: number;
}
