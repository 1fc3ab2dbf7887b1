// The CDK app, checked on its synthesized template: no account, no deploy. cfn-lint and
// asl-validator check what CloudFormation and Step Functions would refuse.
import { App, Validations, type NestedStack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import aslValidator from 'asl-validator';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alarms } from '../../infra/constructs/alarms.js';
import { FUNCTIONS } from '../../infra/function-catalog.js';
import { environmentOf } from '../../infra/function-environment.js';
import { deploymentSettings, type DeploymentSettings } from '../../infra/settings.js';
import { ACCESS_LOG_FIELDS, OrderClaimsStack } from '../../infra/stack.js';
import { TABLE_DESIGN } from '../../infra/table-design.js';
import { placeholdersOf, substitutionsOf, WORKFLOW_LIST, workflowFile } from '../../infra/workflow-catalog.js';
import { STEP_ERROR_NAMES } from '../../shared/app/common/step-errors.js';
import { ROUTES } from '../../shared/schemas/routes.js';

const SETTINGS: DeploymentSettings = {
  noticeFromAddress: 'notices@shop.example',
  operatorEmail: 'support@shop.example',
  paymentsEndpoint: 'https://payments.shop.example/v1',
};

function synthApp(extend?: (stack: OrderClaimsStack) => void, env?: { account: string; region: string }) {
  // Bundling is skipped here (no stack listed): `npm run synth` and the benchmark bundle for real.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, 'OrderClaims', { ...SETTINGS, ...(env ? { env } : {}) });
  extend?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

let template: Template;
let stack: OrderClaimsStack;
let resources: Record<string, { Type: string; Properties: any; DeletionPolicy?: string }>;
/** The alarms' nested stack. */
let alarmTemplate: {
  Resources: Record<string, { Type: string; Properties: any }>;
  Parameters?: Record<string, unknown>;
};
let alarmResources: (typeof alarmTemplate)['Resources'];
// Synthesis bundles nothing (the assets are stubbed) but runs cdk-nag over every resource: seconds, more on a busy
// machine.
beforeAll(() => {
  const synthesized = synthApp();
  synthesized.app.synth();
  stack = synthesized.stack;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  alarmTemplate = Template.fromStack(stack.node.findChild('Monitoring') as Alarms).toJSON() as typeof alarmTemplate;
  alarmResources = alarmTemplate.Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functionResource = (name: string) => {
  const found = ofType('AWS::Lambda::Function').find(
    ([id]) => id.startsWith(name.replaceAll('-', '')) && id.includes('Function'),
  );
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const policyStatementsOf = (functionLogicalId: string) => {
  const role = resources[functionLogicalId]!.Properties.Role['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap(
      ([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
};
const actionsOf = (functionLogicalId: string) =>
  policyStatementsOf(functionLogicalId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('deployment settings', () => {
  it('a deploy without the sender, the operator or the payment endpoint stops, naming each context key', () => {
    expect(() => deploymentSettings(() => undefined)).toThrow(
      /Missing context key 'noticeFromAddress'[\s\S]*Missing context key 'operatorEmail'[\s\S]*Missing context key 'paymentsEndpoint'/,
    );
    expect(() =>
      deploymentSettings(
        (key) =>
          ({
            noticeFromAddress: 'not-an-address',
            operatorEmail: 'o@x.example',
            paymentsEndpoint: 'https://p.example',
          })[key],
      ),
    ).toThrow(/'noticeFromAddress' is not valid/);
    expect(() =>
      deploymentSettings(
        (key) => ({ ...SETTINGS, paymentsEndpoint: 'http://plain.example' })[key as keyof DeploymentSettings],
      ),
    ).toThrow(/'paymentsEndpoint' is not valid/);
    expect(deploymentSettings((key) => SETTINGS[key as keyof DeploymentSettings])).toEqual(SETTINGS);
  });

  it('cdk.json holds no placeholder; npm run synth passes its example values explicitly, marked as examples', () => {
    const cdkJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../cdk.json', import.meta.url)), 'utf8'));
    for (const key of ['noticeFromAddress', 'operatorEmail', 'paymentsEndpoint'])
      expect(cdkJson.context[key]).toBeUndefined();
    const packageJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
    expect(packageJson.scripts.synth).toMatch(/-c noticeFromAddress=\S+@\S+\.invalid/);
  });
});

describe('workflow files and their substitutions', () => {
  it.each(WORKFLOW_LIST)('$name: every placeholder has a substitution, every substitution is used', (spec) => {
    const used = placeholdersOf(readFileSync(fileURLToPath(workflowFile(spec)), 'utf8')).sort();
    expect(used).toEqual(substitutionsOf(spec).sort());
    for (const fn of Object.values(spec.functions))
      expect(FUNCTIONS.some((f) => f.kind === 'steps' && f.name === fn)).toBe(true);
    for (const child of Object.values(spec.workflows)) expect(WORKFLOW_LIST.map((w) => w.name)).toContain(child);
  });

  it.each(WORKFLOW_LIST)(
    '$name: every error it retries or catches is one Step Functions, Lambda or a step can raise',
    (spec) => {
      const text = readFileSync(fileURLToPath(workflowFile(spec)), 'utf8');
      const named = [...text.matchAll(/"ErrorEquals":\s*\[([^\]]*)\]/g)].flatMap(
        (m) => JSON.parse(`[${m[1]}]`) as string[],
      );
      expect(named.length).toBeGreaterThan(0);
      for (const error of named) {
        const known =
          /^(States|Lambda|StepFunctions|Sandbox|Runtime)\./.test(error) ||
          error === 'ConcurrentChangeError' ||
          error === 'WorkflowUnavailable' ||
          (STEP_ERROR_NAMES as readonly string[]).includes(error);
        expect(known, `${spec.name}: ${error}`).toBe(true);
      }
    },
  );

  it.each(WORKFLOW_LIST)('$name: asl-validator finds the definition valid once substituted', (spec) => {
    let text = readFileSync(fileURLToPath(workflowFile(spec)), 'utf8');
    for (const placeholder of placeholdersOf(text)) {
      const arn = placeholder.endsWith('FunctionArn')
        ? `arn:aws:lambda:ap-northeast-1:123456789012:function:${placeholder}`
        : `arn:aws:states:ap-northeast-1:123456789012:stateMachine:${placeholder}`;
      text = text.replaceAll(`\${${placeholder}}`, arn);
    }
    const { isValid, errorsText } = aslValidator(JSON.parse(text));
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('each state machine gets exactly those substitutions: ARNs of the stack’s functions and state machines', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine').map(([, machine]) => machine);
    expect(machines).toHaveLength(WORKFLOW_LIST.length);
    const expected = WORKFLOW_LIST.map((spec) => substitutionsOf(spec).sort());
    const actual = machines.map((machine) => Object.keys(machine.Properties.DefinitionSubstitutions).sort());
    expect(actual.sort()).toEqual(expected.sort());
    for (const machine of machines) {
      for (const [placeholder, value] of Object.entries(
        machine.Properties.DefinitionSubstitutions as Record<string, Record<string, [string, string]>>,
      )) {
        const [logicalId, attribute] = value['Fn::GetAtt'] ?? [value.Ref as unknown as string, 'Ref'];
        expect(resources[logicalId]!.Type).toBe(
          placeholder.endsWith('FunctionArn') ? 'AWS::Lambda::Function' : 'AWS::StepFunctions::StateMachine',
        );
        expect(['Arn', 'Ref']).toContain(attribute);
      }
    }
  });

  it('the approval workflow may start the settlement and nothing more of it: no following, no stopping', () => {
    const approval = ofType('AWS::StepFunctions::StateMachine').find(([id]) => id.includes('approvecancelrequest'))!;
    const role = approval[1].Properties.RoleArn['Fn::GetAtt'][0] as string;
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.startsWith('states:'))).toEqual(['states:StartExecution']);
    expect(actions.filter((a) => a.startsWith('events:'))).toEqual([]);
  });

  it('a workflow with a substitution no placeholder uses fails the synth', async () => {
    const { WorkflowFromFile } = await import('../../infra/constructs/workflow-from-file.js');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new OrderClaimsStack(app, 'Broken', SETTINGS);
    const spec = {
      ...WORKFLOW_LIST[0]!,
      functions: { ...WORKFLOW_LIST[0]!.functions, UnusedFunctionArn: 'fail-claim' },
    };
    expect(() => new WorkflowFromFile(stack, 'broken', spec, 'Broken-broken', () => ({}) as never)).toThrow(
      /never used: \[UnusedFunctionArn\]/,
    );
  });

  it('the state machines are Standard, traced, and log their failures without execution data', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(WORKFLOW_LIST.length);
    for (const [, machine] of machines) {
      expect(machine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false },
      });
    }
  });
});

describe('the table', () => {
  it('is on demand, with point-in-time recovery, TTL, every index of the design, and survives a stack deletion', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => Match.objectLike({ IndexName: index.name })),
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });
});

describe('functions', () => {
  it('one per handler, on the current Node.js runtime, arm64, traced, logging JSON at INFO, no platform lines', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Runtime?.startsWith('nodejs24'));
    expect(functions).toHaveLength(FUNCTIONS.length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
      });
    }
  });

  it('each API function times out before the HTTP API stops waiting (30 s), so its own error is the answer', () => {
    for (const spec of FUNCTIONS.filter((fn) => fn.kind === 'api')) {
      const [, fn] = functionResource(`${spec.kind}-${spec.name}`);
      expect(fn.Properties.Timeout, spec.name).toBeLessThanOrEqual(29);
    }
  });

  it.each(FUNCTIONS)('$kind/$name has exactly the environment the catalog gives it', (spec) => {
    const [, fn] = functionResource(`${spec.kind}-${spec.name}`);
    const expected = Object.keys(
      environmentOf(spec, {
        tableName: 't',
        noticeFromAddress: 'n',
        sesConfigurationSet: 'c',
        operatorEmail: 'o',
        paymentsEndpoint: 'p',
        paymentsWebhookSecretId: 's',
        workflowArn: () => 'a',
      }),
    );
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual([...expected, 'NODE_OPTIONS'].sort());
  });

  it.each(FUNCTIONS)(
    '$kind/$name may use the table only as it needs to: read-only handlers cannot write, nothing scans or deletes ' +
      'but idempotency',
    (spec) => {
      const [id] = functionResource(`${spec.kind}-${spec.name}`);
      const dynamo = actionsOf(id).filter((a) => a.startsWith('dynamodb:'));
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:*']) expect(dynamo).not.toContain(forbidden);
      // The bulk store writes a job's line chunks with BatchWriteItem: granted there, and only there.
      expect(dynamo.includes('dynamodb:BatchWriteItem')).toBe(spec.batchWrites);
      if (spec.table === 'none') expect(dynamo).toEqual([]);
      if (spec.table === 'read')
        expect(dynamo.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      if (spec.table === 'write') expect(dynamo).toContain('dynamodb:PutItem');
      expect(dynamo.includes('dynamodb:DeleteItem')).toBe(spec.kind === 'api' && spec.table === 'write');
      expect(actionsOf(id).includes('ses:SendEmail')).toBe(spec.settings.includes('mail'));
      expect(actionsOf(id).includes('states:StartExecution')).toBe(spec.startsWorkflows.length > 0);
      expect(actionsOf(id).includes('states:SendTaskSuccess')).toBe(spec.answersWaits.length > 0);
      expect(actionsOf(id).includes('secretsmanager:GetSecretValue')).toBe(spec.settings.includes('paymentsWebhook'));
      // The account's quotas pace the bulk job: read there, and only there.
      expect(actionsOf(id).includes('ses:GetSendQuota')).toBe(spec.readsQuotas);
      expect(actionsOf(id).includes('lambda:GetAccountSettings')).toBe(spec.readsQuotas);
    },
  );
});

