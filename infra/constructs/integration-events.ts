// Integration events in AWS (docs/EVENTS.md): the table's stream → an EventBridge pipe that takes
// the new outbox items and puts each one's event on the bus, as it was written (no function of
// ours in between) → the bus, archived for replay → rules. Records the pipe cannot deliver go to
// a dead-letter queue, which alarms. One example rule: the accounting queue gets every money event.

import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../shared/app/ports/change-set.js';
import { OUTBOX_ENTITY } from '../../shared/adapters/dynamo-outbox.js';

/** The events the accounting example listens to: where money moves. */
export const ACCOUNTING_EVENT_TYPES = [
  'refund.completed',
  'refund.failed',
  'balance.credited',
  'withdrawal.completed',
  'withdrawal.failed',
];

/** The pipe's filter: only new outbox items (not their rare removal, nor any other item of the table). */
export const OUTBOX_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: [OUTBOX_ENTITY] } } } };

function queue(scope: Construct, id: string, deadLetterQueue?: sqs.IQueue): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    ...(deadLetterQueue ? { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 } } : {}),
  });
}

export class IntegrationEvents extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  readonly deadLetters: sqs.Queue;
  readonly accounting: sqs.Queue;
  /** npm run smoke's replays only (replay-name smoke-…), for the operator to read an archived event back. */
  readonly replayChecks: sqs.Queue;
  readonly replayRule: events.Rule;
  /** The alarm on undelivered events: the one npm run smoke sets, to see that alarms reach the topic. */
  readonly undeliveredAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: { table: dynamodb.TableV2; alarmAction: cloudwatch.IAlarmAction }) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The table needs its stream (TABLE_DESIGN.streamView) for the outbox.');

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `${Stack.of(this).stackName}-events` });
    this.archive = this.bus.archive('Archive', {
      description: 'Every integration event, for replay (docs/EVENTS.md)',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: Duration.days(365),
    });
    this.deadLetters = queue(this, 'DeadLetters');
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'It is the pipe’s dead-letter queue (deadLetterConfig), which cdk-nag does not see; it alarms when anything ' +
        'arrives.',
    });

    // Only a pipe of this account may assume it (the confused deputy: another account's pipe naming this role).
    const stack = Stack.of(this);
    const anyPipe = stack.formatArn({ service: 'pipes', resource: 'pipe', resourceName: '*' });
    const role = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': anyPipe } },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [streamArn],
      }),
    );
    this.bus.grantPutEventsTo(role);
    this.deadLetters.grantSendMessages(role);
    const pipeLogs = new logs.LogGroup(this, 'PipeLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pipeLogs.grantWrite(role);

    const pipe = new pipes.CfnPipe(this, 'Pipe', {
      description: 'New outbox items of the table, each its event on the bus as written',
      roleArn: role.roleArn,
      source: streamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(OUTBOX_FILTER) }] },
        dynamoDbStreamParameters: {
          startingPosition: 'TRIM_HORIZON',
          // Ten at a time, the bus's batch; one reader per shard, so an order's events stay in order.
          batchSize: 10,
          parallelizationFactor: 1,
          maximumRetryAttempts: 185,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetters.queueArn },
        },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        // The outbox item's `detail` is the event as written; its type is the detail-type rules match on.
        inputTemplate: '<$.dynamodb.NewImage.detail.S>',
        eventBridgeEventBusParameters: { source: EVENT_SOURCE, detailType: '$.dynamodb.NewImage.type.S' },
      },
      logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: pipeLogs.logGroupArn } },
    });
    // Created once its role may read the stream and put on the bus (the role's policy is a resource of its own).
    pipe.node.addDependency(role);

    // The example consumer: accounting learns of every refund, credit and withdrawal.
    const accountingDeadLetters = queue(this, 'AccountingDeadLetters');
    this.accounting = queue(this, 'Accounting', accountingDeadLetters);
    new events.Rule(this, 'MoneyToAccounting', {
      eventBus: this.bus,
      description: 'Refunds, balance credits and withdrawals, for accounting',
      eventPattern: { source: [EVENT_SOURCE], detailType: ACCOUNTING_EVENT_TYPES },
      targets: [
        new targets.SqsQueue(this.accounting, {
          deadLetterQueue: accountingDeadLetters,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    // What the archive keeps, read back after the first deploy (npm run smoke): a replay named
    // smoke-… reaches this queue and nothing else; live events and other replays never do.
    this.replayChecks = queue(this, 'ReplayChecks');
    Validations.of(this.replayChecks).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'It holds npm run smoke’s replayed events only, which the smoke reads and deletes; nothing depends on their ' +
        'delivery.',
    });
    this.replayRule = new events.Rule(this, 'ReplayCheck', {
      eventBus: this.bus,
      description: 'Replays named smoke-… (npm run smoke) only',
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [new targets.SqsQueue(this.replayChecks)],
    });
    (this.replayRule.node.defaultChild as events.CfnRule).addPropertyOverride('EventPattern.replay-name', [
      { prefix: 'smoke-' },
    ]);

    // Anything in a dead-letter queue is an event some system did not get: the operator is told.
    const alarms = [
      ['EventsUndelivered', this.deadLetters],
      ['AccountingUndelivered', accountingDeadLetters],
    ] as const;
    const [undelivered] = alarms.map(([alarmId, deadLetters]) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription:
          `Integration events in ${deadLetters.node.id}: not delivered (docs/EVENTS.md, "When an ` +
          `event is not delivered").`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(props.alarmAction);
      return alarm;
    });
    this.undeliveredAlarm = undelivered!;
  }
}
