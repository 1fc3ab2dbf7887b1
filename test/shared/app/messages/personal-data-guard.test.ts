// docs/DOMAIN.md, "Notices": nothing meant for the buyer may carry personal data (name, address,
// payment data, ID or password, e-mail, phone number).
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../../shared/app/common/errors.js';
import { guardPersonalData } from '../../../../shared/app/messages/personal-data-guard.js';
import { anOrder } from '../../../support/fixtures.js';

const order = anOrder({ buyer: { id: 'B-7731', email: 'hanako@example.jp', country: 'JP' } });

function refusal(fields: Record<string, string | undefined>): RefusedError {
  try {
    guardPersonalData(order, fields);
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedError);
    return error as RefusedError;
  }
  throw new Error('expected a refusal');
}

describe('the personal-data guard', () => {
  it('clean words, and fields not given, pass', () => {
    expect(() =>
      guardPersonalData(order, {
        title: '在庫切れのお詫び',
        body: '在庫切れのため、ご注文をキャンセルさせていただきます。',
        sellerMemo: undefined,
      }),
    ).not.toThrow();
  });

  it('refuses with PERSONAL_DATA (422), naming every field that carries it and what it carries', () => {
    const error = refusal({
      title: 'Dear B-7731',
      body: 'Call 090-1234-5678 or write to hanako@example.jp',
      sellerMemo: 'Sold out.',
    });

    expect(error.refusal).toEqual({
      kind: 'RULE',
      rule: 'PERSONAL_DATA',
      detail:
        'Messages to the buyer must not contain personal data: name, address, payment data, ID or password, e-mail, ' +
        'phone number.',
    });
    expect(error.errors).toEqual([
      { path: 'title', message: "contains personal data (BUYER_ID); the buyer's page may show it" },
      { path: 'body', message: "contains personal data (EMAIL, PHONE); the buyer's page may show it" },
    ]);
  });

  it.each([
    ['a card number', 'カード 4111 1111 1111 1111 で再決済します', 'CARD_NUMBER'],
    ['a postal address', '〒150-0001 東京都渋谷区へお送りします', 'POSTAL_ADDRESS'],
    ['a password', 'パスワード: abc123', 'CREDENTIAL'],
  ])('refuses %s', (_what, text, kind) => {
    expect(refusal({ body: text }).errors).toEqual([{ path: 'body', message: expect.stringContaining(kind) }]);
  });
});
