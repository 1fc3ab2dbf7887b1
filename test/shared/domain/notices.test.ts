import { describe, expect, it } from 'vitest';
import { claimCompletedNotice, languageFor, sellerMessageEmail } from '../../../shared/domain/notices.js';
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

  it('the completion notice says how the money comes back, per refund', () => {
    const notice = claimCompletedNotice(
      { orderNos: ['D-1', 'D-2'], sellerMemo: '在庫切れ' },
      [
        { orderNo: 'D-1', amount: { amount: 3200, currency: 'JPY' }, method: 'CARD_AUTHORIZATION_CANCEL' },
        { orderNo: 'D-2', amount: { amount: 4800, currency: 'JPY' }, method: 'BALANCE_CREDIT' },
      ],
      'ja',
    );
    expect(notice.title).toContain('D-1, D-2');
    expect(notice.body).toMatch(/D-1: 返金額: ￥3,200\nクレジットカードの承認を取り消します/);
    expect(notice.body).toMatch(/D-2: 返金額: ￥4,800\nQoo10 の精算金/);
    expect(notice.body).toContain('ショップからのメモ: 在庫切れ');
  });
});
