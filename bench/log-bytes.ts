// The CloudWatch Logs bytes of a seller cancellation, as AWS would ingest them with the log levels
// the stack sets (infra/log-levels.ts). Measured: every line the functions wrote during the run
// (the local stack runs them at the deployed application level). Modeled from the run's counts:
// Lambda's own platform lines per invocation, Step Functions' execution log events (one per history
// event, without execution data), and the HTTP API's access log line per request. CloudWatch counts
// each event's UTF-8 message plus 26 bytes (PutLogEvents' own size rule).

import { randomBytes, randomUUID } from 'node:crypto';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { LOG_LEVELS } from '../infra/log-levels.js';
import type { ACCESS_LOG_FIELDS } from '../infra/stack.js';

const EVENT_OVERHEAD = 26;
const ingested = (message: string) => Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const traceHeader = () => `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex(12)};Parent=${hex(8)};Sampled=1`;

/** What Lambda writes for an invocation at system level INFO, in the JSON log format. */
function platformLines(durationMs: number): string[] {
  const requestId = randomUUID();
  const tracing = { spanId: hex(8), type: 'X-Amzn-Trace-Id', value: traceHeader() };
  const time = new Date().toISOString();
  return [
    JSON.stringify({ time, type: 'platform.start', record: { requestId, version: '$LATEST', tracing } }),
    JSON.stringify({
      time,
      type: 'platform.report',
      record: {
        requestId,
        metrics: { durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMB: 1024, maxMemoryUsedMB: 143 },
        tracing,
        status: 'success',
      },
    }),
  ];
}

const FAILURE = /(Failed|TimedOut|Aborted)$/;
const DATA_FIELDS = new Set(['input', 'output', 'parameters', 'inputDetails', 'outputDetails']);

/** One Step Functions log event per history event, its details without execution data (includeExecutionData: false). */
function executionLogLine(event: HistoryEvent, executionArn: string): string {
  const detailsKey = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const eventDetails = detailsKey ? (event as unknown as Record<string, Record<string, unknown>>)[detailsKey]! : {};
  const details = Object.fromEntries(Object.entries(eventDetails).filter(([key]) => !DATA_FIELDS.has(key)));
  const timestamp = event.timestamp instanceof Date ? event.timestamp.getTime() : Date.now();
  return JSON.stringify({
    id: String(event.id),
    type: event.type,
    details,
    previous_event_id: String(event.previousEventId ?? 0),
    event_timestamp: String(timestamp),
    execution_arn: executionArn,
    redrive_count: '0',
  });
}

/** The HTTP API's access log line (ACCESS_LOG_FIELDS), with values of a real request's length. */
function accessLogLine(routeKey: string): string {
  const values: Record<keyof typeof ACCESS_LOG_FIELDS, string> = {
    requestId: `${randomBytes(12).toString('base64url')}=`,
    time: '07/Dec/2026:16:00:00 +0000',
    routeKey,
    status: '202',
    protocol: 'HTTP/1.1',
    responseLength: '196',
    responseLatency: '143',
    integrationLatency: '141',
    integrationError: '-',
    authorizerError: '-',
    ip: '203.0.113.10',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0',
  };
  return JSON.stringify(values);
}

export interface LogRun {
  /** Every line the functions wrote during the measured run. */
  appLines: string[];
  /** Invocations during the run, and their mean duration (ms). */
  invocations: number;
  meanDurationMs: number;
  /** The API requests of the run, by route key. */
  apiRequests: string[];
  /** Each execution of the run: its ARN and history. */
  executions: { executionArn: string; events: HistoryEvent[] }[];
  cancellations: number;
}

/** Bytes per cancellation, by log group kind, at the deployed levels; and what each would be at its other level. */
export function logBytesPerCancellation(run: LogRun) {
  const perCancellation = (bytes: number) => bytes / run.cancellations;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const platform = perCancellation(run.invocations * sum(platformLines(run.meanDurationMs).map(ingested)));
  const allEvents = run.executions.flatMap(({ executionArn, events }) => {
    return events.map((event) => ({ event, bytes: ingested(executionLogLine(event, executionArn)) }));
  });
  const executionsAll = perCancellation(sum(allEvents.map((e) => e.bytes)));
  const failures = allEvents.filter((e) => FAILURE.test(e.event.type ?? ''));
  const executionsError = perCancellation(sum(failures.map((e) => e.bytes)));
  const groups = {
    application: perCancellation(sum(run.appLines.map(ingested))),
    platform: LOG_LEVELS.lambdaSystem === 'INFO' ? platform : 0,
    executions: LOG_LEVELS.stepFunctions === 'ALL' ? executionsAll : executionsError,
    access: perCancellation(sum(run.apiRequests.map((routeKey) => ingested(accessLogLine(routeKey))))),
  };
  // What the AWS calls add to the functions' lines (shared/aws-calls.ts), the X-Ray subsegments' stand-in.
  const awsCalls = sum(run.appLines.map((line) => /,"awsCalls":\{[^}]*\}/.exec(line)?.[0].length ?? 0));
  return {
    groups,
    total: sum(Object.values(groups)),
    awsCallsBytes: perCancellation(awsCalls),
    alternatives: { platformAtInfo: platform, executionsAtAll: executionsAll, executionsAtError: executionsError },
    linesPerCancellation: run.appLines.length / run.cancellations,
  };
}

const shortened = (message: string) => (message.length > 60 ? `${message.slice(0, 57)}…` : message);

/** The functions' lines per cancellation by message (a JSON line's `message`, else its start), most first. */
export function topMessages(lines: string[], cancellations: number, count = 8): string {
  const byMessage = new Map<string, number>();
  for (const line of lines) {
    let message: string;
    try {
      const parsed = JSON.parse(line) as { message?: unknown; _aws?: unknown };
      message = parsed._aws ? '(a metric, embedded metric format)' : String(parsed.message ?? line.slice(0, 60));
    } catch {
      message = line.slice(0, 60);
    }
    byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
  }
  return [...byMessage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([message, n]) => `"${shortened(message)}" ${(n / cancellations).toFixed(2)}`)
    .join(', ');
}
