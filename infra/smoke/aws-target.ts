// npm run smoke's steps on the deployed stack, from its outputs (cdk-outputs.json): Cognito's
// sign-in (password and authenticator code, as npm run admin -- sign-in), a replay of the archive
// into the smoke's own queue, and an alarm set to ALARM whose history says whether CloudWatch
// could publish to the topic.

import { CloudWatchClient, DescribeAlarmHistoryCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Ask } from '../admin/commands.js';
import { signIn } from '../admin/commands.js';
import type { SmokeTarget } from './smoke.js';

/** The stack's outputs npm run smoke reads. */
export interface SmokeOutputs {
  ApiUrl: string;
  UserPoolClientId: string;
  EventArchiveName: string;
  EventBusArn: string;
  ReplayRuleArn: string;
  ReplayQueueUrl: string;
  SmokeAlarmName: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function awsTarget(
  outputs: SmokeOutputs,
  users: { operatorEmail: string; sellerEmail: string; sellerId: string },
  ask: Ask,
  say: (line: string) => void,
): SmokeTarget {
  const cognito = new CognitoIdentityProviderClient({});
  return {
    apiUrl: outputs.ApiUrl,
    sellerId: users.sellerId,
    sellerEmail: users.sellerEmail,
    signIn: (role) => {
      const email = role === 'operator' ? users.operatorEmail : users.sellerEmail;
      say(`Signing in as ${email} (${role})`);
      return signIn(cognito, outputs.UserPoolClientId, email, ask, say);
    },
    archivedEvent: async (orderNo, since) => {
      const events = new EventBridgeClient({});
      const sqs = new SQSClient({});
      const { ArchiveArn } = await events.send(new DescribeArchiveCommand({ ArchiveName: outputs.EventArchiveName }));
      // An event reaches the archive some minutes after the bus: replay until it is there.
      const deadline = Date.now() + 20 * 60_000;
      for (let round = 1; ; round++) {
        const name = `smoke-${Date.now()}`;
        await events.send(
          new StartReplayCommand({
            ReplayName: name,
            EventSourceArn: ArchiveArn,
            EventStartTime: new Date(since.getTime() - 60_000),
            EventEndTime: new Date(),
            Destination: { Arn: outputs.EventBusArn, FilterArns: [outputs.ReplayRuleArn] },
          }),
        );
        for (let state = 'STARTING'; !['COMPLETED', 'FAILED', 'CANCELLED'].includes(state); await sleep(5000)) {
          const replay = await events.send(new DescribeReplayCommand({ ReplayName: name }));
          state = replay.State ?? 'STARTING';
          if (state === 'FAILED') throw new Error(`replay ${name} failed: ${replay.StateReason ?? ''}`);
        }
        for (let empty = 0; empty < 2; ) {
          const { Messages = [] } = await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: outputs.ReplayQueueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 10,
            }),
          );
          if (Messages.length === 0) empty++;
          if (Messages.length > 0)
            await sqs.send(
              new DeleteMessageBatchCommand({
                QueueUrl: outputs.ReplayQueueUrl,
                Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
              }),
            );
          const found = Messages.map((m) => JSON.parse(m.Body ?? '{}') as Record<string, unknown>).find((event) =>
            JSON.stringify(event.detail ?? '').includes(orderNo),
          );
          if (found) return { event: found, from: `replay ${name} of archive ${outputs.EventArchiveName}` };
        }
        if (Date.now() > deadline)
          throw new Error(`no event of ${orderNo} in archive ${outputs.EventArchiveName} after ${round} replays`);
        say(`No event of ${orderNo} in the archive yet (replay ${round}); trying again in a minute`);
        await sleep(60_000);
      }
    },
    alarmDelivered: async () => {
      const cloudwatch = new CloudWatchClient({});
      const at = new Date();
      await cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: outputs.SmokeAlarmName,
          StateValue: 'ALARM',
          StateReason: 'npm run smoke: does an alarm reach the operator’s topic?',
        }),
      );
      try {
        for (let waited = 0; waited < 120_000; waited += 5000) {
          await sleep(5000);
          const { AlarmHistoryItems = [] } = await cloudwatch.send(
            new DescribeAlarmHistoryCommand({
              AlarmName: outputs.SmokeAlarmName,
              HistoryItemType: 'Action',
              StartDate: at,
            }),
          );
          const action = AlarmHistoryItems.find((item) =>
            /executed action|execute action/i.test(item.HistorySummary ?? ''),
          );
          // CloudWatch records each action: "Successfully executed action arn:aws:sns:…"
          // or "Failed to execute action …".
          if (action)
            return {
              delivered: /^Successfully/.test(action.HistorySummary ?? ''),
              detail: `${outputs.SmokeAlarmName}: ${action.HistorySummary ?? ''}`,
            };
        }
        return {
          delivered: false,
          detail: `${outputs.SmokeAlarmName}: no action in its history two minutes after ALARM`,
        };
      } finally {
        await cloudwatch.send(
          new SetAlarmStateCommand({
            AlarmName: outputs.SmokeAlarmName,
            StateValue: 'OK',
            StateReason: 'npm run smoke: done',
          }),
        );
      }
    },
  };
}
