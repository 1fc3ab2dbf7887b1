// complete-claim: the claim COMPLETED with the card refunds confirmed at once, and the buyer told in
// order (the claim is done, then each refund); e-mails that fail are recorded, never thrown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailTags } from '../../../../shared/app/ports/mailer.js';
import { applyClaim } from '../../../../shared/app/settle/apply-claim.js';
import { completeClaim } from '../../../../shared/app/settle/complete-claim.js';
import { receivePaymentEvent } from '../../../../shared/app/settle/payment-events.js';
import type { Email } from '../../../../shared/domain/notices.js';
import type { Order } from '../../../../shared/domain/order.js';
import { FakeMailer } from '../../../support/fakes.js';
import { NOW, raceOnce, seedCartClaim } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const DONE_AT = new Date('2026-11-25T01:00:10.000Z');
const plus = (ms: number) => new Date(DONE_AT.getTime() + ms).toISOString();

/** A mailer whose process dies (not an SES refusal) on the next sends: the step fails after its commit. */
class CrashingMailer extends FakeMailer {
  crashes = 0;
  override async send(to: string, email: Email, tags?: MailTags) {
    if (this.crashes > 0) {
      this.crashes--;
      throw new Error('Task timed out after 10.00 seconds');
    }
    return super.send(to, email, tags);
  }
}

