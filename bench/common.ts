// What the benchmarks use: a pool, a mean, the mail viewer's count, every Lambda invocation
// counted and timed, and a run's state transitions and tasks read from its execution history.

import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { LocalLambda } from '../local/lambda-runtime.js';

/** The value below which p% of the values fall (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** How many e-mails the local SES has taken so far. */
export async function mailCount(viewerUrl: string): Promise<number> {
  const store = (await (await fetch(`${viewerUrl}/store`)).json()) as { emails: unknown[] };
  return store.emails.length;
}

/** Every invocation, counted and timed by function, whoever makes it (the API gateway, the workflows). */
export function countInvocations(lambda: LocalLambda): Map<string, { count: number; ms: number }> {
  const invocations = new Map<string, { count: number; ms: number }>();
  const invoke = lambda.invoke.bind(lambda);
  lambda.invoke = async (name, payload, options) => {
    const t0 = performance.now();
    try {
      return await invoke(name, payload, options);
    } finally {
      const entry = invocations.get(name) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - t0;
      invocations.set(name, entry);
    }
  };
  return invocations;
}

/** State transitions Step Functions bills: one per state entered. */
export const transitionsOf = (events: HistoryEvent[]) => events.filter((e) => e.type?.endsWith('StateEntered')).length;

/** The Lambda functions and service integrations a run scheduled. */
export const tasksOf = (events: HistoryEvent[]) =>
  events.filter((e) => e.type === 'LambdaFunctionScheduled' || e.type === 'TaskScheduled').length;
