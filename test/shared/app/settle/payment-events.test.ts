// POST /payments/webhooks: believed only if signed with the shared secret, recently; recorded on the
// refund's current attempt once, waking the wait for it. Anything else is ignored (answered 200).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../../../../shared/app/common/errors.js';
import { awaitCardConfirmation } from '../../../../shared/app/settle/await-card-confirmation.js';
import {
  receivePaymentEvent,
  signPaymentEvent,
  verifyPaymentSignature,
  type PaymentEvent,
} from '../../../../shared/app/settle/payment-events.js';
import { retryRefund } from '../../../../shared/domain/refund.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { caught, changeRefund, seedPendingCardRefund } from '../../../support/world-claims.js';
import { seedClaim, world } from '../../../support/worlds.js';

const SECRET = 'whsec-test-0123456789abcdef';
const AT = new Date('2026-11-25T01:00:00.000Z');
const T = AT.getTime() / 1000;
const BODY = JSON.stringify({
  type: 'authorization_cancellation.confirmed',
  idempotencyKey: 'refund:C-1.O-1:a1',
  orderNo: 'O-1',
  reference: 'AC-1',
});
const hmac = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
const TOKEN = 'token-of-the-card-wait';

describe('verifyPaymentSignature', () => {
  it('signPaymentEvent writes t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    expect(signPaymentEvent(SECRET, BODY, AT)).toBe(`t=${T},v1=${hmac(SECRET, T, BODY)}`);
  });

  it.each([
    ['signed now', 0],
    ['5 minutes old', -300],
    ['5 minutes ahead', 300],
  ])('accepts a signature %s', (_when, skew) => {
    expect(() =>
      verifyPaymentSignature(SECRET, signPaymentEvent(SECRET, BODY, new Date(AT.getTime() + skew * 1000)), BODY, AT),
    ).not.toThrow();
  });

  it('accepts the parts with spaces after the comma', () => {
    expect(() => verifyPaymentSignature(SECRET, `t=${T}, v1=${hmac(SECRET, T, BODY)}`, BODY, AT)).not.toThrow();
  });

  it.each([
    ['no header', undefined, 'The webhook is not signed (payments-signature: t=…,v1=…).'],
    ['an empty header', '', 'The webhook is not signed (payments-signature: t=…,v1=…).'],
    ['another secret', `t=${T},v1=${hmac('another-secret', T, BODY)}`, 'The webhook’s signature does not match.'],
    [
      'another body',
      `t=${T},v1=${hmac(SECRET, T, BODY.replace('AC-1', 'AC-2'))}`,
      'The webhook’s signature does not match.',
    ],
    [
      'the signature of another time',
      `t=${T},v1=${hmac(SECRET, T - 1, BODY)}`,
      'The webhook’s signature does not match.',
    ],
    [
      'more than 5 minutes old',
      `t=${T - 301},v1=${hmac(SECRET, T - 301, BODY)}`,
      'The webhook’s signature is too old or from the future.',
    ],
    [
      'more than 5 minutes ahead',
      `t=${T + 301},v1=${hmac(SECRET, T + 301, BODY)}`,
      'The webhook’s signature is too old or from the future.',
    ],
    ['no timestamp', `v1=${hmac(SECRET, T, BODY)}`, 'The webhook is not signed (payments-signature: t=…,v1=…).'],
    [
      'a timestamp that is not a number',
      `t=yesterday,v1=${hmac(SECRET, T, BODY)}`,
      'The webhook is not signed (payments-signature: t=…,v1=…).',
    ],
    [
      'a fractional timestamp',
      `t=${T}.5,v1=${hmac(SECRET, T, BODY)}`,
      'The webhook is not signed (payments-signature: t=…,v1=…).',
    ],
    ['no signature', `t=${T}`, 'The webhook is not signed (payments-signature: t=…,v1=…).'],
    [
      'a short signature',
      `t=${T},v1=${hmac(SECRET, T, BODY).slice(2)}`,
      'The webhook is not signed (payments-signature: t=…,v1=…).',
    ],
    [
      'a signature that is not hex',
      `t=${T},v1=${'z'.repeat(64)}`,
      'The webhook is not signed (payments-signature: t=…,v1=…).',
    ],
    [
      'a signature in upper case',
      `t=${T},v1=${hmac(SECRET, T, BODY).toUpperCase()}`,
      'The webhook is not signed (payments-signature: t=…,v1=…).',
    ],
    ['another scheme', `sha256=${hmac(SECRET, T, BODY)}`, 'The webhook is not signed (payments-signature: t=…,v1=…).'],
  ])('refuses %s: UnauthorizedError (401)', async (_case, header, message) => {
    const refused = await caught(
      Promise.resolve().then(() => verifyPaymentSignature(SECRET, header, BODY, AT)),
      UnauthorizedError,
    );
    expect(refused.message).toBe(message);
    expect(problemFor(refused)?.status).toBe(401);
  });
});

async function pending() {
  const w = world();
  const seeded = await seedPendingCardRefund(w.store, w.payments);
  const event = (type: PaymentEvent['type'], overrides: Partial<PaymentEvent> = {}): PaymentEvent => ({
    type,
    idempotencyKey: `refund:${seeded.refund.refundId}:a1`,
    orderNo: seeded.order.orderNo,
    reference: seeded.reference,
    ...overrides,
  });
  return { ...w, ...seeded, event };
}

