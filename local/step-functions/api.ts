// The Step Functions API (JSON 1.0 over HTTP) on loopback: what the handlers call with
// @aws-sdk/client-sfn, and what a developer looks around with (`aws stepfunctions list-executions
// --endpoint-url …`). Errors carry the codes Step Functions uses, so the SDK raises its own classes.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { executionArnOf, type LoadedWorkflow } from './definitions.js';
import { executionNameProblem, MAX_PAYLOAD_BYTES, type ExecutionStatus, type Executions } from './executions.js';
import type { TokenRegistry } from './task-tokens.js';
import { sendJson } from '../http.js';

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const seconds = (ms: number) => ms / 1000;
const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** A page of a list: `nextToken` is the offset of the next page, as a string. */
function page<T>(
  items: T[],
  body: Record<string, unknown>,
  defaultSize: number,
  maxSize: number,
): { items: T[]; nextToken?: string } {
  const size = body.maxResults === undefined || body.maxResults === 0 ? defaultSize : Number(body.maxResults);
  if (!Number.isInteger(size) || size < 0 || size > maxSize)
    throw new ServiceError('ValidationException', `maxResults must be between 0 and ${maxSize}`);
  const start = body.nextToken === undefined ? 0 : Number(body.nextToken);
  if (!Number.isInteger(start) || start < 0) throw new ServiceError('InvalidToken', 'Invalid Token');
  const slice = items.slice(start, start + size);
  return { items: slice, ...(start + size < items.length ? { nextToken: String(start + size) } : {}) };
}

/**
 * @param startTokens StartExecution's token bucket (local/quotas.ts): a start that finds it
 *   empty is refused with ThrottlingException, as Step Functions refuses it.
 */
