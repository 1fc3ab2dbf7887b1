// Step Functions, played one state at a time from the workflow files themselves: Task (a step's
// use case, a wait on a task token with its timeout, the start of a run), Choice, Wait, Succeed,
// Fail, with each state's Parameters, ResultSelector, ResultPath, Retry and Catch as written. The
// money property decides when each run takes its next state, so steps interleave with the API,
// with the webhooks and with each other as they may in AWS; a wait ends when it is woken or timed out.
import { readFileSync } from 'node:fs';
import { WorkflowUnavailableError } from '../../shared/app/ports/port-errors.js';
import type { RunStatus, WaitOutcome, WorkflowRun, Workflows } from '../../shared/app/ports/workflows.js';

type State = Record<string, any>;
type Machine = { StartAt: string; States: Record<string, State> };
const load = (file: string): Machine =>
  JSON.parse(readFileSync(new URL(`../../workflows/${file}`, import.meta.url), 'utf8'));
const MACHINES: Record<WorkflowRun['workflow'], Machine> = {
  settleClaim: load('settle-claim.asl.json'),
  approveCancelRequest: load('approve-cancel-request.asl.json'),
  returnClaim: load('return-claim.asl.json'),
  bulkCancellation: load('bulk-cancellation.asl.json'),
  nonReceiptClaim: load('non-receipt-claim.asl.json'),
};

/** A step's use case, by the placeholder of its function in the workflow file. */
export type StepFunction = (input: Record<string, any>) => Promise<unknown>;

export interface Run {
  run: WorkflowRun;
  state: string;
  data: Record<string, any>;
  retries: Map<number, number>;
  waiting?: { token: string; until: number; woken?: WaitOutcome };
  ended?: 'SUCCEEDED' | 'FAILED';
  busy: boolean;
  /** The states it went through, with the errors it met, for a counterexample's story. */
  trail: string[];
}

const path = (data: unknown, jsonPath: string): any => {
  if (jsonPath === '$') return data;
  return jsonPath
    .slice(2)
    .split('.')
    .reduce((value: any, key) => value?.[key], data);
};

function withResult(data: Record<string, any>, resultPath: string | null | undefined, result: unknown) {
  if (resultPath === null) return data;
  if (resultPath === undefined || resultPath === '$') return result as Record<string, any>;
  const keys = resultPath.slice(2).split('.');
  const next = structuredClone(data);
  let at: Record<string, any> = next;
  for (const key of keys.slice(0, -1)) at = at[key] ??= {};
  at[keys.at(-1)!] = result;
  return next;
}

/** Parameters (or a ResultSelector): `name.$` takes a path of the data, `$$.Task.Token` the task token. */
function filled(template: unknown, data: unknown, token?: string): any {
  if (Array.isArray(template)) return template.map((item) => filled(item, data, token));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = value === '$$.Task.Token' ? token : path(data, value as string);
    else out[key] = filled(value, data, token);
  }
  return out;
}

// States.ALL matches every error, States.Timeout too (the bulk workflow's wait relies on it);
// States.TaskFailed every error of a task but its timeout.
const matches = (names: string[], error: string) =>
  names.includes(error) ||
  names.includes('States.ALL') ||
  (names.includes('States.TaskFailed') && error !== 'States.Timeout');
/** Run names are unique within a state machine: a request's approval run and its settlement share the claim's id. */
const runKey = (run: WorkflowRun) => `${run.workflow}/${run.name}`;
const placeholder = (resource: string) => /^\$\{(\w+)\}$/.exec(resource)?.[1];

export class Conductor implements Workflows {
  readonly runs = new Map<string, Run>();
  private readonly tokens = new Map<string, string>();
  private sequence = 0;
  /** How many of the next starts Step Functions refuses (throttled). */
  failStarts = 0;
  /** How many of the next wakes Step Functions does not take. */
  failWakes = 0;
  /** How many of the next step invocations do their work and then time out. */
  crashAfterWork = 0;
  /** How many of the next step invocations run twice at once. */
  runTwice = 0;
  readonly wakes = { delivered: 0, closed: 0 };

