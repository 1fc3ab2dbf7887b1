// Step Functions on loopback: the aws-local-stepfunctions interpreter runs the very files in
// workflows/, behind an endpoint that speaks the Step Functions API (JSON 1.0) that the handlers
// call with the ordinary @aws-sdk/client-sfn. Every Task state is served by a local function; a
// definition with a resource it cannot serve is refused when it loads.

import './polyfills.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StateMachine } from 'aws-local-stepfunctions';
import { INVOKE_AND_WAIT_FOR_TOKEN, placeholdersOf, START_CHILD_AND_WAIT, WORKFLOW_LIST, workflowFile, type WorkflowSpec } from '../workflow-catalog.js';
import { LOCAL_ACCOUNT, LOCAL_REGION, localFunctionArn, type LocalLambda } from './lambda-runtime.js';
import { freePort } from './ports.js';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number; // epoch seconds, as the JSON protocol sends dates
  type: string;
  [details: string]: unknown;
}

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

interface Execution {
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
  events: HistoryEvent[];
  abort: () => void;
  finished: Promise<void>;
}

interface LoadedWorkflow {
  arn: string;
  machine: StateMachine;
  /** Task state name → local function name, or a child workflow run and awaited. */
  tasks: Record<string, string>;
  childTasks: string[];
  /** Task state name → the function invoked with a task token, then waited on. */
  callbackTasks: Record<string, string>;
  waits: string[];
}

export interface StepFunctionsLocal {
  endpoint: string;
  stateMachineArn(name: string): string;
  /** Resolves when every execution has finished (for an orderly shutdown and for tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const seconds = (ms: number) => ms / 1000;
export const stateMachineArnOf = (name: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;

type StateDefinition = { Type: string; Resource?: string; Parameters?: { FunctionName?: string; [key: string]: unknown }; TimeoutSecondsPath?: string; Iterator?: { States: Record<string, StateDefinition> }; ItemProcessor?: { States: Record<string, StateDefinition> }; Branches?: { States: Record<string, StateDefinition> }[] };

/** Every state, nested ones (Map, Parallel) included. */
function allStates(states: Record<string, StateDefinition>): [string, StateDefinition][] {
  return Object.entries(states).flatMap(([name, state]): [string, StateDefinition][] => [
    [name, state],
    ...allStates(state.Iterator?.States ?? state.ItemProcessor?.States ?? {}),
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
  ]);
}

async function loadWorkflow(spec: WorkflowSpec, lambda: LocalLambda): Promise<LoadedWorkflow> {
  let text = await readFile(workflowFile(spec), 'utf8');
  for (const placeholder of placeholdersOf(text)) {
    const fn = spec.functions[placeholder];
    const child = spec.workflows[placeholder];
    if (!fn && !child) throw new Error(`workflows/${spec.name}.asl.json uses \${${placeholder}}, which names no function or workflow`);
    text = text.replaceAll(`\${${placeholder}}`, fn ? localFunctionArn(fn) : stateMachineArnOf(child!));
  }
  const definition = JSON.parse(text) as { States: Record<string, StateDefinition> };
  const byArn = new Map(Object.values(spec.functions).map((fn) => [localFunctionArn(fn), fn]));
  const tasks: Record<string, string> = {};
  const childTasks: string[] = [];
  const callbackTasks: Record<string, string> = {};
  const waits: string[] = [];
  for (const [name, state] of allStates(definition.States)) {
    if (state.Type === 'Wait') waits.push(name);
    if (state.Type !== 'Task') continue;
    // Step Functions reads TimeoutSecondsPath from the state's input; the interpreter reads it after
    // Parameters. Carry the value through Parameters under a key the runner takes out again.
    if (state.TimeoutSecondsPath && state.Parameters) {
      state.Parameters[`${TIMEOUT_KEY}.$`] = state.TimeoutSecondsPath;
      state.TimeoutSecondsPath = `$.${TIMEOUT_KEY}`;
    }
    if (state.Resource === START_CHILD_AND_WAIT) {
      childTasks.push(name);
      continue;
    }
    if (state.Resource === INVOKE_AND_WAIT_FOR_TOKEN) {
      const fn = byArn.get(state.Parameters?.FunctionName ?? '');
      if (!fn || !lambda.has(fn)) throw new Error(`workflows/${spec.name}.asl.json: state ${name} invokes ${state.Parameters?.FunctionName}, which the local runner cannot serve`);
      callbackTasks[name] = fn;
      continue;
    }
    const fn = byArn.get(state.Resource ?? '');
    if (!fn || !lambda.has(fn)) throw new Error(`workflows/${spec.name}.asl.json: state ${name} uses ${state.Resource}, which the local runner cannot serve`);
    tasks[name] = fn;
  }
  return { arn: stateMachineArnOf(spec.name), machine: new StateMachine(definition as never), tasks, childTasks, callbackTasks, waits };
}

const TIMEOUT_KEY = '__localTimeoutSeconds';

function withoutRunnerKeys(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const { [TIMEOUT_KEY]: _timeout, ...rest } = input as Record<string, unknown>;
  return rest;
}

/**
 * The interpreter's context object is static, so `$$.Task.Token` resolves to this placeholder; the
 * runner puts a fresh token in its place for every waiting task.
 */
const TOKEN_PLACEHOLDER = 'local-task-token-placeholder';

function withToken(value: unknown, token: string): unknown {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((item) => withToken(item, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withToken(item, token)]));
  return value;
}

