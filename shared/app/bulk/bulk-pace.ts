// A bulk job's pace, from what the account allows (docs/DECISIONS.md, "A bulk job at the account's
// pace"): its lines start no faster than its share of SES's sending rate allows for their e-mails,
// no more of its claims run at once than its share of Lambda's concurrency, and it stops for the
// day's quota. The rest of the account (single cancellations, messages, the API) keeps the rest.

import type { AccountLimits } from '../ports/account-limits.js';

/** E-mails one line sends: the buyer's notice, the claim's completion, its refund's notice. */
export const EMAILS_PER_LINE = 3;
/** The share of SES's sending rate and of the day's remaining quota a job takes. */
export const SES_SHARE = 0.8;
/** The share of the account's concurrency a job's claims may hold: one claim runs one function at a time. */
export const LAMBDA_SHARE = 0.5;
/** How long a job waits when the day's quota is spent: SES says to wait up to 10 minutes before trying again. */
export const QUOTA_SPENT_WAIT_SECONDS = 600;

export interface BulkPace {
  /** Lines started a second at most. */
  linesPerSecond: number;
  /** The job's claims running at once at most (its own step holds one more function). */
  maxInFlight: number;
  /** Lines the rest of the day's quota allows. */
  linesToday: number;
}

export async function bulkPace(limits: AccountLimits): Promise<BulkPace> {
  const [quota, concurrency] = await Promise.all([limits.sendQuota(), limits.concurrency()]);
  return {
    linesPerSecond: (SES_SHARE * quota.maxSendRate) / EMAILS_PER_LINE,
    maxInFlight: Math.max(1, Math.floor(LAMBDA_SHARE * concurrency) - 1),
    linesToday: Math.max(0, Math.floor((SES_SHARE * (quota.max24HourSend - quota.sentLast24Hours)) / EMAILS_PER_LINE)),
  };
}

/** Starts at most `perSecond`, evenly: each call resolves at its turn (a token bucket of one token). */
export function pacer(
  perSecond: number,
  sleep: (ms: number) => Promise<void>,
  now: () => number = Date.now,
): () => Promise<void> {
  let next = now();
  return async () => {
    const at = Math.max(next, now());
    next = at + 1000 / perSecond;
    if (at > now()) await sleep(at - now());
  };
}
