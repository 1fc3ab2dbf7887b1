// POST /orders/{orderNo}/messages: the seller messages the buyer (flow 1, step 1): stored for the
// buyer at once, also by e-mail in the buyer's language when asked; never with personal data.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { sendSellerMessage } from '../../../../shared/app/messages/send-seller-message.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, OTHER_SELLER, SELLER, caught, snapshot } from '../../../support/world-ledger.js';

const notice = {
  category: 'CANCEL_REFUND' as const,
  title: '在庫切れのお詫び',
  body: '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
};

describe('send a message to the buyer', () => {
  it('without e-mail: stored for the buyer at once, on the timeline, nothing mailed; one message sent', async () => {
    const { store, mailer } = world();
    const order = await seedOrder(store);

    const answer = await sendSellerMessage(store, mailer, SELLER, order.orderNo, { ...notice, alsoEmail: false }, NOW);

    expect(answer).toEqual({
      messageId: expect.stringMatching(/^M-/),
      email: 'NOT_REQUESTED',
      messages: { sent: 1, failed: 0 },
      emails: { sent: 0, failed: 0 },
    });
    expect(await store.getMessage(order.orderNo, answer.messageId)).toEqual({
      messageId: answer.messageId,
      orderNo: order.orderNo,
      buyerId: 'B-1',
      kind: 'SELLER_MESSAGE',
      category: 'CANCEL_REFUND',
      title: notice.title,
      body: notice.body,
      alsoEmail: false,
      messageSent: true,
      email: 'NOT_REQUESTED',
      emailAttempts: 0,
      createdAt: NOW.toISOString(),
      sentAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      version: 1,
    });
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: NOW.toISOString(),
        type: 'MESSAGE_SENT',
        actor: { role: 'seller', id: 'S-1' },
        detail: answer.messageId,
      },
    ]);
    expect(mailer.sent).toEqual([]);
    expect(store.commits).toHaveLength(2); // the seed, the message
  });

  it(
    'with e-mail to a Japanese buyer: the e-mail in Japanese, tagged with the message, and recorded ' + 'SENT',
    async () => {
      const { store, mailer } = world();
      const order = await seedOrder(store);

      const answer = await sendSellerMessage(store, mailer, SELLER, order.orderNo, { ...notice, alsoEmail: true }, NOW);

      expect(mailer.sent).toEqual([
        {
          to: 'hanako@example.jp',
          email: {
            subject: `【Qoo10】ご注文 ${order.orderNo} について（キャンセル/払い戻し）: 在庫切れのお詫び`,
            text: `${notice.body}\n\n--\nこのメッセージはショップから送信されました。My Qoo10 でもご確認いただけます。`,
          },
          tags: { orderNo: order.orderNo, messageId: answer.messageId },
        },
      ]);
      expect(answer).toEqual({
        messageId: answer.messageId,
        email: 'SENT',
        messages: { sent: 1, failed: 0 },
        emails: { sent: 1, failed: 0 },
      });
      expect(await store.getMessage(order.orderNo, answer.messageId)).toMatchObject({
        email: 'SENT',
        emailAttempts: 1,
        sesMessageId: 'ses-1',
        version: 2,
      });
      expect(store.events.map((e) => [e.type, e.detail])).toEqual([
        ['MESSAGE_SENT', answer.messageId],
        ['EMAIL_SENT', answer.messageId],
      ]);
      expect(store.commits).toHaveLength(3);
    },
  );

  it.each([
    ['KR', '[Qoo10] 주문 {o} 안내 (취소/환불): Sorry'],
    ['US', '[Qoo10] About your order {o} (Cancellation/refund): Sorry'],
    ['TW', '[Qoo10] About your order {o} (Cancellation/refund): Sorry'],
  ])('a buyer in %s gets the e-mail framed in their language', async (country, subject) => {
    const { store, mailer } = world();
    const order = await seedOrder(store, { buyer: { id: 'B-1', email: 'kim@example.kr', country } });

    await sendSellerMessage(
      store,
      mailer,
      SELLER,
      order.orderNo,
      { category: 'CANCEL_REFUND', title: 'Sorry', body: 'Sold out, sorry.', alsoEmail: true },
      NOW,
    );

    expect(mailer.sent.map((m) => m.email.subject)).toEqual([subject.replace('{o}', order.orderNo)]);
  });

  it(
    'an e-mail SES refuses: the message still reaches the buyer in the app; the e-mail is FAILED with SES’s words, ' +
      'counted failed, for a resend',
    async () => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      mailer.failNext(1, { message: 'SES MessageRejected: Email address is not verified.' });

      const answer = await sendSellerMessage(store, mailer, SELLER, order.orderNo, { ...notice, alsoEmail: true }, NOW);

      expect(answer).toEqual({
        messageId: answer.messageId,
        email: 'FAILED',
        messages: { sent: 1, failed: 0 },
        emails: { sent: 0, failed: 1 },
      });
      expect(await store.getMessage(order.orderNo, answer.messageId)).toMatchObject({
        messageSent: true,
        email: 'FAILED',
        emailAttempts: 1,
        emailError: 'SES MessageRejected: Email address is not verified.',
      });
      expect(store.events.at(-1)).toMatchObject({
        type: 'EMAIL_FAILED',
        actor: { role: 'system', id: 'mailer' },
        detail: `${answer.messageId}: SES MessageRejected: Email address is not verified.`,
      });
      expect(mailer.sent).toEqual([]);
    },
  );

  it.each([
    ['body', { title: 'お詫び', body: 'ご不明点は 090-1234-5678 までお電話ください。' }, 'PHONE'],
    ['title', { title: 'hanako@example.jp 様へ', body: '在庫切れです。' }, 'EMAIL'],
  ])(
    'personal data in the %s is refused (422 PERSONAL_DATA, naming the field); nothing is stored or mailed',
    async (path, words, kind) => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      const before = snapshot(store);

      const error = await caught(
        sendSellerMessage(
          store,
          mailer,
          SELLER,
          order.orderNo,
          { category: 'CANCEL_REFUND', ...words, alsoEmail: true },
          NOW,
        ),
        RefusedError,
      );

      expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'PERSONAL_DATA' });
      expect(error.errors).toEqual([{ path, message: expect.stringContaining(kind) }]);
      expect(snapshot(store)).toEqual(before);
      expect(mailer.sent).toEqual([]);
    },
  );

  it('another seller’s order is forbidden and an unknown one not found; nothing is stored or mailed', async () => {
    const { store, mailer } = world();
    const order = await seedOrder(store);
    const before = snapshot(store);

    await caught(
      sendSellerMessage(store, mailer, OTHER_SELLER, order.orderNo, { ...notice, alsoEmail: true }, NOW),
      NotFoundError,
    );
    await caught(
      sendSellerMessage(store, mailer, SELLER, 'NO-SUCH-ORDER', { ...notice, alsoEmail: true }, NOW),
      NotFoundError,
    );

    expect(snapshot(store)).toEqual(before);
    expect(mailer.sent).toEqual([]);
  });
});
