// POST /orders/messages: one message to the buyer of each checked order, each counted; a refusal sends nothing.
import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/errors.js';
import { sendSellerMessages } from '../../../../shared/app/messages/send-seller-messages.js';
import { seedOrder, world } from '../../../support/worlds.js';

const SELLER = { role: 'seller' as const, id: 'S-1' };
const NOW = new Date('2026-11-25T01:00:00Z');
const input = { category: 'SHIPPING' as const, title: '発送遅延のお知らせ', body: '発送が2日ほど遅れます。', alsoEmail: true };

describe('messages to several checked orders', () => {
  it('each buyer gets their own message and e-mail; the answer counts each order and the total', async () => {
    const { store, mailer } = world();
    const a = await seedOrder(store, { sellerId: 'S-1' });
    const b = await seedOrder(store, { sellerId: 'S-1', buyer: { id: 'B-2', email: 'minsu@example.kr', country: 'KR' } });
    mailer.failNext(1, { to: 'minsu@example.kr' });

    const answer = await sendSellerMessages(store, mailer, SELLER, [a.orderNo, b.orderNo, a.orderNo], input, NOW);

    expect(answer.orders.map((o) => [o.orderNo, o.messages.sent, o.emails.sent, o.emails.failed])).toEqual([
      [a.orderNo, 1, 1, 0],
      [b.orderNo, 1, 0, 1],
    ]);
    expect(answer).toMatchObject({ messages: { sent: 2, failed: 0 }, emails: { sent: 1, failed: 1 } });
    expect([...store.messages.values()].map((m) => m.orderNo).sort()).toEqual([a.orderNo, b.orderNo].sort());
  });

  it('an unknown order, another seller’s, or personal data for any buyer: refused, nothing sent', async () => {
    const { store, mailer } = world();
    const mine = await seedOrder(store, { sellerId: 'S-1' });
    const theirs = await seedOrder(store, { sellerId: 'S-2' });
    await expect(sendSellerMessages(store, mailer, SELLER, [mine.orderNo, 'NO-SUCH'], input, NOW)).rejects.toBeInstanceOf(NotFoundError);
    // Another seller's order is answered as an unknown one.
    await expect(sendSellerMessages(store, mailer, SELLER, [mine.orderNo, theirs.orderNo], input, NOW)).rejects.toThrow(`No order ${theirs.orderNo}; nothing was sent.`);
    await expect(sendSellerMessages(store, mailer, SELLER, [mine.orderNo], { ...input, body: `ご連絡は ${mine.buyer.email} へ` }, NOW)).rejects.toBeInstanceOf(RefusedError);
    expect(store.messages.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });
});
