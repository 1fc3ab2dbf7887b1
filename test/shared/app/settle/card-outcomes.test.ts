// What the card side said about a card refund: recorded once, whoever learns it first, and how the
// waiting task ends for it.
import { describe, expect, it } from 'vitest';
import { recordCardOutcome, waitOutcomeOf } from '../../../../shared/app/settle/card-outcomes.js';
import { awaitCardConfirmation } from '../../../../shared/app/settle/await-card-confirmation.js';
import { changeRefund, raceOnce, seedPendingCardRefund, writesSince } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';

const AT = new Date('2026-11-25T01:30:00.000Z');
const TOKEN = 'token-of-the-card-wait';

describe('waitOutcomeOf', () => {
  it(
    'a pending refund does not end the wait; completed ones end it confirmed; a failed one fails it with its ' +
      'error',
    async () => {
      const { store, payments } = world();
      const { refund } = await seedPendingCardRefund(store, payments);
      const completed = { ...refund, status: 'COMPLETED' as const };

      expect(waitOutcomeOf([refund])).toBeUndefined();
      expect(waitOutcomeOf([completed])).toEqual({ output: { confirmed: true } });
      expect(waitOutcomeOf([])).toEqual({ output: { confirmed: true } });
      expect(
        waitOutcomeOf([
          { ...refund, status: 'FAILED', failure: { error: 'CardConfirmationTimedOut', cause: 'not within 24 hours' } },
        ]),
      ).toEqual({ error: 'CardConfirmationTimedOut', cause: 'not within 24 hours' });
      expect(waitOutcomeOf([{ ...refund, status: 'FAILED' }])).toEqual({
        error: 'PaymentDeclined',
        cause: `Refund ${refund.refundId} failed.`,
      });
    },
  );

  it('refunds waited for together: confirmed once all are, failed as soon as one is, else still waiting', async () => {
    const { store, payments } = world();
    const { refund } = await seedPendingCardRefund(store, payments);
    const completed = { ...refund, status: 'COMPLETED' as const };
    const failed = { ...refund, status: 'FAILED' as const, failure: { error: 'PaymentDeclined', cause: 'no' } };

    expect(waitOutcomeOf([completed, refund])).toBeUndefined();
    expect(waitOutcomeOf([completed, completed])).toEqual({ output: { confirmed: true } });
    expect(waitOutcomeOf([refund, failed])).toEqual({ error: 'PaymentDeclined', cause: 'no' });
  });
});

describe('recordCardOutcome', () => {
  it('a confirmation completes the pending refund with its reference, in a write of the refund alone', async () => {
    const { store, payments } = world();
    const { ref, refund } = await seedPendingCardRefund(store, payments);
    const commits = store.commits.length;

    const recorded = await recordCardOutcome(store, ref, { state: 'CONFIRMED', reference: 'AC-9' }, AT);

    expect(writesSince(store, commits)).toEqual([['refund']]);
    const stored = (await store.getRefund(ref.orderNo, ref.refundId))!;
    expect(stored).toMatchObject({
      status: 'COMPLETED',
      providerReference: 'AC-9',
      confirmedAt: AT.toISOString(),
      completedAt: AT.toISOString(),
      version: refund.version + 1,
    });
    expect(recorded).toEqual({ refund: stored });
  });

  it(
    'a confirmation after the refund failed for want of one (24 hours) completes it after all: the money did ' + 'move',
    async () => {
      const { store, payments } = world();
      const { ref } = await seedPendingCardRefund(store, payments);
      await recordCardOutcome(
        store,
        ref,
        { state: 'FAILED', error: 'CardConfirmationTimedOut', cause: 'not within 24 hours' },
        AT,
      );
      const commits = store.commits.length;

      await recordCardOutcome(store, ref, { state: 'CONFIRMED', reference: 'AC-LATE' }, AT);

      expect(writesSince(store, commits)).toEqual([['refund', 'event:REFUND_CONFIRMED_LATE']]);
      expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
        status: 'COMPLETED',
        providerReference: 'AC-LATE',
      });
      // A refusal that was definite stays as it is.
      const declined = await seedPendingCardRefund(store, payments);
      await recordCardOutcome(store, declined.ref, { state: 'FAILED', error: 'PaymentDeclined', cause: 'no' }, AT);
      await recordCardOutcome(store, declined.ref, { state: 'CONFIRMED', reference: 'AC-ODD' }, AT);
      expect(await store.getRefund(declined.ref.orderNo, declined.ref.refundId)).toMatchObject({ status: 'FAILED' });
    },
  );

  it('a refusal fails the refund and goes on the timeline at once', async () => {
    const { store, payments } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    const commits = store.commits.length;

    await recordCardOutcome(
      store,
      ref,
      { state: 'FAILED', error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' },
      AT,
    );

    expect(writesSince(store, commits)).toEqual([['refund', 'event:REFUND_FAILED']]);
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'FAILED',
      failure: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' },
      failedAt: AT.toISOString(),
    });
    expect(store.events.at(-1)).toEqual({
      orderNo: ref.orderNo,
      at: AT.toISOString(),
      type: 'REFUND_FAILED',
      actor: { role: 'system', id: 'settle-claim' },
      claimId: ref.claimId,
      detail: 'The card side declined the cancellation AC-1.',
    });
  });

  it('a refund already settled is left as it is: the first outcome stands', async () => {
    const { store, payments } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    const settled = await changeRefund(store, ref, (r) => ({ ...r, status: 'COMPLETED', providerReference: 'AC-1' }));
    const commits = store.commits.length;

    const recorded = await recordCardOutcome(
      store,
      ref,
      { state: 'FAILED', error: 'PaymentDeclined', cause: 'late refusal' },
      AT,
    );

    expect(recorded).toEqual({ refund: settled });
    expect(store.commits).toHaveLength(commits);
  });

  it('answers the wait, if one waits: its token and the refunds it is for', async () => {
    const { store, payments, workflows } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);

    expect((await recordCardOutcome(store, ref, { state: 'CONFIRMED', reference: 'AC-1' }, AT)).waiting).toEqual({
      token: TOKEN,
      together: [{ orderNo: ref.orderNo, refundId: ref.refundId }],
    });
  });

  it('a token stored while the outcome is written is answered: the wait is read after the write', async () => {
    const { store, payments, workflows } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    raceOnce(
      store,
      (writes) => writes[0]!.entity === 'refund',
      () => awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN),
    );

    const recorded = await recordCardOutcome(store, ref, { state: 'CONFIRMED', reference: 'AC-1' }, AT);

    expect(recorded.waiting?.token).toBe(TOKEN);
    expect(recorded.refund).toMatchObject({ status: 'COMPLETED' });
    expect(recorded.refund).toEqual(await store.getRefund(ref.orderNo, ref.refundId));
  });

  it('an unknown refund: RefundNotFound', async () => {
    const { store } = world();
    await expect(
      recordCardOutcome(store, { orderNo: 'O-X', refundId: 'C-X.O-X' }, { state: 'CONFIRMED', reference: 'AC-1' }, AT),
    ).rejects.toMatchObject({ name: 'RefundNotFound' });
  });
});
