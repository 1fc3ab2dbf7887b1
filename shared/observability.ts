// Logging and metrics, configured once for every function, as Powertools does it: every handler
// wears the same middlewares (shared/middy.ts), every AWS SDK client is observed
// (shared/aws-calls.ts), and one correlation id — the API request that opened a claim — follows it
// through its workflows into every log line and e-mail. Traces are Lambda's and Step Functions'
// own (active tracing, set in CDK): the SDK passes the invocation's trace header on to every AWS
// call, so a workflow an API request starts joins the request's trace, and each log line carries
// the trace id (xray_trace_id) beside the correlation id. No tracing library is bundled
// (docs/DECISIONS.md, "Tracing"). Tokens and personal data are never logged: requests are logged by
// route and ids only.

import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { type ClaimOutcome, reportTo } from './app/common/telemetry.js';
import { forgetAwsCalls } from './aws-calls.js';

export const SERVICE_NAME = 'order-claims';
export const METRICS_NAMESPACE = 'OrderClaims';

export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Embedded-metric-format metrics (a log line CloudWatch makes a metric of, no API call), built at the first count. */
let metrics: Metrics | undefined;

/**
 * Publishes what the invocation counted, if it counted anything: Powertools' own middleware would
 * log "No application metrics to publish" on every invocation that counted nothing.
 */
const publishCountedMetrics = (): MiddlewareObj => {
  const publish = () => {
    if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/** What every handler wears: the context and correlation id on each log line, AWS calls counted, metrics published. */
export const observedBy = (): MiddlewareObj[] => [
  injectLambdaContext(logger, { resetKeys: true }),
  { before: forgetAwsCalls },
  publishCountedMetrics(),
];

/**
 * What a correlation id may be when a caller sends its own (X-Correlation-Id): short, and safe in a log, a header and
 * an SES tag.
 */
export const CORRELATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function correlateWith(id: string | undefined): void {
  if (id) logger.setCorrelationId(id);
}

/** The correlation id of the invocation under way, if any: for the e-mail tags and the payment calls. */
export const currentCorrelationId = (): string | undefined => {
  const id = logger.getCorrelationId();
  return typeof id === 'string' && CORRELATION_ID.test(id) ? id : undefined;
};

/**
 * One metric per claim outcome (ClaimCompleted, ClaimFailed, ClaimNeedsOperator, ClaimWithdrawn), counted where the
 * outcome is written.
 */
function countClaimOutcome(outcome: ClaimOutcome): void {
  const name = {
    COMPLETED: 'ClaimCompleted',
    FAILED: 'ClaimFailed',
    NEEDS_OPERATOR: 'ClaimNeedsOperator',
    WITHDRAWN: 'ClaimWithdrawn',
  }[outcome];
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  metrics.addMetric(name, MetricUnit.Count, 1);
}

// The use cases' telemetry port, plugged in as soon as a function loads its observability.
reportTo({
  warn: (message, fields) => logger.warn(message, fields),
  error: (message, fields) => logger.error(message, fields),
  claimOutcome: countClaimOutcome,
});
