// Starts the state machines. The execution is named after the claim, so a second start for the
// same claim is refused by Step Functions itself and no claim ever runs twice.

import { ExecutionAlreadyExists, InvalidToken, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { ApprovalTiming, Decision, Workflows } from '../app/ports.js';

export class StepFunctionsWorkflows implements Workflows {
  constructor(
    private readonly arns: { claim?: string; approval?: string },
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  private async start(stateMachineArn: string | undefined, name: string, input: unknown): Promise<void> {
    if (!stateMachineArn) throw new Error(`This function was not given the state machine to start ${name}`);
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  startClaim(claimId: string, run?: number): Promise<void> {
    return this.start(this.arns.claim, run ? `${claimId}-op${run}` : claimId, { claimId });
  }

  startApproval(claimId: string, timing: ApprovalTiming): Promise<void> {
    return this.start(this.arns.approval, claimId, { claimId, timing });
  }

  async sendDecision(taskToken: string, decision: Decision): Promise<'DELIVERED' | 'CLOSED'> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ decision }) }));
      return 'DELIVERED';
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) return 'CLOSED';
      throw error;
    }
  }
}
