// The CDK stack as it deploys, synthesized for the local stack's names: the one source of the
// policies the local stand-ins enforce. Synthesis takes seconds, so its template is kept in
// .local/build, reused while no source it is made of (infra, shared, workflows, the lockfile) and
// no setting has changed, as the functions' bundles are.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CfnElement } from 'aws-cdk-lib';
import type { HandlerFunction } from '../../infra/constructs/handler-function.js';
import type { WorkflowFromFile } from '../../infra/constructs/workflow-from-file.js';
import { FUNCTIONS } from '../../infra/function-catalog.js';
import type { DeploymentSettings } from '../../infra/settings.js';
import { WORKFLOW_LIST } from '../../infra/workflow-catalog.js';
import type { Template } from './intrinsics.js';

export interface SynthesizedStack {
  stackName: string;
  template: Template;
  /** Catalog function name → its AWS::Lambda::Function's logical id. */
  functions: Record<string, string>;
  /** Workflow name → its AWS::StepFunctions::StateMachine's logical id. */
  workflows: Record<string, string>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const STACK_NAME = 'OrderClaims';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`)
    .sort();
}

/** A hash of what the template is made of: the stack's code and what it imports, the settings. */
async function sourceHash(settings: DeploymentSettings): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  const infra = (await filesUnder(`${root}infra`)).filter((file) => !file.startsWith(`${root}local/`));
  for (const file of [
    ...infra,
    ...(await filesUnder(`${root}shared`)),
    ...(await filesUnder(`${root}workflows`)),
    `${root}package-lock.json`,
  ]) {
    hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function synthesize(settings: DeploymentSettings, outdir: string): Promise<SynthesizedStack> {
  const [{ App, Stack }, { OrderClaimsStack }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../../infra/stack.js'),
  ]);
  // No bundling: the policies do not depend on the functions' code.
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, STACK_NAME, settings);
  const logicalId = (element: unknown) => Stack.of(stack).getLogicalId(element as CfnElement);
  const functions = Object.fromEntries(
    FUNCTIONS.map((spec) => [
      spec.name,
      logicalId((stack.node.findChild(`${spec.kind}-${spec.name}`) as HandlerFunction).fn.node.defaultChild),
    ]),
  );
  const workflows = Object.fromEntries(
    WORKFLOW_LIST.map((spec) => [
      spec.name,
      logicalId((stack.node.findChild(`workflow-${spec.name}`) as WorkflowFromFile).stateMachine.node.defaultChild),
    ]),
  );
  const template = app.synth().getStackByName(STACK_NAME).template as Template;
  return { stackName: STACK_NAME, template, functions, workflows };
}

/** The stack synthesized with these settings: from .local/build when its sources have not changed. */
export async function synthesizedStack(settings: DeploymentSettings): Promise<SynthesizedStack> {
  const file = `${root}.local/build/stack-${await sourceHash(settings)}.json`;
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as SynthesizedStack;
  const outdir = `${root}.local/build/cdk.out.${process.pid}.${Date.now()}`;
  try {
    const synthesized = await synthesize(settings, outdir);
    await mkdir(`${root}.local/build`, { recursive: true });
    // Written whole, then renamed: a second process reading it never sees half a file.
    await writeFile(`${file}.${process.pid}`, JSON.stringify(synthesized));
    await rename(`${file}.${process.pid}`, file);
    return synthesized;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
