// Each invocation's AWS calls, counted and timed by operation, for the invocation's one log line:
// what an X-Ray subsegment per call used to show, kept without a tracing library in the bundle
// (docs/DECISIONS.md, "Tracing"). A client is observed through the SDK's own extension point, one
// middleware on its stack, which DynamoDBDocumentClient shares with the client it wraps.

interface Tally {
  count: number;
  ms: number;
  retries: number;
  errors: Set<string>;
}

/** The invocation under way's calls, by operation, in the order of their first call. */
const tallies = new Map<string, Tally>();

type Attempts = { $metadata?: { attempts?: number } };
// The arguments are each client's own input types: passed on untouched, so any of them.
type Next = (args: any) => Promise<{ output: Attempts }>;
interface ObservableClient {
  middlewareStack: {
    add(
      middleware: (next: Next, context: { clientName?: string; commandName?: string }) => Next,
      options: { step: 'initialize'; priority: 'high'; name: string },
    ): void;
  };
}

function record(operation: string, started: number, attempts: number | undefined, error?: string): void {
  const tally = tallies.get(operation) ?? { count: 0, ms: 0, retries: 0, errors: new Set<string>() };
  tally.count++;
  tally.ms += performance.now() - started;
  tally.retries += Math.max(0, (attempts ?? 1) - 1);
  if (error) tally.errors.add(error);
  tallies.set(operation, tally);
}

/**
 * Every SDK client a function builds goes through here: each call it makes is counted for the invocation's log line.
 */
export function observed<Client extends ObservableClient>(client: Client): Client {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = `${(context.clientName ?? 'AWS').replace(/Client$/, '')}.${(context.commandName ?? 'call').replace(/Command$/, '')}`;
      const started = performance.now();
      try {
        const result = await next(args);
        record(operation, started, result.output.$metadata?.attempts);
        return result;
      } catch (error) {
        record(operation, started, (error as Attempts).$metadata?.attempts, (error as Error).name);
        throw error;
      }
    },
    // First in, last out: the time includes the SDK's retries and their waits.
    { step: 'initialize', priority: 'high', name: 'countAwsCalls' },
  );
  return client;
}

/** A new invocation: its calls are counted from zero. */
export const forgetAwsCalls = (): void => tallies.clear();

/**
 * The invocation's AWS calls so far: how many, how long in all (ms), and each operation with its
 * count, time, retries and errors, e.g. "DynamoDB.GetItem ×2 7ms, SES.SendEmail 12ms 1 retry".
 */
export function awsCalls(): { count: number; ms: number; calls: string } | undefined {
  if (tallies.size === 0) return undefined;
  const all = [...tallies.values()];
  const calls = [...tallies].map(([operation, t]) =>
    [
      operation,
      t.count > 1 ? ` ×${t.count}` : '',
      ` ${Math.round(t.ms)}ms`,
      t.retries ? ` ${t.retries} ${t.retries > 1 ? 'retries' : 'retry'}` : '',
      t.errors.size ? ` ${[...t.errors].join('/')}` : '',
    ].join(''),
  );
  return {
    count: all.reduce((sum, t) => sum + t.count, 0),
    ms: Math.round(all.reduce((sum, t) => sum + t.ms, 0)),
    calls: calls.join(', '),
  };
}