describe('the grants the code needs', () => {
  it('submit-bulk-cancellation may BatchWriteItem on the table (its chunks), not on the indexes', () => {
    const [id] = functionResource('api-submit-bulk-cancellation');
    const batch = policyStatementsOf(id).filter((s) => [s.Action].flat().includes('dynamodb:BatchWriteItem'));
    expect(batch).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Table/), 'Arn'] } }),
    ]);
  });
});

describe('alarms reach the operator', () => {
  it(
    'the alarm topic uses a customer-managed key whose policy lets CloudWatch publish, and the operator is ' +
      'subscribed',
    () => {
      const [[, topic]] = ofType('AWS::SNS::Topic').filter(([id]) => id.startsWith('Alarms')) as unknown as [
        [string, { Properties: any }],
      ];
      const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
      expect(resources[keyId]!.Type).toBe('AWS::KMS::Key');
      const statements = resources[keyId]!.Properties.KeyPolicy.Statement as {
        Principal?: { Service?: string };
        Action: string[];
        Effect: string;
      }[];
      const cloudwatch = statements.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
      expect(cloudwatch).toMatchObject({
        Effect: 'Allow',
        Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
      });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: SETTINGS.operatorEmail,
        TopicArn: { Ref: ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('Alarms'))![0] },
      });
    },
  );

  it(
    'alarms on failed, timed-out and throttled executions, API 5xx, throttles and claims needing an operator; not ' +
      'on steps that throw on purpose',
    () => {
      const alarms = Object.values(alarmResources)
        .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
        .map((a) => a.Properties);
      const named = (metric: string) => alarms.filter((a) => a.MetricName === metric);
      expect(named('ExecutionsFailed')).toHaveLength(WORKFLOW_LIST.length);
      expect(named('ExecutionsTimedOut')).toHaveLength(WORKFLOW_LIST.length);
      expect(named('ExecutionThrottled')).toHaveLength(WORKFLOW_LIST.length);
      expect(named('5xx')).toHaveLength(1);
      expect(named('ClaimNeedsOperator')).toEqual([expect.objectContaining({ Namespace: 'OrderClaims' })]);
      expect(named('Throttles')).toHaveLength(FUNCTIONS.length);
      expect(named('Errors')).toHaveLength(FUNCTIONS.filter((f) => f.kind !== 'steps').length);
      expect(
        alarms.some((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression === 'SUM(METRICS())')),
      ).toBe(true); // DynamoDB throttles
      for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    },
  );
});

