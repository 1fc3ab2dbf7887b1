// Reading executions of the local Step Functions endpoint as one would in the console: described,
// and their history.
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, inject } from 'vitest';
import { eventually } from './http.js';

export const sfn = new SFNClient({
  endpoint: inject('stepFunctionsEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
afterAll(() => sfn.destroy());

export const executionArn = (workflow: string, name: string) =>
  `arn:aws:states:us-east-1:000000000000:execution:${workflow}:${name}`;

/** Waits (bounded) until the execution has ended, then answers it and its whole history. */
export async function finishedExecution(workflow: string, name: string, timeoutMs = 15_000) {
  const arn = executionArn(workflow, name);
  // A child execution may not have started yet: not found counts as still to come.
  const describe = () => sfn.send(new DescribeExecutionCommand({ executionArn: arn })).catch(() => undefined);
  const described = await eventually(
    describe,
    (execution) => execution !== undefined && execution.status !== 'RUNNING',
    timeoutMs,
  );
  if (!described) throw new Error(`${arn} never started`);
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }));
  return { described, events };
}

export const entered = (events: HistoryEvent[]) =>
  events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);
export const lambdaFailures = (events: HistoryEvent[]) =>
  events.filter((e) => e.type === 'LambdaFunctionFailed').map((e) => e.lambdaFunctionFailedEventDetails?.error);
