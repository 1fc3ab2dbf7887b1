import type { AccountLimits } from '../../shared/app/ports/account-limits.js';

/** What the account allows, as SES's GetSendQuota and Lambda's GetAccountSettings would answer. */
export class FakeAccountLimits implements AccountLimits {
  constructor(
    public quota = { maxSendRate: 100_000, max24HourSend: 1_000_000, sentLast24Hours: 0 },
    public concurrent = 100_000,
  ) {}

  async sendQuota() {
    return this.quota;
  }

  async concurrency() {
    return this.concurrent;
  }
}
