// Workflows on Step Functions. Executions are named after the claim's run (shared/app/claims/claim-runs.ts),
// so Step Functions itself refuses a second start of the same run.

import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { WorkflowUnavailableError } from '../app/ports/port-errors.js';
import type { RunStatus, WaitOutcome, WorkflowRun, Workflows } from '../app/ports/workflows.js';

export type WorkflowName = WorkflowRun['workflow'];

/** The variable that names each workflow's state machine, for the functions that start it. */
export const WORKFLOW_ARN_VARIABLES = {
  settleClaim: 'CLAIM_WORKFLOW_ARN',
  approveCancelRequest: 'APPROVAL_WORKFLOW_ARN',
  returnClaim: 'RETURN_WORKFLOW_ARN',
  bulkCancellation: 'BULK_WORKFLOW_ARN',
  nonReceiptClaim: 'NON_RECEIPT_WORKFLOW_ARN',
} as const satisfies Record<WorkflowName, string>;

export class StepFunctionsWorkflows implements Workflows {
  constructor(
    private readonly arns: Partial<Record<WorkflowName, string>>,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  private arnOf(run: WorkflowRun): string {
    const arn = this.arns[run.workflow];
    if (!arn) throw new Error(`This function was not given the state machine of ${run.workflow}`);
    return arn;
  }

  async start(run: WorkflowRun, input: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.arnOf(run), name: run.name, input: JSON.stringify(input) }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  async status(run: WorkflowRun): Promise<RunStatus> {
    const executionArn = `${this.arnOf(run).replace(':stateMachine:', ':execution:')}:${run.name}`;
    try {
      const { status } = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      return (status ?? 'RUNNING') as RunStatus;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return 'MISSING';
      throw error;
    }
  }

  async wake(taskToken: string, outcome: WaitOutcome): Promise<'DELIVERED' | 'CLOSED'> {
    try {
      if ('output' in outcome)
        await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome.output) }));
      else
        await this.client.send(new SendTaskFailureCommand({ taskToken, error: outcome.error, cause: outcome.cause }));
      return 'DELIVERED';
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken)
        return 'CLOSED';
      throw new WorkflowUnavailableError(
        `Step Functions did not take the wake: ${(error as Error).name}: ${(error as Error).message}`,
      );
    }
  }
}
