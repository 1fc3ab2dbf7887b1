// What each part of the stack writes to CloudWatch Logs in AWS, in one place: the CDK constructs
// set these, and the benchmark models the bytes a cancellation logs from them. Each is what an
// operator reads and nothing it already has elsewhere (docs/DECISIONS.md, "Logs"). The local
// stack's functions log at WARN unless told otherwise (quiet while developing).

interface LogLevels {
  lambdaApplication: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  lambdaSystem: 'DEBUG' | 'INFO' | 'WARN';
  stepFunctions: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
}

export const LOG_LEVELS: LogLevels = {
  /**
   * Lambda's application level (advanced logging controls, which Powertools' Logger follows): one
   * line per request and per step, warnings and errors.
   */
  lambdaApplication: 'INFO',
  /**
   * Lambda's system level: WARN leaves out the platform.start and platform.report lines INFO adds to
   * every invocation; duration and errors are Lambda's metrics, init time is in the sampled traces.
   */
  lambdaSystem: 'WARN',
  /** Step Functions' execution logs: the failures only; every event of an execution is in its history (90 days). */
  stepFunctions: 'ERROR',
};
