// The account's quotas, as the local stand-ins enforce them: SES's sending rate and daily quota,
// Lambda's concurrent executions, Step Functions' StartExecution token bucket. The default is a
// new production account in us-east-1 (the local region); each can be set, lower for a test or
// higher for an account whose quotas were raised.

/** What the stand-ins hold the stack to. */
export interface AccountQuotas {
  /** SES: messages (recipients) a second, and in any 24 hours. */
  ses: { maxSendRate: number; max24HourSend: number };
  /** Lambda: invocations in flight at once, across every function of the account and region. */
  lambda: { concurrentExecutions: number };
  /** Step Functions' StartExecution: a token bucket per account and region. */
  stepFunctions: { startExecutionBucket: number; startExecutionRefillPerSecond: number };
}

/**
 * A new account out of SES's sandbox. SES no longer publishes a starting rate ("varies based on
 * your use case"); new production accounts have been given 14 a second and 50,000 a day. Lambda's
 * quotas page says only that new accounts have "reduced concurrency"; new accounts report 10.
 * StartExecution: 1,300 tokens, 300 a second, in us-east-1, us-west-2 and eu-west-1 (800 and 150
 * elsewhere), from Step Functions' quotas page.
 */
export const NEW_PRODUCTION_ACCOUNT: AccountQuotas = {
  ses: { maxSendRate: 14, max24HourSend: 50_000 },
  lambda: { concurrentExecutions: 10 },
  stepFunctions: { startExecutionBucket: 1300, startExecutionRefillPerSecond: 300 },
};

/** SES's sandbox: 1 message a second, 200 a day. */
export const SES_SANDBOX_QUOTA: AccountQuotas['ses'] = { maxSendRate: 1, max24HourSend: 200 };

/** Lambda's default account concurrency once raised to it, for stacks that test behaviour rather than quotas. */
export const RAISED_ACCOUNT: AccountQuotas = {
  ses: { maxSendRate: 200, max24HourSend: 1_000_000 },
  lambda: { concurrentExecutions: 1000 },
  stepFunctions: NEW_PRODUCTION_ACCOUNT.stepFunctions,
};

export type QuotaOverrides = { [K in keyof AccountQuotas]?: Partial<AccountQuotas[K]> };

export function accountQuotas(
  overrides: QuotaOverrides = {},
  base: AccountQuotas = NEW_PRODUCTION_ACCOUNT,
): AccountQuotas {
  return {
    ses: { ...base.ses, ...overrides.ses },
    lambda: { ...base.lambda, ...overrides.lambda },
    stepFunctions: { ...base.stepFunctions, ...overrides.stepFunctions },
  };
}

/**
 * A token bucket, as AWS throttles: `capacity` tokens at most, `refillPerSecond` added back
 * continuously. A request that finds too few tokens is refused, not queued.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  take(count = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.refillPerSecond);
    this.at = now;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}

/** What was counted in the last 24 hours (SES's daily quota is a rolling window, not a calendar day). */
export class RollingDay {
  private readonly times: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  count(): number {
    const cutoff = this.now() - 24 * 3600_000;
    while (this.times.length > 0 && this.times[0]! <= cutoff) this.times.shift();
    return this.times.length;
  }

  add(count = 1): void {
    for (let i = 0; i < count; i++) this.times.push(this.now());
  }
}
