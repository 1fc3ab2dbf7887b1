// The workflow files themselves, run by the local interpreter with every Task stubbed: each
// scenario says what the steps answer (or throw, or how long they keep a wait) and checks the path
// the file takes and how the execution ends. No functions, no stand-ins: a change to a Choice, a
// Retry or a Catch shows here in milliseconds.
import { describe, expect, it } from 'vitest';
import '../../local/polyfills.js';
import { loadWorkflow, TIMEOUT_KEY } from '../../local/step-functions/definitions.js';
import { TaskError } from '../../local/step-functions/executions.js';
import { WORKFLOWS, type WorkflowSpec } from '../../infra/workflow-catalog.js';
import { STEPS } from '../../shared/workflow/steps.js';

type Stub = (input: Record<string, any>, call: number) => unknown;

/** A wait nobody answers: the state's timeout ends it. */
const never = () => new Promise<never>(() => undefined);
const fail = (error: string, cause = `${error} (stubbed)`) => {
  throw new TaskError(error, cause);
};

async function run(spec: WorkflowSpec, input: Record<string, unknown>, stubs: Record<string, Stub>) {
  const workflow = await loadWorkflow(spec, () => true);
  const calls: Record<string, Record<string, any>[]> = {};
  const handlers = Object.fromEntries(
    Object.entries(stubs).map(([state, stub]) => [
      state,
      async (taskInput: Record<string, any>) => {
        const { [TIMEOUT_KEY]: _timeout, ...given } = taskInput;
        calls[state] ??= [];
        calls[state].push(given);
        return stub(given, calls[state]!.length);
      },
    ]),
  );
  const tasks = [...Object.keys(workflow.tasks), ...workflow.childStarts, ...Object.keys(workflow.callbackTasks)];
  const execution = workflow.machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides: Object.fromEntries(tasks.map((state) => [state, 0])),
    },
    context: { Task: { Token: 'token-of-this-wait' } } as never,
  });
  const entered: string[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) if (event.type === 'StateEntered') entered.push(event.state.name);
  })();
  let output: unknown;
  let error: string | undefined;
  try {
    output = await execution.result;
  } catch (thrown) {
    const failure = thrown as Error & { cause?: Error };
    error = failure.cause?.name ?? failure.name;
    if (process.env.DEBUG_SCENARIOS) console.log(failure, failure.cause);
  }
  await collecting;
  return { entered, output, error, calls };
}

const settle = (stubs: Record<string, Stub>) =>
  run(WORKFLOWS.settleClaim, { claimId: 'C-1', correlationId: 'req-1' }, stubs);
const card = (refundId: string) => ({ claimId: 'C-1', orderNo: refundId.split('.')[1], refundId });
const applied =
  (awaiting: ReturnType<typeof card>[] = [], confirmed: unknown[] = []) =>
  () => ({ claimId: 'C-1', awaiting, confirmed, cardWaitSeconds: 1 });

