import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../../shared/domain/personal-data.js';

const buyer = { id: 'B-7731', email: 'hanako@example.jp' };

describe('personal data in a message to the buyer', () => {
  it.each([
    ['ご連絡は hanako.y@gmail.com まで', 'EMAIL'],
    ['お電話 090-1234-5678 にください', 'PHONE'],
    ['전화 010-1234-5678', 'PHONE'],
    ['call +81 90 1234 5678', 'PHONE'],
    ['09012345678 までどうぞ', 'PHONE'],
    ['カード 4111 1111 1111 1111 で再決済', 'CARD_NUMBER'],
    ['〒150-0001 にお送りします', 'POSTAL_ADDRESS'],
    ['パスワード: abc123', 'CREDENTIAL'],
    ['password=hunter2', 'CREDENTIAL'],
    ['Dear B-7731, sorry', 'BUYER_ID'],
    ['Write to HANAKO@example.jp', 'EMAIL'],
  ])('“%s” is refused for %s', (text, kind) => {
    expect(findPersonalData(text, buyer)).toContain(kind);
  });

  it.each([
    '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
    'Order D-1001 will ship on 2026-12-01.',
    '재고 부족으로 주문을 취소합니다.',
    'Your refund of 3,200 JPY is on its way.',
    'Tracking number 1234-5678-9012', // not a card (fails Luhn), not a phone (no leading 0)
  ])('“%s” is clean', (text) => {
    expect(findPersonalData(text, buyer)).toEqual([]);
  });
});
