// The account's quotas, as the local stand-ins enforce them and as AWS answers past them, read with
// the ordinary SDK clients: SES's sending rate and daily quota (Throttling) and GetSendQuota,
// Lambda's concurrency (TooManyRequestsException) and GetAccountSettings, Step Functions'
// StartExecution token bucket (ThrottlingException).
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetSendQuotaCommand, SendEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLambdaApiLocal } from '../../local/lambda-api.js';
import { LocalLambda } from '../../local/lambda-runtime.js';
import { TooManyRequestsError } from '../../local/lambda-sandbox.js';
import { freePort } from '../../local/ports.js';
import { NEW_PRODUCTION_ACCOUNT, RollingDay, TokenBucket } from '../../local/quotas.js';
import { startSesLocal } from '../../local/ses/ses-local.js';
import { operationsOf, stepFunctionsServer } from '../../local/step-functions/api.js';
import { Executions } from '../../local/step-functions/executions.js';
import { TokenRegistry } from '../../local/step-functions/task-tokens.js';

const client = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

const email = (to: string) =>
  new SendEmailCommand({
    Source: 'no-reply@orders.example.com',
    Destination: { ToAddresses: [to] },
    Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } },
  });

describe('the defaults: a new production account', () => {
  it(
    '14 e-mails a second and 50,000 a day, 10 functions at once, StartExecution 1,300 tokens refilled 300 a ' +
      'second',
    () => {
      expect(NEW_PRODUCTION_ACCOUNT).toEqual({
        ses: { maxSendRate: 14, max24HourSend: 50_000 },
        lambda: { concurrentExecutions: 10 },
        stepFunctions: { startExecutionBucket: 1300, startExecutionRefillPerSecond: 300 },
      });
    },
  );

  it('a token bucket refuses past its tokens and refills continuously; the day is a rolling 24 hours', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 4, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now = 250;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    let clock = 0;
    const day = new RollingDay(() => clock);
    day.add(3);
    clock = 24 * 3600_000 - 1;
    expect(day.count()).toBe(3);
    clock = 24 * 3600_000;
    expect(day.count()).toBe(0);
  });
});

describe('SES', () => {
  it('past the sending rate, Throttling: "Maximum sending rate exceeded."; the message is dropped', async () => {
    const ses = await startSesLocal({ quota: { maxSendRate: 2, max24HourSend: 1000 } });
    stops.push(ses.stop);
    const sdk = new SESClient({ ...client, endpoint: ses.endpoint });
    const answers = await Promise.allSettled([1, 2, 3].map((n) => sdk.send(email(`buyer${n}@example.jp`))));
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    const refused = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SESServiceException);
    expect(refused.reason).toMatchObject({ name: 'Throttling', message: 'Maximum sending rate exceeded.' });
    const sent = (await (await fetch(`${ses.endpoint}/__sent`)).json()) as { sent: unknown[]; throttled: number };
    expect(sent).toMatchObject({ throttled: 1 });
    expect(sent.sent).toHaveLength(2);
  });

  it(
    'past the day’s quota, Throttling: "Daily message quota exceeded."; GetSendQuota and GetAccount (v2) say ' + 'so',
    async () => {
      const ses = await startSesLocal({ quota: { maxSendRate: 100, max24HourSend: 2 } });
      stops.push(ses.stop);
      const sdk = new SESClient({ ...client, endpoint: ses.endpoint });
      await sdk.send(email('a@example.jp'));
      await sdk.send(email('b@example.jp'));
      await expect(sdk.send(email('c@example.jp'))).rejects.toMatchObject({
        name: 'Throttling',
        message: 'Daily message quota exceeded.',
      });
      expect(await sdk.send(new GetSendQuotaCommand({}))).toMatchObject({
        Max24HourSend: 2,
        MaxSendRate: 100,
        SentLast24Hours: 2,
      });
      // `aws sesv2 get-account`: the v2 API's GET /v2/email/account.
      expect(await (await fetch(`${ses.endpoint}/v2/email/account`)).json()).toMatchObject({
        ProductionAccessEnabled: true,
        SendQuota: { Max24HourSend: 2, MaxSendRate: 100, SentLast24Hours: 2 },
      });
    },
  );

  it('in the sandbox: 1 a second and 200 a day, and no production access', async () => {
    const ses = await startSesLocal({ sandbox: { verifiedIdentities: ['no-reply@orders.example.com', 'example.jp'] } });
    stops.push(ses.stop);
    const sdk = new SESClient({ ...client, endpoint: ses.endpoint });
    expect(await sdk.send(new GetSendQuotaCommand({}))).toMatchObject({
      Max24HourSend: 200,
      MaxSendRate: 1,
      SentLast24Hours: 0,
    });
    expect(await (await fetch(`${ses.endpoint}/v2/email/account`)).json()).toMatchObject({
      ProductionAccessEnabled: false,
    });
  });
});

