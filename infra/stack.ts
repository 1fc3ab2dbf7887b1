// The deployed system: one table, one function per handler, the workflows from workflows/, an HTTP
// API behind a Cognito JWT authorizer, SES with a configuration set whose bounces and complaints
// are recorded, a reconciler on a schedule, alarms that reach the operator, and the integration
// events carried from the table's outbox to an EventBridge bus.

import {
  ArnFormat,
  Aws,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct, IConstruct } from 'constructs';
import { ROUTES } from '../shared/schemas/routes.js';
import { Alarms } from './constructs/alarms.js';
import { ApiRoutes } from './constructs/api-routes.js';
import { operatorTopic } from './constructs/operator-topic.js';
import { ConsoleContent, ConsoleSite } from './constructs/console-hosting.js';
import { HandlerFunction } from './constructs/handler-function.js';
import { IntegrationEvents } from './constructs/integration-events.js';
import { WorkflowFromFile } from './constructs/workflow-from-file.js';
import { FUNCTIONS, functionNamed } from './function-catalog.js';
import { environmentOf } from './function-environment.js';
import type { DeploymentSettings } from './settings.js';
import { TABLE_DESIGN } from './table-design.js';
import { WORKFLOWS, type StartableWorkflow, type WorkflowSpec } from './workflow-catalog.js';

export type OrderClaimsStackProps = StackProps & DeploymentSettings;

/** HTTP API access log: only variables HTTP APIs define ($context.identity.caller and the like are REST-only). */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

