import { describe, expect, it } from 'vitest';
import {
  claimCompletedNotice,
  languageFor,
  refundCompletedNotice,
  sellerMessageEmail,
} from '../../../shared/domain/notices.js';
import type { BuyerMessage } from '../../../shared/domain/message.js';

const message = { orderNo: 'D-1', category: 'CANCEL_REFUND', title: 'Sorry', body: 'Out of stock.' } as BuyerMessage;

describe('notices in the buyer’s language', () => {
  it.each([
    ['JP', 'ja'],
    ['KR', 'ko'],
    ['US', 'en'],
    ['SG', 'en'],
  ])('an order from %s gets %s', (country, language) => {
    expect(languageFor(country)).toBe(language);
  });

  it.each([
    ['ja', 'キャンセル/払い戻し'],
    ['ko', '취소/환불'],
    ['en', 'Cancellation/refund'],
  ] as const)('the seller’s message is framed in %s', (language, category) => {
    const email = sellerMessageEmail(message, language);
    expect(email.subject).toContain(category);
    expect(email.subject).toContain('D-1');
    expect(email.text.startsWith('Out of stock.')).toBe(true);
  });

  it('the completion notice says cancelled, or returned after shipping, with the seller’s memo', () => {
    const cancelled = claimCompletedNotice(
      { orderNos: ['D-1', 'D-2'], sellerMemo: '在庫切れ', type: 'SELLER_CANCEL' },
      [],
      'ja',
    );
    expect(cancelled.title).toBe('【Qoo10】ご注文 D-1, D-2 のキャンセルが完了しました');
    expect(cancelled.body).toContain('ショップからのメモ: 在庫切れ');
    const returned = claimCompletedNotice({ orderNos: ['D-3'], type: 'SELLER_REFUND' }, [], 'en');
    expect(returned.title).toBe('[Qoo10] Your order D-3 is returned and refunded');
  });

  it.each(['ja', 'ko', 'en'] as const)(
    'an order cancelled before it was paid: the %s notice says nothing was taken, and promises no refund',
    (language) => {
      const unpaid = claimCompletedNotice({ orderNos: ['D-1'], type: 'SELLER_CANCEL' }, ['D-1'], language);
      expect(unpaid.body).toMatch(
        {
          ja: /お支払い前にキャンセル.*返金はございません/,
          ko: /결제 전에 취소.*환불할 금액이 없습니다/,
          en: /before it was paid: nothing was charged/,
        }[language],
      );
      expect(unpaid.body).not.toMatch(/返金されました|환불이 완료|cancelled and refunded/);
      // A cart with one paid order and one unpaid: each is told as it is.
      const mixed = claimCompletedNotice({ orderNos: ['D-1', 'D-2'], type: 'SELLER_CANCEL' }, ['D-2'], 'en');
      expect(mixed.body).toContain('Your order D-1 has been cancelled and refunded');
      expect(mixed.body).toContain('Your order D-2 was cancelled before it was paid');
    },
  );

  it.each([
    [
      'CARD_AUTHORIZATION_CANCEL',
      'ja',
      /返金額: ￥3,200\nクレジットカードの承認を取り消します。カード会社での反映にお時間がかかる場合があります。/,
    ],
    ['BALANCE_CREDIT', 'ja', /返金額: ￥3,200\nQoo10 の精算金/],
    ['BALANCE_CREDIT', 'ko', /환불 금액: JP¥3,200\nQoo10 정산금/],
    ['CARD_AUTHORIZATION_CANCEL', 'en', /Refund: ¥3,200\nWe are cancelling the card authorization/],
  ] as const)('the refund notice for %s in %s says what happens next', (method, language, expected) => {
    const notice = refundCompletedNotice(
      { orderNo: 'D-1', amount: { amount: 3200, currency: 'JPY' }, method },
      language,
    );
    expect(notice.body).toMatch(expected);
  });
});