export function operationsOf(
  workflows: Map<string, LoadedWorkflow>,
  executions: Executions,
  tokens: TokenRegistry,
  startTokens?: { take(): boolean },
): Record<string, (body: Record<string, unknown>) => unknown> {
  const workflowOf = (arn: unknown) => {
    const workflow = workflows.get(String(arn));
    if (!workflow) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return workflow;
  };
  const executionOf = (body: Record<string, unknown>) => {
    const execution = executions.get(String(body.executionArn));
    if (!execution)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
    return execution;
  };
  const openTask = (body: Record<string, unknown>) => {
    const token = String(body.taskToken ?? '');
    // As Step Functions: the token is not echoed back, and a closed one is TaskTimedOut.
    if (!tokens.find(token))
      throw new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return token;
  };
  const describedMachine = (workflow: LoadedWorkflow) => ({
    stateMachineArn: workflow.arn,
    name: workflow.name,
    type: 'STANDARD',
    creationDate: workflow.createdAt,
  });

  return {
    ListStateMachines(body) {
      const all = [...workflows.values()].map(describedMachine);
      const { items, nextToken } = page(all, body, 100, 1000);
      return { stateMachines: items, ...(nextToken ? { nextToken } : {}) };
    },
    DescribeStateMachine(body) {
      const workflow = workflowOf(body.stateMachineArn);
      return {
        ...describedMachine(workflow),
        status: 'ACTIVE',
        definition: workflow.definition,
        roleArn: 'arn:aws:iam::000000000000:role/local-step-functions',
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      };
    },
    StartExecution(body) {
      if (startTokens && !startTokens.take()) throw new ServiceError('ThrottlingException', 'Rate exceeded');
      const workflow = workflowOf(body.stateMachineArn);
      const name = typeof body.name === 'string' ? body.name : randomUUID();
      const problem = executionNameProblem(name);
      if (problem) throw new ServiceError('InvalidName', `Invalid Name: '${name}' (${problem})`);
      const input = typeof body.input === 'string' ? body.input : '{}';
      if (Buffer.byteLength(input, 'utf8') > MAX_PAYLOAD_BYTES) {
        throw new ServiceError(
          'ValidationException',
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
        );
      }
      try {
        JSON.parse(input);
      } catch {
        throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
      }
      const executionArn = executionArnOf(workflow.arn, name);
      const existing = executions.get(executionArn);
      // As Step Functions (Standard): the same name and input while running is the same execution.
      if (existing && existing.status === 'RUNNING' && existing.input === input)
        return { executionArn, startDate: existing.startDate };
      if (executions.nameUsed(executionArn))
        throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      const traceHeader = typeof body.traceHeader === 'string' ? body.traceHeader : undefined;
      const execution = executions.start(workflow, name, input, traceHeader);
      return { executionArn: execution.executionArn, startDate: execution.startDate };
    },
    DescribeExecution(body) {
      const { history: _history, abort: _abort, finished: _finished, ...described } = executionOf(body);
      return described;
    },
    ListExecutions(body) {
      const workflow = workflowOf(body.stateMachineArn);
      if (body.statusFilter !== undefined && !STATUSES.includes(body.statusFilter as ExecutionStatus))
        throw new ServiceError('ValidationException', `statusFilter must be one of ${STATUSES.join(', ')}`);
      const all = executions.list(workflow.arn).filter((e) => !body.statusFilter || e.status === body.statusFilter);
      const { items, nextToken } = page(all, body, 100, 1000);
      return {
        executions: items.map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: e.startDate,
          ...(e.stopDate ? { stopDate: e.stopDate } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    GetExecutionHistory(body) {
      const execution = executionOf(body);
      const events = body.reverseOrder === true ? [...execution.history.events].reverse() : execution.history.events;
      const withData = body.includeExecutionData !== false;
      const { items, nextToken } = page(
        withData
          ? events
          : events.map(({ id, previousEventId, timestamp, type }) => ({ id, previousEventId, timestamp, type })),
        body,
        1000,
        1000,
      );
      return { events: items, ...(nextToken ? { nextToken } : {}) };
    },
    StopExecution(body) {
      const execution = executionOf(body);
      if (execution.status === 'RUNNING') {
        execution.status = 'ABORTED';
        if (typeof body.error === 'string') execution.error = body.error;
        if (typeof body.cause === 'string') execution.cause = body.cause;
        execution.stopDate = seconds(Date.now());
        execution.abort();
      }
      return { stopDate: execution.stopDate };
    },
    SendTaskSuccess(body) {
      let output: unknown;
      try {
        output = JSON.parse(String(body.output ?? ''));
      } catch {
        throw new ServiceError('InvalidOutput', 'Invalid State Machine Output');
      }
      tokens.succeed(openTask(body), output);
      return {};
    },
    SendTaskFailure(body) {
      const error = new Error(typeof body.cause === 'string' ? body.cause : '');
      error.name = typeof body.error === 'string' ? body.error : 'States.TaskFailed';
      tokens.fail(openTask(body), error);
      return {};
    },
    SendTaskHeartbeat(body) {
      openTask(body);
      return {};
    },
  };
}

/**
 * Served with the API, for tests: POST /__faults {"operation": "StartExecution", "count": 1,
 * "code": "ThrottlingException"} makes the next calls of that operation fail as Step Functions does
 * when it throttles or is unavailable; GET /__faults lists those not yet met; DELETE /__faults
 * clears them. With `about`, only the calls about an execution whose name or input holds that text
 * (a test's correlation id): one scenario's fault, not every caller's.
 */
interface Fault {
  operation: string;
  count: number;
  code: string;
  about?: string;
}

/** What a call is about, for a fault's `about`: the execution's name and input (a task token's own execution). */
export type SubjectOfCall = (operation: string, body: Record<string, unknown>) => string;

/** IAM: why AWS would refuse this signed request, if it would (local/iam). */
export type AuthorizeRequest = (
  headers: IncomingHttpHeaders,
  operation: string,
  body: Record<string, unknown>,
) => Promise<{ message: string } | undefined>;

export function stepFunctionsServer(
  operations: Record<string, (body: Record<string, unknown>) => unknown>,
  authorize?: AuthorizeRequest,
  subjectOf?: SubjectOfCall,
): Server {
  const faults: Fault[] = [];
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/__faults') {
      if (req.method === 'GET') return sendJson(res, 200, { faults });
      if (req.method === 'DELETE') faults.length = 0;
      else
        faults.push({
          count: 1,
          code: 'ThrottlingException',
          ...(JSON.parse(Buffer.concat(chunks).toString() || '{}') as Partial<Fault>),
        } as Fault);
      res.writeHead(204).end();
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSStepFunctions.')
      ? operations[target.slice('AWSStepFunctions.'.length)]
      : undefined;
    const send = (status: number, payload: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(payload));
    };
    try {
      if (!operation)
        throw new ServiceError(
          'UnknownOperationException',
          `The local Step Functions endpoint does not serve ${target || 'this request'}`,
        );
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
      } catch {
        throw new ServiceError('SerializationException', 'The request is not JSON');
      }
      const operationName = target.slice('AWSStepFunctions.'.length);
      const fault = faults.find(
        (f) =>
          f.operation === operationName &&
          (f.about === undefined || (subjectOf?.(operationName, body) ?? '').includes(f.about)),
      );
      if (fault) {
        if (--fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
        throw new ServiceError(fault.code, `Injected by the local Step Functions stand-in: ${fault.code}`);
      }
      const denied = await authorize?.(req.headers, operationName, body);
      if (denied) throw new ServiceError('AccessDeniedException', denied.message);
      // StartExecution's trace header: the HTTP header (what the SDK sends) over the body's field, as Step Functions.
      const traceHeader = req.headers['x-amzn-trace-id'];
      if (typeof traceHeader === 'string') body.traceHeader = traceHeader;
      send(200, operation(body));
    } catch (error) {
      if (error instanceof ServiceError) send(400, { __type: error.code, message: error.message }, error.code);
      else send(500, { __type: 'InternalFailure', message: (error as Error).message }, 'InternalFailure');
    }
  });
}