export class OrderClaimsStack extends Stack {
  constructor(scope: Construct, id: string, props: OrderClaimsStackProps) {
    super(scope, id, props);

    const table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      dynamoStream: dynamodb.StreamViewType[TABLE_DESIGN.streamView],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: 'projection' in index ? dynamodb.ProjectionType[index.projection] : dynamodb.ProjectionType.ALL,
      })),
    });

    // ── Alarms and the operator's topic ──────────────────────────────────────────────────────
    const { topicKey, alarmTopic } = operatorTopic(this, props.operatorEmail);
    const notify = new actions.SnsAction(alarmTopic);

    // ── SES: the sender, and a configuration set whose bounces and complaints come back ──────
    const identity = new ses.EmailIdentity(this, 'NoticeSender', {
      identity: ses.Identity.email(props.noticeFromAddress),
    });
    const identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.noticeFromAddress });
    const configurationSet = new ses.ConfigurationSet(this, 'Mail', { reputationMetrics: true, sendingEnabled: true });
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    });
    const mailFeedback = new sns.Topic(this, 'MailFeedback', {
      enforceSSL: true,
      masterKey: topicKey,
      displayName: 'Order claims mail bounces and complaints',
    });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(mailFeedback),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    // ── Functions ────────────────────────────────────────────────────────────────────────────
    // State machines have fixed names, so their ARNs are known before they exist: no cycle.
    const stateMachineName = (spec: Pick<WorkflowSpec, 'name'>) => `${this.stackName}-${spec.name}`;
    const stateMachineArn = (spec: Pick<WorkflowSpec, 'name'>) =>
      this.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: stateMachineName(spec),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    // The payment provider signs its webhooks with this secret; the operator gives it to the provider (README).
    const webhookSecret = new secretsmanager.Secret(this, 'PaymentsWebhookSecret', {
      description:
        'Signs the payment provider’s webhooks (POST /payments/webhooks): HMAC-SHA256, shared with the provider.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const deployment = {
      tableName: table.tableName,
      paymentsWebhookSecretId: webhookSecret.secretArn,
      noticeFromAddress: props.noticeFromAddress,
      sesConfigurationSet: configurationSet.configurationSetName,
      operatorEmail: props.operatorEmail,
      paymentsEndpoint: props.paymentsEndpoint,
      workflowArn: (key: StartableWorkflow) => stateMachineArn(WORKFLOWS[key]),
      ...(props.sellerCancelPolicy ? { sellerCancelPolicy: props.sellerCancelPolicy } : {}),
      ...(props.refundFees ? { refundFees: props.refundFees } : {}),
    };
    const handlers = new Map<string, HandlerFunction>();
    for (const spec of FUNCTIONS) {
      const handler = new HandlerFunction(this, `${spec.kind}-${spec.name}`, spec, environmentOf(spec, deployment));
      handler.useTable(table);
      if (spec.settings.includes('mail')) handler.sendMail(identityArn, configurationSetArn);
      handler.readQuotas();
      if (spec.settings.includes('paymentsWebhook')) webhookSecret.grantRead(handler.fn);
      handler.fn.node.addDependency(identity);
      handlers.set(spec.name, handler);
    }
    const fn = (name: string) => {
      functionNamed(name);
      return handlers.get(name)!.fn;
    };

    // ── Workflows ────────────────────────────────────────────────────────────────────────────
    // In catalog order, so that a workflow exists before the one that starts it.
    const byName = new Map<string, WorkflowFromFile>();
    for (const spec of Object.values(WORKFLOWS) as WorkflowSpec[]) {
      byName.set(
        spec.name,
        new WorkflowFromFile(
          this,
          `workflow-${spec.name}`,
          spec,
          stateMachineName(spec),
          fn,
          (name) => byName.get(name)!.stateMachine,
        ),
      );
    }
    for (const handler of handlers.values()) {
      for (const key of handler.spec.startsWorkflows) {
        const workflow = byName.get(WORKFLOWS[key].name)!;
        workflow.stateMachine.grantStartExecution(handler.fn);
        if (handler.spec.followsWorkflows) workflow.grantDescribeExecutions(handler.fn);
      }
      for (const key of handler.spec.answersWaits) byName.get(WORKFLOWS[key].name)!.grantTaskResponse(handler.fn);
    }

    // ── Triggers and the schedule ────────────────────────────────────────────────────────────
    mailFeedback.addSubscription(new subscriptions.LambdaSubscription(fn('record-email-feedback')));
    new scheduler.Schedule(this, 'Reconcile', {
      description: 'Brings claims whose workflow is missing or ended to a defined state.',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(5)),
      target: new schedulerTargets.LambdaInvoke(fn('reconcile-claims'), {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
      }),
    });

    // ── Users and the API ────────────────────────────────────────────────────────────────────
    const userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: {
        role: new cognito.StringAttribute({ mutable: false, minLen: 5, maxLen: 8 }),
        party_id: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The role and party id reach the access token, which is what the API's authorizer checks.
    userPool.addTrigger(
      cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      fn('add-role-claims'),
      cognito.LambdaVersion.V2_0,
    );
    const client = userPool.addClient('ApiClient', {
      // SRP for applications; the password flow (over TLS to Cognito) for `npm run admin -- sign-in`.
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      // The console signs in through its own client, with the hosted UI.
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A wrong user name fails as a wrong password does: sign-in does not tell who has an account.
      preventUserExistenceErrors: true,
      // Users may read their role and id, never write them: an operator sets them.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes('role', 'party_id'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    // ── The console: CloudFront and S3 (nested stacks), Cognito's hosted UI with PKCE, CORS ────
    const consoleSite = new ConsoleSite(this, 'ConsoleSite');
    const consoleOrigin = `https://${consoleSite.distribution.distributionDomainName}`;
    const signInDomain = userPool.addDomain('ConsoleSignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? Fn.join('-', ['order-claims', Aws.ACCOUNT_ID]) },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    const consoleClient = userPool.addClient('ConsoleClient', {
      // A public client in the browser: no secret, the authorization code with PKCE, no implicit
      // grant, and no sign-in of its own outside the hosted UI (only its tokens' refresh).
      generateSecret: false,
      authFlows: { userSrp: false, userPassword: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${consoleOrigin}/`],
        logoutUrls: [`${consoleOrigin}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes('role', 'party_id'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    const api = new HttpApi(this, 'Api', {
      description: 'Order cancellation and refund API',
      createDefaultStage: false,
      // The console's origin only; other callers (servers, curl) send no Origin and need no CORS.
      corsPreflight: {
        allowOrigins: [consoleOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        // The export's next part, and the request's correlation id, readable by the console.
        exposeHeaders: ['x-next-cursor', 'x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    // The authorizer is the API's, in this stack; the routes that use it are in a nested stack of their own.
    const cognitoAuthorizer = new HttpAuthorizer(this, 'Cognito', {
      httpApi: api,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'Cognito',
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [client.userPoolClientId, consoleClient.userPoolClientId],
      jwtIssuer: `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`,
    });
    const authorizer: IHttpRouteAuthorizer = {
      bind: () => ({ authorizerId: cognitoAuthorizer.authorizerId, authorizationType: 'JWT' }),
    };
    new ApiRoutes(this, 'Routes', { api, routes: ROUTES, authorizer, functions: fn });

    new ConsoleContent(this, 'ConsoleContent', {
      site: consoleSite,
      apiUrl: api.apiEndpoint,
      signInDomain: signInDomain.baseUrl(),
      clientId: consoleClient.userPoolClientId,
    });

    // ── What means trouble: alarms to the operator's topic, in a nested stack of their own ──
    new Alarms(this, 'Monitoring', { action: notify, workflows: byName, handlers, stage, table });

    // ── Integration events: the outbox, through the stream and a pipe, to the bus ─────────────
    const integrationEvents = new IntegrationEvents(this, 'IntegrationEvents', { table, alarmAction: notify });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'EventBusName', { value: integrationEvents.bus.eventBusName });
    new CfnOutput(this, 'EventArchiveName', { value: integrationEvents.archive.archiveName });
    new CfnOutput(this, 'AccountingQueueUrl', { value: integrationEvents.accounting.queueUrl });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', { value: `${consoleOrigin}/` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    new CfnOutput(this, 'ConfigurationSetName', { value: configurationSet.configurationSetName });
    // What npm run smoke needs besides the above (README, "Deploying").
    new CfnOutput(this, 'EventBusArn', { value: integrationEvents.bus.eventBusArn });
    new CfnOutput(this, 'ReplayRuleArn', { value: integrationEvents.replayRule.ruleArn });
    new CfnOutput(this, 'ReplayQueueUrl', { value: integrationEvents.replayChecks.queueUrl });
    new CfnOutput(this, 'SmokeAlarmName', { value: integrationEvents.undeliveredAlarm.alarmName });

    this.acknowledgeFindings(table, [...handlers.values()]);
  }

  /** cdk-nag findings that are decisions, each acknowledged with its reason, finding by finding. */
  private acknowledgeFindings(table: dynamodb.TableV2, handlers: HandlerFunction[]): void {
    const logicalId = (construct: IConstruct) => this.getLogicalId(construct.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'The payment provider holds a copy of the webhook secret: rotating it is a change made with the provider ' +
          '(README, "Deploying"), not on a schedule of ours.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The minimal managed policy that lets a function write its own log group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords, the CloudWatch Logs delivery actions of Step Functions, and ' +
          'the bulk step’s ses:GetSendQuota and lambda:GetAccountSettings (the account’s quotas) take no ' +
          'resource; nothing else is granted on *.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
        reason:
          'Queries of this table’s own indexes (orders by seller, cart and month; claims by seller, status and month).',
      },
      ...handlers.map((handler) => ({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(handler.fn)}.Arn>:*]`,
        reason:
          'A state machine, a schedule or SNS may invoke any version of its own function; the function itself is ' +
          'named.',
      })),
    );
  }
}
