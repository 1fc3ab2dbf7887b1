// The local Step Functions runner's parts, each on its own: the definition loader, the token
// registry, the name rule, the history's limit, the fault switch.
import { describe, expect, it } from 'vitest';
import { LocalLambda } from '../../local/lambda-runtime.js';
import {
  allStates,
  loadWorkflow,
  LONGEST_LOCAL_TIMEOUT_SECONDS,
  TIMEOUT_KEY,
} from '../../local/step-functions/definitions.js';
import { executionNameProblem } from '../../local/step-functions/executions.js';
import { HistoryRecorder, MAX_HISTORY_EVENTS } from '../../local/step-functions/history.js';
import { stepFunctionsServer } from '../../local/step-functions/api.js';
import { startStepFunctionsLocal } from '../../local/step-functions/index.js';
import { closeServer, listen } from '../../local/http.js';
import { freePort } from '../../local/ports.js';
import { TokenRegistry } from '../../local/step-functions/task-tokens.js';
import { WORKFLOWS } from '../../infra/workflow-catalog.js';
import { STEPS } from '../../shared/workflow/steps.js';

describe('definition loader', () => {
  it('gives a Task without a timeout no limit a local run reaches, not the interpreter’s 60 s', async () => {
    const loaded = await loadWorkflow(WORKFLOWS.settleClaim, () => true);
    const states = allStates(
      JSON.parse(JSON.stringify((loaded.machine as unknown as { definition: { States: never } }).definition.States)),
    );
    const applyClaim = states.find(([name]) => name === 'apply-claim')![1];
    expect(applyClaim.TimeoutSeconds).toBe(LONGEST_LOCAL_TIMEOUT_SECONDS);
    expect(LONGEST_LOCAL_TIMEOUT_SECONDS * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('carries TimeoutSecondsPath through Parameters, where the interpreter reads it', async () => {
    const loaded = await loadWorkflow(WORKFLOWS.approveCancelRequest, () => true);
    const states = allStates((loaded.machine as unknown as { definition: { States: never } }).definition.States);
    const wait = states.find(([name]) => name === 'await-decision')![1];
    expect(wait.TimeoutSecondsPath).toBe(`$.${TIMEOUT_KEY}`);
    expect(wait.Parameters?.[`${TIMEOUT_KEY}.$`]).toBe('$.wait.seconds');
  });

  it('sorts every Task by how it is served, nested ones included', async () => {
    const settle = await loadWorkflow(WORKFLOWS.settleClaim, () => true);
    expect(Object.keys(settle.tasks).sort()).toEqual([
      STEPS.applyClaim,
      STEPS.completeClaim,
      STEPS.confirmCardRefund,
      STEPS.failClaim,
    ]);
    expect(Object.keys(settle.callbackTasks)).toEqual([STEPS.awaitCardConfirmation]);
    const approval = await loadWorkflow(WORKFLOWS.approveCancelRequest, () => true);
    expect(approval.childStarts).toEqual(['start-settle-claim']);
    expect(Object.keys(approval.callbackTasks)).toEqual([STEPS.awaitDecision]);
  });

  it('refuses a definition whose Task has no local function', async () => {
    await expect(startStepFunctionsLocal({ lambda: new LocalLambda([]) })).rejects.toThrow(
      /state apply-claim uses arn:aws:lambda:.*:function:apply-claim, which the local runner cannot serve/,
    );
  });
});

describe('execution names', () => {
  it.each([
    ['C-0MX1ABCDEF1234567890', undefined],
    ['C-0MX1ABCDEF1234567890-op2', undefined],
    ['x'.repeat(80), undefined],
    ['x'.repeat(81), /80/],
    ['', /1 to 80/],
    ['a b', /whitespace/],
    ['claim:1', /whitespace/],
    ['a\u0007b', /control/],
  ])('%j', (name, problem) => {
    const found = executionNameProblem(name);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});

describe('task tokens', () => {
  it(
    'a token is answered once; a discarded one is gone, and only that one; an ended execution closes all of its ' +
      'own',
    async () => {
      const tokens = new TokenRegistry();
      const first = tokens.mint('exec-1', 'await-decision');
      expect(tokens.succeed(first.token, { decision: 'APPROVED' })).toBe(true);
      await expect(first.answered).resolves.toEqual({ decision: 'APPROVED' });
      expect(tokens.succeed(first.token, {})).toBe(false);

      // Two waits of one state (a Map's iterations, or a retry): one timing out leaves the other open.
      const timedOut = tokens.mint('exec-2', 'await-card-confirmation');
      const other = tokens.mint('exec-2', 'await-card-confirmation');
      const elsewhere = tokens.mint('exec-3', 'await-card-confirmation');
      tokens.discard(timedOut.token);
      expect(tokens.find(timedOut.token)).toBeUndefined();
      expect(tokens.find(other.token)).toBeDefined();
      tokens.close('exec-2');
      expect(tokens.find(other.token)).toBeUndefined();
      expect(tokens.find(elsewhere.token)).toBeDefined();
    },
  );

  it(
    'a token failed while its task’s function still runs (a webhook faster than the step) leaves no unhandled ' +
      'rejection: the runner reads the failure when it listens',
    async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown) => void unhandled.push(reason);
      process.on('unhandledRejection', record);
      try {
        const tokens = new TokenRegistry();
        const waiting = tokens.mint('exec-4', 'await-card-confirmation');
        expect(tokens.fail(waiting.token, Object.assign(new Error('declined'), { name: 'PaymentDeclined' }))).toBe(
          true,
        );
        // The function's invocation is still going: nobody awaits the answer for a while.
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(unhandled).toEqual([]);
        await expect(waiting.answered).rejects.toMatchObject({ name: 'PaymentDeclined' });
      } finally {
        process.off('unhandledRejection', record);
      }
    },
  );
});

describe('history', () => {
  it('counts toward Step Functions’ limit of events per execution', () => {
    const history = new HistoryRecorder({});
    for (let i = 0; i < MAX_HISTORY_EVENTS - 1; i++) history.add('PassStateEntered', Date.now());
    expect(history.full).toBe(false);
    history.add('PassStateExited', Date.now());
    expect(history.full).toBe(true);
    expect(history.events.at(-1)).toMatchObject({ id: MAX_HISTORY_EVENTS, previousEventId: MAX_HISTORY_EVENTS - 1 });
  });
});

describe('the fault switch', () => {
  it('fails only the calls about the executions a fault names, and only as many as it counts', async () => {
    const server = stepFunctionsServer(
      { StartExecution: (body) => ({ executionArn: `arn:${String(body.name)}` }) },
      undefined,
      (_operation, body) => `${String(body.name)} ${String(body.input)}`,
    );
    const port = await freePort();
    await listen(server, port);
    const start = async (name: string, correlationId: string) => {
      const answer = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution' },
        body: JSON.stringify({ name, input: JSON.stringify({ correlationId }) }),
      });
      return answer.headers.get('x-amzn-errortype') ?? String(answer.status);
    };
    try {
      const fault = { operation: 'StartExecution', count: 2, code: 'ServiceUnavailable', about: 'race-1-' };
      expect(
        (await fetch(`http://127.0.0.1:${port}/__faults`, { method: 'POST', body: JSON.stringify(fault) })).status,
      ).toBe(204);
      expect(await start('C-2', 'race-2-b')).toBe('200');
      expect(await start('C-1', 'race-1-a')).toBe('ServiceUnavailable');
      expect(await start('C-3', 'race-3-c')).toBe('200');
      expect(await start('C-1', 'race-1-a')).toBe('ServiceUnavailable');
      expect(await start('C-1', 'race-1-a')).toBe('200');
    } finally {
      server.closeAllConnections();
      await closeServer(server);
    }
  });
});
