// The operator's alarm topic and the key that encrypts it (and the mail-feedback topic), in the
// stack itself (their logical ids are the stack's). A customer-managed key: the AWS-managed SNS key
// does not let CloudWatch (or SES) publish. CloudWatch acts for this account's alarms only
// (aws:SourceAccount, aws:SourceArn), on the key as on the topic.

import { ArnFormat, Aws, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';

export function operatorTopic(stack: Stack, operatorEmail: string): { topicKey: kms.Key; alarmTopic: sns.Topic } {
  const topicKey = new kms.Key(stack, 'TopicKey', {
    enableKeyRotation: true,
    description: 'Encrypts the alarm and mail-feedback topics; CloudWatch alarms and SES may use it to publish.',
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const anyAlarm = stack.formatArn({
    service: 'cloudwatch',
    resource: 'alarm',
    resourceName: '*',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const fromAlarms = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': anyAlarm } };
  const publishers = {
    'cloudwatch.amazonaws.com': fromAlarms,
    'ses.amazonaws.com': { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
  };
  for (const [service, conditions] of Object.entries(publishers)) {
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${service.split('.')[0]}ToPublish`,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );
  }
  const alarmTopic = new sns.Topic(stack, 'Alarms', {
    enforceSSL: true,
    masterKey: topicKey,
    displayName: 'Order claims alarms',
  });
  // enforceSSL writes a topic policy, which replaces SNS's default one: without this statement
  // nothing lets CloudWatch publish, and no alarm reaches the operator.
  alarmTopic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [alarmTopic.topicArn],
      conditions: fromAlarms,
    }),
  );
  alarmTopic.addSubscription(new subscriptions.EmailSubscription(operatorEmail));
  return { topicKey, alarmTopic };
}