describe('a stack that deploys again and logs what it should', () => {
  it('no log group has a fixed name (a retained one would block the next deploy)', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(FUNCTIONS.length);
    for (const [, group] of groups) expect(group.Properties.LogGroupName).toBeUndefined();
  });

  it('the HTTP API access log uses only variables HTTP APIs define', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as unknown as [[string, { Properties: any }]];
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    // From the HTTP API access-logging reference; $context.identity.caller/.user and the like are REST-only.
    const httpApiVariables = new Set([
      '$context.requestId',
      '$context.requestTime',
      '$context.routeKey',
      '$context.status',
      '$context.protocol',
      '$context.responseLength',
      '$context.responseLatency',
      '$context.integrationLatency',
      '$context.integrationErrorMessage',
      '$context.authorizer.error',
      '$context.identity.sourceIp',
      '$context.identity.userAgent',
    ]);
    for (const variable of Object.values(format)) expect(httpApiVariables.has(variable), variable).toBe(true);
  });
});

describe('the API and signing in', () => {
  it(
    'has every route of the contract, each behind the JWT authorizer but the OpenAPI document, /health and the ' +
      'signed payment webhook',
    () => {
      const routeStack = Template.fromStack(stack.node.findChild('Routes') as NestedStack).toJSON()
        .Resources as typeof resources;
      const routes = Object.values(routeStack)
        .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
        .map((r) => r.Properties);
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
      for (const route of routes)
        expect(route.AuthorizationType).toBe(
          ['GET /openapi.json', 'GET /health', 'POST /payments/webhooks'].includes(route.RouteKey) ? 'NONE' : 'JWT',
        );
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
      });
    },
  );

  it(
    'the role and party id reach the access token (pre-token-generation V2), and no OAuth redirect points ' +
      'anywhere',
    () => {
      const [id] = functionResource('triggers-add-role-claims');
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [id, 'Arn'] }, LambdaVersion: 'V2_0' } },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'role', Mutable: false }),
          Match.objectLike({ Name: 'party_id', Mutable: false }),
        ]),
      });
      const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as unknown as [[string, { Properties: any }]];
      expect(client.Properties.AllowedOAuthFlows ?? []).toEqual([]);
      expect(client.Properties.CallbackURLs ?? []).toEqual([]);
      expect(client.Properties.ExplicitAuthFlows).toEqual(
        expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']),
      );
    },
  );
});

