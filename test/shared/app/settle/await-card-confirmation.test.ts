// await-card-confirmation: the settle workflow waits for the card side on a task token, kept apart
// from the refund. The webhook and the wait, in whichever order and however interleaved, wake the
// wait exactly once.
import { describe, expect, it } from 'vitest';
import { orderView } from '../../../../shared/app/orders/order-view.js';
import { awaitCardConfirmation } from '../../../../shared/app/settle/await-card-confirmation.js';
import { receivePaymentEvent, type PaymentEvent } from '../../../../shared/app/settle/payment-events.js';
import { FakeWorkflows } from '../../../support/fakes.js';
import { BUYER, NOW, SELLER, changeRefund, raceOnce, readable, seedPendingCardRefund } from '../../../support/worlds-extra-b.js';
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
  const confirmation: PaymentEvent = { type: 'authorization_cancellation.confirmed', idempotencyKey: `refund:${seeded.refund.refundId}:a1`, orderNo: seeded.order.orderNo, reference: seeded.reference };
  return { ...w, workflows, ...seeded, confirmation };
}

const CONFIRMED = { output: { confirmed: true } };

describe('awaitCardConfirmation', () => {
  it('a pending refund: the token is stored apart from it, and nobody is woken', async () => {
    const { store, workflows, ref, refund } = await waitingRefund();
    const commits = store.commits.length;

    expect(await awaitCardConfirmation({ store, workflows }, ref, TOKEN)).toEqual({ refundId: ref.refundId, waiting: true });

    expect(await store.waitToken({ orderNo: ref.orderNo, refundId: ref.refundId })).toBe(TOKEN);
    expect(store.commits.slice(commits)).toEqual([[{ entity: 'wait', value: { waitFor: { orderNo: ref.orderNo, refundId: ref.refundId }, token: TOKEN, version: refund.version } }]]);
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toEqual(refund);
    expect(workflows.wakes).toEqual([]);
  });

  it('the token never appears on a refund anyone reads', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await awaitCardConfirmation({ store, workflows }, ref, TOKEN);

    expect(await readable(store)).not.toContain(TOKEN);
    for (const principal of [SELLER, BUYER]) {
      const view = JSON.stringify(await orderView(store, principal, ref.orderNo, NOW));
      expect(view).toContain(ref.refundId);
      expect(view).not.toContain(TOKEN);
    }
  });

  it('a refund confirmed before the wait began ends the wait at once', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await changeRefund(store, ref, (r) => ({ ...r, status: 'COMPLETED' }));

    expect(await awaitCardConfirmation({ store, workflows }, ref, TOKEN)).toEqual({ refundId: ref.refundId, waiting: false });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(await store.waitToken({ orderNo: ref.orderNo, refundId: ref.refundId })).toBeUndefined();
  });

  it('a refund declined before the wait began fails the wait with the refund’s error', async () => {
    const { store, workflows, ref } = await waitingRefund();
    await changeRefund(store, ref, (r) => ({ ...r, status: 'FAILED', failure: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' } }));

    await awaitCardConfirmation({ store, workflows }, ref, TOKEN);
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { error: 'PaymentDeclined', cause: 'The card side declined the cancellation AC-1.' } }]);
  });

  it('an unknown refund: RefundNotFound', async () => {
    const { store, workflows } = await waitingRefund();
    await expect(awaitCardConfirmation({ store, workflows }, { claimId: 'C-X', orderNo: 'O-X', refundId: 'C-X.O-X' }, TOKEN)).rejects.toMatchObject({ name: 'RefundNotFound' });
  });
});

describe('the webhook and the wait, in either order, wake the wait exactly once', () => {
  it('the wait first, then the webhook: the webhook wakes it', async () => {
    const { store, workflows, ref, confirmation } = await waitingRefund();

    await awaitCardConfirmation({ store, workflows }, ref, TOKEN);
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
    expect(await awaitCardConfirmation({ store, workflows }, ref, TOKEN)).toEqual({ refundId: ref.refundId, waiting: false });

    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(workflows.answers).toEqual(['DELIVERED']);
  });

  it('the webhook commits between the wait’s read and its token write: the wait reads again and wakes itself', async () => {
    const { store, workflows, ref, confirmation } = await waitingRefund();
    const webhook = raceOnce(
      store,
      (writes) => writes[0]!.entity === 'wait',
      () => receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT),
    );

    expect(await awaitCardConfirmation({ store, workflows }, ref, TOKEN)).toEqual({ refundId: ref.refundId, waiting: false });

    expect(webhook.value).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'COMPLETED' });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(workflows.answers).toEqual(['DELIVERED']);
  });

  it('the token is stored between the webhook’s read and its commit: the webhook reads again, records, and wakes it', async () => {
    const { store, workflows, ref, confirmation } = await waitingRefund();
    const wait = raceOnce(
      store,
      (writes) => writes[0]!.entity === 'refund',
      () => awaitCardConfirmation({ store, workflows }, ref, TOKEN),
    );

    expect(await receivePaymentEvent({ store, workflows }, confirmation, WEBHOOK_AT)).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'COMPLETED' });

    expect(wait.value).toEqual({ refundId: ref.refundId, waiting: true });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: CONFIRMED }]);
    expect(workflows.answers).toEqual(['DELIVERED']);
    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({ status: 'COMPLETED', confirmedAt: WEBHOOK_AT.toISOString() });
  });
});
