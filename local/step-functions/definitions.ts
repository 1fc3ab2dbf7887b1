// The definition loader: a workflow file with its ${Placeholders} substituted by local ARNs, every
// Task state sorted by how the runner serves it, and what aws-local-stepfunctions would do
// differently from Step Functions corrected before it runs. A resource the runner cannot serve is
// refused when the file loads, never skipped when it runs.

import { readFile } from 'node:fs/promises';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  INVOKE_AND_WAIT_FOR_TOKEN,
  placeholdersOf,
  START_CHILD,
  workflowFile,
  type WorkflowSpec,
} from '../../infra/workflow-catalog.js';
import { LOCAL_ACCOUNT, LOCAL_REGION, localFunctionArn } from '../lambda-runtime.js';

export const stateMachineArnOf = (name: string) =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
export const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** Step Functions gives a Task without TimeoutSeconds 99999999 s; the longest timer Node can set is ~24.8 days. */
export const LONGEST_LOCAL_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * aws-local-stepfunctions reads TimeoutSecondsPath after Parameters; the loader carries it through Parameters under
 * this key.
 */
export const TIMEOUT_KEY = '__localTimeoutSeconds';

export interface StateDefinition {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string; [key: string]: unknown };
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Iterator?: { States: Record<string, StateDefinition> };
  ItemProcessor?: { States: Record<string, StateDefinition>; ProcessorConfig?: { Mode?: string } };
  Branches?: { States: Record<string, StateDefinition> }[];
}

export interface LoadedWorkflow {
  name: string;
  arn: string;
  /** The definition as deployed, placeholders substituted (DescribeStateMachine answers it). */
  definition: string;
  createdAt: number;
  machine: StateMachine;
  /** Lambda Task states → local function. */
  tasks: Record<string, string>;
  /** Task states that start another workflow (states:startExecution). */
  childStarts: string[];
  /**
   * Task states that invoke a function with a task token, then wait (lambda:invoke.waitForTaskToken), with their fixed
   * timeout if any.
   */
  callbackTasks: Record<string, { fn: string; timeoutSeconds?: number }>;
  waits: string[];
}

/** Every state, nested ones (Map, Parallel) included. */
export function allStates(states: Record<string, StateDefinition>): [string, StateDefinition][] {
  return Object.entries(states).flatMap(([name, state]): [string, StateDefinition][] => [
    [name, state],
    ...allStates(state.Iterator?.States ?? state.ItemProcessor?.States ?? {}),
    ...(state.Branches ?? []).flatMap((branch) => allStates(branch.States)),
  ]);
}

export async function loadWorkflow(spec: WorkflowSpec, canServe: (fn: string) => boolean): Promise<LoadedWorkflow> {
  let text = await readFile(workflowFile(spec), 'utf8');
  for (const placeholder of placeholdersOf(text)) {
    const fn = spec.functions[placeholder];
    const child = spec.workflows[placeholder];
    if (!fn && !child)
      throw new Error(`workflows/${spec.name}.asl.json uses \${${placeholder}}, which names no function or workflow`);
    text = text.replaceAll(`\${${placeholder}}`, fn ? localFunctionArn(fn) : stateMachineArnOf(child!));
  }
  const definition = JSON.parse(text) as { States: Record<string, StateDefinition> };
  const byArn = new Map(Object.values(spec.functions).map((fn) => [localFunctionArn(fn), fn]));
  const loaded: LoadedWorkflow = {
    name: spec.name,
    arn: stateMachineArnOf(spec.name),
    definition: text,
    createdAt: Date.now() / 1000,
    machine: undefined as never,
    tasks: {},
    childStarts: [],
    callbackTasks: {},
    waits: [],
  };
  for (const [name, state] of allStates(definition.States)) {
    if (state.Type === 'Wait') loaded.waits.push(name);
    if (state.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      throw new Error(
        `workflows/${spec.name}.asl.json: state ${name} is a Distributed Map, which the local runner cannot serve`,
      );
    }
    if (state.Type !== 'Task') continue;
    if (state.TimeoutSecondsPath && state.Parameters) {
      state.Parameters[`${TIMEOUT_KEY}.$`] = state.TimeoutSecondsPath;
      state.TimeoutSecondsPath = `$.${TIMEOUT_KEY}`;
    } else if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      // The interpreter would give it 60 s; Step Functions gives it no limit worth the name.
      state.TimeoutSeconds = LONGEST_LOCAL_TIMEOUT_SECONDS;
    }
    if (state.Resource === START_CHILD) {
      loaded.childStarts.push(name);
      continue;
    }
    if (state.Resource === INVOKE_AND_WAIT_FOR_TOKEN) {
      const fn = byArn.get(state.Parameters?.FunctionName ?? '');
      if (!fn || !canServe(fn))
        throw new Error(
          `workflows/${spec.name}.asl.json: state ${name} invokes ${state.Parameters?.FunctionName}, which the ` +
            `local runner cannot serve`,
        );
      loaded.callbackTasks[name] = {
        fn,
        ...(state.TimeoutSeconds === undefined ? {} : { timeoutSeconds: state.TimeoutSeconds }),
      };
      continue;
    }
    const fn = byArn.get(state.Resource ?? '');
    if (!fn || !canServe(fn))
      throw new Error(
        `workflows/${spec.name}.asl.json: state ${name} uses ${state.Resource}, which the local runner cannot serve`,
      );
    loaded.tasks[name] = fn;
  }
  loaded.machine = new StateMachine(definition as never);
  return loaded;
}

/** A task's timeout as the interpreter reads it: the carried TimeoutSecondsPath value, else the fixed one. */
export function timeoutSecondsOf(taskInput: unknown, fixed: number | undefined): number {
  const carried =
    taskInput && typeof taskInput === 'object' ? (taskInput as Record<string, unknown>)[TIMEOUT_KEY] : undefined;
  return typeof carried === 'number' ? carried : (fixed ?? LONGEST_LOCAL_TIMEOUT_SECONDS);
}

export function withoutRunnerKeys(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const { [TIMEOUT_KEY]: _timeout, ...rest } = input as Record<string, unknown>;
  return rest;
}