describe('tokens the API takes', () => {
  it('every app client prevents user-existence errors: signing in tells nobody who has an account', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients.length).toBeGreaterThanOrEqual(2);
    for (const [id, client] of clients) expect(client.Properties.PreventUserExistenceErrors, id).toBe('ENABLED');
  });
});

describe('mail feedback and the reconciler', () => {
  it('the SES configuration set sends bounces and complaints to a topic the feedback function is subscribed to', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: Match.anyValue(),
      }),
    });
    const [id] = functionResource('triggers-record-email-feedback');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [id, 'Arn'] },
    });
  });

  it('EventBridge Scheduler runs the reconciler every five minutes', () => {
    const [id] = functionResource('jobs-reconcile-claims');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] } }),
    });
  });
});

describe('checks of the synthesized template', () => {
  it('cfn-lint finds no error, in the stack or in its nested alarms stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'order-claims-template-'));
    const files = [
      ['OrderClaims', template.toJSON()],
      ['Monitoring', { Resources: alarmResources, Parameters: alarmTemplate.Parameters }],
    ].map(([name, body]) => {
      const file = join(dir, `${name as string}.template.json`);
      writeFileSync(file, JSON.stringify(body));
      return file;
    });
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8' });
    expect(lint.error, 'cfn-lint is not installed').toBeUndefined();
    const errors = lint.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
  });

  it('cdk-nag AwsSolutions passes, every acknowledgement carrying its reason', () => {
    const { app } = synthApp();
    expect(() => app.synth()).not.toThrow();
  });

  it('cdk-nag passes in a known account and region too (the findings render differently there)', () => {
    const { app } = synthApp(undefined, { account: '123456789012', region: 'ap-northeast-1' });
    expect(() => app.synth()).not.toThrow();
  });

  it('the checks are really on: an unencrypted topic fails the synth', () => {
    const { app } = synthApp((stack) => new sns.Topic(stack, 'Careless'));
    expect(() => app.synth()).toThrow(/AwsSolutions-SNS/);
  });
});
