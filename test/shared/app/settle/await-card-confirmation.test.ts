// await-card-confirmation: the settle workflow waits once per claim for the card side to answer for
// its card refunds, on a task token kept apart from them. The webhooks and the wait, in whichever
// order and however interleaved, wake the wait once all are answered.
import { describe, expect, it } from 'vitest';
import { viewOrder } from '../../../../shared/app/orders/view-order.js';
import { awaitCardConfirmation } from '../../../../shared/app/settle/await-card-confirmation.js';
import { receivePaymentEvent, type PaymentEvent } from '../../../../shared/app/settle/payment-events.js';
import { FakeWorkflows } from '../../../support/fakes.js';
import {
  BUYER,
  NOW,
  SELLER,
  changeRefund,
  raceOnce,
  readable,
  seedPendingCardRefund,
} from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';

const TOKEN = 'AAAA-secret-task-token-of-the-card-wait-0123456789';
const WEBHOOK_AT = new Date('2026-11-25T01:00:02.000Z');

/** Workflows that also record what each wake was answered: delivered to a waiting task, or closed. */
class AnsweringWorkflows extends FakeWorkflows {
  readonly answers: string[] = [];
  override async wake(...args: Parameters<FakeWorkflows['wake']>) {
    const answer = await super.wake(...args);
    this.answers.push(answer);
    return answer;
  }
}

async function waitingRefund() {
  const w = world();
  const workflows = new AnsweringWorkflows();
  workflows.openTokens.add(TOKEN);
  const seeded = await seedPendingCardRefund(w.store, w.payments);
  const confirmation: PaymentEvent = {
    type: 'authorization_cancellation.confirmed',
    idempotencyKey: `refund:${seeded.refund.refundId}:a1`,
    orderNo: seeded.order.orderNo,
    reference: seeded.reference,
  };
  return { ...w, workflows, ...seeded, confirmation };
}

const CONFIRMED = { output: { confirmed: true } };

describe('awaitCardConfirmation', () => {
  it('a pending refund: the token is stored apart from it, and nobody is woken', async () => {
    const { store, workflows, ref, refund } = await waitingRefund();
    const commits = store.commits.length;

    expect(await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN)).toEqual({
      claimId: ref.claimId,
      waiting: true,
    });

    expect(await store.waitToken({ orderNo: ref.orderNo, refundId: ref.refundId })).toBe(TOKEN);
    const together = [{ orderNo: ref.orderNo, refundId: ref.refundId }];
    expect(store.commits.slice(commits)).toEqual([
      [{ entity: 'wait', value: { waitFor: together[0], token: TOKEN, version: refund.version, together } }],
    ]);
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toEqual(refund);
    expect(workflows.wakes).toEqual([]);
  });

  it('the token never appears on a refund anyone reads', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);

    expect(await readable(store)).not.toContain(TOKEN);
    for (const principal of [SELLER, BUYER]) {
      const view = JSON.stringify(await viewOrder(store, principal, ref.orderNo, NOW));
      expect(view).toContain(ref.refundId);
      expect(view).not.toContain(TOKEN);
    }
  });

  it('a refund confirmed before the wait began ends the wait at once', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await changeRefund(store, ref, (r) => ({ ...r, status: 'COMPLETED' }));

    expect(await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN)).toEqual({
      claimId: ref.claimId,
      waiting: false,
    });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(await store.waitToken({ orderNo: ref.orderNo, refundId: ref.refundId })).toBeUndefined();
  });

  it('a refund declined before the wait began fails the wait with the refund’s error', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await changeRefund(store, ref, (r) => ({
      ...r,
      status: 'FAILED',
      failure: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' },
    }));

    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);
    expect(workflows.wakes).toEqual([
      {
        taskToken: TOKEN,
        outcome: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' },
      },
    ]);
  });

  it('an unknown refund: RefundNotFound', async () => {
    const { store, workflows } = await waitingRefund();
    await expect(
      awaitCardConfirmation(
        { store, workflows },
        'C-X',
        [{ claimId: 'C-X', orderNo: 'O-X', refundId: 'C-X.O-X' }],
        TOKEN,
      ),
    ).rejects.toMatchObject({ name: 'RefundNotFound' });
  });

  it(
    'nothing to wait for (balance refunds, or cards confirmed at once): the wait ends at once, ' + 'confirmed',
    async () => {
      const { store, workflows } = await waitingRefund();
      const commits = store.commits.length;

      expect(await awaitCardConfirmation({ store, workflows }, 'C-1', [], TOKEN)).toEqual({
        claimId: 'C-1',
        waiting: false,
      });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
      expect(store.commits.length).toBe(commits);
    },
  );
});

