// One step = one file = one state name: every Task state of a workflow that runs a function is
// named after its file in functions/steps/, and what the state passes (its Parameters, or the
// Payload of a wait) is exactly what that file's inputSchema takes. A renamed field on either side
// fails here, not in an execution.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { functionNamed } from '../../infra/function-catalog.js';
import { environmentOf } from '../../infra/function-environment.js';
import { allStates, type StateDefinition } from '../../local/step-functions/definitions.js';
import {
  INVOKE_AND_WAIT_FOR_TOKEN,
  START_CHILD,
  WORKFLOW_LIST,
  workflowFile,
  type WorkflowSpec,
} from '../../infra/workflow-catalog.js';

interface StepUse {
  workflow: string;
  state: string;
  fn: string;
  /** What the function receives: Parameters, or the Payload of a wait. */
  passed: Record<string, unknown>;
}

function stepUses(spec: WorkflowSpec): StepUse[] {
  const definition = JSON.parse(readFileSync(workflowFile(spec), 'utf8')) as {
    States: Record<string, StateDefinition>;
  };
  const byPlaceholder = (resource: string | undefined) =>
    spec.functions[/^\$\{(\w+)\}$/.exec(resource ?? '')?.[1] ?? ''];
  return allStates(definition.States)
    .filter(([, state]) => state.Type === 'Task' && state.Resource !== START_CHILD)
    .map(([name, state]) => {
      const waits = state.Resource === INVOKE_AND_WAIT_FOR_TOKEN;
      const fn = waits ? byPlaceholder(state.Parameters?.FunctionName) : byPlaceholder(state.Resource);
      const passed = (waits ? state.Parameters?.Payload : state.Parameters) as Record<string, unknown> | undefined;
      return { workflow: spec.name, state: name, fn: fn ?? '(none)', passed: passed ?? {} };
    });
}

const USES = WORKFLOW_LIST.flatMap(stepUses);
const schemas = new Map<string, z.ZodObject>();

beforeAll(async () => {
  // Each step module builds its adapters when it loads, from the variables CDK gives it.
  const deployment = {
    tableName: 't',
    noticeFromAddress: 'n@example.com',
    sesConfigurationSet: 'c',
    operatorEmail: 'o@example.com',
    paymentsEndpoint: 'https://p.example',
    paymentsWebhookSecretId: 's',
    workflowArn: () => 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
  };
  for (const fn of new Set(USES.map((use) => use.fn))) {
    Object.assign(process.env, { AWS_REGION: 'us-east-1' }, environmentOf(functionNamed(fn), deployment));
    const module = (await import(`../../functions/steps/${fn}.ts`)) as { inputSchema?: z.ZodObject };
    if (module.inputSchema) schemas.set(fn, module.inputSchema);
  }
}, 60_000);

describe('workflow steps', () => {
  it('cover both workflows', () => {
    expect(new Set(USES.map((use) => use.workflow))).toEqual(new Set(WORKFLOW_LIST.map((spec) => spec.name)));
  });

  it.each(USES)('$workflow › $state is functions/steps/$fn.ts, which exports its inputSchema', ({ state, fn }) => {
    expect(fn).toBe(state);
    expect(schemas.get(fn), `functions/steps/${fn}.ts exports no inputSchema`).toBeDefined();
  });

  it.each(USES)('$workflow › $state passes exactly what the step takes', ({ fn, passed }) => {
    const shape = schemas.get(fn)!.shape as Record<string, z.ZodType>;
    // The run's correlation id rides along with every step's input (shared/workflow/step-handler.ts).
    const given = Object.keys(passed)
      .map((key) => key.replace(/\.\$$/, ''))
      .filter((key) => key !== 'correlationId');
    const required = Object.entries(shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key);
    expect(
      given.filter((key) => !(key in shape)),
      'passed but not taken',
    ).toEqual([]);
    expect(
      required.filter((key) => !given.includes(key)),
      'taken but not passed',
    ).toEqual([]);
    for (const [key, value] of Object.entries(passed)) {
      if (key.endsWith('.$')) expect(value, key).toMatch(/^\$/);
      else expect(shape[key]!.safeParse(value).success, `${key}: ${JSON.stringify(value)}`).toBe(true);
    }
  });
});
