// The policies a service must pass to do its part, evaluated from the synthesized templates as AWS
// evaluates them: CloudWatch publishing to the alarm topic (and using its key), SES to the
// mail-feedback topic, CloudFront reading the console's bucket, and who may assume the schedule's
// and the pipe's roles.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSite } from '../../infra/constructs/console-hosting.js';
import type { PolicyDocument, Template as Cfn } from '../../local/iam/intrinsics.js';
import { OrderClaimsStack } from '../../infra/stack.js';
import { ACCOUNT, awsReference, evaluate, REGION, resolve } from '../support/template-policies.js';

let main: Cfn;
let site: Cfn;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, 'OrderClaims', {
    noticeFromAddress: 'notices@shop.example',
    operatorEmail: 'support@shop.example',
    paymentsEndpoint: 'https://payments.shop.example/v1',
    env: { account: ACCOUNT, region: REGION },
  });
  main = Template.fromStack(stack).toJSON() as Cfn;
  site = Template.fromStack(stack.node.findChild('ConsoleSite') as ConsoleSite).toJSON() as Cfn;
}, 120_000);

const idOf = (template: Cfn, type: string, prefix: string) => {
  const found = Object.entries(template.Resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]![0];
};
const inMain = (value: unknown) => resolve(value, awsReference(main, 'OrderClaims'));
const topicPolicyOf = (topicId: string) => {
  const [, policy] = Object.entries(main.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::SNS::TopicPolicy' && (r.Properties!.Topics as { Ref: string }[]).some((t) => t.Ref === topicId),
  )!;
  return inMain(policy.Properties!.PolicyDocument) as PolicyDocument;
};
const keyOf = (topicId: string) => {
  const keyId = main.Resources[topicId]!.Properties!.KmsMasterKeyId['Fn::GetAtt'][0] as string;
  return {
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
    policy: inMain(main.Resources[keyId]!.Properties!.KeyPolicy) as PolicyDocument,
  };
};
const trustOf = (roleId: string) =>
  inMain(main.Resources[roleId]!.Properties!.AssumeRolePolicyDocument) as PolicyDocument;
const alarmArn = (account = ACCOUNT) => `arn:aws:cloudwatch:${REGION}:${account}:alarm:OrderClaims-api-5xx`;

describe('CloudWatch alarms reach the operator’s topic', () => {
  it('CloudWatch may publish an alarm of this account to the topic, over TLS, and use its key', async () => {
    const topicId = idOf(main, 'AWS::SNS::Topic', 'Alarms');
    const publish = {
      principal: 'cloudwatch.amazonaws.com',
      action: 'sns:Publish',
      resource: inMain({ Ref: topicId }) as string,
    };
    const fromAlarm = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': alarmArn() };
    expect(await evaluate(topicPolicyOf(topicId), { ...publish, context: fromAlarm })).toBe('Allowed');
    const key = keyOf(topicId);
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt'])
      expect(
        await evaluate(key.policy, {
          principal: 'cloudwatch.amazonaws.com',
          action,
          resource: key.arn,
          context: fromAlarm,
        }),
        action,
      ).toBe('Allowed');
  });

  it('not for another account’s alarm (the confused deputy), nor over plain HTTP', async () => {
    const topicId = idOf(main, 'AWS::SNS::Topic', 'Alarms');
    const publish = {
      principal: 'cloudwatch.amazonaws.com',
      action: 'sns:Publish',
      resource: inMain({ Ref: topicId }) as string,
    };
    expect(
      await evaluate(topicPolicyOf(topicId), {
        ...publish,
        context: { 'aws:SourceAccount': '999999999999', 'aws:SourceArn': alarmArn('999999999999') },
      }),
    ).not.toBe('Allowed');
    expect(
      await evaluate(topicPolicyOf(topicId), {
        ...publish,
        context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': alarmArn(), 'aws:SecureTransport': 'false' },
      }),
    ).toBe('ExplicitlyDenied');
    const key = keyOf(topicId);
    expect(
      await evaluate(key.policy, {
        principal: 'cloudwatch.amazonaws.com',
        action: 'kms:GenerateDataKey',
        resource: key.arn,
        context: { 'aws:SourceAccount': '999999999999', 'aws:SourceArn': alarmArn('999999999999') },
      }),
    ).not.toBe('Allowed');
  });
});

