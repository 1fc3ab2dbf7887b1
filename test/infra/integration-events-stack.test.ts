// The integration events in the synthesized template (docs/EVENTS.md): the table's stream, the
// pipe from it to the bus with the same filter and event the local bus stand-in applies, the
// archive, the dead-letter queue and its alarm, and the accounting example rule.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTING_EVENT_TYPES, OUTBOX_FILTER } from '../../infra/constructs/integration-events.js';
import { eventOf } from '../../local/event-bus-local.js';
import { OrderClaimsStack } from '../../infra/stack.js';
import { EVENT_SOURCE } from '../../shared/app/ports/change-set.js';

let template: Template;
let resources: Record<string, { Type: string; Properties: any; DependsOn?: string[] }>;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, 'OrderClaims', {
    noticeFromAddress: 'notices@shop.example',
    operatorEmail: 'support@shop.example',
    paymentsEndpoint: 'https://payments.shop.example/v1',
  });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 120_000);

const only = (type: string): [string, { Type: string; Properties: any; DependsOn?: string[] }] => {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('integration events', () => {
  it('the table streams its new items', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it(
    'one pipe from the table’s stream to the bus: new outbox items only, in order per shard, the written event as ' +
      'the detail, undeliverable records to a dead-letter queue',
    () => {
      const [tableId] = only('AWS::DynamoDB::GlobalTable');
      const [busId] = only('AWS::Events::EventBus');
      const [, pipe] = only('AWS::Pipes::Pipe');
      // Not before its role's policy: the stream and the bus would refuse it at creation.
      expect(pipe.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/PipeRoleDefaultPolicy/)]));
      expect(pipe.Properties.Source).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
      expect(pipe.Properties.Target).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
      const source = pipe.Properties.SourceParameters;
      expect(JSON.parse(source.FilterCriteria.Filters[0].Pattern)).toEqual(OUTBOX_FILTER);
      expect(source.DynamoDBStreamParameters).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        ParallelizationFactor: 1,
        BatchSize: 10,
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringContaining('DeadLetters'), 'Arn'] } },
      });
      expect(pipe.Properties.TargetParameters).toEqual({
        InputTemplate: '<$.dynamodb.NewImage.detail.S>',
        EventBridgeEventBusParameters: { Source: EVENT_SOURCE, DetailType: '$.dynamodb.NewImage.type.S' },
      });
    },
  );

  it('the local bus takes from a stream record what the pipe takes: an outbox INSERT, its detail as written', () => {
    const event = { type: 'claim.completed', id: 'claim.completed:C-1:4' };
    const image = {
      pk: { S: 'EVENTS#order:O-1' },
      sk: { S: '0000000003' },
      entity: { S: 'outbox' },
      type: { S: event.type },
      detail: { S: JSON.stringify(event) },
    };
    expect(eventOf({ eventName: 'INSERT', dynamodb: { NewImage: image } })).toEqual(event);
    expect(eventOf({ eventName: 'REMOVE', dynamodb: { NewImage: image } })).toBeUndefined();
    expect(
      eventOf({ eventName: 'INSERT', dynamodb: { NewImage: { ...image, entity: { S: 'order' } } } }),
    ).toBeUndefined();
  });

  it(
    'the bus is archived for replay; the dead-letter queues alarm to the operator; accounting gets the money ' +
      'events',
    () => {
      template.hasResourceProperties('AWS::Events::Archive', {
        RetentionDays: 365,
        EventPattern: { source: [EVENT_SOURCE] },
      });
      const deadLetterAlarms = Object.values(resources).filter(
        (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
      );
      expect(deadLetterAlarms).toHaveLength(2);
      for (const alarm of deadLetterAlarms)
        expect(alarm.Properties).toMatchObject({
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [expect.anything()],
        });
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: [EVENT_SOURCE], 'detail-type': ACCOUNTING_EVENT_TYPES },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Accounting'), 'Arn'] },
            DeadLetterConfig: Match.anyValue(),
          }),
        ],
      });
    },
  );
});