interface WaitingTask {
  executionArn: string;
  state: string;
  mintedAt: number;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

/** A child workflow's failure as Step Functions reports it to the parent's Task state. */
class ChildExecutionFailed extends Error {
  constructor(cause: string) {
    super(cause);
    this.name = 'States.TaskFailed';
  }
}

/** Turns the interpreter's event log into Step Functions history events, as GetExecutionHistory gives them. */
class HistoryRecorder {
  private readonly lambdaOutputs = new Map<string, unknown>();

  constructor(private readonly execution: Execution) {}

  rememberOutput(state: string, output: unknown): void {
    this.lambdaOutputs.set(state, output);
  }

  private add(type: string, timestampMs: number, details: Record<string, unknown> = {}): void {
    const id = this.execution.events.length + 1;
    this.execution.events.push({ id, previousEventId: id - 1, timestamp: seconds(timestampMs), type, ...details });
  }

  /**
   * @param tasks Lambda Task states → function. Other Task states are service integrations (a child
   *   workflow, a callback): they get Task* events, as in Step Functions.
   */
  record(event: EventLog, tasks: Record<string, string>): void {
    const at = event.timestamp;
    const isLambda = (state: string) => state in tasks;
    switch (event.type) {
      case 'ExecutionStarted':
        this.add('ExecutionStarted', at, { executionStartedEventDetails: { input: JSON.stringify(event.input) } });
        break;
      case 'ExecutionSucceeded':
        this.add('ExecutionSucceeded', at, { executionSucceededEventDetails: { output: JSON.stringify(event.output) } });
        break;
      case 'ExecutionFailed':
        this.add('ExecutionFailed', at, { executionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } });
        break;
      case 'ExecutionAborted':
        this.add('ExecutionAborted', at);
        break;
      case 'ExecutionTimeout':
        this.add('ExecutionTimedOut', at);
        break;
      case 'StateEntered':
        this.add(`${event.state.type}StateEntered`, at, { stateEnteredEventDetails: { name: event.state.name, input: JSON.stringify(event.state.input) } });
        if (event.state.type === 'Task') this.schedule(event.state.name, tasks, at);
        break;
      case 'StateRetried':
        this.schedule(event.state.name, tasks, at);
        break;
      case 'StateFailed':
        if (event.state.type !== 'Task') break;
        if (isLambda(event.state.name)) this.add('LambdaFunctionFailed', at, { lambdaFunctionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } });
        else if (event.Error === 'States.Timeout') this.add('TaskTimedOut', at, { taskTimedOutEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } });
        else this.add('TaskFailed', at, { taskFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } });
        break;
      case 'StateCaught':
        this.add(`${event.state.type}StateExited`, at, { stateExitedEventDetails: { name: event.state.name } });
        break;
      case 'StateExited':
        if (event.state.type === 'Task') {
          const output = JSON.stringify(this.lambdaOutputs.get(event.state.name) ?? null);
          if (isLambda(event.state.name)) this.add('LambdaFunctionSucceeded', at, { lambdaFunctionSucceededEventDetails: { output } });
          else this.add('TaskSucceeded', at, { taskSucceededEventDetails: {} });
        }
        this.add(`${event.state.type}StateExited`, at, { stateExitedEventDetails: { name: event.state.name, output: JSON.stringify(event.state.output) } });
        break;
      default:
        break;
    }
  }

  private schedule(state: string, tasks: Record<string, string>, at: number): void {
    const fn = tasks[state];
    if (fn) {
      this.add('LambdaFunctionScheduled', at, { lambdaFunctionScheduledEventDetails: { resource: localFunctionArn(fn) } });
      this.add('LambdaFunctionStarted', at);
    } else {
      this.add('TaskScheduled', at, { taskScheduledEventDetails: {} });
      this.add('TaskStarted', at, { taskStartedEventDetails: {} });
    }
  }
}

