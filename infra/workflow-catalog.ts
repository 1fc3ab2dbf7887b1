// Which workflow files exist and which function each of their ${Placeholders} stands for. The CDK
// stack substitutes real ARNs; the local runner substitutes local ones and serves each with the
// handler in functions/steps/. A test checks that files and catalog agree both ways.

export interface WorkflowSpec {
  /** File in workflows/, also the state machine's name. */
  name: string;
  /** Placeholder → step function (a file in functions/steps/). */
  functions: Record<string, string>;
}

export const WORKFLOWS = {
  cancelOrder: {
    name: 'cancel-order',
    functions: {
      CheckTransitionFunctionArn: 'check-transition',
      NotifyBuyerFunctionArn: 'notify-buyer',
      ApplyCancellationFunctionArn: 'apply-cancellation',
      SettleRefundFunctionArn: 'settle-refund',
      CompleteClaimFunctionArn: 'complete-claim',
      FailClaimFunctionArn: 'fail-claim',
    },
  },
} satisfies Record<string, WorkflowSpec>;

export const WORKFLOW_LIST: WorkflowSpec[] = Object.values(WORKFLOWS);

export function workflowFile(spec: WorkflowSpec): URL {
  return new URL(`../workflows/${spec.name}.asl.json`, import.meta.url);
}

/** Every ${Name} a definition uses. */
export function placeholdersOf(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!))];
}

/** The environment variable that names the state machine's ARN for the functions that start it. */
export const START_ENV: Record<keyof typeof WORKFLOWS, string> = { cancelOrder: 'CANCEL_WORKFLOW_ARN' };
