// npm run smoke's steps on the local stack (the tests run them): tokens from the local token
// command, the event from the local bus (which keeps no archive), and the alarm's delivery
// answered from the synthesized policies: whether CloudWatch may publish an alarm of this account
// to the alarm topic and use its key, as AWS would evaluate it. No mail is sent.

import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../local/lambda-runtime.js';
import type { PolicyDocument } from '../../local/iam/intrinsics.js';
import { LocalIam } from '../../local/iam/local-iam.js';
import { synthesizedStack } from '../../local/iam/synthesized-stack.js';
import { localSecretArn } from '../../local/secrets-local.js';
import { LOCAL_CONFIGURATION_SET, LOCAL_SETTINGS, LOCAL_TABLE, LOCAL_WEBHOOK_SECRET_NAME } from '../../local/stack.js';
import { mintLocalToken } from '../../local/tokens.js';
import type { SmokeTarget } from './smoke.js';

export function localTarget(apiUrl: string, sellerId = 'S-SMOKE'): SmokeTarget {
  return {
    apiUrl,
    sellerId,
    sellerEmail: 'smoke@orders.example.com',
    signIn: (role) => mintLocalToken(role, role === 'seller' ? sellerId : 'OP-SMOKE'),
    archivedEvent: async (orderNo) => {
      const events = (await (await fetch(`${apiUrl}/__events?partitionkey=order:${orderNo}`)).json()) as {
        type: string;
      }[];
      if (events.length === 0) throw new Error(`no event of ${orderNo} on the local bus`);
      return {
        skipped:
          `locally: the local bus keeps no archive and replays nothing; ${events.length} events of ` +
          `${orderNo} are on it (GET /__events), each an object, which is all the local pipe can make of them`,
      };
    },
    alarmDelivered: async () => {
      const iam = new LocalIam(await synthesizedStack(LOCAL_SETTINGS), {
        tableName: LOCAL_TABLE,
        secretArn: localSecretArn(LOCAL_WEBHOOK_SECRET_NAME),
        configurationSet: LOCAL_CONFIGURATION_SET,
      });
      const { Resources, Outputs } = iam.template as unknown as {
        Resources: Record<string, { Type: string; Properties: any }>;
        Outputs: Record<string, { Value: unknown }>;
      };
      const topicId = (Outputs.AlarmTopicArn!.Value as { Ref: string }).Ref;
      const alarm = `arn:aws:cloudwatch:${LOCAL_REGION}:${LOCAL_ACCOUNT}:alarm:${iam.resolve<string>(Outputs.SmokeAlarmName!.Value)}`;
      const topicPolicy = Object.values(Resources).find(
        (r) =>
          r.Type === 'AWS::SNS::TopicPolicy' &&
          (r.Properties.Topics as { Ref: string }[]).some((t) => t.Ref === topicId),
      );
      if (!topicPolicy) throw new Error('the alarm topic has no policy');
      const keyId = Resources[topicId]!.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
      const checks = [
        {
          action: 'sns:Publish',
          resource: iam.resolve<string>({ Ref: topicId }),
          policy: topicPolicy.Properties.PolicyDocument,
        },
        ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
          action,
          resource: iam.resolve<string>({ 'Fn::GetAtt': [keyId, 'Arn'] }),
          policy: Resources[keyId]!.Properties.KeyPolicy,
        })),
      ];
      for (const check of checks) {
        const outcome = await iam.servicePermits(iam.resolve<PolicyDocument>(check.policy), {
          service: 'cloudwatch.amazonaws.com',
          action: check.action,
          resource: check.resource,
          source: alarm,
        });
        if (outcome !== 'Allowed')
          return {
            delivered: false,
            detail:
              `CloudWatch may not ${check.action} on ${check.resource} (${outcome}): no alarm would reach the ` +
              `operator`,
          };
      }
      return {
        delivered: true,
        detail:
          'locally: the alarm topic’s policy and its key’s let CloudWatch publish an alarm of this account ' +
          '(evaluated from the synthesized template; no mail is sent)',
      };
    },
  };
}
