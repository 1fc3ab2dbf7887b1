// The workflow files themselves, run by the local interpreter with every Task stubbed: each
// scenario says what the steps answer (or throw, or how long they keep a wait) and checks the path
// the file takes and how the execution ends. No functions, no stand-ins: a change to a Choice, a
// Retry or a Catch shows here in milliseconds.
import { describe, expect, it } from 'vitest';
import '../../infra/local/polyfills.js';
import { loadWorkflow, TIMEOUT_KEY } from '../../infra/local/step-functions/definitions.js';
import { TaskError } from '../../infra/local/step-functions/executions.js';
import { WORKFLOWS, type WorkflowSpec } from '../../infra/workflow-catalog.js';

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
        (calls[state] ??= []).push(given);
        return stub(given, calls[state]!.length);
      },
    ]),
  );
  const tasks = [...Object.keys(workflow.tasks), ...workflow.childStarts, ...Object.keys(workflow.callbackTasks)];
  const execution = workflow.machine.run(input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: Object.fromEntries(tasks.map((state) => [state, 0])) },
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

const settle = (stubs: Record<string, Stub>) => run(WORKFLOWS.settleClaim, { claimId: 'C-1', correlationId: 'req-1' }, stubs);
const card = (refundId: string) => ({ claimId: 'C-1', orderNo: refundId.split('.')[1], refundId });
const applied = (awaiting: ReturnType<typeof card>[] = [], confirmed: unknown[] = []) => () => ({ claimId: 'C-1', awaiting, confirmed, cardWaitSeconds: 1 });

