// The deployed system: one table, one function per handler, the workflows from workflows/, an HTTP
// API behind a Cognito JWT authorizer, an SES identity, and alarms on what must never go unseen.

import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';
import { ROUTES } from '../shared/schemas/routes.js';
import { HandlerFunction } from './constructs/handler-function.js';
import { WorkflowFromFile } from './constructs/workflow-from-file.js';
import { FUNCTIONS } from './function-catalog.js';
import { TABLE_DESIGN } from './table-design.js';
import { START_ENV, WORKFLOWS, type WorkflowSpec } from './workflow-catalog.js';

export interface OrderClaimsStackProps extends StackProps {
  /** The address buyer notices come from; its SES identity is created here and must be verified. */
  noticeFromAddress: string;
  /** Where cases that need an operator are reported. */
  operatorEmail: string;
  /** The payment gateway's base URL (docs/PAYMENTS.md). */
  paymentsEndpoint: string;
  /** Which orders only an operator may cancel, as JSON (SELLER_CANCEL_POLICY). */
  sellerCancelPolicy?: string;
  /** Refund fee (JPY) by payment method, as JSON; the default table when absent. */
  refundFees?: string;
}

export class OrderClaimsStack extends Stack {
  constructor(scope: Construct, id: string, props: OrderClaimsStackProps) {
    super(scope, id, props);

    const table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      })),
    });

    const identity = new ses.EmailIdentity(this, 'NoticeSender', { identity: ses.Identity.email(props.noticeFromAddress) });
    const identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.noticeFromAddress });

    const handlers = new Map<string, HandlerFunction>();
    for (const spec of FUNCTIONS) {
      const handler = new HandlerFunction(this, `${spec.kind}-${spec.name}`, spec, {
        OPERATOR_EMAIL: props.operatorEmail,
        ...(props.refundFees ? { REFUND_FEES: props.refundFees } : {}),
        ...(props.sellerCancelPolicy ? { SELLER_CANCEL_POLICY: props.sellerCancelPolicy } : {}),
      });
      if (spec.usesTable) handler.useTable(table);
      if (spec.sendsMail) handler.sendMailAs(identityArn, props.noticeFromAddress);
      if (spec.usesPayments) handler.fn.addEnvironment('PAYMENTS_ENDPOINT', props.paymentsEndpoint);
      handler.fn.node.addDependency(identity);
      handlers.set(spec.name, handler);
    }
    const functionNamed = (name: string) => {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`No function ${name} in the catalog`);
      return handler;
    };

    // In catalog order, so that a workflow exists before the one that starts it.
    const byName = new Map<string, WorkflowFromFile>();
    for (const spec of Object.values(WORKFLOWS) as WorkflowSpec[]) {
      byName.set(spec.name, new WorkflowFromFile(this, `workflow-${spec.name}`, spec, (name) => functionNamed(name).fn, (name) => byName.get(name)!.stateMachine));
    }
    const workflows = Object.fromEntries(Object.entries(WORKFLOWS).map(([key, spec]) => [key, byName.get(spec.name)!])) as Record<keyof typeof WORKFLOWS, WorkflowFromFile>;
    for (const spec of FUNCTIONS) {
      for (const key of spec.startsWorkflows) functionNamed(spec.name).startWorkflow(workflows[key].stateMachine, START_ENV[key]);
      // Only the approval workflow waits on task tokens.
      if (spec.answersWaits) workflows.approveCancelRequest.grantTaskResponse(functionNamed(spec.name).fn);
    }

    // ── API ──────────────────────────────────────────────────────────────────────────────────
    const userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: {
        role: new cognito.StringAttribute({ mutable: false, minLen: 5, maxLen: 8 }),
        party_id: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const client = userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      // Users may read their role and id, never write them: an operator sets them.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('role', 'party_id'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [client] });

    const api = new HttpApi(this, 'Api', { description: 'Order cancellation and refund API', createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    for (const route of ROUTES) {
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.handler}-integration`, functionNamed(route.handler).fn),
        ...(route.roles.length > 0 ? { authorizer } : {}),
      });
    }

    // ── Alarms ───────────────────────────────────────────────────────────────────────────────
    const alarmTopic = new sns.Topic(this, 'Alarms', { enforceSSL: true, masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns') });
    const notify = new actions.SnsAction(alarmTopic);
    for (const [key, workflow] of Object.entries(workflows)) {
      // A failed execution is a claim that ended FAILED or NEEDS_OPERATOR: someone should look.
      new cloudwatch.Alarm(this, `${key}-failed-executions`, {
        metric: workflow.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `Executions of ${key} failed: claims ended FAILED or NEEDS_OPERATOR.`,
      }).addAlarmAction(notify);
    }
    for (const [name, handler] of handlers) {
      new cloudwatch.Alarm(this, `${name}-errors`, {
        metric: handler.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `Function ${name} failed (an unhandled error, a timeout, or a step that threw).`,
      }).addAlarmAction(notify);
    }

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });

    this.acknowledgeFindings(api, table, [...handlers.values()]);
  }

  /** cdk-nag findings that are decisions, each acknowledged with its reason, finding by finding. */
  private acknowledgeFindings(api: HttpApi, table: dynamodb.TableV2, handlers: HandlerFunction[]): void {
    const logicalId = (construct: IConstruct) => this.getLogicalId(construct.node.defaultChild as CfnElement);
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Only GET /openapi.json is public: the API description, with no data. Every other route has the Cognito JWT authorizer.',
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The minimal managed policy that lets a function write its own log group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and the CloudWatch Logs delivery actions of Step Functions take no resource; nothing else is granted on *.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
        reason: 'Read access to this table’s own indexes (orders by seller, orders of a cart), granted with the table.',
      },
      ...handlers.map((handler) => ({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(handler.fn)}.Arn>:*]`,
        reason: 'The state machine may invoke any version of its own step function; the function itself is named.',
      })),
    );
  }
}