  constructor(
    private readonly steps: Record<string, StepFunction>,
    private readonly clock: { now: () => Date; advanceTo: (ms: number) => void },
  ) {}

  async start(run: WorkflowRun, input: Record<string, unknown>) {
    if (this.failStarts > 0) {
      this.failStarts--;
      throw new Error('ThrottlingException: Rate exceeded');
    }
    if (this.runs.has(runKey(run))) return;
    const machine = MACHINES[run.workflow];
    this.runs.set(runKey(run), {
      run,
      state: machine.StartAt,
      data: structuredClone(input),
      retries: new Map(),
      busy: false,
      trail: [],
    });
  }

  async status(run: WorkflowRun): Promise<RunStatus> {
    const found = this.runs.get(runKey(run));
    return found ? (found.ended ?? 'RUNNING') : 'MISSING';
  }

  async wake(taskToken: string, outcome: WaitOutcome) {
    if (this.failWakes > 0) {
      this.failWakes--;
      throw new WorkflowUnavailableError('Step Functions did not take the wake');
    }
    const key = this.tokens.get(taskToken);
    const waiting = key === undefined ? undefined : this.runs.get(key)?.waiting;
    if (!waiting || waiting.token !== taskToken || waiting.woken) {
      this.wakes.closed++;
      return 'CLOSED' as const;
    }
    this.tokens.delete(taskToken);
    waiting.woken = outcome;
    this.wakes.delivered++;
    return 'DELIVERED' as const;
  }

  /** Runs not ended, in the order they were started. */
  live(): Run[] {
    return [...this.runs.values()].filter((run) => !run.ended);
  }

  /** The run takes its next state; false if it cannot now (ended, busy, or waiting unwoken). */
  async tick(run: Run): Promise<boolean> {
    if (run.ended || run.busy || (run.waiting && !run.waiting.woken)) return false;
    run.busy = true;
    try {
      await this.take(run);
    } finally {
      run.busy = false;
    }
    return true;
  }

  /** A wait runs out: its token is closed, and the state's Catch of States.Timeout is taken. */
  timeOut(run: Run): boolean {
    if (run.ended || run.busy || !run.waiting || run.waiting.woken) return false;
    this.clock.advanceTo(run.waiting.until);
    this.tokens.delete(run.waiting.token);
    run.waiting = undefined;
    this.failed(run, 'States.Timeout', 'The wait ran out.');
    return true;
  }

  private async take(run: Run): Promise<void> {
    const state = MACHINES[run.run.workflow].States[run.state]!;
    switch (state.Type) {
      case 'Choice': {
        const chosen = state.Choices.find((choice: State) => {
          const value = path(run.data, choice.Variable);
          return 'BooleanEquals' in choice ? value === choice.BooleanEquals : value === choice.StringEquals;
        });
        return this.go(run, chosen?.Next ?? state.Default);
      }
      case 'Wait':
        this.clock.advanceTo(
          this.clock.now().getTime() + (path(run.data, state.SecondsPath) ?? state.Seconds ?? 0) * 1000,
        );
        return this.go(run, state.Next);
      case 'Succeed':
        return this.end(run, 'SUCCEEDED');
      case 'Fail':
        return this.end(run, 'FAILED');
      case 'Task':
        return this.task(run, state);
      default:
        throw new Error(`State type ${state.Type} is not played here`);
    }
  }

