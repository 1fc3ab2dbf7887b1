// Messages to the buyer: stored at once; the e-mail, when asked for, goes through the Mailer and
// its outcome is recorded on the message, so a failed one shows and can be sent again.
import { describe, expect, it } from 'vitest';
import { deliverEmail, newMessage, sendEmail } from '../../../../shared/app/messages/message-delivery.js';
import type { Mailer } from '../../../../shared/app/ports/mailer.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, seedMessage, snapshot } from '../../../support/world-ledger.js';

describe('a new message', () => {
  it('is delivered in the app when made; its e-mail waits (PENDING) if asked for, else is NOT_REQUESTED', async () => {
    const { store } = world();
    const order = await seedOrder(store);

    const withEmail = newMessage(
      order,
      { kind: 'CLAIM_COMPLETED', category: 'CANCEL_REFUND', title: 't', body: 'b', alsoEmail: true, claimId: 'C-9' },
      NOW,
    );
    const withoutEmail = newMessage(
      order,
      { kind: 'SELLER_MESSAGE', category: 'OTHER', title: 't', body: 'b', alsoEmail: false },
      NOW,
    );

    expect(withEmail).toEqual({
      messageId: expect.stringMatching(/^M-/),
      orderNo: order.orderNo,
      buyerId: 'B-1',
      kind: 'CLAIM_COMPLETED',
      category: 'CANCEL_REFUND',
      title: 't',
      body: 'b',
      alsoEmail: true,
      messageSent: true,
      email: 'PENDING',
      emailAttempts: 0,
      claimId: 'C-9',
      createdAt: NOW.toISOString(),
      sentAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      version: 0,
    });
    expect(withoutEmail.email).toBe('NOT_REQUESTED');
    expect(withoutEmail).not.toHaveProperty('claimId');
    expect(withEmail.messageId).not.toBe(withoutEmail.messageId);
  });
});

describe('sending a message’s e-mail', () => {
  it(
    'a system notice is sent as written (its title is the whole subject), and the claim’s timeline records ' + 'it',
    async () => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      const message = await seedMessage(store, order, {
        kind: 'CLAIM_COMPLETED',
        title: '【Qoo10】ご注文のキャンセルが完了しました',
        body: 'キャンセルされ、返金されました。',
        email: 'PENDING',
        emailAttempts: 0,
        sesMessageId: undefined,
        claimId: 'C-9',
      });

      const outcome = await deliverEmail(store, mailer, order, message, NOW);

      expect(mailer.sent).toEqual([
        {
          to: 'hanako@example.jp',
          email: { subject: '【Qoo10】ご注文のキャンセルが完了しました', text: 'キャンセルされ、返金されました。' },
          tags: { orderNo: order.orderNo, messageId: message.messageId },
        },
      ]);
      expect(outcome).toEqual({
        message: {
          ...message,
          email: 'SENT',
          sesMessageId: 'ses-1',
          emailAttempts: 1,
          updatedAt: NOW.toISOString(),
          version: message.version + 1,
        },
      });
      expect(await store.getMessage(order.orderNo, message.messageId)).toEqual(outcome.message);
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'EMAIL_SENT',
          actor: { role: 'system', id: 'mailer' },
          claimId: 'C-9',
          detail: message.messageId,
        },
      ]);
    },
  );

  it('an e-mail already sent, or never asked for, is not sent again and nothing is written', async () => {
    const { store, mailer } = world();
    const order = await seedOrder(store);
    const sent = await seedMessage(store, order, { email: 'SENT' });
    const notAsked = await seedMessage(store, order, { alsoEmail: false, email: 'NOT_REQUESTED', emailAttempts: 0 });
    const before = snapshot(store);

    expect(await sendEmail(mailer, order, sent, NOW)).toEqual({ message: sent, writes: [] });
    expect(await deliverEmail(store, mailer, order, notAsked, NOW)).toEqual({ message: notAsked });

    expect(mailer.sent).toEqual([]);
    expect(snapshot(store)).toEqual(before);
  });

  it(
    'a refusal is answered, not thrown: the writes record FAILED with SES’s words; nothing is written until the ' +
      'caller commits',
    async () => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      const message = await seedMessage(store, order, { email: 'PENDING', emailAttempts: 0, sesMessageId: undefined });
      const before = snapshot(store);
      mailer.failNext(1, { retryable: true, message: 'SES Throttling: Maximum sending rate exceeded.' });

      const outcome = await sendEmail(mailer, order, message, NOW);

      expect(outcome.failure).toMatchObject({
        name: 'MailError',
        retryable: true,
        message: 'SES Throttling: Maximum sending rate exceeded.',
      });
      expect(outcome.message).toMatchObject({
        email: 'FAILED',
        emailAttempts: 1,
        emailError: 'SES Throttling: Maximum sending rate exceeded.',
        version: message.version + 1,
      });
      expect(outcome.writes.map((w) => w.entity)).toEqual(['message', 'event']);
      expect(outcome.writes[1]).toMatchObject({
        value: { type: 'EMAIL_FAILED', detail: `${message.messageId}: SES Throttling: Maximum sending rate exceeded.` },
      });
      expect(snapshot(store)).toEqual(before);
    },
  );

  it(
    'throttled by SES for the account’s quotas, in a step that is tried again: the e-mail stays PENDING with why, ' +
      'nothing on the timeline',
    async () => {
      const { store, mailer } = world();
      const order = await seedOrder(store);
      const message = await seedMessage(store, order, { email: 'PENDING', emailAttempts: 0, sesMessageId: undefined });
      mailer.failNext(2, { throttled: true, message: 'SES Throttling: Maximum sending rate exceeded.' });

      const deferred = await sendEmail(mailer, order, message, NOW, { retryThrottled: true });
      expect(deferred.failure).toMatchObject({ throttled: true });
      expect(deferred.message).toMatchObject({
        email: 'PENDING',
        emailAttempts: 1,
        emailError: 'SES Throttling: Maximum sending rate exceeded.',
      });
      expect(deferred.writes.map((w) => w.entity)).toEqual(['message']);

      // Where nothing will try again (a request's own answer), it is FAILED, for the seller to send again.
      const answered = await sendEmail(mailer, order, message, NOW);
      expect(answered.message).toMatchObject({ email: 'FAILED' });
    },
  );

  it('a success after a failure clears the earlier error', async () => {
    const { store, mailer } = world();
    const order = await seedOrder(store);
    const message = await seedMessage(store, order, {
      email: 'FAILED',
      emailAttempts: 1,
      emailError: 'SES Throttling',
      sesMessageId: undefined,
    });

    const { message: delivered } = await deliverEmail(store, mailer, order, message, NOW);

    expect(delivered).toMatchObject({ email: 'SENT', emailAttempts: 2 });
    expect(delivered).not.toHaveProperty('emailError');
    expect(await store.getMessage(order.orderNo, message.messageId)).not.toHaveProperty('emailError');
  });

  it('a mailer that breaks in some other way is a bug: it is thrown, and nothing is recorded', async () => {
    const { store } = world();
    const order = await seedOrder(store);
    const message = await seedMessage(store, order, { email: 'PENDING', emailAttempts: 0 });
    const before = snapshot(store);
    const broken: Mailer = {
      send: async () => {
        throw new TypeError('undefined is not a function');
      },
    };

    await expect(deliverEmail(store, broken, order, message, NOW)).rejects.toThrow(TypeError);

    expect(snapshot(store)).toEqual(before);
  });
});
