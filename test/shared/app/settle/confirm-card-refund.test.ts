// confirm-card-refund: no webhook within the wait, so the card side is asked about each of the
// claim's card refunds still pending, under the refund's key.
// Confirmed: COMPLETED. Still pending: wait again, up to 24 hours from the attempt's start; then,
// or on a refusal, the refund FAILED and the step fails for the operator.
import { describe, expect, it } from 'vitest';
import { PaymentError } from '../../../../shared/app/ports/port-errors.js';
import { CARD_CONFIRMATION_LIMIT_MS, confirmCardRefunds } from '../../../../shared/app/settle/confirm-card-refund.js';
import { retryRefund } from '../../../../shared/domain/refund.js';
import { FakePayments } from '../../../support/fakes.js';
import { OPENED_AT, changeRefund, seedPendingCardRefund } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';

/** The refunds were requested at OPENED_AT (seedClaim's time). */
const openedPlus = (ms: number) => new Date(Date.parse(OPENED_AT) + ms);
const HOUR = 3600_000;

/** A provider that does not answer when asked. */
class SilentPayments extends FakePayments {
  override async authorizationCancellation(idempotencyKey: string): Promise<never> {
    this.calls.push({ kind: 'check', key: idempotencyKey });
    throw new PaymentError('no answer within 5000 ms', 'UNAVAILABLE');
  }
}

/** A provider that does not answer about the refunds named here, and answers about the others. */
class PartlySilentPayments extends FakePayments {
  readonly silentFor = new Set<string>();
  override async authorizationCancellation(idempotencyKey: string) {
    if ([...this.silentFor].some((refundId) => idempotencyKey.includes(refundId)))
      throw new PaymentError('no answer within 5000 ms', 'UNAVAILABLE');
    return super.authorizationCancellation(idempotencyKey);
  }
}