describe('one wait for a claim’s card refunds', () => {
  /** Two pending card refunds awaited together, as a claim of two card orders has them. */
  async function twoWaiting() {
    const first = await waitingRefund();
    const second = await seedPendingCardRefund(first.store, first.payments);
    const confirmationOf = (seeded: typeof second): PaymentEvent => ({
      type: 'authorization_cancellation.confirmed',
      idempotencyKey: `refund:${seeded.refund.refundId}:a1`,
      orderNo: seeded.order.orderNo,
      reference: seeded.reference,
    });
    await awaitCardConfirmation(first, first.ref.claimId, [first.ref, second.ref], TOKEN);
    return { ...first, second, confirmationOf };
  }

  it(
    'the token is kept beside each, with both named; the first answer does not wake the wait, the last ' + 'does',
    async () => {
      const { store, workflows, ref, confirmation, second, confirmationOf } = await twoWaiting();
      const together = [ref, second.ref].map(({ orderNo, refundId }) => ({ orderNo, refundId }));
      for (const waitFor of together) expect(await store.refundWait(waitFor)).toEqual({ token: TOKEN, together });

      await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT);
      expect(workflows.wakes).toEqual([]);
      await receivePaymentEvent({ store, workflows }, confirmationOf(second), WEBHOOK_AT);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    },
  );

  it('the two answers arriving together: each records its own, and at least one wakes the wait', async () => {
    const { store, workflows, confirmation, second, confirmationOf } = await twoWaiting();
    const other = raceOnce(
      store,
      (writes) => writes[0]!.entity === 'refund',
      () => receivePaymentEvent({ store, workflows }, confirmationOf(second), WEBHOOK_AT),
    );
    await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT);

    expect(other.value).toMatchObject({ outcome: 'RECORDED', status: 'COMPLETED' });
    expect(workflows.wakes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(workflows.wakes.map((wake) => JSON.stringify(wake)))).toEqual(
      new Set([JSON.stringify({ taskToken: TOKEN, outcome: CONFIRMED })]),
    );
    expect(workflows.answers[0]).toBe('DELIVERED');
  });

  it(
    'one answered before the wait began: the token is kept beside the other only, and its answer wakes the ' + 'wait',
    async () => {
      const first = await waitingRefund();
      const { store, workflows, ref, confirmation } = first;
      const second = await seedPendingCardRefund(store, first.payments);
      await changeRefund(store, second.ref, (r) => ({ ...r, status: 'COMPLETED' }));
      const commits = store.commits.length;

      expect(await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref, second.ref], TOKEN)).toEqual({
        claimId: ref.claimId,
        waiting: true,
      });
      expect(
        store.commits
          .slice(commits)
          .flat()
          .map((write) => write.entity === 'wait' && write.value.waitFor),
      ).toEqual([{ orderNo: ref.orderNo, refundId: ref.refundId }]);
      expect(await store.refundWait(second.ref)).toBeUndefined();

      await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT);
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    },
  );

  it(
    'waiting again with a new token (after the fallback, or a retried step): the new token replaces the old beside ' +
      'each',
    async () => {
      const { store, workflows, ref, second, confirmationOf } = await (async () => {
        const first = await waitingRefund();
        const other = await seedPendingCardRefund(first.store, first.payments);
        await awaitCardConfirmation(first, first.ref.claimId, [first.ref, other.ref], 'OLD-TOKEN');
        return {
          ...first,
          second: other,
          confirmationOf: (seeded: typeof other): PaymentEvent => ({
            type: 'authorization_cancellation.confirmed',
            idempotencyKey: `refund:${seeded.refund.refundId}:a1`,
            orderNo: seeded.order.orderNo,
            reference: seeded.reference,
          }),
        };
      })();
      await receivePaymentEvent({ store, workflows }, confirmationOf(second), WEBHOOK_AT);
      await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref, second.ref], TOKEN);

      expect(await store.refundWait(ref)).toEqual({
        token: TOKEN,
        together: [ref, second.ref].map(({ orderNo, refundId }) => ({ orderNo, refundId })),
      });
      await receivePaymentEvent(
        { store, workflows },
        {
          type: 'authorization_cancellation.confirmed',
          idempotencyKey: `refund:${ref.refundId}:a1`,
          orderNo: ref.orderNo,
          reference: 'AC-1',
        },
        WEBHOOK_AT,
      );
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    },
  );

  it('one refused: the wait fails with its error at once, whatever the other', async () => {
    const { store, workflows, second } = await twoWaiting();
    const refusal: PaymentEvent = {
      type: 'authorization_cancellation.declined',
      idempotencyKey: `refund:${second.refund.refundId}:a1`,
      orderNo: second.order.orderNo,
      reference: second.reference,
      reason: 'issuer refused',
    };

    await receivePaymentEvent({ store, workflows }, refusal, WEBHOOK_AT);
    expect(workflows.wakes).toEqual([
      { taskToken: TOKEN, outcome: { error: 'PaymentDeclined', cause: expect.stringContaining('declined') } },
    ]);
  });
});

