// A state machine loaded from its file in workflows/, each ${Placeholder} substituted with the ARN
// of the function or child workflow the catalog names for it, invoke and start granted, logging
// and tracing on. A placeholder without a substitution, or a substitution no placeholder uses,
// fails the synth.

import { ArnFormat, RemovalPolicy, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { placeholdersOf, substitutionsOf, workflowFile, type WorkflowSpec } from '../workflow-catalog.js';

export class WorkflowFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, spec: WorkflowSpec, functions: (name: string) => IFunction, workflows: (name: string) => sfn.StateMachine = () => {
    throw new Error(`workflows/${spec.name}.asl.json starts other workflows, and none were given`);
  }) {
    super(scope, id);
    const file = fileURLToPath(workflowFile(spec));
    const used = placeholdersOf(readFileSync(file, 'utf8'));
    const declared = substitutionsOf(spec);
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
    this.stateMachineName = `${Stack.of(this).stackName}-${spec.name}`;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      // Named, so that a function it invokes may be granted to answer it without a dependency cycle.
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(file),
      definitionSubstitutions: Object.fromEntries([
        ...Object.entries(spec.functions).map(([placeholder, fn]) => [placeholder, functions(fn).functionArn]),
        ...Object.entries(spec.workflows).map(([placeholder, child]) => [placeholder, workflows(child).stateMachineArn]),
      ]),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    for (const fn of new Set(Object.values(spec.functions))) functions(fn).grantInvoke(this.stateMachine);
    for (const child of new Set(Object.values(spec.workflows))) this.grantRunAndWait(workflows(child));
  }

  /** SendTaskSuccess/Failure/Heartbeat on this state machine, by its name: its own step functions may need it. */
  grantTaskResponse(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      resourceArns: [Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: this.stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });
  }

  /** What startExecution.sync:2 needs: start the child, follow it, stop it, and the managed rule that reports its end. */
  private grantRunAndWait(child: sfn.StateMachine): void {
    const stack = Stack.of(this);
    child.grantStartExecution(this.stateMachine);
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${child.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    // cdk-nag names the finding by the ARN as rendered: literals where the stack knows them, pseudo parameters where not.
    const part = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const arnPrefix = `arn:${part(stack.partition, 'Partition')}:states:${part(stack.region, 'Region')}:${part(stack.account, 'AccountId')}`;
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnPrefix}:execution:<${stack.getLogicalId(child.node.defaultChild as CfnElement)}.Name>:*]`,
      reason: 'Following and stopping the executions of the one child workflow it starts; their names are made per refund at run time.',
    });
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule' })],
      }),
    );
  }
}