describe('settle-claim', () => {
  it('balance refunds: apply, a wait with nothing to wait for (it ends at once), complete: three states', async () => {
    const { entered, error, calls } = await settle({ 'apply-claim': applied(), 'await-card-confirmation': () => ({ confirmed: true }), 'complete-claim': () => ({ claimId: 'C-1' }) });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['apply-claim', 'await-card-confirmation', 'complete-claim']);
    expect(calls['await-card-confirmation']!.map((c) => c.Payload)).toEqual([{ claimId: 'C-1', refunds: [], taskToken: 'token-of-this-wait', correlationId: 'req-1' }]);
    expect(calls['complete-claim']).toEqual([{ claimId: 'C-1', confirmed: [], correlationId: 'req-1' }]);
  });

  it('two card refunds: one wait for both, on one token, then complete: three states', async () => {
    const { entered, error, calls } = await settle({
      'apply-claim': applied([card('C-1.O-1'), card('C-1.O-2')]),
      'await-card-confirmation': () => ({ confirmed: true }),
      'complete-claim': () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['apply-claim', 'await-card-confirmation', 'complete-claim']);
    expect(calls['await-card-confirmation']!.map((c) => c.Payload)).toEqual([
      { claimId: 'C-1', refunds: [card('C-1.O-1'), card('C-1.O-2')], taskToken: 'token-of-this-wait', correlationId: 'req-1' },
    ]);
  });

  it('a refund refused during the wait: the claim is failed with the refund’s error, and the execution fails', async () => {
    const { entered, error, calls } = await settle({
      'apply-claim': applied([card('C-1.O-1'), card('C-1.O-2')]),
      'await-card-confirmation': () => fail('PaymentDeclined', 'The card side declined AC-2.'),
      'fail-claim': () => ({ claimId: 'C-1', status: 'NEEDS_OPERATOR' }),
    });
    expect(error).toBe('ClaimNotCompleted');
    expect(entered.at(-2)).toBe('fail-claim');
    expect(calls['fail-claim']).toEqual([expect.objectContaining({ claimId: 'C-1', outcome: 'FAILED', error: 'PaymentDeclined' })]);
    expect(calls['complete-claim']).toBeUndefined();
  });

  it('no webhook: after the wait the card side is asked, until it confirms', async () => {
    const { entered, error, calls } = await settle({
      'apply-claim': applied([card('C-1.O-1')]),
      'await-card-confirmation': never,
      'confirm-card-refund': (_, call) => ({ claimId: 'C-1', confirmed: call >= 2 }),
      'complete-claim': () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['apply-claim', 'await-card-confirmation', 'confirm-card-refund', 'card-confirmed', 'await-card-confirmation', 'confirm-card-refund', 'card-confirmed', 'complete-claim']);
    expect(calls['confirm-card-refund']).toEqual([0, 1].map(() => ({ claimId: 'C-1', refunds: [card('C-1.O-1')], correlationId: 'req-1' })));
  }, 10_000);

  it('the payment provider unavailable: apply-claim is retried, then the claim goes on', async () => {
    const { error, calls } = await settle({
      'apply-claim': (_, call) => (call < 3 ? fail('PaymentUnavailable') : applied()()),
      'await-card-confirmation': () => ({ confirmed: true }),
      'complete-claim': () => ({ claimId: 'C-1' }),
    });
    expect(error).toBeUndefined();
    expect(calls['apply-claim']).toHaveLength(3);
  });

  it('unavailable for good: after the retries the claim is failed with that error', async () => {
    const { error, calls } = await settle({ 'apply-claim': () => fail('PaymentUnavailable'), 'fail-claim': () => ({}) });
    expect(error).toBe('ClaimNotCompleted');
    expect(calls['apply-claim']).toHaveLength(7);
    expect(calls['fail-claim']).toEqual([expect.objectContaining({ error: 'PaymentUnavailable' })]);
  });
});

const approval = (stubs: Record<string, Stub>, timing = { reminderAfterSeconds: 1, handOverAfterSeconds: 1 }) => run(WORKFLOWS.approveCancelRequest, { claimId: 'C-1', correlationId: 'req-1', timing }, stubs);
const waitFor = (timing: { reminderAfterSeconds: number; handOverAfterSeconds: number }, reminded: boolean) => () => ({ seconds: reminded ? timing.handOverAfterSeconds : timing.reminderAfterSeconds, reminded });

describe('approve-cancel-request', () => {
  const timing = { reminderAfterSeconds: 1, handOverAfterSeconds: 1 };

  it('approved: the settlement is started, named after the claim, with the correlation id', async () => {
    const { entered, error, calls } = await approval({ 'notify-seller': waitFor(timing, false), 'await-decision': () => ({ decision: 'APPROVED' }), settle: () => ({ executionArn: 'x' }) });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['notify-seller', 'await-decision', 'decided', 'settle', 'done']);
    expect(calls.settle).toEqual([expect.objectContaining({ 'Name': 'C-1', Input: { claimId: 'C-1', correlationId: 'req-1' } })]);
  });

  it('a start that Step Functions refuses for a moment is retried; one that already exists counts as started', async () => {
    const retried = await approval({ 'notify-seller': waitFor(timing, false), 'await-decision': () => ({ decision: 'APPROVED' }), settle: (_, call) => (call === 1 ? fail('StepFunctions.ExecutionLimitExceededException') : {}) });
    expect(retried.error).toBeUndefined();
    expect(retried.calls.settle).toHaveLength(2);
    const existing = await approval({ 'notify-seller': waitFor(timing, false), 'await-decision': () => ({ decision: 'APPROVED' }), settle: () => fail('StepFunctions.ExecutionAlreadyExistsException') });
    expect(existing.error).toBeUndefined();
    expect(existing.entered.at(-1)).toBe('done');
  });

  it('withdrawn: the buyer and the seller are told', async () => {
    const { entered, error } = await approval({ 'notify-seller': waitFor(timing, false), 'await-decision': () => ({ decision: 'WITHDRAWN' }), 'notify-withdrawal': () => ({}) });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['notify-seller', 'await-decision', 'decided', 'notify-withdrawal', 'done']);
  });

  it('no decision: flagged delayed after the first wait, handed to the operator after the second', async () => {
    const { entered, error, calls } = await approval({
      'notify-seller': waitFor(timing, false),
      'await-decision': never,
      'mark-delayed': waitFor(timing, true),
      'expire-request': () => ({ claimId: 'C-1', decision: 'EXPIRED' }),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['notify-seller', 'await-decision', 'after-wait', 'mark-delayed', 'await-decision', 'after-wait', 'expire-request', 'decided', 'done']);
    expect(calls['mark-delayed']).toEqual([{ claimId: 'C-1', timing, correlationId: 'req-1' }]);
  }, 10_000);

  it('a request that no longer holds its order goes to the operator', async () => {
    const { entered, error, calls } = await approval({ 'notify-seller': () => fail('ClaimNotHoldingOrder'), 'fail-claim': () => ({}) });
    expect(error).toBe('RequestNotCompleted');
    expect(entered).toEqual(['notify-seller', 'fail-claim', 'request-not-completed']);
    expect(calls['fail-claim']).toEqual([expect.objectContaining({ outcome: 'NEEDS_OPERATOR', error: 'ClaimNotHoldingOrder' })]);
  });
});

