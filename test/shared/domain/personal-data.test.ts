import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../../shared/domain/personal-data.js';

const buyer = { id: 'B-7731', email: 'hanako@example.jp' };
const owner = { buyer };
const withRecipient = {
  buyer,
  recipient: { name: '山田 花子', phone: '090-1234-5678', postalCode: '273-0018', address: '千葉県船橋市西浦1-2-3' },
};
const korean = { buyer, recipient: { name: '김민수', address: '서울특별시 강남구 테헤란로 123' } };

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
    expect(findPersonalData(text, owner)).toContain(kind);
  });

  it.each([
    '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
    'Order D-1001 will ship on 2026-12-01.',
    '재고 부족으로 주문을 취소합니다.',
    'Your refund of 3,200 JPY is on its way.',
    'Tracking number 1234-5678-9012', // not a card (fails Luhn), not a phone (no leading 0)
    '東京都内の倉庫から発送いたします。',
    '大阪府の物流センターの都合で遅れております。',
    '서울 물류센터 사정으로 지연되었습니다.',
  ])('“%s” is clean', (text) => {
    expect(findPersonalData(text, owner)).toEqual([]);
  });

  it.each([
    ['お届け先 千葉県船橋市西浦1-2-3 へ', 'POSTAL_ADDRESS'],
    ['大阪府大阪市北区梅田3丁目 の倉庫', 'POSTAL_ADDRESS'],
    ['神奈川県横浜市中区山下町１－２', 'POSTAL_ADDRESS'],
    ['서울특별시 강남구 테헤란로 123 으로 보냅니다', 'POSTAL_ADDRESS'],
    ['경기도 성남시 분당구 판교역로 235 에서', 'POSTAL_ADDRESS'],
  ])('an address shape, whoever’s: “%s”', (text, kind) => {
    expect(findPersonalData(text, owner)).toContain(kind);
  });

  it.each([
    ['山田 花子 様、申し訳ございません', 'NAME'],
    ['山田様、申し訳ございません', 'NAME'],
    ['花子さまへ', 'NAME'],
    ['ご連絡先 09012345678 に', 'PHONE'],
    ['西浦1-2-3 のお客様', 'POSTAL_ADDRESS'],
    ['〒2730018', 'POSTAL_ADDRESS'],
  ])('the order’s own recipient in “%s”: %s', (text, kind) => {
    expect(findPersonalData(text, withRecipient)).toContain(kind);
  });

  it('a Korean recipient’s name, and the clean text beside it', () => {
    expect(findPersonalData('김민수 고객님, 죄송합니다', korean)).toContain('NAME');
    expect(findPersonalData('테헤란로 123 배송지', korean)).toContain('POSTAL_ADDRESS');
    expect(findPersonalData('재고 부족으로 주문을 취소합니다.', korean)).toEqual([]);
    expect(findPersonalData('在庫切れのため、ご注文をキャンセルさせていただきます。', withRecipient)).toEqual([]);
  });
});
