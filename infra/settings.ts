// What a deployment must be told: where notices come from, who the operator is, where the payment
// gateway is. No defaults: a placeholder would deploy a stack that cannot send a mail or pay a
// refund, so a missing value stops the synth with the context key that gives it.

import * as z from 'zod';

const REQUIRED = {
  noticeFromAddress: {
    schema: z.email(),
    what: 'the address buyer notices come from (its SES identity is created and must be verified)',
    example: 'notices@your-domain.example',
  },
  operatorEmail: {
    schema: z.email(),
    what: 'where claims that need an operator and the alarms are reported',
    example: 'support@your-domain.example',
  },
  paymentsEndpoint: {
    schema: z.url({ protocol: /^https$/ }),
    what: 'the payment gateway’s base URL, https (docs/PAYMENTS.md)',
    example: 'https://your-payment-gateway.example/v1',
  },
} as const;

const OPTIONAL = {
  /** JSON: which payment methods only an operator may cancel. */
  sellerCancelPolicy: z.string().optional(),
  /** JSON: refund fee (JPY) by payment method. */
  refundFees: z.string().optional(),
  /** Cognito's hosted UI at https://<prefix>.auth.<region>.amazoncognito.com: unique in the region. */
  signInDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'may not contain aws, amazon or cognito')
    .optional(),
};

export interface DeploymentSettings {
  noticeFromAddress: string;
  operatorEmail: string;
  paymentsEndpoint: string;
  sellerCancelPolicy?: string;
  refundFees?: string;
  signInDomainPrefix?: string;
}

export class MissingSettingError extends Error {
  override name = 'MissingSettingError';
}

/** The settings from CDK context (`-c key=value`), each checked; a missing or malformed one is named. */
export function deploymentSettings(context: (key: string) => unknown): DeploymentSettings {
  const problems: string[] = [];
  const settings: Record<string, string> = {};
  for (const [key, { schema, what, example }] of Object.entries(REQUIRED)) {
    const value = context(key);
    if (value === undefined || value === '') {
      problems.push(`Missing context key '${key}': ${what}. Give it with -c ${key}=${example}`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) problems.push(`Context key '${key}' is not valid (${String(value)}): ${what}.`);
    else settings[key] = parsed.data;
  }
  for (const [key, schema] of Object.entries(OPTIONAL)) {
    const value = context(key);
    if (value === undefined) continue;
    const parsed = schema.safeParse(typeof value === 'string' ? value : JSON.stringify(value));
    if (!parsed.success) problems.push(`Context key '${key}' is not valid.`);
    else if (parsed.data !== undefined) settings[key] = parsed.data;
  }
  if (problems.length > 0)
    throw new MissingSettingError(
      `The deployment is not configured:\n  - ${problems.join('\n  - ')}\n(README, "Deploying")`,
    );
  return settings as unknown as DeploymentSettings;
}
