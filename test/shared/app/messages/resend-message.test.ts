// POST /orders/{orderNo}/messages/{messageId}/resend: a failed e-mail is sent again (the guide:
// "a failed one must be sent again"); anything else has nothing to resend.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { resendMessage } from '../../../../shared/app/messages/resend-message.js';
import { ConcurrentChangeError } from '../../../../shared/app/ports/port-errors.js';
import type { EmailDelivery } from '../../../../shared/domain/message.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, OTHER_SELLER, SELLER, caught, seedMessage, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

async function failedEmail() {
  const w = world();
  const order = await seedOrder(w.store, { buyer: { id: 'B-1', email: 'minsu@example.kr', country: 'KR' } });
  const message = await seedMessage(w.store, order, {
    title: '품절 안내',
    body: '재고 부족으로 주문을 취소합니다.',
    email: 'FAILED',
    emailAttempts: 1,
    emailError: 'SES MessageRejected: Email address is not verified.',
    sesMessageId: undefined,
  });
  return { ...w, order, message };
}

describe('resend a message', () => {
  it('a FAILED e-mail is sent again, in the buyer’s language, and recorded SENT with its second attempt', async () => {
    const { store, mailer, order, message } = await failedEmail();

    const answer = await resendMessage(store, mailer, SELLER, order.orderNo, message.messageId, NOW);

    expect(answer).toEqual({
      messageId: message.messageId,
      email: 'SENT',
      emailAttempts: 2,
      messages: { sent: 1, failed: 0 },
      emails: { sent: 1, failed: 0 },
    });
    expect(mailer.sent).toEqual([
      {
        to: 'minsu@example.kr',
        email: {
          subject: `[Qoo10] 주문 ${order.orderNo} 안내 (취소/환불): 품절 안내`,
          text: expect.stringContaining('재고 부족으로 주문을 취소합니다.'),
        },
        tags: { orderNo: order.orderNo, messageId: message.messageId },
      },
    ]);
    const stored = (await store.getMessage(order.orderNo, message.messageId))!;
    expect(stored).toMatchObject({
      email: 'SENT',
      emailAttempts: 2,
      sesMessageId: 'ses-1',
      updatedAt: NOW.toISOString(),
    });
    expect(stored).not.toHaveProperty('emailError');
    expect(store.events.map((e) => e.type)).toEqual(['EMAIL_SENT']);
  });

  it('refused again: still FAILED, with the new words, counted failed, for another try later', async () => {
    const { store, mailer, order, message } = await failedEmail();
    mailer.failNext(1, { message: 'SES MessageRejected: still not verified.' });

    const answer = await resendMessage(store, mailer, SELLER, order.orderNo, message.messageId, NOW);

    expect(answer).toEqual({
      messageId: message.messageId,
      email: 'FAILED',
      emailAttempts: 2,
      messages: { sent: 1, failed: 0 },
      emails: { sent: 0, failed: 1 },
    });
    expect(await store.getMessage(order.orderNo, message.messageId)).toMatchObject({
      email: 'FAILED',
      emailAttempts: 2,
      emailError: 'SES MessageRejected: still not verified.',
    });
  });

  it.each<EmailDelivery>(['SENT', 'NOT_REQUESTED', 'PENDING', 'BOUNCED', 'COMPLAINED'])(
    'an e-mail that is %s has nothing to resend (422 NOTHING_TO_RESEND); nothing is mailed or changed',
    async (email) => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      const message = await seedMessage(store, order, { email });
      const before = snapshot(store);

      const error = await caught(
        resendMessage(store, mailer, SELLER, order.orderNo, message.messageId, NOW),
        RefusedError,
      );

      expect(error.refusal).toEqual({
        kind: 'RULE',
        rule: 'NOTHING_TO_RESEND',
        detail: `The e-mail of message ${message.messageId} is ${email}: there is nothing to send again.`,
      });
      expect(mailer.sent).toEqual([]);
      expect(snapshot(store)).toEqual(before);
    },
  );

  it(
    'a message of another order, or none, is not found; another seller’s order is forbidden; nothing is ' + 'mailed',
    async () => {
      const { store, mailer, order, message } = await failedEmail();
      const elsewhere = await seedOrder(store);
      const before = snapshot(store);

      await caught(resendMessage(store, mailer, SELLER, elsewhere.orderNo, message.messageId, NOW), NotFoundError);
      await caught(resendMessage(store, mailer, SELLER, order.orderNo, 'M-NOPE', NOW), NotFoundError);
      await caught(resendMessage(store, mailer, OTHER_SELLER, order.orderNo, message.messageId, NOW), NotFoundError);
      await caught(resendMessage(store, mailer, SELLER, 'NO-SUCH-ORDER', message.messageId, NOW), NotFoundError);

      expect(mailer.sent).toEqual([]);
      expect(snapshot(store)).toEqual(before);
    },
  );

  it(
    'another resend recorded first: this one is answered a conflict and the message keeps the other’s ' + 'record',
    async () => {
      const { store, mailer, order, message } = await failedEmail();
      raceOnce(store, anyCommit, async () => {
        const current = (await store.getMessage(order.orderNo, message.messageId))!;
        const { emailError: _e, ...rest } = current;
        await store.commit(
          changeOf([
            { entity: 'message', value: { ...rest, email: 'SENT', emailAttempts: 2, sesMessageId: 'ses-other' } },
          ]),
        );
      });

      await caught(resendMessage(store, mailer, SELLER, order.orderNo, message.messageId, NOW), ConcurrentChangeError);

      expect(await store.getMessage(order.orderNo, message.messageId)).toMatchObject({
        email: 'SENT',
        emailAttempts: 2,
        sesMessageId: 'ses-other',
      });
      expect(store.events).toEqual([]);
    },
  );
});
