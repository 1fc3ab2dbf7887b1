// The history recorder: the interpreter's event log turned into Step Functions history events, as
// GetExecutionHistory gives them, with the 25,000-event limit of an execution.

import type { StateMachine } from 'aws-local-stepfunctions';
import { localFunctionArn } from '../lambda-runtime.js';

export type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number; // epoch seconds, as the JSON protocol sends dates
  type: string;
  [details: string]: unknown;
}

/** Step Functions ends an execution whose history would pass this many events. */
export const MAX_HISTORY_EVENTS = 25_000;

const seconds = (ms: number) => ms / 1000;

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private readonly lambdaOutputs = new Map<string, unknown>();

  /**
   * @param tasks Lambda Task states → function. Other Task states are service integrations (a child
   *   workflow, a callback): they get Task* events, as in Step Functions.
   */
  constructor(private readonly tasks: Record<string, string>) {}

  rememberOutput(state: string, output: unknown): void {
    this.lambdaOutputs.set(state, output);
  }

  get full(): boolean {
    return this.events.length >= MAX_HISTORY_EVENTS;
  }

  add(type: string, timestampMs: number, details: Record<string, unknown> = {}): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: seconds(timestampMs), type, ...details });
  }

  record(event: EventLog): void {
    const at = event.timestamp;
    const isLambda = (state: string) => state in this.tasks;
    switch (event.type) {
      case 'ExecutionStarted':
        this.add('ExecutionStarted', at, { executionStartedEventDetails: { input: JSON.stringify(event.input) } });
        break;
      case 'ExecutionSucceeded':
        this.add('ExecutionSucceeded', at, {
          executionSucceededEventDetails: { output: JSON.stringify(event.output) },
        });
        break;
      case 'ExecutionFailed':
        this.add('ExecutionFailed', at, {
          executionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') },
        });
        break;
      case 'ExecutionAborted':
        this.add('ExecutionAborted', at);
        break;
      case 'ExecutionTimeout':
        this.add('ExecutionTimedOut', at);
        break;
      case 'StateEntered':
        this.add(`${event.state.type}StateEntered`, at, {
          stateEnteredEventDetails: { name: event.state.name, input: JSON.stringify(event.state.input) },
        });
        if (event.state.type === 'Task') this.schedule(event.state.name, at);
        break;
      case 'StateRetried':
        this.schedule(event.state.name, at);
        break;
      case 'StateFailed':
        if (event.state.type !== 'Task') break;
        if (isLambda(event.state.name))
          this.add('LambdaFunctionFailed', at, {
            lambdaFunctionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') },
          });
        else if (event.Error === 'States.Timeout')
          this.add('TaskTimedOut', at, {
            taskTimedOutEventDetails: { error: event.Error, cause: String(event.Cause ?? '') },
          });
        else
          this.add('TaskFailed', at, {
            taskFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') },
          });
        break;
      case 'StateCaught':
        this.add(`${event.state.type}StateExited`, at, { stateExitedEventDetails: { name: event.state.name } });
        break;
      case 'StateExited':
        if (event.state.type === 'Task') {
          const output = JSON.stringify(this.lambdaOutputs.get(event.state.name) ?? null);
          if (isLambda(event.state.name))
            this.add('LambdaFunctionSucceeded', at, { lambdaFunctionSucceededEventDetails: { output } });
          else this.add('TaskSucceeded', at, { taskSucceededEventDetails: {} });
        }
        this.add(`${event.state.type}StateExited`, at, {
          stateExitedEventDetails: { name: event.state.name, output: JSON.stringify(event.state.output) },
        });
        break;
      default:
        break;
    }
  }

  private schedule(state: string, at: number): void {
    const fn = this.tasks[state];
    if (fn) {
      this.add('LambdaFunctionScheduled', at, {
        lambdaFunctionScheduledEventDetails: { resource: localFunctionArn(fn) },
      });
      this.add('LambdaFunctionStarted', at);
    } else {
      this.add('TaskScheduled', at, { taskScheduledEventDetails: {} });
      this.add('TaskStarted', at, { taskStartedEventDetails: {} });
    }
  }
}