describe('Lambda', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quota-bundle-'));
  const bundle = join(dir, 'slow.mjs');
  writeFileSync(
    bundle,
    'export const handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return { ok: true ' +
      '}; };\n',
  );
  const fn = (name: string) => ({ name, bundle, environment: {}, timeoutSeconds: 10 });

  it(
    'past the account’s concurrency, any function is refused at once: TooManyRequestsException, counted as a ' +
      'throttle',
    async () => {
      const lambda = new LocalLambda([fn('one'), fn('two')], () => undefined, 2);
      stops.push(() => lambda.stop());
      const running = [lambda.invoke('one', { ms: 400 }), lambda.invoke('two', { ms: 400 })];
      const refused = await lambda.invoke('one', { ms: 0 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect(refused).toMatchObject({
        name: 'Lambda.TooManyRequestsException',
        errorMessage: expect.stringContaining('Status Code: 429; Error Code: TooManyRequestsException'),
      });
      expect(await Promise.all(running)).toEqual([{ ok: true }, { ok: true }]);
      expect(lambda.throttles.get('one')).toBe(1);
      expect(await lambda.invoke('one', { ms: 0 })).toEqual({ ok: true });
    },
  );

  it('an asynchronous invocation (SNS, the scheduler) that is throttled is kept and tried again', async () => {
    const lambda = new LocalLambda([fn('one')], () => undefined, 1);
    stops.push(() => lambda.stop());
    const busy = lambda.invoke('one', { ms: 300 });
    expect(await lambda.invokeAsync('one', { ms: 0 })).toEqual({ ok: true });
    await busy;
    expect(lambda.throttles.get('one')).toBeGreaterThanOrEqual(1);
  });

  it('GetAccountSettings answers the account’s concurrency, all of it unreserved', async () => {
    const lambda = new LocalLambda([], () => undefined, 10);
    const port = await freePort();
    const api = await startLambdaApiLocal(lambda, 56, port);
    stops.push(api.stop);
    const sdk = new LambdaClient({ ...client, endpoint: api.endpoint });
    expect(await sdk.send(new GetAccountSettingsCommand({}))).toMatchObject({
      AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 },
      AccountUsage: { FunctionCount: 56 },
    });
  });
});

describe('Step Functions', () => {
  it('StartExecution past its token bucket: ThrottlingException, "Rate exceeded"', async () => {
    let now = 0;
    const tokens = new TokenRegistry();
    const executions = new Executions({ lambda: new LocalLambda([]), tokens, workflows: new Map() });
    const server = stepFunctionsServer(operationsOf(new Map(), executions, tokens, new TokenBucket(2, 1, () => now)));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const sdk = new SFNClient({ ...client, endpoint: `http://127.0.0.1:${port}` });
    const start = () =>
      sdk
        .send(
          new StartExecutionCommand({
            stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:none',
            input: '{}',
          }),
        )
        .catch((error: Error) => error.name);
    // Two tokens: both starts are taken (and refused for the missing state machine), the third is throttled.
    expect([await start(), await start(), await start()]).toEqual([
      'StateMachineDoesNotExist',
      'StateMachineDoesNotExist',
      'ThrottlingException',
    ]);
    now = 1000;
    expect(await start()).toBe('StateMachineDoesNotExist');
  });
});
