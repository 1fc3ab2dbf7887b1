// The cost of a cancellation by AWS's billing rules, service by service (bench/prices.ts): what the
// earlier model counted (Step Functions, Lambda, DynamoDB, SES, the API), with DynamoDB's write units
// from the items written (bench/write-log.ts), and what it left out: the integration events on the
// bus, the pipe, the archive, the accounting queue, CloudWatch Logs at the deployed log levels, and
// X-Ray. The fixed monthly costs are apart: they do not grow with cancellations.

import { ACCOUNTING_EVENT_TYPES } from '../infra/constructs/integration-events.js';
import { FUNCTIONS } from '../infra/function-catalog.js';
import { eventBridgeEnvelope } from '../local/event-bus-local.js';
import type { IntegrationEvent } from '../shared/app/ports/change-set.js';
import { WORKFLOW_LIST } from '../infra/workflow-catalog.js';
import type { logBytesPerCancellation } from './log-bytes.js';
import { costPerMillion, PRICES, type Usage } from './prices.js';

type LogGroups = ReturnType<typeof logBytesPerCancellation>['groups'];

/** What one cancellation uses beyond the earlier model's Usage, counted by the benchmark. */
export interface BilledUsage extends Omit<Usage, 'logBytes'> {
  /** Integration events put on the bus by the pipe (each under 64 KB: one event, one pipe request). */
  events: number;
  /** Their bytes as EventBridge carries them (the archive keeps them). */
  eventBytes: number;
  /** Events the accounting rule sends to its queue: each sent, received and deleted. */
  queuedEvents: number;
  /** CloudWatch Logs ingested, by log group kind, at the deployed levels (bench/log-bytes.ts). */
  logBytes: LogGroups;
  /** X-Ray traces recorded. */
  traces: number;
}

const GB = 1024 ** 3;
/** How long the events are archived (infra/constructs/integration-events.ts) and the logs kept (3 months). */
const ARCHIVE_MONTHS = 12;
const LOG_MONTHS = 3;

/** A cancellation's usage by billing rules, from the earlier model's and what the run counted of the rest. */
export function billedUsage(
  usage: Usage,
  run: { writeUnits: number; published: IntegrationEvent[]; measured: number; logs: LogGroups },
): BilledUsage {
  const { published, measured } = run;
  const envelopeBytes = (event: IntegrationEvent) => Buffer.byteLength(JSON.stringify(eventBridgeEnvelope(event)));
  return {
    ...usage,
    writeUnits: run.writeUnits,
    events: published.length / measured,
    eventBytes: published.reduce((sum, event) => sum + envelopeBytes(event), 0) / measured,
    queuedEvents: published.filter((event) => ACCOUNTING_EVENT_TYPES.includes(event.type)).length / measured,
    logBytes: run.logs,
    // Each API request starts a trace; the workflow it starts and the workflow's steps join it.
    traces: usage.apiRequests,
  };
}

/**
 * The floor's usage by the same rules: one API request and invocation with their log lines, its items' units, three
 * e-mails.
 */
export function floorUsage(floor: {
  lambdaSeconds: number;
  writeUnits: number;
  readUnits: number;
  logs: LogGroups;
}): BilledUsage {
  const { logs, ...measured } = floor;
  return {
    ...{ transitions: 0, orchestration: 'none', lambdaInvocations: 1, apiRequests: 1, emails: 3 },
    ...measured,
    ...{ events: 0, eventBytes: 0, queuedEvents: 0, logBytes: logs, traces: 0 },
  };
}

/** Per 1M cancellations, by service, in USD: the earlier model's lines and the ones it left out. */
export function billedCostPerMillion(usage: BilledUsage) {
  const m = 1e6;
  // The earlier model's lines without its logs: they are billed here with their storage.
  const base = costPerMillion({ ...usage, logBytes: 0 });
  const logs = Object.values(usage.logBytes).reduce((a, b) => a + b, 0);
  const lines = {
    stepFunctions: base.stepFunctions,
    lambda: base.lambda,
    dynamodb: base.dynamodb,
    ses: base.ses,
    api: base.api,
    events:
      (usage.events * (PRICES.eventBridgePerEvent + PRICES.pipesPerRequest) +
        (usage.eventBytes / GB) * (PRICES.archivePerGb + ARCHIVE_MONTHS * PRICES.archivePerGbMonth) +
        usage.queuedEvents * 3 * PRICES.sqsPerRequest) *
      m,
    logs: (logs / GB) * (PRICES.logsPerGb + LOG_MONTHS * PRICES.logsPerGbMonth) * m,
    xray: usage.traces * PRICES.xrayPerTrace * m,
  };
  return { ...lines, total: Object.values(lines).reduce((a, b) => a + b, 0) };
}

/**
 * The alarms infra/constructs/alarms.ts makes: three per workflow, three of the stack's, a throttle one per function
 * and an error one per function that is not a workflow step.
 */
export const ALARMS =
  3 * WORKFLOW_LIST.length + 3 + FUNCTIONS.length + FUNCTIONS.filter((fn) => fn.kind !== 'steps').length;

/** What the deployment costs a month whatever it does, in USD; Cognito's users apart, per MAU. */
export function fixedMonthly() {
  const month = 30 * 24 * 3600;
  return [
    { what: `${ALARMS} CloudWatch alarms (standard resolution)`, usd: ALARMS * PRICES.alarmPerMonth },
    { what: 'the alarm topic’s customer-managed KMS key', usd: PRICES.kmsKeyPerMonth },
    { what: 'the payment webhook’s secret in Secrets Manager', usd: PRICES.secretPerMonth },
    {
      what: 'the pipe polling the table’s stream (about 4 GetRecords a second, one shard)',
      usd: ((4 * month) / 100_000) * PRICES.streamReadsPer100k,
    },
    { what: 'the reconciler’s schedule (8,640 runs a month: EventBridge Scheduler’s 14 million free)', usd: 0 },
  ];
}
