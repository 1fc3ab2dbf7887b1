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
  /** EventBridge: custom events put on a bus, each 64 KB a chunk. */
  eventBridgePerEvent: 1.0 / 1e6,
  /** EventBridge Pipes: per request after the filter, each 64 KB a chunk. */
  pipesPerRequest: 0.4 / 1e6,
  /** EventBridge archive: per GB archived, and per GB-month kept. */
  archivePerGb: 0.1,
  archivePerGbMonth: 0.023,
  /** SQS standard: per request, each 64 KB a chunk (a message is sent, received and deleted: 3). */
  sqsPerRequest: 0.4 / 1e6,
  /** CloudWatch Logs: per GB ingested (Standard class; Lambda's logs are tiered from the same first-tier price). */
  logsPerGb: 0.5,
  /** CloudWatch Logs: per GB-month stored. */
  logsPerGbMonth: 0.03,
  /** X-Ray: per trace recorded (Lambda samples the first request each second and 5% of the rest). */
  xrayPerTrace: 5.0 / 1e6,
  /** Monthly: a standard-resolution metric alarm; a customer-managed KMS key; a secret. */
  alarmPerMonth: 0.1,
  kmsKeyPerMonth: 1.0,
  secretPerMonth: 0.4,
  /** DynamoDB Streams read by a consumer other than Lambda (the pipe): per 100,000 GetRecords calls. */
  streamReadsPer100k: 0.02,
  /** Cognito's Plus tier (the user pool's feature plan): per monthly active user, none free. */
  cognitoPlusPerMau: 0.02,
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
        ? PRICES.sfnExpressPerRequest +
          Math.max(0.1, Math.ceil((usage.expressSeconds ?? 0) * 10) / 10) * 0.0625 * PRICES.sfnExpressPerGbSecond
        : 0;
  const lines = {
    stepFunctions: sfn * m,
    lambda:
      (usage.lambdaInvocations * PRICES.lambdaPerRequest +
        usage.lambdaSeconds * LAMBDA_MEMORY_GB * PRICES.lambdaArmPerGbSecond) *
      m,
    dynamodb: (usage.writeUnits * PRICES.dynamoPerWriteUnit + usage.readUnits * PRICES.dynamoPerReadUnit) * m,
    ses: usage.emails * PRICES.sesPerEmail * m,
    api: usage.apiRequests * PRICES.httpApiPerRequest * m,
    logs: ((usage.logBytes ?? 0) / 2 ** 30) * PRICES.logsPerGb * m,
  };
  return { ...lines, total: Object.values(lines).reduce((a, b) => a + b, 0) };
}
