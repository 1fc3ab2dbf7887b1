// Executions: each runs the loaded definition in aws-local-stepfunctions, with every Task served
// locally (a function, a child workflow start, a function with a task token), and is kept for the
// API to describe. Finished executions are kept up to a bound, oldest dropped first; their names
// are kept for good, so a name is never reused, as in Step Functions.

import { randomUUID } from 'node:crypto';
import { TOKEN_PLACEHOLDER, withToken } from './task-tokens.js';
import { localFunctionArn, type LocalLambda } from '../lambda-runtime.js';
import { executionArnOf, timeoutSecondsOf, withoutRunnerKeys, type LoadedWorkflow } from './definitions.js';
import { HistoryRecorder } from './history.js';
import type { TokenRegistry } from './task-tokens.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The X-Ray header the execution was started with: its tasks' invocations continue that trace. */
  traceHeader?: string;
  history: HistoryRecorder;
  abort: () => void;
  finished: Promise<void>;
}

/** Step Functions' limit on an execution's input and every state's input and output. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** What Step Functions refuses in an execution name (StartExecution's `name`). */
export function executionNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 80) return `the name is ${name.length} characters; 1 to 80 are allowed`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Step Functions refuses control characters in a name
  if (/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u.test(name))
    return 'the name has whitespace, brackets, wildcards, control characters or one of " # % \\ ^ | ~ ` $ & , ; : /';
  return undefined;
}

/** A failure a Task reports, with the name Step Functions gives it (Retry and Catch match it). */
export class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const seconds = (ms: number) => ms / 1000;
const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');

export interface RunnerOptions {
  lambda: LocalLambda;
  tokens: TokenRegistry;
  workflows: Map<string, LoadedWorkflow>;
  /** Local only: every Retry pause lasts this many ms. */
  retryDelayMs?: number;
  /** Local only: every Wait state lasts this many ms. */
  waitMs?: number;
  /** How many finished executions are kept for DescribeExecution and GetExecutionHistory. */
  keepFinished?: number;
  /** IAM: why AWS would refuse a call the state machine's role makes, if it would (local/iam). */
  authorize?: (workflow: string, action: string, resource: string) => Promise<{ message: string } | undefined>;
}

/**
 * How a Task reports a call its role may not make: the integration's error, AWS's message with the service's details.
 */
const REFUSED = {
  'lambda:InvokeFunction': { error: 'Lambda.AWSLambdaException', service: 'AWSLambda', status: 403 },
  'states:StartExecution': {
    error: 'StepFunctions.AWSStepFunctionsException',
    service: 'AWSStepFunctions',
    status: 400,
  },
} as const;

export class Executions {
  private readonly byArn = new Map<string, Execution>();
  private readonly usedNames = new Set<string>();
  private readonly finishedOrder: string[] = [];

  constructor(private readonly options: RunnerOptions) {}

  get(executionArn: string): Execution | undefined {
    return this.byArn.get(executionArn);
  }

  /** Newest first. */
  list(stateMachineArn: string): Execution[] {
    return [...this.byArn.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate - a.startDate);
  }

  nameUsed(executionArn: string): boolean {
    return this.usedNames.has(executionArn);
  }

  running(): Execution[] {
    return [...this.byArn.values()].filter((e) => e.status === 'RUNNING');
  }

  async idle(): Promise<void> {
    for (;;) {
      const running = this.running();
      if (running.length === 0) return;
      await Promise.all(running.map((e) => e.finished));
    }
  }

  abortAll(): void {
    for (const execution of this.running()) execution.abort();
  }

