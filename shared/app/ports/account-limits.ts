// What the account allows: SES's sending quota and Lambda's concurrency, read when work is paced.

/** What the account allows, read when work is paced (SES's GetSendQuota, Lambda's GetAccountSettings). */
export interface AccountLimits {
  sendQuota(): Promise<{ maxSendRate: number; max24HourSend: number; sentLast24Hours: number }>;
  /** Concurrent executions the account's functions share (unreserved). */
  concurrency(): Promise<number>;
}
