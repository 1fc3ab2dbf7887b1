// Step Functions on loopback: the aws-local-stepfunctions interpreter runs the very files in
// workflows/ (definitions.ts), each execution served by the local functions (executions.ts), task
// tokens answered once (task-tokens.ts), histories as Step Functions records them (history.ts),
// behind the Step Functions API (api.ts).

import '../polyfills.js';
import { WORKFLOW_LIST } from '../../infra/workflow-catalog.js';
import type { LocalLambda } from '../lambda-runtime.js';
import { freePort } from '../ports.js';
import { TokenBucket, type AccountQuotas } from '../quotas.js';
import { operationsOf, stepFunctionsServer, type AuthorizeRequest, type SubjectOfCall } from './api.js';
import { loadWorkflow, stateMachineArnOf, type LoadedWorkflow } from './definitions.js';
import { Executions, type RunnerOptions } from './executions.js';
import { TokenRegistry } from './task-tokens.js';
import { listen } from '../http.js';

export { stateMachineArnOf } from './definitions.js';
export { stateMachineOfToken } from './task-tokens.js';

export interface StepFunctionsLocal {
  endpoint: string;
  stateMachineArn(name: string): string;
  /** Resolves when every execution has finished (for an orderly shutdown and for tests). */
  idle(): Promise<void>;
  /** The status an execution ends with, when it ends (benchmarks: no polling stealing the CPU they measure). */
  finished(executionArn: string): Promise<string>;
  stop(): Promise<void>;
}

export interface StepFunctionsLocalOptions {
  lambda: LocalLambda;
  port?: number;
  /** Local only: every Retry pause lasts this many ms (tests). */
  retryDelayMs?: number;
  /** Local only: every Wait state lasts this many ms (tests, demos). */
  waitMs?: number;
  /** Finished executions kept for Describe and GetExecutionHistory (2000 by default). */
  keepFinished?: number;
  /** StartExecution's token bucket; none when absent. */
  quota?: AccountQuotas['stepFunctions'];
  /** IAM (local/iam): the callers' requests, and the calls each state machine's role makes. */
  iam?: { request: AuthorizeRequest; stateMachine: NonNullable<RunnerOptions['authorize']> };
}

export async function startStepFunctionsLocal(options: StepFunctionsLocalOptions): Promise<StepFunctionsLocal> {
  const workflows = new Map<string, LoadedWorkflow>();
  for (const spec of WORKFLOW_LIST) {
    const loaded = await loadWorkflow(spec, (fn) => options.lambda.has(fn));
    workflows.set(loaded.arn, loaded);
  }
  const tokens = new TokenRegistry();
  const executions = new Executions({
    lambda: options.lambda,
    tokens,
    workflows,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    ...(options.keepFinished === undefined ? {} : { keepFinished: options.keepFinished }),
    ...(options.iam ? { authorize: options.iam.stateMachine } : {}),
  });
  const startTokens =
    options.quota && new TokenBucket(options.quota.startExecutionBucket, options.quota.startExecutionRefillPerSecond);
  const subjectOf: SubjectOfCall = (operation, body) => {
    if (operation === 'StartExecution') return `${String(body.name ?? '')} ${String(body.input ?? '')}`;
    const arn = tokens.find(String(body.taskToken ?? ''))?.executionArn ?? String(body.executionArn ?? '');
    const execution = executions.get(arn);
    return execution ? `${arn} ${execution.input}` : arn;
  };
  const server = stepFunctionsServer(
    operationsOf(workflows, executions, tokens, startTokens),
    options.iam?.request,
    subjectOf,
  );
  const port = options.port ?? (await freePort());
  await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stateMachineArn: stateMachineArnOf,
    idle: () => executions.idle(),
    finished: async (executionArn) => {
      const execution = executions.get(executionArn);
      if (!execution) throw new Error(`No execution ${executionArn}`);
      await execution.finished;
      return execution.status;
    },
    stop: async () => {
      executions.abortAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
