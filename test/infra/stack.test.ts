// The CDK app, checked on its synthesized template: no account, no deploy.
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/function-catalog.js';
import { OrderClaimsStack } from '../../infra/stack.js';
import { placeholdersOf, substitutionsOf, WORKFLOW_LIST, workflowFile } from '../../infra/workflow-catalog.js';
import { STEP_ERROR_NAMES } from '../../shared/app/step-errors.js';
import { ROUTES } from '../../shared/schemas/routes.js';

function synthApp(extend?: (stack: OrderClaimsStack) => void, env?: { account: string; region: string }) {
  // Bundling is skipped here (no stack listed): `npx cdk synth` and the benchmark bundle for real.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, 'OrderClaims', {
    noticeFromAddress: 'no-reply@orders.example.com',
    operatorEmail: 'operators@orders.example.com',
    paymentsEndpoint: 'https://payments.example.com/v1',
    ...(env ? { env } : {}),
  });
  extend?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

let template: Template;
beforeAll(() => {
  const { app, stack } = synthApp();
  app.synth();
  template = Template.fromStack(stack);
});

describe('workflow files and their substitutions', () => {
  it.each(WORKFLOW_LIST)('$name: every placeholder has a substitution, every substitution is used', (spec) => {
    const used = placeholdersOf(readFileSync(fileURLToPath(workflowFile(spec)), 'utf8')).sort();
    expect(used).toEqual(substitutionsOf(spec).sort());
    for (const fn of Object.values(spec.functions)) expect(FUNCTIONS.some((f) => f.kind === 'steps' && f.name === fn)).toBe(true);
    for (const child of Object.values(spec.workflows)) expect(WORKFLOW_LIST.map((w) => w.name)).toContain(child);
  });

  it.each(WORKFLOW_LIST)('$name: every error it retries or catches is one Step Functions, Lambda or a step can raise', (spec) => {
    const text = readFileSync(fileURLToPath(workflowFile(spec)), 'utf8');
    const named = [...text.matchAll(/"ErrorEquals":\s*\[([^\]]*)\]/g)].flatMap((m) => JSON.parse(`[${m[1]}]`) as string[]);
    expect(named.length).toBeGreaterThan(0);
    for (const error of named) {
      const known = error.startsWith('States.') || error.startsWith('Lambda.') || error === 'ConcurrentChangeError' || (STEP_ERROR_NAMES as readonly string[]).includes(error);
      expect(known, `${spec.name}: ${error}`).toBe(true);
    }
  });

  it('each state machine gets exactly those substitutions: ARNs of the stack’s functions and state machines', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(WORKFLOW_LIST.length);
    const resources = template.toJSON().Resources as Record<string, { Type: string }>;
    const expected = WORKFLOW_LIST.map((spec) => substitutionsOf(spec).sort());
    const actual = machines.map((machine) => Object.keys(machine.Properties.DefinitionSubstitutions).sort());
    expect(actual.sort()).toEqual(expected.sort());
    for (const machine of machines) {
      for (const [placeholder, value] of Object.entries(machine.Properties.DefinitionSubstitutions as Record<string, Record<string, [string, string]>>)) {
        const [logicalId, attribute] = value['Fn::GetAtt'] ?? [value.Ref as unknown as string, 'Ref'];
        const type = resources[logicalId]!.Type;
        expect(type).toBe(placeholder.endsWith('FunctionArn') ? 'AWS::Lambda::Function' : 'AWS::StepFunctions::StateMachine');
        expect(['Arn', 'Ref']).toContain(attribute);
      }
    }
  });

  it('the claim workflow may start and follow the refund workflow, and nothing more', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'states:StartExecution' }),
          Match.objectLike({ Action: ['states:DescribeExecution', 'states:StopExecution'] }),
          Match.objectLike({ Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'] }),
        ]),
      },
    });
  });

  it('a workflow with a placeholder nobody fills fails the synth', async () => {
    const { WorkflowFromFile } = await import('../../infra/constructs/workflow-from-file.js');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new OrderClaimsStack(app, 'Broken', { noticeFromAddress: 'a@b.example', operatorEmail: 'o@b.example', paymentsEndpoint: 'https://payments.example.com/v1' });
    const spec = { ...WORKFLOW_LIST[0]!, functions: { ...WORKFLOW_LIST[0]!.functions, UnusedFunctionArn: 'fail-refund' } };
    expect(() => new WorkflowFromFile(stack, 'broken', spec, () => ({}) as never)).toThrow(/never used: \[UnusedFunctionArn\]/);
  });

  it('the state machines are Standard, traced, and log without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });
});

describe('the table', () => {
  it('is on demand, with point-in-time recovery, TTL, both indexes, and survives a stack deletion', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })],
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });
});

describe('functions', () => {
  it('one per handler, on the current Node.js runtime, arm64, traced', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(FUNCTIONS.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
  });

  it('each function is configured for exactly what it was granted', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const variables = functions.map((fn) => Object.keys(fn.Properties.Environment.Variables));
    expect(variables.filter((names) => names.includes('TABLE_NAME'))).toHaveLength(FUNCTIONS.filter((f) => f.usesTable).length);
    expect(variables.filter((names) => names.includes('NOTICE_FROM_ADDRESS'))).toHaveLength(FUNCTIONS.filter((f) => f.sendsMail).length);
    expect(variables.filter((names) => names.includes('CLAIM_WORKFLOW_ARN'))).toHaveLength(FUNCTIONS.filter((f) => f.startsWorkflows.length > 0).length);
    expect(variables.filter((names) => names.includes('PAYMENTS_ENDPOINT'))).toHaveLength(FUNCTIONS.filter((f) => f.usesPayments).length);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution' })]) },
    });
  });

  it('an alarm watches every function’s errors and the workflow’s failed executions', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors')).toHaveLength(FUNCTIONS.length);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ExecutionsFailed')).toHaveLength(WORKFLOW_LIST.length);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });
});

describe('the API', () => {
  it('has every route of the contract, each behind the JWT authorizer but the OpenAPI document', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      expect(route.AuthorizationType).toBe(route.RouteKey === 'GET /openapi.json' ? 'NONE' : 'JWT');
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
  });

  it('logs access, and the user pool carries the role and party claims', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }) });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'role', Mutable: false }), Match.objectLike({ Name: 'party_id', Mutable: false })]),
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('the stack passes, every acknowledgement carrying its reason', () => {
    const { app } = synthApp();
    expect(() => app.synth()).not.toThrow();
  });

  it('the stack passes in a known account and region too (the findings render differently there)', () => {
    const { app } = synthApp(undefined, { account: '123456789012', region: 'ap-northeast-1' });
    expect(() => app.synth()).not.toThrow();
  });

  it('the checks are really on: an unencrypted topic fails the synth', () => {
    const { app } = synthApp((stack) => new sns.Topic(stack, 'Careless'));
    expect(() => app.synth()).toThrow(/AwsSolutions-SNS/);
  });
});