  private async task(run: Run, state: State): Promise<void> {
    if (run.waiting?.woken) {
      const { woken } = run.waiting;
      run.waiting = undefined;
      if ('error' in woken) return this.failed(run, woken.error, woken.cause);
      return this.succeeded(run, state, woken.output);
    }
    const resource: string = state.Resource;
    if (resource.endsWith(':states:startExecution')) {
      const params = filled(state.Parameters, run.data);
      const child = { workflow: 'settleClaim' as const, name: params.Name as string };
      if (this.runs.has(runKey(child)))
        return this.failed(run, 'StepFunctions.ExecutionAlreadyExistsException', child.name);
      try {
        await this.start(child, params.Input);
      } catch (error) {
        return this.failed(run, 'StepFunctions.StepFunctionsException', (error as Error).message);
      }
      return this.succeeded(run, state, { executionArn: child.name });
    }
    const waits = resource.endsWith('.waitForTaskToken');
    const token = waits ? `token-${++this.sequence}` : undefined;
    const input = waits ? filled(state.Parameters, run.data, token).Payload : filled(state.Parameters, run.data);
    const step = this.steps[placeholder(waits ? state.Parameters.FunctionName : resource) ?? ''];
    if (!step) throw new Error(`No step for ${resource}`);
    if (token) {
      const seconds = state.TimeoutSecondsPath ? path(run.data, state.TimeoutSecondsPath) : state.TimeoutSeconds;
      this.tokens.set(token, runKey(run.run));
      run.waiting = { token, until: this.clock.now().getTime() + seconds * 1000 };
    }
    let result: unknown;
    try {
      result = await this.invoke(step, input);
    } catch (error) {
      // A token already answered ends the state with that answer, whatever became of the invocation.
      if (token && run.waiting?.woken) return;
      if (token) {
        this.tokens.delete(token);
        run.waiting = undefined;
      }
      return this.failed(run, (error as Error).name, (error as Error).message);
    }
    if (!token) this.succeeded(run, state, result);
    else run.trail.push(`${run.state}: waits`);
  }

  /**
   * A Lambda invocation, with the faults Lambda has: one that did its work and timed out before
   * answering (Sandbox.Timedout: the state's Retry runs it again), and one run twice at once (a
   * retry while the first is still running), whose first answer is taken.
   */
  private async invoke(step: StepFunction, input: Record<string, any>): Promise<unknown> {
    if (this.crashAfterWork > 0) {
      this.crashAfterWork--;
      await step(input).catch(() => undefined);
      throw Object.assign(new Error('Task timed out after its work'), { name: 'Sandbox.Timedout' });
    }
    if (this.runTwice > 0) {
      this.runTwice--;
      const [first] = await Promise.allSettled([step(structuredClone(input)), step(structuredClone(input))]);
      if (first.status === 'rejected') throw first.reason;
      return first.value;
    }
    return step(input);
  }

  private succeeded(run: Run, state: State, result: unknown): void {
    const selected = state.ResultSelector ? filled(state.ResultSelector, result) : result;
    run.data = withResult(run.data, state.ResultPath, selected);
    run.retries.clear();
    if (state.End) return this.end(run, 'SUCCEEDED');
    this.go(run, state.Next);
  }

  /** Retry (the same state runs again on the next tick) or Catch, as the state says; else the run fails. */
  private failed(run: Run, error: string, cause: string): void {
    const state = MACHINES[run.run.workflow].States[run.state]!;
    run.trail.push(`${run.state}: ${error}`);
    const retriers: State[] = state.Retry ?? [];
    const index = retriers.findIndex((retrier) => matches(retrier.ErrorEquals, error));
    if (index >= 0 && (run.retries.get(index) ?? 0) < (retriers[index]!.MaxAttempts ?? 3)) {
      run.retries.set(index, (run.retries.get(index) ?? 0) + 1);
      return;
    }
    const handler = (state.Catch ?? []).find((c: State) => matches(c.ErrorEquals, error));
    if (!handler) return this.end(run, 'FAILED');
    run.data = withResult(run.data, handler.ResultPath, { Error: error, Cause: cause });
    run.retries.clear();
    this.go(run, handler.Next);
  }

  private go(run: Run, next: string): void {
    run.trail.push(next);
    run.state = next;
  }

  private end(run: Run, status: 'SUCCEEDED' | 'FAILED'): void {
    run.ended = status;
    run.trail.push(status);
  }
}
