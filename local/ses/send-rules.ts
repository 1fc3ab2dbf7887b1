// Why SES would refuse a send: its tags, its configuration set, its recipients, the sandbox's
// verified identities, and the account's sending quotas (each recipient counts against both:
// SES's developer guide, "Managing your sending quotas").

import { RollingDay, TokenBucket, type AccountQuotas } from '../quotas.js';
import { isSimulator } from './feedback.js';

export interface SendRefusal {
  status: number;
  code: string;
  message: string;
}

export interface SendRulesOptions {
  configurationSets: string[];
  sandbox?: { verifiedIdentities: string[] };
  quota: AccountQuotas['ses'];
}

const MAX_RECIPIENTS = 50;
const TAG_PART = /^Tags\.member\.\d+\.(Name|Value)$/;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export class SendRules {
  // SES allows a short burst over the rate, not a sustained one: a second's worth of tokens.
  private readonly rate: TokenBucket;
  private readonly sentToday = new RollingDay();
  /** Sends refused for the quotas, for tests (GET /__sent). */
  throttled = 0;

  constructor(private readonly options: SendRulesOptions) {
    this.rate = new TokenBucket(options.quota.maxSendRate, options.quota.maxSendRate);
  }

  sentLast24Hours(): number {
    return this.sentToday.count();
  }

  /** Counts an accepted send against the daily quota. */
  record(recipients: string[]): void {
    this.sentToday.add(recipients.length);
  }

  refusal(form: URLSearchParams, recipients: string[]): SendRefusal | undefined {
    const badTag = [...form.entries()].some(
      ([name, value]) => TAG_PART.test(name) && (!/^[A-Za-z0-9_-]*$/.test(value) || value.length > 256),
    );
    if (badTag)
      return {
        status: 400,
        code: 'InvalidParameterValue',
        message:
          'Tag names and values may contain only ASCII letters, digits, underscores and dashes, up to 256 characters.',
      };
    const configurationSet = form.get('ConfigurationSetName');
    if (configurationSet && !this.options.configurationSets.includes(configurationSet)) {
      return {
        status: 400,
        code: 'ConfigurationSetDoesNotExist',
        message: `Configuration set &lt;${configurationSet}&gt; does not exist.`,
      };
    }
    if (recipients.length === 0)
      return { status: 400, code: 'InvalidParameterValue', message: 'Missing final @domain' };
    if (recipients.length > MAX_RECIPIENTS)
      return { status: 400, code: 'InvalidParameterValue', message: `Recipient count exceeds ${MAX_RECIPIENTS}.` };
    const unverified = this.options.sandbox
      ? [form.get('Source') ?? '', ...recipients].filter((address) => !this.verified(address) && !isSimulator(address))
      : [];
    if (unverified.length > 0) {
      return {
        status: 400,
        code: 'MessageRejected',
        message:
          'Email address is not verified. The following identities failed the check in region US-EAST-1: ' +
          unverified.join(', '),
      };
    }
    const over =
      this.sentToday.count() + recipients.length > this.options.quota.max24HourSend
        ? 'Daily message quota exceeded.'
        : !this.rate.take(recipients.length)
          ? 'Maximum sending rate exceeded.'
          : undefined;
    if (over) {
      this.throttled++;
      return { status: 400, code: 'Throttling', message: over };
    }
    return undefined;
  }

  private verified(address: string): boolean {
    const identities = this.options.sandbox?.verifiedIdentities.map((identity) => identity.toLowerCase()) ?? [];
    return identities.includes(address.toLowerCase()) || identities.includes(domainOf(address));
  }
}
