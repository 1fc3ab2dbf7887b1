// Logging, tracing and metrics, configured once for every function, as Powertools does it: every
// handler wears the same three middlewares (shared/middy.ts), every AWS SDK client is traced, and
// one correlation id — the API request that opened a claim — follows it through its workflows
// into every log line, trace and e-mail. Tokens and personal data are never logged: requests are
// logged by route and ids only.

import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

export const SERVICE_NAME = 'order-claims';
export const METRICS_NAMESPACE = 'OrderClaims';

export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Embedded-metric-format metrics: a log line CloudWatch turns into a metric, no API call. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** X-Ray, through Powertools (off where there is no Lambda tracing: POWERTOOLS_TRACE_ENABLED=false locally). */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/** Every SDK client a function builds goes through here: its calls become subsegments of the trace. */
export const traced = <Client>(client: Client): Client => tracer.captureAWSv3Client(client);

/** The middlewares every handler wears: the Lambda context and correlation id in each log line, a trace, the metrics flushed. */
export const observedBy = (): MiddlewareObj[] => [injectLambdaContext(logger, { resetKeys: true }), captureLambdaHandler(tracer), logMetrics(metrics)];

/** What a correlation id may be when a caller sends its own (X-Correlation-Id): short, and safe in a log, a header and an SES tag. */
export const CORRELATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function correlateWith(id: string | undefined): void {
  if (!id) return;
  logger.setCorrelationId(id);
  tracer.putAnnotation('correlationId', id);
}

/** The correlation id of the invocation under way, if any: for the e-mail tags and the payment calls. */
export const currentCorrelationId = (): string | undefined => {
  const id = logger.getCorrelationId();
  return typeof id === 'string' && CORRELATION_ID.test(id) ? id : undefined;
};

export type ClaimOutcome = 'COMPLETED' | 'FAILED' | 'NEEDS_OPERATOR' | 'WITHDRAWN';

/** One metric per claim outcome (ClaimCompleted, ClaimFailed, ClaimNeedsOperator, ClaimWithdrawn), counted where the outcome is written. */
export function countClaimOutcome(outcome: ClaimOutcome): void {
  const name = { COMPLETED: 'ClaimCompleted', FAILED: 'ClaimFailed', NEEDS_OPERATOR: 'ClaimNeedsOperator', WITHDRAWN: 'ClaimWithdrawn' }[outcome];
  metrics.addMetric(name, MetricUnit.Count, 1);
}
