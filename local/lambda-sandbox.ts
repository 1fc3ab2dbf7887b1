// One Lambda execution environment, locally: a worker thread that has loaded the function's
// bundle, with only the environment its CDK definition gives it, running one invocation at a time;
// and the errors as Lambda reports them to its caller.

import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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

/** Lambda refused the invocation: the account's concurrency is used up (429); Step Functions' name for it. */
export class TooManyRequestsError extends LambdaFunctionError {
  constructor() {
    super(
      'Lambda.TooManyRequestsException',
      `Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: ` +
        `${randomUUID()})`,
    );
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

/** One execution environment: a worker that has loaded the bundle, running one invocation at a time, as in Lambda. */
export class Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private current: { id: string; resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined;
  idleSince = 0;

  constructor(fn: LocalFunction, log: (line: string) => void, onExit: (sandbox: Sandbox) => void) {
    this.worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      workerData: { name: fn.name, bundleUrl: pathToFileURL(fn.bundle).href },
      env: fn.environment,
      // Plain Node: the worker loads a bundle, and the parent's loaders (tsx, vitest) would only slow every cold start.
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) createInterface({ input: stream }).on('line', log);
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (message: { type: string; errorType?: string; errorMessage?: string }) => {
        if (message.type === 'ready') resolve();
        else
          reject(
            new LambdaFunctionError(
              message.errorType ?? 'Runtime.ImportModuleError',
              message.errorMessage ?? 'init failed',
            ),
          );
      });
      this.worker.once('error', (error) => reject(new LambdaFunctionError('Runtime.ExitError', error.message)));
    });
    this.ready.catch(() => undefined);
    this.worker.on(
      'message',
      (message: { type: string; id?: string; result?: string; errorType?: string; errorMessage?: string }) => {
        const call = this.current;
        if (!call || message.id !== call.id) return;
        this.current = undefined;
        if (message.type === 'result') call.resolve(JSON.parse(message.result ?? 'null'));
        else call.reject(new LambdaFunctionError(message.errorType ?? 'Error', message.errorMessage ?? ''));
      },
    );
    this.worker.on('exit', () => {
      this.current?.reject(
        new LambdaFunctionError('Runtime.ExitError', 'The execution environment ended during the invocation.'),
      );
      this.current = undefined;
      onExit(this);
    });
  }

  run(id: string, payload: unknown, context: object, deadline: number, traceHeader: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.current = { id, resolve, reject };
      this.worker.postMessage({ id, payload: JSON.stringify(payload ?? null), context, deadline, traceHeader });
    });
  }
}
