// The task-token registry: a fresh token for every waiting task, answered once. A token answered,
// timed out, or of an execution that ended is gone, and answering it is TaskTimedOut, as in Step
// Functions.

import { randomBytes } from 'node:crypto';

export interface WaitingTask {
  executionArn: string;
  state: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

const stateMachineOfExecution = (executionArn: string) =>
  executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, '');

/** The state machine a token was minted for, open or closed; undefined for one no execution was given. */
export function stateMachineOfToken(token: string): string | undefined {
  const arn = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString();
  return /^arn:aws:states:[^:]+:\d{12}:stateMachine:[^:]+$/.test(arn) ? arn : undefined;
}

export class TokenRegistry {
  private readonly open = new Map<string, WaitingTask>();

  /** A new token, and the promise its answer settles. */
  mint(executionArn: string, state: string): { token: string; answered: Promise<unknown> } {
    // Opaque to its holder, as Step Functions' are; it names its state machine, which IAM evaluates an answer against.
    const token = `${Buffer.from(stateMachineOfExecution(executionArn)).toString('base64url')}.${randomBytes(48).toString('base64url')}`;
    const answered = new Promise<unknown>((resolve, reject) =>
      this.open.set(token, { executionArn, state, resolve, reject }),
    );
    // The answer may come while the task's function still runs (a webhook faster than the step),
    // before the runner awaits it: handled now, so that Node does not take it for an unhandled
    // rejection and stop the whole stack; the runner still reads the failure when it awaits.
    answered.catch(() => undefined);
    return { token, answered };
  }

  /** The open task of a token; undefined when it is closed. */
  find(token: string): WaitingTask | undefined {
    return this.open.get(token);
  }

  succeed(token: string, output: unknown): boolean {
    const task = this.open.get(token);
    if (!task) return false;
    this.open.delete(token);
    task.resolve(output);
    return true;
  }

  fail(token: string, error: Error): boolean {
    const task = this.open.get(token);
    if (!task) return false;
    this.open.delete(token);
    task.reject(error);
    return true;
  }

  /** Closes one token: its task timed out or failed. */
  discard(token: string): void {
    this.open.delete(token);
  }

  /** Closes every token of an execution: it ended. */
  close(executionArn: string): void {
    for (const [token, task] of this.open) if (task.executionArn === executionArn) this.open.delete(token);
  }

  get size(): number {
    return this.open.size;
  }
}

/**
 * The interpreter's context object is static, so `$$.Task.Token` resolves to this placeholder; the
 * runner puts a fresh token in its place for every waiting task.
 */
export const TOKEN_PLACEHOLDER = 'local-task-token-placeholder';

export function withToken(value: unknown, token: string): unknown {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((item) => withToken(item, token));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withToken(item, token)]));
  return value;
}
