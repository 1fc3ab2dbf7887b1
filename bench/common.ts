// What both benchmarks use: a pool, a mean, and the mail viewer's count.

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
