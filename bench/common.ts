// What both benchmarks use: a pool, a mean, and the mail viewer's count.

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
