// A state machine loaded from its file in workflows/, each ${Placeholder} substituted with the ARN
// of the function the catalog names for it, invoke granted, logging and tracing on. A placeholder
// without a function, or a function no placeholder uses, fails the synth.

import { RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { placeholdersOf, workflowFile, type WorkflowSpec } from '../workflow-catalog.js';

export class WorkflowFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, spec: WorkflowSpec, functions: (name: string) => IFunction) {
    super(scope, id);
    const file = fileURLToPath(workflowFile(spec));
    const used = placeholdersOf(readFileSync(file, 'utf8'));
    const declared = Object.keys(spec.functions);
    const missing = used.filter((name) => !declared.includes(name));
    const unused = declared.filter((name) => !used.includes(name));
    if (missing.length || unused.length) {
      throw new Error(`workflows/${spec.name}.asl.json: no substitution for [${missing.join(', ')}]; substitutions never used: [${unused.join(', ')}]`);
    }

    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${spec.name}-${this.node.addr.slice(0, 8)}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(file),
      definitionSubstitutions: Object.fromEntries(Object.entries(spec.functions).map(([placeholder, fn]) => [placeholder, functions(fn).functionArn])),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    for (const fn of new Set(Object.values(spec.functions))) functions(fn).grantInvoke(this.stateMachine);
  }
}