describe('receivePaymentEvent', () => {
  it('a confirmation completes the refund and wakes the waiting workflow', async () => {
    const { store, workflows, ref, reference, event } = await pending();
    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);

    expect(await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), AT)).toEqual({
      outcome: 'RECORDED',
      refundId: ref.refundId,
      status: 'COMPLETED',
    });

    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'COMPLETED',
      providerReference: reference,
      confirmedAt: AT.toISOString(),
    });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { output: { confirmed: true } } }]);
  });

  it('a refusal fails the refund, with the provider’s reason, and fails the wait PaymentDeclined', async () => {
    const { store, workflows, ref, reference, event } = await pending();
    await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);
    const cause = `The card side declined the cancellation ${reference}: do_not_honor.`;

    expect(
      await receivePaymentEvent(
        { store, workflows },
        event('authorization_cancellation.declined', { reason: 'do_not_honor' }),
        AT,
      ),
    ).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'FAILED' });

    expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({
      status: 'FAILED',
      failure: { error: 'PaymentDeclined', cause },
    });
    expect(store.events.at(-1)).toMatchObject({ type: 'REFUND_FAILED', detail: cause });
    expect(workflows.wakes).toEqual([{ taskToken: TOKEN, outcome: { error: 'PaymentDeclined', cause } }]);
  });

  it(
    'a wake Step Functions does not take: the outcome is recorded and answered; the wait ends on its timer and ' +
      'finds it',
    async () => {
      const { store, workflows, ref, event } = await pending();
      await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);
      workflows.failWakes = 1;

      expect(
        await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), AT),
      ).toEqual({
        outcome: 'RECORDED',
        refundId: ref.refundId,
        status: 'COMPLETED',
      });
      expect(await store.getRefund(ref.orderNo, ref.refundId)).toMatchObject({ status: 'COMPLETED' });
      expect(workflows.wakes).toEqual([]);
    },
  );

  it('with no wait stored yet, the outcome is recorded and nobody is woken', async () => {
    const { store, workflows, ref, event } = await pending();
    await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), AT);
    expect((await store.getRefund(ref.orderNo, ref.refundId))!.status).toBe('COMPLETED');
    expect(workflows.wakes).toEqual([]);
  });

  it(
    'the same event again changes nothing: the first outcome stands, and a later refusal does not undo ' + 'it',
    async () => {
      const { store, workflows, ref, event } = await pending();
      await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), AT);
      const first = (await store.getRefund(ref.orderNo, ref.refundId))!;
      const commits = store.commits.length;

      const later = new Date(AT.getTime() + 60_000);
      expect(
        await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), later),
      ).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'COMPLETED' });
      expect(
        await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.declined'), later),
      ).toEqual({ outcome: 'RECORDED', refundId: ref.refundId, status: 'COMPLETED' });

      expect(await store.getRefund(ref.orderNo, ref.refundId)).toEqual(first);
      expect(store.commits).toHaveLength(commits);
    },
  );

  it(
    'an event about an earlier attempt is ignored: the refund’s current attempt is untouched, nobody ' + 'woken',
    async () => {
      const { store, workflows, ref, event } = await pending();
      const retried = await changeRefund(store, ref, (r) => retryRefund({ ...r, status: 'FAILED' }, AT));
      await awaitCardConfirmation({ store, workflows }, ref.claimId, [ref], TOKEN);
      const before = (await store.getRefund(ref.orderNo, ref.refundId))!;

      expect(
        await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed'), AT),
      ).toEqual({
        outcome: 'IGNORED',
        why: 'not the refund’s current attempt',
      });

      expect(retried.attempts).toBe(2);
      expect(await store.getRefund(ref.orderNo, ref.refundId)).toEqual(before);
      expect(workflows.wakes).toEqual([]);
    },
  );

  it.each([
    ['an unknown refund', { idempotencyKey: 'refund:C-NONE.O-NONE:a1', orderNo: 'O-NONE' }, 'no such refund'],
    ['a refund named with another order', { orderNo: 'O-ELSEWHERE' }, 'no such refund'],
    ['a key that is not a refund’s', { idempotencyKey: 'withdrawal:W-1' }, 'not a refund of ours'],
  ])('%s is ignored', async (_case, overrides, why) => {
    const { store, workflows, ref, event } = await pending();
    const commits = store.commits.length;

    expect(
      await receivePaymentEvent({ store, workflows }, event('authorization_cancellation.confirmed', overrides), AT),
    ).toEqual({ outcome: 'IGNORED', why });

    expect(store.commits).toHaveLength(commits);
    expect((await store.getRefund(ref.orderNo, ref.refundId))!.status).toBe('PENDING');
  });

  it('a balance refund is not the card side’s: ignored', async () => {
    const { store, workflows } = world();
    const { claim, order } = await seedClaim(store, {
      status: 'IN_PROGRESS',
      applied: true,
      order: { payment: { method: 'CONVENIENCE_STORE' } },
    });
    const refundId = `${claim.claimId}.${order.orderNo}`;

    expect(
      await receivePaymentEvent(
        { store, workflows },
        {
          type: 'authorization_cancellation.confirmed',
          idempotencyKey: `refund:${refundId}:a1`,
          orderNo: order.orderNo,
          reference: 'AC-1',
        },
        AT,
      ),
    ).toEqual({
      outcome: 'IGNORED',
      why: 'not the refund’s current attempt',
    });
    expect((await store.getRefund(order.orderNo, refundId))!.status).toBe('PENDING');
  });
});
