// Lambda, on loopback: each function's bundle (the one CDK deploys, bundled with the same options)
// runs in its own worker thread, started at its first invocation (its cold start), with only the
// environment its CDK definition gives it and the timeout it is given there. Payloads cross by
// JSON, as in Lambda, and an error reaches the caller as Lambda reports it: its type and message.

import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';

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

export interface LocalFunction {
  name: string;
  /** The bundle's file. */
  bundle: string;
  /** Exactly the variables the function gets in AWS, plus the runtime's own (region, credentials, endpoints). */
  environment: Record<string, string>;
  timeoutSeconds: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One execution environment: a worker that has loaded the bundle, and the invocations it is running. */
class Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  readonly pending = new Map<string, Pending>();
  /** Set when an invocation timed out: no new work, and it ends once what runs is done. */
  retiring = false;

  constructor(fn: LocalFunction, log: (line: string) => void, onExit: () => void) {
    this.worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      workerData: { name: fn.name, bundleUrl: pathToFileURL(fn.bundle).href },
      env: fn.environment,
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) createInterface({ input: stream }).on('line', log);
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (message: { type: string; errorType?: string; errorMessage?: string }) => {
        if (message.type === 'ready') resolve();
        else reject(new LambdaFunctionError(message.errorType ?? 'Runtime.ImportModuleError', message.errorMessage ?? 'init failed'));
      });
      this.worker.once('error', (error) => reject(new LambdaFunctionError('Runtime.ExitError', error.message)));
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: { type: string; id?: string; result?: string; errorType?: string; errorMessage?: string }) => {
      const call = message.id ? this.pending.get(message.id) : undefined;
      if (!call) return;
      this.pending.delete(message.id!);
      clearTimeout(call.timer);
      if (message.type === 'result') call.resolve(JSON.parse(message.result ?? 'null'));
      else call.reject(new LambdaFunctionError(message.errorType ?? 'Error', message.errorMessage ?? ''));
      if (this.retiring && this.pending.size === 0) void this.worker.terminate();
    });
    this.worker.on('exit', () => {
      for (const call of this.pending.values()) {
        clearTimeout(call.timer);
        call.reject(new LambdaFunctionError('Runtime.ExitError', 'The execution environment ended during the invocation.'));
      }
      this.pending.clear();
      onExit();
    });
  }
}

export class LocalLambda {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly sandboxes = new Map<string, Sandbox>();
  /** Invocations per function, for the benchmark. */
  readonly invocations = new Map<string, number>();
  /** Cold starts per function. */
  readonly coldStarts = new Map<string, number>();

  constructor(
    functions: LocalFunction[],
    private readonly log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    for (const fn of functions) {
      if (this.functions.has(fn.name)) throw new Error(`Two functions are named ${fn.name}`);
      this.functions.set(fn.name, fn);
    }
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  private sandbox(fn: LocalFunction): Sandbox {
    const current = this.sandboxes.get(fn.name);
    if (current && !current.retiring) return current;
    this.coldStarts.set(fn.name, (this.coldStarts.get(fn.name) ?? 0) + 1);
    const sandbox: Sandbox = new Sandbox(fn, this.log, () => {
      if (this.sandboxes.get(fn.name) === sandbox) this.sandboxes.delete(fn.name);
    });
    this.sandboxes.set(fn.name, sandbox);
    return sandbox;
  }

  async invoke(name: string, payload: unknown): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`No local function ${name}`);
    this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
    const sandbox = this.sandbox(fn);
    try {
      await sandbox.ready;
    } catch (error) {
      // As Lambda: an environment whose init failed is dropped; the next invocation tries again.
      if (this.sandboxes.get(name) === sandbox) this.sandboxes.delete(name);
      void sandbox.worker.terminate();
      throw error;
    }
    const id = randomUUID();
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const context: Omit<Context, 'getRemainingTimeInMillis' | 'done' | 'fail' | 'succeed'> = {
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: localFunctionArn(name),
      memoryLimitInMB: '1024',
      awsRequestId: id,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sandbox.pending.delete(id);
        // Lambda stops the environment of a timed-out invocation; here it retires once its other invocations end.
        sandbox.retiring = true;
        if (sandbox.pending.size === 0) void sandbox.worker.terminate();
        reject(new LambdaFunctionError('Sandbox.Timedout', `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`));
      }, fn.timeoutSeconds * 1000);
      sandbox.pending.set(id, { resolve, reject, timer });
      sandbox.worker.postMessage({ id, payload: JSON.stringify(payload ?? null), context, deadline });
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sandboxes.values()].map((sandbox) => sandbox.worker.terminate()));
    this.sandboxes.clear();
  }
}
