// SES reports back on the e-mails of buyer messages: a bounce or a complaint is recorded on the
// message, so the seller sees it and the counts show it failed.
import { describe, expect, it } from 'vitest';
import { recordMailFeedback, type MailFeedback } from '../../../../shared/app/messages/record-mail-feedback.js';
import { deliveryCounts } from '../../../../shared/domain/message.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { NOW, seedMessage, snapshot } from '../../../support/world-ledger.js';
import { anyCommit, raceOnce } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

async function sentEmail() {
  const w = world();
  const order = await seedOrder(w.store);
  const message = await seedMessage(w.store, order, { email: 'SENT', claimId: 'C-7' });
  const bounce: MailFeedback = {
    kind: 'Bounce',
    orderNo: order.orderNo,
    messageId: message.messageId,
    detail: 'Permanent/General',
    at: '2026-11-25T00:55:00.000Z',
  };
  return { ...w, order, message, bounce };
}

describe('record mail feedback', () => {
  it(
    'a bounce: the e-mail is BOUNCED with SES’s words and time, counted failed, and on the claim’s ' + 'timeline',
    async () => {
      const { store, order, message, bounce } = await sentEmail();

      expect(await recordMailFeedback(store, bounce, NOW)).toBe('RECORDED');

      const stored = (await store.getMessage(order.orderNo, message.messageId))!;
      expect(stored).toEqual({
        ...message,
        email: 'BOUNCED',
        emailError: 'Bounce: Permanent/General',
        emailFeedbackAt: '2026-11-25T00:55:00.000Z',
        updatedAt: NOW.toISOString(),
        version: message.version + 1,
      });
      expect(deliveryCounts([stored]).emails).toEqual({ sent: 0, failed: 1 });
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'EMAIL_BOUNCED',
          actor: { role: 'system', id: 'ses' },
          claimId: 'C-7',
          detail: `${message.messageId}: Permanent/General`,
        },
      ]);
    },
  );

  it('a complaint: the e-mail is COMPLAINED', async () => {
    const { store, order, message, bounce } = await sentEmail();

    expect(await recordMailFeedback(store, { ...bounce, kind: 'Complaint', detail: 'abuse' }, NOW)).toBe('RECORDED');

    expect(await store.getMessage(order.orderNo, message.messageId)).toMatchObject({
      email: 'COMPLAINED',
      emailError: 'Complaint: abuse',
    });
    expect(store.events.map((e) => e.type)).toEqual(['EMAIL_COMPLAINED']);
  });

  it('the same report twice is recorded once', async () => {
    const { store, bounce } = await sentEmail();
    await recordMailFeedback(store, bounce, NOW);
    const before = snapshot(store);

    expect(await recordMailFeedback(store, bounce, NOW)).toBe('ALREADY_RECORDED');

    expect(snapshot(store)).toEqual(before);
  });

  it('a complaint after a bounce is recorded too', async () => {
    const { store, order, message, bounce } = await sentEmail();
    await recordMailFeedback(store, bounce, NOW);

    expect(await recordMailFeedback(store, { ...bounce, kind: 'Complaint', detail: 'abuse' }, NOW)).toBe('RECORDED');
    expect((await store.getMessage(order.orderNo, message.messageId))!.email).toBe('COMPLAINED');
  });

  it('a report on a message this system does not know changes nothing', async () => {
    const { store, bounce } = await sentEmail();
    const before = snapshot(store);

    expect(await recordMailFeedback(store, { ...bounce, messageId: 'M-UNKNOWN' }, NOW)).toBe('UNKNOWN_MESSAGE');

    expect(snapshot(store)).toEqual(before);
  });

  it('the message changed between the read and the write: read again, and the report recorded once', async () => {
    const { store, order, message, bounce } = await sentEmail();
    const race = raceOnce(store, anyCommit, async () => {
      const current = (await store.getMessage(order.orderNo, message.messageId))!;
      await store.commit(
        changeOf([{ entity: 'message', value: { ...current, updatedAt: '2026-11-25T00:58:00.000Z' } }]),
      );
    });

    expect(await recordMailFeedback(store, bounce, NOW)).toBe('RECORDED');

    expect(race.fired()).toBe(true);
    expect((await store.getMessage(order.orderNo, message.messageId))!).toMatchObject({
      email: 'BOUNCED',
      version: message.version + 2,
    });
    expect(store.events.filter((e) => e.type === 'EMAIL_BOUNCED')).toHaveLength(1);
  });
});