export interface StepFunctionsLocalOptions {
  lambda: LocalLambda;
  port?: number;
  /** Local only: every Retry pause lasts this many ms (tests). */
  retryDelayMs?: number;
  /** Local only: every Wait state lasts this many ms (tests, demos). */
  waitMs?: number;
}

export async function startStepFunctionsLocal(options: StepFunctionsLocalOptions): Promise<StepFunctionsLocal> {
  const workflows = new Map<string, LoadedWorkflow>();
  for (const spec of WORKFLOW_LIST) {
    const loaded = await loadWorkflow(spec, options.lambda);
    workflows.set(loaded.arn, loaded);
  }
  const executions = new Map<string, Execution>();
  /** Open task tokens. A token answered, timed out or of a finished execution is gone: TaskTimedOut. */
  const waiting = new Map<string, WaitingTask>();

  /** Closes the execution's tokens (of one state, minted up to a moment: a retry's fresh token stays open). */
  function closeTokens(executionArn: string, state?: string, mintedUpTo = Number.POSITIVE_INFINITY): void {
    for (const [token, task] of waiting) {
      if (task.executionArn === executionArn && (!state || task.state === state) && task.mintedAt <= mintedUpTo) waiting.delete(token);
    }
  }

  function run(workflow: LoadedWorkflow, name: string, input: string): Execution {
    const executionArn = workflow.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const execution = { executionArn, stateMachineArn: workflow.arn, name, input, status: 'RUNNING', startDate: seconds(Date.now()), events: [] } as unknown as Execution;
    const recorder = new HistoryRecorder(execution);
    const taskResourceLocalHandlers = Object.fromEntries([
      ...Object.entries(workflow.tasks).map(([state, fn]) => [
        state,
        async (taskInput: unknown) => {
          const output = await options.lambda.invoke(fn, withoutRunnerKeys(taskInput));
          recorder.rememberOutput(state, output);
          return output as never;
        },
      ]),
      ...workflow.childTasks.map((state) => [state, (taskInput: unknown) => runChild(withoutRunnerKeys(taskInput) as ChildRequest)]),
      ...Object.entries(workflow.callbackTasks).map(([state, fn]) => [
        state,
        async (taskInput: unknown) => {
          const token = randomBytes(48).toString('base64url');
          const answered = new Promise<unknown>((resolve, reject) => waiting.set(token, { executionArn, state, mintedAt: Date.now(), resolve, reject }));
          const { Payload } = withoutRunnerKeys(taskInput) as { Payload?: unknown };
          await options.lambda.invoke(fn, withToken(Payload ?? {}, token));
          return (await answered) as never;
        },
      ]),
    ]);
    const retryIntervalOverrides =
      options.retryDelayMs === undefined ? undefined : Object.fromEntries([...Object.keys(workflow.tasks), ...workflow.childTasks, ...Object.keys(workflow.callbackTasks)].map((state) => [state, options.retryDelayMs!]));
    const waitTimeOverrides = options.waitMs === undefined ? undefined : Object.fromEntries(workflow.waits.map((state) => [state, options.waitMs!]));
    const running = workflow.machine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers, ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}), ...(waitTimeOverrides ? { waitTimeOverrides } : {}) },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: executionArn, Name: name, StartTime: new Date().toISOString() },
        StateMachine: { Id: workflow.arn, Name: workflow.arn.split(':').pop() },
        Task: { Token: TOKEN_PLACEHOLDER },
      } as never,
    });
    execution.abort = running.abort;
    const history = (async () => {
      for await (const event of running.eventLogs) {
        recorder.record(event, workflow.tasks);
        // A waiting task that failed (its timeout, above all) or moved on no longer takes answers.
        if ((event.type === 'StateFailed' || event.type === 'StateExited') && event.state.name in workflow.callbackTasks) {
          closeTokens(executionArn, event.state.name, event.timestamp);
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
      await history;
      const failed = execution.events.find((event) => event.type === 'ExecutionFailed');
      if (failed && execution.status === 'RUNNING') {
        const details = failed.executionFailedEventDetails as { error: string; cause: string };
        execution.status = 'FAILED';
        execution.error = details.error;
        execution.cause = details.cause;
      }
      execution.stopDate ??= seconds(Date.now());
      closeTokens(executionArn);
    })();
    executions.set(executionArn, execution);
    return execution;
  }

  interface ChildRequest {
    StateMachineArn: string;
    Name?: string;
    Input?: unknown;
  }

  /** states:startExecution.sync:2 — runs the child, waits, and answers its output as JSON, or fails as the child did. */
  async function runChild(request: ChildRequest): Promise<never> {
    const child = workflows.get(request.StateMachineArn);
    if (!child) throw new ChildExecutionFailed(`State machine does not exist: '${request.StateMachineArn}'`);
    const name = request.Name ?? randomUUID();
    if (executions.has(child.arn.replace(':stateMachine:', ':execution:') + `:${name}`)) {
      const error = new Error(`Execution Already Exists: '${name}'`);
      error.name = 'StepFunctions.ExecutionAlreadyExistsException';
      throw error;
    }
    const execution = run(child, name, JSON.stringify(request.Input ?? {}));
    await execution.finished;
    const described = { ExecutionArn: execution.executionArn, StateMachineArn: child.arn, Name: name, Status: execution.status, StartDate: execution.startDate, StopDate: execution.stopDate };
    if (execution.status !== 'SUCCEEDED') throw new ChildExecutionFailed(JSON.stringify({ ...described, Error: execution.error, Cause: execution.cause }));
    return { ...described, Output: JSON.parse(execution.output ?? 'null') } as never;
  }

  function openTask(body: Record<string, unknown>): [string, WaitingTask] {
    const token = String(body.taskToken ?? '');
    const task = waiting.get(token);
    // As Step Functions: the token is not echoed back, and a closed one is TaskTimedOut.
    if (!task) throw new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return [token, task];
  }

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    SendTaskSuccess(body) {
      let output: unknown;
      try {
        output = JSON.parse(String(body.output ?? ''));
      } catch {
        throw new ServiceError('InvalidOutput', 'Invalid State Machine Output');
      }
      const [token, task] = openTask(body);
      waiting.delete(token);
      task.resolve(output);
      return {};
    },
    SendTaskFailure(body) {
      const [token, task] = openTask(body);
      waiting.delete(token);
      const error = new Error(typeof body.cause === 'string' ? body.cause : '');
      error.name = typeof body.error === 'string' ? body.error : 'States.TaskFailed';
      task.reject(error);
      return {};
    },
    SendTaskHeartbeat(body) {
      openTask(body);
      return {};
    },
    StartExecution(body) {
      const workflow = workflows.get(String(body.stateMachineArn));
      if (!workflow) throw new ServiceError('StateMachineDoesNotExist', `State machine does not exist: '${String(body.stateMachineArn)}'`);
      const name = typeof body.name === 'string' ? body.name : randomUUID();
      const input = typeof body.input === 'string' ? body.input : '{}';
      try {
        JSON.parse(input);
      } catch {
        throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
      }
      const existing = executions.get(workflow.arn.replace(':stateMachine:', ':execution:') + `:${name}`);
      if (existing) {
        // As Step Functions (Standard): the same name and input while running is the same execution.
        if (existing.status === 'RUNNING' && existing.input === input) return { executionArn: existing.executionArn, startDate: existing.startDate };
        throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
      }
      const execution = run(workflow, name, input);
      return { executionArn: execution.executionArn, startDate: execution.startDate };
    },
    DescribeExecution(body) {
      const { events: _events, abort: _abort, finished: _finished, ...described } = find(body);
      return described;
    },
    GetExecutionHistory(body) {
      const execution = find(body);
      const events = body.reverseOrder === true ? [...execution.events].reverse() : execution.events;
      const start = Number(body.nextToken ?? 0);
      const size = Number(body.maxResults ?? 1000) || 1000;
      const page = events.slice(start, start + size);
      return { events: page, ...(start + size < events.length ? { nextToken: String(start + size) } : {}) };
    },
    StopExecution(body) {
      const execution = find(body);
      if (execution.status === 'RUNNING') {
        execution.status = 'ABORTED';
        execution.error = typeof body.error === 'string' ? body.error : undefined;
        execution.cause = typeof body.cause === 'string' ? body.cause : undefined;
        execution.stopDate = seconds(Date.now());
        execution.abort();
      }
      return { stopDate: execution.stopDate };
    },
  };

  function find(body: Record<string, unknown>): Execution {
    const execution = executions.get(String(body.executionArn));
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
    return execution;
  }

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSStepFunctions.') ? operations[target.slice('AWSStepFunctions.'.length)] : undefined;
    const send = (status: number, payload: unknown, errorType?: string) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
      res.end(JSON.stringify(payload));
    };
    try {
      if (!operation) throw new ServiceError('UnknownOperationException', `The local Step Functions endpoint does not serve ${target || 'this request'}`);
      send(200, operation(JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>));
    } catch (error) {
      if (error instanceof ServiceError) send(400, { __type: error.code, message: error.message }, error.code);
      else send(500, { __type: 'InternalFailure', message: (error as Error).message }, 'InternalFailure');
    }
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));

  const idle = async () => {
    await Promise.all([...executions.values()].map((execution) => execution.finished));
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stateMachineArn: stateMachineArnOf,
    idle,
    stop: async () => {
      for (const execution of executions.values()) if (execution.status === 'RUNNING') execution.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
