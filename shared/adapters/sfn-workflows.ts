// Starts the state machines. The execution is named after the claim, so a second start for the
// same claim is refused by Step Functions itself and no claim ever runs twice.

import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Workflows } from '../app/ports.js';

export class StepFunctionsWorkflows implements Workflows {
  constructor(
    private readonly claimWorkflowArn: string,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async startClaim(claimId: string, run?: number): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.claimWorkflowArn, name: run ? `${claimId}-op${run}` : claimId, input: JSON.stringify({ claimId }) }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
