// What each part of the stack writes to CloudWatch Logs in AWS, in one place: the CDK constructs
// set these, and the benchmark models the bytes a cancellation logs from them (docs/DECISIONS.md,
// "Logs"). The local stack's functions log at WARN unless told otherwise (quiet while developing).

export const LOG_LEVELS = {
  /** Lambda's application log level (advanced logging controls): Powertools' lines at and above it reach CloudWatch. */
  lambdaApplication: 'INFO',
  /** Lambda's system log level: INFO adds a platform.start and a platform.report line to every invocation. */
  lambdaSystem: 'INFO',
  /** Step Functions' execution logs: ALL writes every history event, ERROR only the failures. */
  stepFunctions: 'ALL',
} as const;
