// Lambda, on loopback: each function's bundle (the one CDK deploys, bundled with the same options)
// runs in worker threads, each an execution environment serving one invocation at a time, started
// when no idle one is left (a cold start), with only the environment its CDK definition gives it
// and the timeout it is given there (a timed-out environment is stopped). Payloads cross by JSON,
// as in Lambda, and an error reaches the caller as Lambda reports it: its type and message. The
// account's concurrency is shared by every function: an invocation past it is refused at once with
// TooManyRequestsException, as Lambda refuses a synchronous one; an asynchronous one (SES's
// feedback through SNS, the schedule) is kept and tried again, as Lambda's event queue does.

import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Context } from 'aws-lambda';
import { LambdaFunctionError, Sandbox, TooManyRequestsError, type LocalFunction } from './lambda-sandbox.js';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

export const localFunctionArn = (name: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;

/**
 * Lambda's active tracing: an invocation continues its caller's trace (the Root of the X-Ray
 * header Step Functions or the SDK passed on) or starts one, and the function sees its own header
 * in _X_AMZN_TRACE_ID. No trace is recorded locally; the ids are what links the log lines.
 */
export function invocationTraceHeader(upstream?: string): string {
  const newRoot = () => `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const root = /Root=([^;]+)/.exec(upstream ?? '')?.[1] ?? newRoot();
  const sampled = /Sampled=([01])/.exec(upstream ?? '')?.[1] ?? '1';
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=${sampled}`;
}

/**
 * How many environments a function may have at once, below the account's concurrency: every one
 * is a thread of one machine, where past a few per core a burst only slows them all, so
 * invocations beyond this wait for a free one (docs/DECISIONS.md).
 */
const MAX_ENVIRONMENTS_PER_FUNCTION = Math.max(8, 4 * availableParallelism());
/**
 * A busy function waits this long for one of its environments to be free before starting another:
 * a cold start costs a second or more of a core here (compiling the bundle), far more than the
 * invocations of a burst take, so short bursts reuse environments instead of making new ones.
 */
const SCALE_UP_AFTER_MS = 50;
/**
 * Idle environments kept per function, each for at most a minute (Lambda reaps idle ones too; a worker holds tens of
 * MB).
 */
const MAX_IDLE_PER_FUNCTION = 32;
const IDLE_LIFETIME_MS = 60_000;

/** How an invocation is made: the caller's X-Ray header, whose trace it continues. */
interface InvokeOptions {
  traceHeader?: string;
}

export class LocalLambda {
  private readonly functions = new Map<string, LocalFunction>();
  /** Environments waiting for their next invocation, per function. */
  private readonly idle = new Map<string, Sandbox[]>();
  private readonly all = new Set<Sandbox>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly busy = new Map<string, number>();
  /** Invocations, and cold starts, per function, for the benchmark. */
  readonly invocations = new Map<string, number>();
  readonly coldStarts = new Map<string, number>();
  /** Invocations refused for the account's concurrency, per function (Lambda's Throttles metric). */
  readonly throttles = new Map<string, number>();
  /** Invocations in flight across every function: what the account's concurrency counts. */
  private inFlight = 0;
  private stopped = false;
  /**
   * Invocations and their run time (what Lambda bills: not the wait for an environment, nor init), per function, for
   * the benchmark.
   */
  readonly runTimes = new Map<string, { count: number; ms: number }>();

  constructor(
    functions: LocalFunction[],
    private readonly log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    readonly concurrency: number = Number.POSITIVE_INFINITY,
  ) {
    for (const fn of functions) {
      if (this.functions.has(fn.name)) throw new Error(`Two functions are named ${fn.name}`);
      this.functions.set(fn.name, fn);
    }
    this.reaper = setInterval(() => this.reap(), IDLE_LIFETIME_MS / 2);
    this.reaper.unref();
  }

  private readonly reaper: NodeJS.Timeout;
  /** Stops environments idle for over a minute. */
  private reap(): void {
    const cutoff = Date.now() - IDLE_LIFETIME_MS;
    for (const [name, idle] of this.idle) {
      const [stale, fresh] = [idle.filter((s) => s.idleSince < cutoff), idle.filter((s) => s.idleSince >= cutoff)];
      this.idle.set(name, fresh);
      for (const sandbox of stale) void sandbox.worker.terminate();
    }
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** Resolves when an environment of the function is released, or after `ms`: true if one was. */
  private released(name: string, ms?: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              this.waiters.set(
                name,
                (this.waiters.get(name) ?? []).filter((w) => w !== waiter),
              );
              resolve(false);
            }, ms);
      this.waiters.set(name, [...(this.waiters.get(name) ?? []), waiter]);
    });
  }

  /** An idle environment of the function, or a new one (a cold start), or, at its limit, the next to be free. */
  private async acquire(fn: LocalFunction): Promise<Sandbox> {
    let waited = false;
    for (;;) {
      const idle = this.idle.get(fn.name)?.pop();
      if (idle) return idle;
      const busy = this.busy.get(fn.name) ?? 0;
      if (busy > 0 && !waited) {
        waited = true;
        if (await this.released(fn.name, SCALE_UP_AFTER_MS)) continue;
      }
      if ((this.busy.get(fn.name) ?? 0) < MAX_ENVIRONMENTS_PER_FUNCTION) {
        this.coldStarts.set(fn.name, (this.coldStarts.get(fn.name) ?? 0) + 1);
        const sandbox = new Sandbox(fn, this.log, (ended) => {
          this.all.delete(ended);
          const list = this.idle.get(fn.name);
          if (list?.includes(ended)) list.splice(list.indexOf(ended), 1);
        });
        this.all.add(sandbox);
        return sandbox;
      }
      await this.released(fn.name);
    }
  }

  private release(fn: LocalFunction, sandbox: Sandbox | undefined): void {
    this.busy.set(fn.name, (this.busy.get(fn.name) ?? 1) - 1);
    if (sandbox) {
      const idle = this.idle.get(fn.name) ?? [];
      if (idle.length < MAX_IDLE_PER_FUNCTION) {
        sandbox.idleSince = Date.now();
        this.idle.set(fn.name, [...idle, sandbox]);
      } else void sandbox.worker.terminate();
    }
    this.waiters.get(fn.name)?.shift()?.();
  }

  /**
   * A synchronous invocation: refused with {@link TooManyRequestsError} when the account's concurrency is used up.
   * @param options.traceHeader the caller's X-Ray header, whose trace the invocation continues.
   */
  async invoke(name: string, payload: unknown, options: InvokeOptions = {}): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`No local function ${name}`);
    if (this.inFlight >= this.concurrency) {
      this.throttles.set(name, (this.throttles.get(name) ?? 0) + 1);
      throw new TooManyRequestsError();
    }
    this.inFlight++;
    try {
      return await this.run(fn, payload, options);
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Asynchronous (SNS, EventBridge Scheduler): a throttled event is tried again with backoff, up to Lambda's 6 hours.
   */
  async invokeAsync(name: string, payload: unknown, options: InvokeOptions = {}): Promise<unknown> {
    const giveUpAt = Date.now() + 6 * 3600_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.invoke(name, payload, options);
      } catch (error) {
        if (!(error instanceof TooManyRequestsError) || Date.now() > giveUpAt || this.stopped) throw error;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(60_000, 200 * 2 ** attempt)).unref(),
        );
      }
    }
  }

  private async run(fn: LocalFunction, payload: unknown, options: InvokeOptions): Promise<unknown> {
    const name = fn.name;
    this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
    const sandbox = await this.acquire(fn);
    this.busy.set(fn.name, (this.busy.get(fn.name) ?? 0) + 1);
    try {
      await sandbox.ready;
    } catch (error) {
      // As Lambda: an environment whose init failed is dropped; the next invocation tries again.
      void sandbox.worker.terminate();
      this.release(fn, undefined);
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
    let timer: NodeJS.Timeout | undefined;
    const runStarted = performance.now();
    try {
      const result = await Promise.race([
        sandbox.run(id, payload, context, deadline, invocationTraceHeader(options.traceHeader)),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new LambdaFunctionError(
                  'Sandbox.Timedout',
                  `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
                ),
              ),
            fn.timeoutSeconds * 1000,
          );
        }),
      ]);
      this.release(fn, sandbox);
      return result;
    } catch (error) {
      if (error instanceof LambdaFunctionError && error.errorType === 'Sandbox.Timedout') {
        // As Lambda: the environment of a timed-out invocation is stopped, with whatever it was doing.
        void sandbox.worker.terminate();
        this.release(fn, undefined);
      } else this.release(fn, sandbox);
      throw error;
    } finally {
      clearTimeout(timer);
      const run = this.runTimes.get(name) ?? { count: 0, ms: 0 };
      this.runTimes.set(name, { count: run.count + 1, ms: run.ms + performance.now() - runStarted });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reaper);
    await Promise.all([...this.all].map((sandbox) => sandbox.worker.terminate()));
    this.all.clear();
    this.idle.clear();
  }
}