/** A claim applied as apply-claim applies it, and what it answered. */
async function applied(orders: Partial<Order>[], answers: ('CONFIRMED' | 'PENDING')[] = []) {
  const w = world();
  const mailer = new CrashingMailer();
  const { claim } = await seedCartClaim(w.store, { orders });
  w.payments.next = answers;
  const result = await applyClaim(
    { store: w.store, mailer, payments: w.payments, fees: w.fees, cardWaitSeconds: 3600 },
    claim.claimId,
    NOW,
  );
  return { ...w, mailer, claim, result, commits: w.store.commits.length };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('completeClaim', () => {
  it(
    'SES throttling (the account’s quota) fails the step EmailThrottled with the e-mails PENDING; run again, the ' +
      'seller’s notice goes first, none FAILED',
    async () => {
      const w = world();
      const { claim } = await seedCartClaim(w.store, {
        orders: [{ payment: { method: 'CONVENIENCE_STORE' } }],
        notice: { email: 'PENDING', emailAttempts: 0 },
      });
      // The notice's e-mail throttled in apply-claim: the cancellation goes on, the e-mail waits.
      w.mailer.failNext(1, { throttled: true, message: 'SES Throttling: Maximum sending rate exceeded.' });
      const result = await applyClaim(
        { store: w.store, mailer: w.mailer, payments: w.payments, fees: w.fees, cardWaitSeconds: 3600 },
        claim.claimId,
        NOW,
      );
      expect(await w.store.getMessage(claim.orderNo, claim.noticeMessageId!)).toMatchObject({
        email: 'PENDING',
        emailAttempts: 1,
      });
      expect((await w.store.getOrder(claim.orderNo))!.status).toBe('CANCELLED');

      // Still throttled at completion: the claim completes, the step fails for the workflow to retry it.
      w.mailer.failNext(1, { throttled: true, message: 'SES Throttling: Maximum sending rate exceeded.' });
      await expect(
        completeClaim({ store: w.store, mailer: w.mailer }, claim.claimId, result.confirmed, DONE_AT),
      ).rejects.toMatchObject({ name: 'EmailThrottled' });
      expect((await w.store.getClaim(claim.claimId))!.status).toBe('COMPLETED');
      const afterFirst = (await w.store.orderRecords(claim.orderNo))!.messages;
      expect(afterFirst.every((m) => m.email === 'PENDING' || m.email === 'SENT')).toBe(true);

      // The retry: what is still PENDING goes, the seller's notice before the completion's.
      const again = await completeClaim({ store: w.store, mailer: w.mailer }, claim.claimId, result.confirmed, DONE_AT);
      expect(again.emails).toEqual(['SENT', 'SENT', 'SENT']);
      expect(w.mailer.sent.map((m) => m.tags?.messageId)).toEqual([claim.noticeMessageId, ...again.notices.slice(1)]);
      expect((await w.store.orderRecords(claim.orderNo))!.messages.map((m) => m.email)).toEqual([
        'SENT',
        'SENT',
        'SENT',
      ]);
    },
  );

  it(
    'an e-mail SES has throttled for 12 hours is given up: FAILED, for the seller to send again, and the step ' +
      'ends',
    async () => {
      const w = world();
      const { claim } = await seedCartClaim(w.store, {
        orders: [{ payment: { method: 'CONVENIENCE_STORE' } }],
        notice: { email: 'PENDING', emailAttempts: 0 },
      });
      const result = await applyClaim(
        { store: w.store, mailer: w.mailer, payments: w.payments, fees: w.fees, cardWaitSeconds: 3600 },
        claim.claimId,
        NOW,
      );
      w.mailer.failNext(1, { throttled: true });
      await expect(
        completeClaim({ store: w.store, mailer: w.mailer }, claim.claimId, result.confirmed, DONE_AT),
      ).rejects.toMatchObject({ name: 'EmailThrottled' });

      w.mailer.failNext(1, { throttled: true, message: 'SES Throttling: Daily message quota exceeded.' });
      const later = new Date(DONE_AT.getTime() + 12 * 3600_000 + 1);
      const answer = await completeClaim({ store: w.store, mailer: w.mailer }, claim.claimId, result.confirmed, later);
      expect(answer.emails).toContain('FAILED');
      expect(answer.emails).not.toContain('PENDING');
    },
  );

  it(
    'completes the claim and tells the buyer in order: the claim is done, then each refund, in the buyer’s ' +
      'language',
    async () => {
      const { store, mailer, claim, result } = await applied(
        [{}, { payment: { method: 'CONVENIENCE_STORE' }, total: { amount: 5400, currency: 'JPY' } }],
        ['CONFIRMED'],
      );
      const [a, b] = claim.orderNos as [string, string];

      const answer = await completeClaim({ store, mailer }, claim.claimId, result.confirmed, DONE_AT);

      const stored = (await store.getClaim(claim.claimId))!;
      expect(stored).toMatchObject({
        status: 'COMPLETED',
        completedAt: DONE_AT.toISOString(),
        updatedAt: DONE_AT.toISOString(),
      });
      const messages = [...(await store.orderRecords(a))!.messages, ...(await store.orderRecords(b))!.messages];
      expect(messages.map((m) => [m.orderNo, m.kind, m.createdAt, m.email])).toEqual([
        [a, 'CLAIM_COMPLETED', plus(0), 'SENT'],
        [a, 'REFUND_COMPLETED', plus(1), 'SENT'],
        [b, 'REFUND_COMPLETED', plus(2), 'SENT'],
      ]);
      expect(stored.completionMessageId).toBe(messages[0]!.messageId);
      expect(messages[1]!.refundId).toBe(`${claim.claimId}.${a}`);
      expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
        ['hanako@example.jp', `【Qoo10】ご注文 ${a}, ${b} のキャンセルが完了しました`],
        ['hanako@example.jp', `【Qoo10】ご注文 ${a} の返金について`],
        ['hanako@example.jp', `【Qoo10】ご注文 ${b} の返金について`],
      ]);
      expect(mailer.sent[0]!.email.text).toContain('ショップからのメモ: 在庫切れ');
      expect(mailer.sent[2]!.email.text).toContain('返金額: ￥5,400');
      expect(answer).toEqual({
        claimId: claim.claimId,
        notices: messages.map((m) => m.messageId),
        emails: ['SENT', 'SENT', 'SENT'],
      });
      // The card refund confirmed at once is recorded now, with the claim.
      expect(await store.getRefund(a, `${claim.claimId}.${a}`)).toMatchObject({
        status: 'COMPLETED',
        providerReference: 'AC-1',
        confirmedAt: DONE_AT.toISOString(),
      });
      expect(store.events.filter((e) => e.at >= DONE_AT.toISOString()).map((e) => `${e.orderNo} ${e.type}`)).toEqual([
        `${a} REFUND_COMPLETED`,
        `${a} CLAIM_COMPLETED`,
        `${b} CLAIM_COMPLETED`,
        `${a} EMAIL_SENT`,
        `${a} EMAIL_SENT`,
        `${b} EMAIL_SENT`,
      ]);
    },
  );

  it(
    'a card refund the webhook confirmed earlier goes on the timeline at the time the card side confirmed ' + 'it',
    async () => {
      const { store, mailer, workflows, claim, result } = await applied([{}], ['PENDING']);
      const [ref] = result.awaiting;
      const webhookAt = new Date('2026-11-25T01:00:03.000Z');
      await receivePaymentEvent(
        { store, workflows },
        {
          type: 'authorization_cancellation.confirmed',
          idempotencyKey: `refund:${ref!.refundId}:a1`,
          orderNo: ref!.orderNo,
          reference: 'AC-1',
        },
        webhookAt,
      );

      await completeClaim({ store, mailer }, claim.claimId, [], DONE_AT);

      expect(store.events.find((e) => e.type === 'REFUND_COMPLETED')).toMatchObject({
        at: webhookAt.toISOString(),
        detail: `${ref!.refundId}: AC-1`,
      });
      expect((await store.getClaim(claim.claimId))!.status).toBe('COMPLETED');
    },
  );

  it('a card refund still pending: RefundMissing, and nothing is written or sent', async () => {
    const { store, mailer, claim, result, commits } = await applied([{}], ['PENDING']);

    await expect(completeClaim({ store, mailer }, claim.claimId, [], DONE_AT)).rejects.toMatchObject({
      name: 'RefundMissing',
      message: `Claim ${claim.claimId} has refunds not completed: ${result.awaiting[0]!.refundId} PENDING.`,
    });
    expect(store.commits).toHaveLength(commits);
    expect(mailer.sent).toEqual([]);
  });

  it('an e-mail SES refuses is recorded on its notice, and the claim completes all the same', async () => {
    const { store, mailer, claim } = await applied([{ payment: { method: 'BALANCE' } }]);
    mailer.failNext(1, { message: 'SES MessageRejected: Email address is not verified.' });

    const answer = await completeClaim({ store, mailer }, claim.claimId, [], DONE_AT);

    expect(answer.emails).toEqual(['FAILED', 'SENT']);
    expect((await store.getClaim(claim.claimId))!.status).toBe('COMPLETED');
    const [done, refund] = (await store.orderRecords(claim.orderNo))!.messages;
    expect(done).toMatchObject({
      kind: 'CLAIM_COMPLETED',
      messageSent: true,
      email: 'FAILED',
      emailError: 'SES MessageRejected: Email address is not verified.',
      emailAttempts: 1,
    });
    expect(refund).toMatchObject({ kind: 'REFUND_COMPLETED', email: 'SENT' });
    expect(mailer.sent.map((m) => m.email.subject)).toEqual([`【Qoo10】ご注文 ${claim.orderNo} の返金について`]);
    expect(store.events.slice(-2).map((e) => e.type)).toEqual(['EMAIL_FAILED', 'EMAIL_SENT']);
  });

  it(
    'run again after it completed: no second notice, no e-mail sent twice (a failed one is the seller’s to send ' +
      'again)',
    async () => {
      const { store, mailer, claim } = await applied([{ payment: { method: 'BALANCE' } }]);
      mailer.failNext(1);
      const first = await completeClaim({ store, mailer }, claim.claimId, [], DONE_AT);
      const commits = store.commits.length;

      const again = await completeClaim({ store, mailer }, claim.claimId, [], new Date(DONE_AT.getTime() + 60_000));

      expect(again).toEqual(first);
      expect(store.commits).toHaveLength(commits);
      expect(mailer.sent).toHaveLength(1);
      expect((await store.orderRecords(claim.orderNo))!.messages).toHaveLength(2);
    },
  );

  it('a run that died after completing sends, when run again, the e-mails still pending, in order, once', async () => {
    const { store, mailer, claim } = await applied([
      { payment: { method: 'BALANCE' } },
      { payment: { method: 'BALANCE' } },
    ]);
    mailer.crashes = 1;

    await expect(completeClaim({ store, mailer }, claim.claimId, [], DONE_AT)).rejects.toThrow('Task timed out');
    expect((await store.getClaim(claim.claimId))!.status).toBe('COMPLETED');
    expect(mailer.sent).toEqual([]);

    const answer = await completeClaim({ store, mailer }, claim.claimId, [], new Date(DONE_AT.getTime() + 2000));

    expect(answer.emails).toEqual(['SENT', 'SENT', 'SENT']);
    const [a, b] = claim.orderNos as [string, string];
    expect(mailer.sent.map((m) => m.email.subject)).toEqual([
      `【Qoo10】ご注文 ${a}, ${b} のキャンセルが完了しました`,
      `【Qoo10】ご注文 ${a} の返金について`,
      `【Qoo10】ご注文 ${b} の返金について`,
    ]);
    expect([...store.messages.values()].filter((m) => m.claimId === claim.claimId)).toHaveLength(3);
  });

  it('a bounce SES reported before the outcomes were written is kept; the other outcomes are recorded', async () => {
    const { store, mailer, claim } = await applied([{ payment: { method: 'BALANCE' } }]);
    raceOnce(
      store,
      (writes) => writes.some((w) => w.entity === 'event' && w.value.type === 'EMAIL_SENT'),
      async () => {
        const done = [...store.messages.values()].find((m) => m.kind === 'CLAIM_COMPLETED')!;
        await store.commit(
          changeOf([
            { entity: 'message', value: { ...done, email: 'BOUNCED', emailFeedbackAt: DONE_AT.toISOString() } },
          ]),
        );
      },
    );

    await completeClaim({ store, mailer }, claim.claimId, [], DONE_AT);

    const [done, refund] = (await store.orderRecords(claim.orderNo))!.messages;
    expect(done).toMatchObject({ kind: 'CLAIM_COMPLETED', email: 'BOUNCED' });
    expect(refund).toMatchObject({ kind: 'REFUND_COMPLETED', email: 'SENT', emailAttempts: 1 });
  });

  it('a claim that is not in progress: ClaimClosed; an unknown one: ClaimNotFound', async () => {
    const { store, mailer } = world();
    const { claim } = await seedCartClaim(store, { orders: [{}] });
    await expect(completeClaim({ store, mailer }, claim.claimId, [], DONE_AT)).rejects.toMatchObject({
      name: 'ClaimClosed',
      message: `Claim ${claim.claimId} is REQUESTED.`,
    });
    await expect(completeClaim({ store, mailer }, 'C-NONE', [], DONE_AT)).rejects.toMatchObject({
      name: 'ClaimNotFound',
    });
  });
});