  start(workflow: LoadedWorkflow, name: string, input: string, traceHeader?: string): Execution {
    const executionArn = executionArnOf(workflow.arn, name);
    const history = new HistoryRecorder(workflow.tasks);
    const execution: Execution = {
      executionArn,
      stateMachineArn: workflow.arn,
      name,
      input,
      status: 'RUNNING',
      startDate: seconds(Date.now()),
      ...(traceHeader ? { traceHeader } : {}),
      history,
      abort: () => undefined,
      finished: Promise.resolve(),
    };
    this.byArn.set(executionArn, execution);
    this.usedNames.add(executionArn);
    const { lambda, tokens } = this.options;

    const checked = (state: string, output: unknown) => {
      if (byteLength(output) > MAX_PAYLOAD_BYTES)
        throw new TaskError(
          'States.DataLimitExceeded',
          `The state/task '${state}' returned a result with a size exceeding the maximum number of bytes service ` +
            `limit.`,
        );
      return output as never;
    };
    const allowed = async (action: keyof typeof REFUSED, resource: string) => {
      const denied = await this.options.authorize?.(workflow.name, action, resource);
      if (!denied) return;
      const { error, service, status } = REFUSED[action];
      throw new TaskError(
        error,
        `${denied.message} (Service: ${service}; Status Code: ${status}; Error Code: AccessDeniedException; Request ` +
          `ID: ${randomUUID()}; Proxy: null)`,
      );
    };
    const handlers = Object.fromEntries([
      ...Object.entries(workflow.tasks).map(([state, fn]) => [
        state,
        async (taskInput: unknown) => {
          await allowed('lambda:InvokeFunction', localFunctionArn(fn));
          const output = await lambda.invoke(fn, withoutRunnerKeys(taskInput), { traceHeader });
          history.rememberOutput(state, output);
          return checked(state, output);
        },
      ]),
      ...workflow.childStarts.map((state) => [
        state,
        async (taskInput: unknown) => {
          const request = withoutRunnerKeys(taskInput) as ChildRequest;
          await allowed('states:StartExecution', request.StateMachineArn);
          return checked(state, this.startChild(request, traceHeader));
        },
      ]),
      ...Object.entries(workflow.callbackTasks).map(([state, { fn, timeoutSeconds }]) => [
        state,
        async (taskInput: unknown) => {
          await allowed('lambda:InvokeFunction', localFunctionArn(fn));
          const { token, answered } = tokens.mint(executionArn, state);
          // This token alone closes when its task times out (the interpreter fails the state at the
          // same moment) or its function fails: other waits of the state (a Map's other
          // iterations, a retry's fresh token) stay open, as in Step Functions.
          const expiry = setTimeout(() => tokens.discard(token), timeoutSecondsOf(taskInput, timeoutSeconds) * 1000);
          try {
            const { Payload } = withoutRunnerKeys(taskInput) as { Payload?: unknown };
            await lambda.invoke(fn, withToken(Payload ?? {}, token), { traceHeader });
            return checked(state, await answered);
          } catch (error) {
            tokens.discard(token);
            throw error;
          } finally {
            clearTimeout(expiry);
          }
        },
      ]),
    ]);
    const allTasks = [...Object.keys(workflow.tasks), ...workflow.childStarts, ...Object.keys(workflow.callbackTasks)];
    const { retryDelayMs, waitMs } = this.options;
    const running = workflow.machine.run(JSON.parse(input), {
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(retryDelayMs === undefined
          ? {}
          : { retryIntervalOverrides: Object.fromEntries(allTasks.map((state) => [state, retryDelayMs])) }),
        ...(waitMs === undefined
          ? {}
          : { waitTimeOverrides: Object.fromEntries(workflow.waits.map((state) => [state, waitMs])) }),
      },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: executionArn, Name: name, StartTime: new Date().toISOString() },
        StateMachine: { Id: workflow.arn, Name: workflow.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      } as never,
    });
    execution.abort = running.abort;
    const recording = (async () => {
      for await (const event of running.eventLogs) {
        history.record(event);
        if (history.full && execution.status === 'RUNNING') {
          execution.status = 'FAILED';
          execution.error = 'States.Runtime';
          execution.cause = `The execution reached the maximum number of history events (${history.events.length}).`;
          execution.stopDate = seconds(Date.now());
          running.abort();
        }
      }
    })();
    execution.finished = (async () => {
      try {
        const output = await running.result;
        if (execution.status === 'RUNNING') {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        }
      } catch {
        // The ExecutionFailed event carries the error and cause.
      }
      await recording;
      const failed = history.events.find((event) => event.type === 'ExecutionFailed');
      if (failed && execution.status === 'RUNNING') {
        const details = failed.executionFailedEventDetails as { error: string; cause: string };
        execution.status = 'FAILED';
        execution.error = details.error;
        execution.cause = details.cause;
      }
      execution.stopDate ??= seconds(Date.now());
      tokens.close(executionArn);
      this.forget(executionArn);
    })();
    return execution;
  }

  /** states:startExecution: the child starts, in the parent's trace; the parent goes on with its ARN and start date. */
  private startChild(request: ChildRequest, traceHeader: string | undefined) {
    const child = this.options.workflows.get(request.StateMachineArn);
    if (!child)
      throw new TaskError(
        'StepFunctions.StateMachineDoesNotExistException',
        `State Machine Does Not Exist: '${request.StateMachineArn}'`,
      );
    const name = request.Name ?? randomUUID();
    const problem = executionNameProblem(name);
    if (problem) throw new TaskError('StepFunctions.InvalidNameException', `Invalid Name: '${name}': ${problem}`);
    const input = JSON.stringify(request.Input ?? {});
    if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES)
      throw new TaskError('StepFunctions.InvalidExecutionInputException', 'The input exceeds 256 KB.');
    if (this.nameUsed(executionArnOf(child.arn, name)))
      throw new TaskError(
        'StepFunctions.ExecutionAlreadyExistsException',
        `Execution Already Exists: '${executionArnOf(child.arn, name)}'`,
      );
    const execution = this.start(child, name, input, traceHeader);
    return { ExecutionArn: execution.executionArn, StartDate: new Date(execution.startDate * 1000).toISOString() };
  }

  /** A finished execution is kept until `keepFinished` newer ones have finished. */
  private forget(executionArn: string): void {
    this.finishedOrder.push(executionArn);
    const keep = this.options.keepFinished ?? 2000;
    while (this.finishedOrder.length > keep) this.byArn.delete(this.finishedOrder.shift()!);
  }
}

interface ChildRequest {
  StateMachineArn: string;
  Name?: string;
  Input?: unknown;
}