describe('confirmCardRefunds', () => {
  it('the card side confirmed: the refund COMPLETED with its reference', async () => {
    const { store, payments } = world();
    const { refund, ref, reference } = await seedPendingCardRefund(store, payments);

    expect(await confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(HOUR))).toEqual({
      claimId: ref.claimId,
      confirmed: true,
    });

    expect(payments.calls).toEqual([{ kind: 'check', key: `refund:${refund.refundId}:a1` }]);
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'COMPLETED',
      providerReference: reference,
      confirmedAt: openedPlus(HOUR).toISOString(),
      completedAt: openedPlus(HOUR).toISOString(),
    });
  });

  it('still pending within 24 hours: nothing written, and the workflow waits again', async () => {
    const { store, payments } = world();
    const { ref, reference } = await seedPendingCardRefund(store, payments);
    payments.confirmations.set(reference, 'PENDING');
    const commits = store.commits.length;

    expect(
      await confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(CARD_CONFIRMATION_LIMIT_MS - 1000)),
    ).toEqual({ claimId: ref.claimId, confirmed: false });
    expect(store.commits).toHaveLength(commits);
    expect((await store.getRefund(ref.orderNo, ref.refundId))!.status).toBe('PENDING');
  });

  it('still pending after 24 hours: the refund FAILED CardConfirmationTimedOut, and the step fails so', async () => {
    const { store, payments } = world();
    const { ref, reference } = await seedPendingCardRefund(store, payments);
    payments.confirmations.set(reference, 'PENDING');
    const at = openedPlus(CARD_CONFIRMATION_LIMIT_MS);

    await expect(confirmCardRefunds({ store, payments }, ref.claimId, [ref], at)).rejects.toMatchObject({
      name: 'CardConfirmationTimedOut',
      message: `The card side did not confirm the cancellation ${reference} within 24 hours.`,
    });
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'FAILED',
      failure: {
        error: 'CardConfirmationTimedOut',
        cause: `The card side did not confirm the cancellation ${reference} within 24 hours.`,
      },
      failedAt: at.toISOString(),
    });
    expect(store.events.at(-1)).toMatchObject({ type: 'REFUND_FAILED', at: at.toISOString(), claimId: ref.claimId });
  });

  it('a later attempt has its own 24 hours, from when it started, and its own key', async () => {
    const { store, payments } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    const retried = await changeRefund(store, ref, (r) =>
      retryRefund({ ...r, status: 'FAILED' }, openedPlus(23 * HOUR)),
    );
    expect(retried).toMatchObject({ status: 'PENDING', attempts: 2 });
    await payments.cancelAuthorization({ idempotencyKey: `refund:${ref.refundId}:a2` });
    payments.confirmations.set('AC-2', 'PENDING');
    payments.calls.length = 0;

    expect(await confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(25 * HOUR))).toEqual({
      claimId: ref.claimId,
      confirmed: false,
    });
    expect(payments.calls).toEqual([{ kind: 'check', key: `refund:${ref.refundId}:a2` }]);

    await expect(
      confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(47 * HOUR)),
    ).rejects.toMatchObject({
      name: 'CardConfirmationTimedOut',
    });
  });

  it('the card side declined: the refund FAILED PaymentDeclined', async () => {
    const { store, payments } = world();
    const { ref, reference } = await seedPendingCardRefund(store, payments);
    payments.confirmations.set(reference, 'DECLINED');

    await expect(confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(HOUR))).rejects.toMatchObject({
      name: 'PaymentDeclined',
      message: `The card side declined the cancellation ${reference}.`,
    });
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'FAILED',
      failure: { error: 'PaymentDeclined' },
    });
  });

  it('the card side never received the request: the refund FAILED PaymentDeclined, naming the key', async () => {
    const { store, payments } = world();
    const { ref } = await seedPendingCardRefund(store, payments);
    payments.byKey.clear();

    await expect(confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(HOUR))).rejects.toMatchObject({
      name: 'PaymentDeclined',
      message: `The card side has no cancellation under refund:${ref.refundId}:a1.`,
    });
    expect((await store.getRefund(ref.orderNo, ref.refundId))!.status).toBe('FAILED');
  });

  it('the card side does not answer: PaymentUnavailable for a retry, and nothing written', async () => {
    const { store } = world();
    const payments = new SilentPayments();
    const { ref } = await seedPendingCardRefund(store, payments);
    const commits = store.commits.length;

    await expect(confirmCardRefunds({ store, payments }, ref.claimId, [ref], openedPlus(HOUR))).rejects.toMatchObject({
      name: 'PaymentUnavailable',
      message: 'no answer within 5000 ms',
    });
    expect(store.commits).toHaveLength(commits);
  });

  it('a refund the webhook settled first is answered from the refund, without asking the card side', async () => {
    const { store, payments } = world();
    const confirmed = await seedPendingCardRefund(store, payments);
    await changeRefund(store, confirmed.ref, (r) => ({ ...r, status: 'COMPLETED', providerReference: 'AC-1' }));
    const declined = await seedPendingCardRefund(store, payments);
    await changeRefund(store, declined.ref, (r) => ({
      ...r,
      status: 'FAILED',
      failure: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-2: do_not_honor.' },
    }));

    expect(
      await confirmCardRefunds({ store, payments }, confirmed.ref.claimId, [confirmed.ref], openedPlus(HOUR)),
    ).toEqual({
      claimId: confirmed.ref.claimId,
      confirmed: true,
    });
    await expect(
      confirmCardRefunds({ store, payments }, declined.ref.claimId, [declined.ref], openedPlus(HOUR)),
    ).rejects.toMatchObject({
      name: 'PaymentDeclined',
      message: 'The card side declined the cancellation AC-2: do_not_honor.',
    });
    expect(payments.calls).toEqual([]);
  });

  it('two refunds waited for together: confirmed only once the card side confirmed both', async () => {
    const { store, payments } = world();
    const first = await seedPendingCardRefund(store, payments);
    const second = await seedPendingCardRefund(store, payments);
    payments.confirmations.set(second.reference, 'PENDING');

    expect(
      await confirmCardRefunds({ store, payments }, first.ref.claimId, [first.ref, second.ref], openedPlus(HOUR)),
    ).toEqual({ claimId: first.ref.claimId, confirmed: false });
    expect((await store.getRefund(first.ref.orderNo, first.ref.refundId))!.status).toBe('COMPLETED');
    payments.confirmations.set(second.reference, 'CONFIRMED');
    expect(
      await confirmCardRefunds({ store, payments }, first.ref.claimId, [first.ref, second.ref], openedPlus(2 * HOUR)),
    ).toEqual({ claimId: first.ref.claimId, confirmed: true });
    expect((await store.getRefund(second.ref.orderNo, second.ref.refundId))!.status).toBe('COMPLETED');
  });

  it(
    'two refunds, the card side answering for one only: that one is recorded, and the step is retried ' +
      'PaymentUnavailable',
    async () => {
      const { store } = world();
      const payments = new PartlySilentPayments();
      const first = await seedPendingCardRefund(store, payments);
      const second = await seedPendingCardRefund(store, payments);
      payments.silentFor.add(second.ref.refundId);

      await expect(
        confirmCardRefunds({ store, payments }, first.ref.claimId, [second.ref, first.ref], openedPlus(HOUR)),
      ).rejects.toMatchObject({ name: 'PaymentUnavailable' });
      expect((await store.getRefund(first.ref.orderNo, first.ref.refundId))!.status).toBe('COMPLETED');
    },
  );

  it('one refused and one unanswered: the refusal is what fails the step', async () => {
    const { store } = world();
    const payments = new PartlySilentPayments();
    const first = await seedPendingCardRefund(store, payments);
    const second = await seedPendingCardRefund(store, payments);
    payments.silentFor.add(second.ref.refundId);
    payments.confirmations.set(first.reference, 'DECLINED');

    await expect(
      confirmCardRefunds({ store, payments }, first.ref.claimId, [second.ref, first.ref], openedPlus(HOUR)),
    ).rejects.toMatchObject({ name: 'PaymentDeclined' });
  });

  it('an unknown refund: RefundNotFound', async () => {
    const { store, payments } = world();
    await expect(
      confirmCardRefunds(
        { store, payments },
        'C-NONE',
        [{ claimId: 'C-NONE', orderNo: 'O-NONE', refundId: 'C-NONE.O-NONE' }],
        openedPlus(HOUR),
      ),
    ).rejects.toMatchObject({ name: 'RefundNotFound' });
  });
});
