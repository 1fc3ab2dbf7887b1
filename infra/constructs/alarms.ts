// What means trouble, each an alarm that reaches the operator's topic. A nested stack of its own:
// one alarm or two per function would otherwise take a quarter of the stack's 500 resources.

import { Duration, NestedStack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/observability.js';
import type { HandlerFunction } from './handler-function.js';
import type { WorkflowFromFile } from './workflow-from-file.js';

export interface AlarmsProps {
  action: cloudwatch.IAlarmAction;
  workflows: Map<string, WorkflowFromFile>;
  handlers: Map<string, HandlerFunction>;
  stage: HttpStage;
  table: dynamodb.TableV2;
}

export class Alarms extends NestedStack {
  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id, { description: 'Order claims: the alarms that reach the operator' });
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) =>
      new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(props.action);
    const period = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const [key, workflow] of props.workflows) {
      alarm(
        `${key}-failed`,
        workflow.stateMachine.metricFailed(period),
        `Executions of ${key} failed: claims may have ended FAILED or NEEDS_OPERATOR.`,
      );
      alarm(`${key}-timed-out`, workflow.stateMachine.metricTimedOut(period), `Executions of ${key} timed out.`);
      alarm(`${key}-throttled`, workflow.stateMachine.metricThrottled(period), `Step Functions throttled ${key}.`);
    }
    alarm(
      'api-5xx',
      props.stage.metricServerError(period),
      'The API answered 5xx: a bug, or a service it needs failed.',
    );
    alarm(
      'table-throttles',
      new cloudwatch.MathExpression({
        expression: 'SUM(METRICS())',
        usingMetrics: Object.fromEntries(
          ['GetItem', 'Query', 'BatchGetItem', 'TransactWriteItems', 'PutItem', 'UpdateItem'].map((operation, i) => [
            `m${i}`,
            props.table.metricThrottledRequestsForOperation(operation, period),
          ]),
        ),
        period: Duration.minutes(5),
      }),
      'DynamoDB throttled requests to the table.',
    );
    alarm(
      'claims-need-operator',
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'ClaimNeedsOperator',
        dimensionsMap: { service: 'order-claims' },
        ...period,
      }),
      'A claim is waiting on an operator (GET /claims?status=NEEDS_OPERATOR).',
    );
    for (const [name, handler] of props.handlers) {
      alarm(`${name}-throttles`, handler.fn.metricThrottles(period), `Lambda throttled ${name}.`);
      // Workflow steps throw on purpose (a retry, a catch); the execution alarms above cover them.
      if (handler.spec.kind !== 'steps')
        alarm(
          `${name}-errors`,
          handler.fn.metricErrors(period),
          `Function ${name} failed: an unhandled error or a timeout.`,
        );
    }
  }
}
