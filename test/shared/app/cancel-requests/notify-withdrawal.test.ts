// notify-withdrawal: a withdrawn request. The buyer is told (a stored notice, and its e-mail) and
// the seller is e-mailed that the order ships; an e-mail that fails is recorded, never thrown.
import { describe, expect, it } from 'vitest';
import { notifyWithdrawal } from '../../../../shared/app/cancel-requests/notify-withdrawal.js';
import { withdrawRequest } from '../../../../shared/app/cancel-requests/withdraw-request.js';
import type { Order } from '../../../../shared/domain/order.js';
import { BUYER, NOW, SELLER_EMAIL, seedRequest } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';

const LATER = new Date('2026-11-25T01:00:05.000Z');

async function withdrawn(order: Partial<Order> = {}) {
  const w = world();
  const { claim } = await seedRequest(w.store, { order });
  await withdrawRequest({ store: w.store, workflows: w.workflows }, BUYER, claim.claimId, {}, NOW);
  return { ...w, claim, commits: w.store.commits.length };
}

describe('notifyWithdrawal', () => {
  it('stores the buyer’s notice in the buyer’s language, e-mails it, then e-mails the seller', async () => {
    const { store, mailer, profiles, claim } = await withdrawn();

    const answer = await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER);

    expect(answer).toEqual({ claimId: claim.claimId, buyerEmail: 'SENT', sellerEmail: 'SENT' });
    const { messages } = (await store.orderRecords(claim.orderNo))!;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      kind: 'REQUEST_WITHDRAWN',
      category: 'CANCEL_REFUND',
      claimId: claim.claimId,
      buyerId: 'B-1',
      title: `【Qoo10】ご注文 ${claim.orderNo} のキャンセル申請を取り下げました`,
      messageSent: true,
      email: 'SENT',
      emailAttempts: 1,
    });
    expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
      ['hanako@example.jp', `【Qoo10】ご注文 ${claim.orderNo} のキャンセル申請を取り下げました`],
      [SELLER_EMAIL, `[Qoo10 QSM] キャンセル申請が取り下げられました: 注文 ${claim.orderNo}`],
    ]);
    expect(mailer.sent[0]!.tags).toEqual({ orderNo: claim.orderNo, messageId: messages[0]!.messageId });
    expect(store.events.at(-1)).toMatchObject({
      type: 'EMAIL_SENT',
      claimId: claim.claimId,
      detail: messages[0]!.messageId,
    });
  });

  it('run again (a retry after a timeout): one notice, and each e-mail sent once', async () => {
    const { store, mailer, profiles, claim } = await withdrawn();
    await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER);
    const again = await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER);
    expect(again).toEqual({ claimId: claim.claimId, buyerEmail: 'SENT', sellerEmail: 'ALREADY_TOLD' });
    expect((await store.orderRecords(claim.orderNo))!.messages).toHaveLength(1);
    expect(mailer.sent).toHaveLength(2);
  });

  it('a Korean buyer reads it in Korean', async () => {
    const { store, mailer, profiles, claim } = await withdrawn({
      buyer: { id: 'B-1', email: 'minsu@example.kr', country: 'KR' },
    });

    await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER);

    expect(mailer.sent[0]!.email.subject).toBe(`[Qoo10] 주문 ${claim.orderNo} 취소 요청이 철회되었습니다`);
  });

  it('a seller without a profile (removed by hand) is not e-mailed', async () => {
    const { store, mailer, profiles, claim } = await withdrawn();
    profiles.profiles.clear();

    expect(await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER)).toEqual({
      claimId: claim.claimId,
      buyerEmail: 'SENT',
      sellerEmail: 'NO_SELLER_PROFILE',
    });
    expect(mailer.sent.map((m) => m.to)).toEqual(['hanako@example.jp']);
  });

  it(
    'the buyer’s e-mail refused: recorded FAILED on the notice (to be sent again), and the seller is still ' + 'told',
    async () => {
      const { store, mailer, profiles, claim } = await withdrawn();
      mailer.failNext(1, { to: 'hanako@example.jp', message: 'SES MessageRejected: Email address is not verified.' });

      expect(await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER)).toEqual({
        claimId: claim.claimId,
        buyerEmail: 'FAILED',
        sellerEmail: 'SENT',
      });

      const [notice] = (await store.orderRecords(claim.orderNo))!.messages;
      expect(notice).toMatchObject({
        messageSent: true,
        email: 'FAILED',
        emailError: 'SES MessageRejected: Email address is not verified.',
        emailAttempts: 1,
      });
      expect(store.events.at(-1)).toMatchObject({
        type: 'EMAIL_FAILED',
        detail: `${notice!.messageId}: SES MessageRejected: Email address is not verified.`,
      });
      expect(mailer.sent.map((m) => m.to)).toEqual([SELLER_EMAIL]);
    },
  );

  it('the seller’s e-mail refused is answered, not thrown', async () => {
    const { store, mailer, profiles, claim } = await withdrawn();
    mailer.failNext(1, { to: SELLER_EMAIL, message: 'SES MessageRejected: refused' });

    expect(await notifyWithdrawal({ store, mailer, profiles }, claim.claimId, LATER)).toEqual({
      claimId: claim.claimId,
      buyerEmail: 'SENT',
      sellerEmail: 'FAILED: SES MessageRejected: refused',
    });
  });

  it('an unknown claim: ClaimNotFound, nothing sent', async () => {
    const { store, mailer, profiles, commits } = await withdrawn();
    await expect(notifyWithdrawal({ store, mailer, profiles }, 'C-NONE', LATER)).rejects.toMatchObject({
      name: 'ClaimNotFound',
    });
    expect(mailer.sent).toEqual([]);
    expect(store.commits).toHaveLength(commits);
  });
});
