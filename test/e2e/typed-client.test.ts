// The API through the client the console uses: types generated from docs/openapi.json, so this
// file is checked by tsc against the contract (a wrong path, body or field does not compile).
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { apiClient, intentKey } from '../../console/api/client.js';
import { eventually, registered, token } from '../support/http.js';

const cancellation = {
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れのためキャンセルいたします。',
  notice: { title: '在庫切れのお詫び', body: '在庫切れのためキャンセルさせていただきます。' },
} as const;

const asSeller = () => apiClient(inject('apiUrl'), () => token('seller', 'S-1'));

describe('the console’s typed client', () => {
  it('a seller cancels an order and reads the claim complete with its refund, every field typed', async () => {
    const order = await registered();
    const client = asSeller();
    const accepted = await client.POST('/orders/{orderNo}/cancellations', {
      params: { path: { orderNo: order.orderNo }, header: { 'idempotency-key': intentKey() } },
      body: cancellation,
    });
    expect(accepted.response.status).toBe(202);
    const claimId = accepted.data!.claimId;
    const settled = await eventually(
      () => client.GET('/claims/{claimId}', { params: { path: { claimId } } }),
      (answer) => answer.data?.status === 'COMPLETED',
    );
    const claim = settled.data!;
    expect(claim.orders.map((o) => o.status)).toEqual(['CANCELLED']);
    expect(claim.refunds.map((r) => [r.method, r.status, r.amount.amount])).toEqual([
      ['CARD_AUTHORIZATION_CANCEL', 'COMPLETED', 3200],
    ]);
    expect(claim.notice.messages.sent).toBe(1);
  });

  it('a refused action: the problem’s detail and what the caller may do instead', async () => {
    const order = await registered({ status: 'IN_TRANSIT' });
    const refused = await asSeller().POST('/orders/{orderNo}/cancellations', {
      params: { path: { orderNo: order.orderNo }, header: { 'idempotency-key': intentKey() } },
      body: cancellation,
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ currentStatus: 'IN_TRANSIT', detail: expect.any(String) });
    expect(refused.error!.allowedActions).toEqual(expect.arrayContaining(['SELLER_REFUND']));
  });

  it('the same intent sent twice (a double click) acts once', async () => {
    const order = await registered();
    const client = asSeller();
    const key = intentKey();
    const send = () =>
      client.POST('/orders/{orderNo}/cancellations', {
        params: { path: { orderNo: order.orderNo }, header: { 'idempotency-key': key } },
        body: cancellation,
      });
    const [first, second] = await Promise.all([send(), send()]);
    const statuses = [first.response.status, second.response.status].sort();
    // One acts (202); the other replays it, or is told the first is still in flight (409).
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    const read = await client.GET('/orders/{orderNo}', { params: { path: { orderNo: order.orderNo } } });
    expect(read.data!.claims).toHaveLength(1);
  });
});
