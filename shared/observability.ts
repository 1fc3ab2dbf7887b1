// Logging and metrics, configured once for every function (Powertools). Tokens and personal data
// are never logged: requests are logged by route and ids only.

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE_NAME = 'order-claims';
export const METRICS_NAMESPACE = 'OrderClaims';

export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Embedded-metric-format metrics: a log line CloudWatch turns into a metric, no API call. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