describe('the webhook and the wait, in either order, wake the wait exactly once', () => {
  it('the wait first, then the webhook: the webhook wakes it', async () => {
    const { store, workflows, ref, confirmation } = await waitingRefund();

    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);
    expect(workflows.wakes).toEqual([]);
    await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT);

    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(workflows.answers).toEqual(['DELIVERED']);
    expect((await store.getRefund(ref.orderNo, ref.refundId))!.status).toBe('COMPLETED');
  });

  it('the webhook first, then the wait: the wait finds the refund settled and wakes itself', async () => {
    const { store, workflows, ref, confirmation } = await waitingRefund();

    await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT);
    expect(workflows.wakes).toEqual([]);
    expect(await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN)).toEqual({
      claimId: ref.claimId,
      waiting: false,
    });

    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(workflows.answers).toEqual(['DELIVERED']);
  });

  it(
    'the webhook commits between the wait’s read and its token write: the wait reads again and wakes ' + 'itself',
    async () => {
      const { store, workflows, ref, confirmation } = await waitingRefund();
      const webhook = raceOnce(
        store,
        (writes) => writes[0]!.entity === 'wait',
        () => receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT),
      );

      expect(await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN)).toEqual({
        claimId: ref.claimId,
        waiting: false,
      });

      expect(webhook.value).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'COMPLETED' });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
      expect(workflows.answers).toEqual(['DELIVERED']);
    },
  );

  it(
    'the token is stored between the webhook’s read and its commit: the webhook records, then finds the token and ' +
      'wakes it',
    async () => {
      const { store, workflows, ref, confirmation } = await waitingRefund();
      const wait = raceOnce(
        store,
        (writes) => writes[0]!.entity === 'refund',
        () => awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN),
      );

      expect(await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT)).toEqual({
        outcome: 'RECORDED',
        refundId: ref.refundId,
        status: 'COMPLETED',
      });

      expect(wait.value).toEqual({ claimId: ref.claimId, waiting: true });
      expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
      expect(workflows.answers).toEqual(['DELIVERED']);
      expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
        status: 'COMPLETED',
        confirmedAt: WEBHOOK_AT.toISOString(),
      });
    },
  );
});
