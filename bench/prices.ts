// AWS list prices the cost model uses, in one place, with the day they were read. us-east-1,
// on-demand, no free tier. Change them here and the next `npm run bench` re-models every row.

export const PRICES = {
  readOn: '2026-11-29',
  region: 'us-east-1',
  /** Step Functions Standard: per state transition. */
  sfnStandardPerTransition: 0.025 / 1000,
  /** Step Functions Express: per request, and per GB-second of duration (64 MB minimum, 100 ms steps). */
  sfnExpressPerRequest: 1.0 / 1e6,
  sfnExpressPerGbSecond: 0.00001667,
  /** Lambda on arm64: per request, per GB-second. */
  lambdaPerRequest: 0.2 / 1e6,
  lambdaArmPerGbSecond: 0.0000133334,
  /** DynamoDB on-demand: per write and read request unit. */
  dynamoPerWriteUnit: 0.625 / 1e6,
  dynamoPerReadUnit: 0.125 / 1e6,
  /** SES: per e-mail sent. */
  sesPerEmail: 0.1 / 1000,
  /** API Gateway HTTP API: per request (first 300 million a month). */
  httpApiPerRequest: 1.0 / 1e6,
  /** CloudWatch Logs: per GB ingested (Standard class; Lambda's logs are tiered from the same first-tier price). */
  logsPerGb: 0.5,
  /** X-Ray: per trace recorded (Lambda samples the first request each second and 5% of the rest). */
  xrayPerTrace: 5.0 / 1e6,
} as const;

/** Lambda bills duration in 1 ms steps; every function here has 1024 MB. */
export const LAMBDA_MEMORY_GB = 1;

export interface Usage {
  transitions: number;
  /** Standard (transitions billed) or Express (requests and duration billed). */
  orchestration: 'none' | 'standard' | 'express';
  expressSeconds?: number;
  lambdaInvocations: number;
  lambdaSeconds: number;
  writeUnits: number;
  readUnits: number;
  emails: number;
  apiRequests: number;
  /** CloudWatch Logs bytes ingested (bench/log-bytes.ts). */
  logBytes?: number;
}

/** What one million of something using this much costs, by service, in USD. */
export function costPerMillion(usage: Usage) {
  const m = 1e6;
  const sfn =
    usage.orchestration === 'standard'
      ? usage.transitions * PRICES.sfnStandardPerTransition
      : usage.orchestration === 'express'
        ? PRICES.sfnExpressPerRequest + Math.max(0.1, Math.ceil((usage.expressSeconds ?? 0) * 10) / 10) * 0.0625 * PRICES.sfnExpressPerGbSecond
        : 0;
  const lines = {
    stepFunctions: sfn * m,
    lambda: (usage.lambdaInvocations * PRICES.lambdaPerRequest + usage.lambdaSeconds * LAMBDA_MEMORY_GB * PRICES.lambdaArmPerGbSecond) * m,
    dynamodb: (usage.writeUnits * PRICES.dynamoPerWriteUnit + usage.readUnits * PRICES.dynamoPerReadUnit) * m,
    ses: usage.emails * PRICES.sesPerEmail * m,
    api: usage.apiRequests * PRICES.httpApiPerRequest * m,
    logs: ((usage.logBytes ?? 0) / 2 ** 30) * PRICES.logsPerGb * m,
  };
  return { ...lines, total: Object.values(lines).reduce((a, b) => a + b, 0) };
}
