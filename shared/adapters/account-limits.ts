// The account's quotas, read when a bulk job paces itself: SES's sending quota (GetSendQuota) and
// Lambda's unreserved concurrency (GetAccountSettings). Both are free calls with no resource type,
// granted on `*` to the one function that reads them (infra/constructs/handler-function.ts).

import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetSendQuotaCommand, SESClient } from '@aws-sdk/client-ses';
import type { AccountLimits } from '../app/ports/account-limits.js';

export class AwsAccountLimits implements AccountLimits {
  constructor(
    private readonly ses: SESClient = new SESClient({}),
    private readonly lambda: LambdaClient = new LambdaClient({}),
  ) {}

  async sendQuota() {
    const quota = await this.ses.send(new GetSendQuotaCommand({}));
    return {
      maxSendRate: quota.MaxSendRate ?? 1,
      max24HourSend: quota.Max24HourSend ?? 200,
      sentLast24Hours: quota.SentLast24Hours ?? 0,
    };
  }

  async concurrency() {
    const { AccountLimit } = await this.lambda.send(new GetAccountSettingsCommand({}));
    return AccountLimit?.UnreservedConcurrentExecutions ?? AccountLimit?.ConcurrentExecutions ?? 10;
  }
}
