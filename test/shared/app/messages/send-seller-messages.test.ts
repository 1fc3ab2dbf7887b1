// POST /orders/messages: one message to the buyer of each checked order, each counted; a refusal sends nothing.
import { describe, expect, it, vi } from 'vitest';
import { NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import { sendSellerMessages } from '../../../../shared/app/messages/send-seller-messages.js';
import { seedOrder, world } from '../../../support/worlds.js';

const SELLER = { role: 'seller' as const, id: 'S-1' };
const NOW = new Date('2026-11-25T01:00:00Z');
const input = {
  category: 'SHIPPING' as const,
  title: '発送遅延のお知らせ',
  body: '発送が2日ほど遅れます。',
  alsoEmail: true,
};

describe('messages to several checked orders', () => {
  it('each buyer gets their own message and e-mail; the answer counts each order and the total', async () => {
    const { store, mailer } = world();
    const a = await seedOrder(store, { sellerId: 'S-1' });
    const b = await seedOrder(store, {
      sellerId: 'S-1',
      buyer: { id: 'B-2', email: 'minsu@example.kr', country: 'KR' },
    });
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
    await expect(
      sendSellerMessages(store, mailer, SELLER, [mine.orderNo, 'NO-SUCH'], input, NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Another seller's order is answered as an unknown one.
    await expect(sendSellerMessages(store, mailer, SELLER, [mine.orderNo, theirs.orderNo], input, NOW)).rejects.toThrow(
      `No order ${theirs.orderNo}; nothing was sent.`,
    );
    await expect(
      sendSellerMessages(
        store,
        mailer,
        SELLER,
        [mine.orderNo],
        { ...input, body: `ご連絡は ${mine.buyer.email} へ` },
        NOW,
      ),
    ).rejects.toBeInstanceOf(RefusedError);
    expect(store.messages.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });
});

describe('a message to many orders under SES throttling (issue 25, point 4)', () => {
  const orders = async (store: ReturnType<typeof world>['store'], count: number) => {
    const seeded = [];
    for (let i = 0; i < count; i++) {
      seeded.push(
        await seedOrder(store, { sellerId: 'S-1', buyer: { id: `B-${i}`, email: `b${i}@example.jp`, country: 'JP' } }),
      );
    }
    return seeded.map((order) => order.orderNo);
  };

  it(
    'once SES throttles, no more e-mails are tried: each unsent one is stored FAILED, for the seller to send ' +
      'again',
    async () => {
      const { store, mailer } = world();
      const orderNos = await orders(store, 40);
      mailer.failNext(1000, { throttled: true, message: 'Throttling: Maximum sending rate exceeded.' });
      const send = vi.spyOn(mailer, 'send');

      const answer = await sendSellerMessages(store, mailer, SELLER, orderNos, input, NOW, { requestKey: 'k-1' });

      // At most the sends already under way when the first was refused: not one per order.
      expect(send.mock.calls.length).toBeLessThanOrEqual(8);
      expect(answer).toMatchObject({ messages: { sent: 40, failed: 0 }, emails: { sent: 0, failed: 40 } });
      const stored = [...store.messages.values()];
      expect(stored).toHaveLength(40);
      expect(stored.every((m) => m.email === 'FAILED')).toBe(true);
      // Those SES refused keep its answer; the others say they were not tried.
      const untried = stored.filter((m) =>
        /^Not sent: SES throttled the account.*send it again\.$/.test(m.emailError ?? ''),
      );
      expect(untried.length).toBe(40 - send.mock.calls.length);
    },
  );

  it(
    'e-mails not started within the time budget are stored FAILED, so the answer comes inside the function’s ' + 'time',
    async () => {
      const { store, mailer } = world();
      const orderNos = await orders(store, 40);
      const slow = mailer.send.bind(mailer);
      mailer.send = async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return slow(...args);
      };
      const started = Date.now();

      const answer = await sendSellerMessages(store, mailer, SELLER, orderNos, input, NOW, {
        requestKey: 'k-2',
        sendBudgetMs: 100,
      });

      expect(Date.now() - started).toBeLessThan(1000);
      expect(answer.emails.sent).toBeGreaterThan(0);
      expect(answer.emails.sent).toBeLessThan(40);
      expect(answer.emails.sent + answer.emails.failed).toBe(40);
      expect(mailer.sent).toHaveLength(answer.emails.sent);
    },
  );

  it(
    'the same request again (its Idempotency-Key) stores no message twice, even after a run that stopped ' + 'half-way',
    async () => {
      const { store, mailer } = world();
      const orderNos = await orders(store, 12);
      // The first run dies after its messages are stored and a few e-mails sent (a timeout, a crash).
      let calls = 0;
      const send = mailer.send.bind(mailer);
      mailer.send = async (...args) => {
        if (++calls > 3) throw new Error('Task timed out');
        return send(...args);
      };
      await expect(
        sendSellerMessages(store, mailer, SELLER, orderNos, input, NOW, { requestKey: 'k-3' }),
      ).rejects.toThrow();
      mailer.send = send;

      const again = await sendSellerMessages(store, mailer, SELLER, orderNos, input, new Date(NOW.getTime() + 30_000), {
        requestKey: 'k-3',
      });

      expect(store.messages.size).toBe(12);
      expect(again).toMatchObject({ messages: { sent: 12, failed: 0 }, emails: { sent: 12, failed: 0 } });
      // Each buyer e-mailed once: the three sent by the first run are not sent again.
      expect(mailer.sent.map((m) => m.to).sort()).toEqual(orderNos.map((_, i) => `b${i}@example.jp`).sort());
      // Another request (another key) is another message.
      await sendSellerMessages(store, mailer, SELLER, orderNos.slice(0, 1), input, NOW, { requestKey: 'k-4' });
      expect(store.messages.size).toBe(13);
    },
  );
});