describe('settle-claim', () => {
  it('balance refunds: apply, a wait with nothing to wait for (it ends at once), complete: three states', async () => {
    const { entered, error, calls } = await settle({
      [STEPS.applyClaim]: applied(),
      [STEPS.awaitCardConfirmation]: () => ({ confirmed: true }),
      [STEPS.completeClaim]: () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([STEPS.applyClaim, STEPS.awaitCardConfirmation, STEPS.completeClaim]);
    expect(calls[STEPS.awaitCardConfirmation]!.map((c) => c.Payload)).toEqual([
      { claimId: 'C-1', refunds: [], taskToken: 'token-of-this-wait', correlationId: 'req-1' },
    ]);
    expect(calls[STEPS.completeClaim]).toEqual([{ claimId: 'C-1', confirmed: [], correlationId: 'req-1' }]);
  });

  it('two card refunds: one wait for both, on one token, then complete: three states', async () => {
    const { entered, error, calls } = await settle({
      [STEPS.applyClaim]: applied([card('C-1.O-1'), card('C-1.O-2')]),
      [STEPS.awaitCardConfirmation]: () => ({ confirmed: true }),
      [STEPS.completeClaim]: () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([STEPS.applyClaim, STEPS.awaitCardConfirmation, STEPS.completeClaim]);
    expect(calls[STEPS.awaitCardConfirmation]!.map((c) => c.Payload)).toEqual([
      {
        claimId: 'C-1',
        refunds: [card('C-1.O-1'), card('C-1.O-2')],
        taskToken: 'token-of-this-wait',
        correlationId: 'req-1',
      },
    ]);
  });

  it(
    'a refund refused during the wait: the claim is failed with the refund’s error, and the execution ' + 'fails',
    async () => {
      const { entered, error, calls } = await settle({
        [STEPS.applyClaim]: applied([card('C-1.O-1'), card('C-1.O-2')]),
        [STEPS.awaitCardConfirmation]: () => fail('PaymentDeclined', 'The card side declined AC-2.'),
        [STEPS.failClaim]: () => ({ claimId: 'C-1', status: 'NEEDS_OPERATOR' }),
      });
      expect(error).toBe('ClaimNotCompleted');
      expect(entered.at(-2)).toBe(STEPS.failClaim);
      expect(calls[STEPS.failClaim]).toEqual([
        expect.objectContaining({ claimId: 'C-1', outcome: 'FAILED', error: 'PaymentDeclined' }),
      ]);
      expect(calls[STEPS.completeClaim]).toBeUndefined();
    },
  );

  it('no webhook: after the wait the card side is asked, until it confirms', async () => {
    const { entered, error, calls } = await settle({
      [STEPS.applyClaim]: applied([card('C-1.O-1')]),
      [STEPS.awaitCardConfirmation]: never,
      [STEPS.confirmCardRefund]: (_, call) => ({ claimId: 'C-1', confirmed: call >= 2 }),
      [STEPS.completeClaim]: () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      STEPS.applyClaim,
      STEPS.awaitCardConfirmation,
      STEPS.confirmCardRefund,
      'check-card-confirmed',
      STEPS.awaitCardConfirmation,
      STEPS.confirmCardRefund,
      'check-card-confirmed',
      STEPS.completeClaim,
    ]);
    expect(calls[STEPS.confirmCardRefund]).toEqual(
      [0, 1].map(() => ({ claimId: 'C-1', refunds: [card('C-1.O-1')], correlationId: 'req-1' })),
    );
  }, 10_000);

  it('the payment provider unavailable: apply-claim is retried, then the claim goes on', async () => {
    const { error, calls } = await settle({
      [STEPS.applyClaim]: (_, call) => (call < 3 ? fail('PaymentUnavailable') : applied()()),
      [STEPS.awaitCardConfirmation]: () => ({ confirmed: true }),
      [STEPS.completeClaim]: () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(calls[STEPS.applyClaim]).toHaveLength(3);
  });

  it('unavailable for good: after the retries the claim is failed with that error', async () => {
    const { error, calls } = await settle({
      [STEPS.applyClaim]: () => fail('PaymentUnavailable'),
      [STEPS.failClaim]: () => ({}),
    });
    expect(error).toBe('ClaimNotCompleted');
    expect(calls[STEPS.applyClaim]).toHaveLength(7);
    expect(calls[STEPS.failClaim]).toEqual([expect.objectContaining({ error: 'PaymentUnavailable' })]);
  });
});

const approval = (stubs: Record<string, Stub>, timing = { reminderAfterSeconds: 1, handOverAfterSeconds: 1 }) =>
  run(WORKFLOWS.approveCancelRequest, { claimId: 'C-1', correlationId: 'req-1', timing }, stubs);
const waitFor = (timing: { reminderAfterSeconds: number; handOverAfterSeconds: number }, reminded: boolean) => () => ({
  seconds: reminded ? timing.handOverAfterSeconds : timing.reminderAfterSeconds,
  reminded,
});

describe('approve-cancel-request', () => {
  const timing = { reminderAfterSeconds: 1, handOverAfterSeconds: 1 };

  it('approved: the settlement is started, named after the claim, with the correlation id', async () => {
    const { entered, error, calls } = await approval({
      [STEPS.notifySeller]: waitFor(timing, false),
      [STEPS.awaitDecision]: () => ({ decision: 'APPROVED' }),
      'start-settle-claim': () => ({ executionArn: 'x' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      STEPS.notifySeller,
      STEPS.awaitDecision,
      'route-decision',
      'start-settle-claim',
      'end-request',
    ]);
    expect(calls['start-settle-claim']).toEqual([
      expect.objectContaining({ Name: 'C-1', Input: { claimId: 'C-1', correlationId: 'req-1' } }),
    ]);
  });

  it(
    'a start that Step Functions refuses for a moment is retried; one that already exists counts as ' + 'started',
    async () => {
      const retried = await approval({
        [STEPS.notifySeller]: waitFor(timing, false),
        [STEPS.awaitDecision]: () => ({ decision: 'APPROVED' }),
        'start-settle-claim': (_, call) => (call === 1 ? fail('StepFunctions.ExecutionLimitExceededException') : {}),
      });
      expect(retried.error).toBeUndefined();
      expect(retried.calls['start-settle-claim']).toHaveLength(2);
      const existing = await approval({
        [STEPS.notifySeller]: waitFor(timing, false),
        [STEPS.awaitDecision]: () => ({ decision: 'APPROVED' }),
        'start-settle-claim': () => fail('StepFunctions.ExecutionAlreadyExistsException'),
      });
      expect(existing.error).toBeUndefined();
      expect(existing.entered.at(-1)).toBe('end-request');
    },
  );

  it('withdrawn: the buyer and the seller are told', async () => {
    const { entered, error } = await approval({
      [STEPS.notifySeller]: waitFor(timing, false),
      [STEPS.awaitDecision]: () => ({ decision: 'WITHDRAWN' }),
      [STEPS.notifyWithdrawal]: () => ({}),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      STEPS.notifySeller,
      STEPS.awaitDecision,
      'route-decision',
      STEPS.notifyWithdrawal,
      'end-request',
    ]);
  });

  it('no decision: flagged delayed after the first wait, handed to the operator after the second', async () => {
    const { entered, error, calls } = await approval({
      [STEPS.notifySeller]: waitFor(timing, false),
      [STEPS.awaitDecision]: never,
      [STEPS.markDelayed]: waitFor(timing, true),
      [STEPS.expireRequest]: () => ({ claimId: 'C-1', decision: 'EXPIRED' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      STEPS.notifySeller,
      STEPS.awaitDecision,
      'check-wait-outcome',
      STEPS.markDelayed,
      STEPS.awaitDecision,
      'check-wait-outcome',
      STEPS.expireRequest,
      'route-decision',
      'end-request',
    ]);
    expect(calls[STEPS.markDelayed]).toEqual([{ claimId: 'C-1', timing, correlationId: 'req-1' }]);
  }, 10_000);

  it('a request that no longer holds its order goes to the operator', async () => {
    const { entered, error, calls } = await approval({
      [STEPS.notifySeller]: () => fail('ClaimNotHoldingOrder'),
      [STEPS.failClaim]: () => ({}),
    });
    expect(error).toBe('RequestNotCompleted');
    expect(entered).toEqual([STEPS.notifySeller, STEPS.failClaim, 'request-not-completed']);
    expect(calls[STEPS.failClaim]).toEqual([
      expect.objectContaining({ outcome: 'NEEDS_OPERATOR', error: 'ClaimNotHoldingOrder' }),
    ]);
  });
});

const bulk = (input: Record<string, unknown>, stubs: Record<string, Stub>) =>
  run(
    WORKFLOWS.bulkCancellation,
    { bulkId: 'BC-1', correlationId: 'req-1', approvalRequired: false, approvalWaitSeconds: 1, ...input },
    stubs,
  );
const chunksLeft = (n: number) => (_input: unknown, call: number) => ({
  bulkId: 'BC-1',
  more: call < n,
  done: call * 100,
  failed: 0,
  waitSeconds: 0,
});

describe('bulk-cancellation', () => {
  it('a small job: the lines a chunk a step, paced, until none are left, then finish; no approval', async () => {
    const { entered, error, calls } = await bulk(
      {},
      { [STEPS.cancelBulkLines]: chunksLeft(3), [STEPS.finishBulk]: () => ({ bulkId: 'BC-1', status: 'COMPLETED' }) },
    );
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      'check-approval-required',
      STEPS.cancelBulkLines,
      'check-more-lines',
      'wait-pace',
      STEPS.cancelBulkLines,
      'check-more-lines',
      'wait-pace',
      STEPS.cancelBulkLines,
      'check-more-lines',
      STEPS.finishBulk,
    ]);
    expect(calls[STEPS.cancelBulkLines]![0]).toEqual({ bulkId: 'BC-1', correlationId: 'req-1' });
    expect(calls[STEPS.finishBulk]).toEqual([
      { bulkId: 'BC-1', correlationId: 'req-1', state: expect.not.objectContaining({ error: expect.anything() }) },
    ]);
  });

  it('over the size: waits on its token for the decision, then works the lines', async () => {
    const { entered, error, calls } = await bulk(
      { approvalRequired: true },
      {
        [STEPS.awaitBulkApproval]: () => ({ decision: 'APPROVE' }),
        [STEPS.cancelBulkLines]: chunksLeft(1),
        [STEPS.finishBulk]: () => ({}),
      },
    );
    expect(error).toBeUndefined();
    expect(entered).toEqual([
      'check-approval-required',
      STEPS.awaitBulkApproval,
      STEPS.cancelBulkLines,
      'check-more-lines',
      STEPS.finishBulk,
    ]);
    expect(calls[STEPS.awaitBulkApproval]![0]!.Payload).toEqual({
      bulkId: 'BC-1',
      taskToken: 'token-of-this-wait',
      correlationId: 'req-1',
    });
  });

  it(
    'the wait ends with no wake: the job is read (an approval whose wake was not taken runs; none, and it ends ' +
      'refused)',
    async () => {
      const { entered, error, calls } = await bulk(
        { approvalRequired: true },
        {
          [STEPS.awaitBulkApproval]: never,
          // The job was approved, but Step Functions did not take the operator's wake: its lines run.
          [STEPS.cancelBulkLines]: (() => {
            let chunk = 0;
            return () => ({ bulkId: 'BC-1', more: ++chunk < 2, done: chunk, failed: 0, waitSeconds: 0 });
          })(),
          [STEPS.finishBulk]: () => ({}),
        },
      );
      expect(error).toBeUndefined();
      expect(entered).toEqual([
        'check-approval-required',
        STEPS.awaitBulkApproval,
        STEPS.cancelBulkLines,
        'check-more-lines',
        'wait-pace',
        STEPS.cancelBulkLines,
        'check-more-lines',
        STEPS.finishBulk,
      ]);
      expect(calls[STEPS.finishBulk]![0]!.state.error).toBeUndefined();
    },
  );

  it('a chunk that keeps failing: retried, then finish is given the error (what was done stays done)', async () => {
    const { entered, error, calls } = await bulk(
      {},
      { [STEPS.cancelBulkLines]: () => fail('ConcurrentChangeError'), [STEPS.finishBulk]: () => ({}) },
    );
    expect(error).toBeUndefined();
    expect(calls[STEPS.cancelBulkLines]).toHaveLength(5); // the first try and MaxAttempts 4
    expect(entered.at(-1)).toBe(STEPS.finishBulk);
    expect(calls[STEPS.finishBulk]![0]!.state.error).toMatchObject({ Error: 'ConcurrentChangeError' });
  });
});