const bulk = (input: Record<string, unknown>, stubs: Record<string, Stub>) =>
  run(WORKFLOWS.bulkCancellation, { bulkId: 'BC-1', correlationId: 'req-1', approvalRequired: false, approvalWaitSeconds: 1, ...input }, stubs);
const chunksLeft = (n: number) => (_input: unknown, call: number) => ({ bulkId: 'BC-1', more: call < n, done: call * 100, failed: 0, waitSeconds: 0 });

describe('bulk-cancellation', () => {
  it('a small job: the lines a chunk a step, paced, until none are left, then finish; no approval', async () => {
    const { entered, error, calls } = await bulk({}, { 'cancel-bulk-lines': chunksLeft(3), 'finish-bulk': () => ({ bulkId: 'BC-1', status: 'COMPLETED' }) });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['approval-required', 'cancel-bulk-lines', 'more-lines', 'pace', 'cancel-bulk-lines', 'more-lines', 'pace', 'cancel-bulk-lines', 'more-lines', 'finish-bulk']);
    expect(calls['cancel-bulk-lines']![0]).toEqual({ bulkId: 'BC-1', correlationId: 'req-1' });
    expect(calls['finish-bulk']).toEqual([{ bulkId: 'BC-1', correlationId: 'req-1', state: expect.not.objectContaining({ error: expect.anything() }) }]);
  });

  it('over the size: waits on its token for the decision, then works the lines', async () => {
    const { entered, error, calls } = await bulk({ approvalRequired: true }, {
      'await-bulk-approval': () => ({ decision: 'APPROVE' }),
      'cancel-bulk-lines': chunksLeft(1),
      'finish-bulk': () => ({}),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['approval-required', 'await-bulk-approval', 'cancel-bulk-lines', 'more-lines', 'finish-bulk']);
    expect(calls['await-bulk-approval']![0]!.Payload).toEqual({ bulkId: 'BC-1', taskToken: 'token-of-this-wait', correlationId: 'req-1' });
  });

  it('the wait ends with no wake: the job is read (an approval whose wake was not taken runs; none, and it ends refused)', async () => {
    const { entered, error, calls } = await bulk({ approvalRequired: true }, {
      'await-bulk-approval': never,
      // The job was approved, but Step Functions did not take the operator's wake: its lines run.
      'cancel-bulk-lines': (() => {
        let chunk = 0;
        return () => ({ bulkId: 'BC-1', more: ++chunk < 2, done: chunk, failed: 0, waitSeconds: 0 });
      })(),
      'finish-bulk': () => ({}),
    });
    expect(error).toBeUndefined();
    expect(entered).toEqual(['approval-required', 'await-bulk-approval', 'cancel-bulk-lines', 'more-lines', 'pace', 'cancel-bulk-lines', 'more-lines', 'finish-bulk']);
    expect(calls['finish-bulk']![0]!.state.error).toBeUndefined();
  });

  it('a chunk that keeps failing: retried, then finish is given the error (what was done stays done)', async () => {
    const { entered, error, calls } = await bulk({}, { 'cancel-bulk-lines': () => fail('ConcurrentChangeError'), 'finish-bulk': () => ({}) });
    expect(error).toBeUndefined();
    expect(calls['cancel-bulk-lines']).toHaveLength(5); // the first try and MaxAttempts 4
    expect(entered.at(-1)).toBe('finish-bulk');
    expect(calls['finish-bulk']![0]!.state.error).toMatchObject({ Error: 'ConcurrentChangeError' });
  });
});
