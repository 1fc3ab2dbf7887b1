// A state machine loaded from its file in workflows/, each ${Placeholder} substituted with the ARN
// of the function or child workflow the catalog names for it, invoke and start granted, logging
// (infra/log-levels.ts) and tracing on. A placeholder without a substitution, or a substitution no placeholder uses,
// fails the synth.

import { ArnFormat, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOG_LEVELS } from '../log-levels.js';
import { placeholdersOf, substitutionsOf, workflowFile, type WorkflowSpec } from '../workflow-catalog.js';

export class WorkflowFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stateMachineName: string;

  constructor(
    scope: Construct,
    id: string,
    spec: WorkflowSpec,
    stateMachineName: string,
    functions: (name: string) => IFunction,
    workflows: (name: string) => sfn.StateMachine = () => {
      throw new Error(`workflows/${spec.name}.asl.json starts other workflows, and none were given`);
    },
  ) {
    super(scope, id);
    const file = fileURLToPath(workflowFile(spec));
    const used = placeholdersOf(readFileSync(file, 'utf8'));
    const declared = substitutionsOf(spec);
    const missing = used.filter((name) => !declared.includes(name));
    const unused = declared.filter((name) => !used.includes(name));
    if (missing.length || unused.length) {
      throw new Error(
        `workflows/${spec.name}.asl.json: no substitution for [${missing.join(', ')}]; substitutions never used: ` +
          `[${unused.join(', ')}]`,
      );
    }

    // No fixed name: a retained log group never blocks a later deploy of the same stack.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachineName = stateMachineName;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      // Named, so that a function it invokes may be granted to answer it without a dependency cycle.
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(file),
      definitionSubstitutions: Object.fromEntries([
        ...Object.entries(spec.functions).map(([placeholder, fn]) => [placeholder, functions(fn).functionArn]),
        ...Object.entries(spec.workflows).map(([placeholder, child]) => [
          placeholder,
          workflows(child).stateMachineArn,
        ]),
      ]),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel[LOG_LEVELS.stepFunctions], includeExecutionData: false },
    });
    if (LOG_LEVELS.stepFunctions !== 'ALL') {
      Validations.of(this.stateMachine).acknowledge({
        id: 'AwsSolutions-SF1',
        reason: 'Every event of every execution is in its history (90 days, GetExecutionHistory); logs keep failures.',
      });
    }
    for (const fn of new Set(Object.values(spec.functions))) functions(fn).grantInvoke(this.stateMachine);
    // Children are started and left to run (states:startExecution): starting is all it needs.
    for (const child of new Set(Object.values(spec.workflows))) workflows(child).grantStartExecution(this.stateMachine);
  }

  /** SendTaskSuccess/Failure/Heartbeat on this state machine, by its name: its own step functions may need it. */
  grantTaskResponse(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      resourceArns: [
        Stack.of(this).formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: this.stateMachineName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
  }

  /** DescribeExecution on this state machine's executions: the reconciler reads whether a claim's execution runs. */
  grantDescribeExecutions(grantee: iam.IGrantable & IConstruct): void {
    const stack = Stack.of(this);
    const arn = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    iam.Grant.addToPrincipal({ grantee, actions: ['states:DescribeExecution'], resourceArns: [arn] });
    // cdk-nag names the finding by the ARN as rendered: literals where the stack knows them, pseudo parameters where
    // not.
    const part = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${part(stack.partition, 'Partition')}:states:${part(stack.region, 'Region')}:${part(stack.account, 'AccountId')}:execution:${this.stateMachineName}:*]`,
      reason:
        'The reconciler reads any execution of this one state machine: execution names are made per claim at run time.',
    });
  }
}