describe('SES reports bounces and complaints to the feedback topic', () => {
  it('SES may publish its configuration set’s events to the topic, and use its key', async () => {
    const topicId = idOf(main, 'AWS::SNS::Topic', 'MailFeedback');
    const configurationSet = idOf(main, 'AWS::SES::ConfigurationSet', 'Mail');
    const fromSes = {
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${configurationSet}`,
    };
    expect(
      await evaluate(topicPolicyOf(topicId), {
        principal: 'ses.amazonaws.com',
        action: 'sns:Publish',
        resource: inMain({ Ref: topicId }) as string,
        context: fromSes,
      }),
    ).toBe('Allowed');
    const key = keyOf(topicId);
    expect(
      await evaluate(key.policy, {
        principal: 'ses.amazonaws.com',
        action: 'kms:GenerateDataKey',
        resource: key.arn,
        context: fromSes,
      }),
    ).toBe('Allowed');
    const elsewhere = {
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/another`,
    };
    expect(
      await evaluate(topicPolicyOf(topicId), {
        principal: 'ses.amazonaws.com',
        action: 'sns:Publish',
        resource: inMain({ Ref: topicId }) as string,
        context: elsewhere,
      }),
    ).not.toBe('Allowed');
  });
});

describe('CloudFront serves the console', () => {
  it('the distribution may read the console’s files, over TLS; another distribution may not', async () => {
    const inSite = (value: unknown) => resolve(value, awsReference(site, 'ConsoleSite'));
    const bucketId = idOf(site, 'AWS::S3::Bucket', 'Files');
    const distributionId = idOf(site, 'AWS::CloudFront::Distribution', 'Distribution');
    const [, policy] = Object.entries(site.Resources).find(
      ([, r]) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties!.Bucket.Ref === bucketId,
    )!;
    const read = {
      principal: 'cloudfront.amazonaws.com',
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${inSite({ Ref: bucketId }) as string}/index.html`,
    };
    const from = (distribution: string) => ({
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/${distribution}`,
    });
    const document = inSite(policy.Properties!.PolicyDocument) as PolicyDocument;
    expect(await evaluate(document, { ...read, context: from(distributionId) })).toBe('Allowed');
    expect(await evaluate(document, { ...read, context: from('EANOTHERONE') })).not.toBe('Allowed');
    expect(
      await evaluate(document, { ...read, context: { ...from(distributionId), 'aws:SecureTransport': 'false' } }),
    ).toBe('ExplicitlyDenied');
  });
});

describe('who may assume the schedule’s and the pipe’s roles', () => {
  it('EventBridge Scheduler, for this account’s default schedule group only', async () => {
    const [, schedule] = Object.entries(main.Resources).find(([, r]) => r.Type === 'AWS::Scheduler::Schedule')!;
    const roleId = schedule.Properties!.Target.RoleArn['Fn::GetAtt'][0] as string;
    const assume = {
      principal: 'scheduler.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCOUNT}:role/${roleId}`,
    };
    const group = (account: string) => ({
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:aws:scheduler:${REGION}:${account}:schedule-group/default`,
    });
    expect(await evaluate(trustOf(roleId), { ...assume, context: group(ACCOUNT) })).toBe('Allowed');
    expect(await evaluate(trustOf(roleId), { ...assume, context: group('999999999999') })).not.toBe('Allowed');
    expect(
      await evaluate(trustOf(roleId), { ...assume, principal: 'lambda.amazonaws.com', context: group(ACCOUNT) }),
    ).not.toBe('Allowed');
  });

  it('EventBridge Pipes, for a pipe of this account only', async () => {
    const [, pipe] = Object.entries(main.Resources).find(([, r]) => r.Type === 'AWS::Pipes::Pipe')!;
    const roleId = pipe.Properties!.RoleArn['Fn::GetAtt'][0] as string;
    const assume = {
      principal: 'pipes.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCOUNT}:role/${roleId}`,
    };
    const fromPipe = (account: string) => ({
      'aws:SourceAccount': account,
      'aws:SourceArn': `arn:aws:pipes:${REGION}:${account}:pipe/outbox`,
    });
    expect(await evaluate(trustOf(roleId), { ...assume, context: fromPipe(ACCOUNT) })).toBe('Allowed');
    expect(await evaluate(trustOf(roleId), { ...assume, context: fromPipe('999999999999') })).not.toBe('Allowed');
  });
});
