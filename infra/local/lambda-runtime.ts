// Lambda, in process: the handlers in functions/ are imported and called with the payloads and a
// context shaped as Lambda gives them. Payloads cross by JSON, as they do in Lambda, so no object
// is shared between caller and handler.

import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { functionEntry, type FunctionSpec } from '../function-catalog.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

export const localFunctionArn = (name: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;

/** Lambda's error report: `errorType` is the thrown error's name, which Step Functions matches. */
export class LambdaFunctionError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
  ) {
    super(JSON.stringify({ errorType, errorMessage }));
    this.name = errorType;
  }
}

export class LocalLambda {
  private readonly handlers = new Map<string, Handler>();
  /** Invocations per function, for the benchmark. */
  readonly invocations = new Map<string, number>();

  constructor(private readonly timeoutMs = 30_000) {}

  async load(functions: Pick<FunctionSpec, 'kind' | 'name'>[]): Promise<void> {
    for (const fn of functions) {
      const module = (await import(functionEntry(fn).href)) as { handler?: Handler };
      if (typeof module.handler !== 'function') throw new Error(`functions/${fn.kind}/${fn.name}.ts exports no handler`);
      this.handlers.set(fn.name, module.handler);
    }
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  async invoke(name: string, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No local function ${name}`);
    this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
    const deadline = Date.now() + this.timeoutMs;
    const context = {
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: localFunctionArn(name),
      memoryLimitInMB: '1024',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } satisfies Context;
    try {
      const result = await handler(JSON.parse(JSON.stringify(payload ?? null)), context);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      const thrown = error instanceof Error ? error : new Error(String(error));
      throw new LambdaFunctionError(thrown.name || 'Error', thrown.message);
    }
  }
}
