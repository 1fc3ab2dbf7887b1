// The personal-data guard over HTTP: the order's own recipient (name, address) and the shapes of
// Japanese and Korean addresses are refused in anything the buyer reads, naming the field.
import { describe, expect, it } from 'vitest';
import { aCancellation, call, registered, token } from '../support/http.js';

const recipient = {
  name: '山田 花子',
  phone: '090-1234-5678',
  postalCode: '273-0018',
  address: '千葉県船橋市西浦1-2-3',
};

describe('personal data in what the buyer reads', () => {
  it.each([
    [
      'the recipient’s name',
      { notice: { title: 'お詫び', body: '山田様、在庫切れのためキャンセルいたします。' } },
      'notice.body',
    ],
    [
      'a Japanese address',
      { notice: { title: 'お詫び', body: '千葉県船橋市西浦1-2-3 にお届け予定でしたが、キャンセルいたします。' } },
      'notice.body',
    ],
    ['a Korean address in the memo', { sellerMemo: '서울특별시 강남구 테헤란로 123 배송 불가' }, 'sellerMemo'],
  ])('%s: 422 naming the field, nothing changed', async (_what, overrides, path) => {
    const order = await registered({ recipient });
    const seller = await token('seller', 'S-1');
    const answer = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(overrides),
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ rule: 'PERSONAL_DATA', errors: [expect.objectContaining({ path })] });
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.status).toBe('NEW');
  });

  it('a message to the buyer with the recipient’s phone is refused too', async () => {
    const order = await registered({ recipient });
    const answer = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: await token('seller', 'S-1'),
      body: { category: 'SHIPPING', title: '配送について', body: 'ご連絡は 09012345678 へ' },
    });
    expect(answer.status).toBe(422);
  });
});
