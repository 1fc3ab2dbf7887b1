// Seller profiles and inquiries to the operator over HTTP: the operator sets a seller up, the
// seller's notices follow its profile, and an inquiry goes from the seller to the operator's
// queue, is answered and acted on through the API's own routes, and both read its history.
import { describe, expect, it } from 'vitest';
import {
  aCancellation,
  anOrderRegistration,
  aSeller,
  call,
  claimWhenSettled,
  emailsTo,
  eventually,
  registered,
  token,
  uniqueNo,
} from '../support/http.js';

const operator = () => token('operator', 'OP-1');

describe('seller profiles', () => {
  it(
    'the operator creates (201) and replaces (200) a profile; the seller reads its own, not another’s; the ' +
      'operator lists them',
    async () => {
      const sellerId = uniqueNo('S');
      const profile = { storeName: '서울 머그', contactEmail: `${sellerId.toLowerCase()}@mug.example`, language: 'ko' };
      const created = await call('PUT', `/sellers/${sellerId}/profile`, { token: await operator(), body: profile });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/sellers/${sellerId}/profile`);
      expect(created.body).toMatchObject({ sellerId, ...profile, updatedBy: { role: 'operator', id: 'OP-1' } });
      const replaced = await call('PUT', `/sellers/${sellerId}/profile`, {
        token: await operator(),
        body: { ...profile, language: 'en' },
      });
      expect(replaced.status).toBe(200);

      expect(
        (await call('GET', `/sellers/${sellerId}/profile`, { token: await token('seller', sellerId) })).body,
      ).toMatchObject({ storeName: '서울 머그', language: 'en' });
      expect((await call('GET', `/sellers/${sellerId}/profile`, { token: await token('seller', 'S-1') })).status).toBe(
        403,
      );
      const listed = await call('GET', '/sellers?limit=100', { token: await operator() });
      expect(listed.status).toBe(200);
      expect(listed.body).toHaveProperty('nextCursor');
    },
  );

  it(
    'bad input is a 400 problem that names the field, and changes nothing; a seller without a profile has a 404 ' +
      'that says who sets it up',
    async () => {
      const { sellerId } = await aSeller();
      for (const body of [
        { storeName: 'x', contactEmail: 'not-an-address', language: 'ja' },
        { storeName: 'x', contactEmail: 'a@b.example', language: 'fr' },
        { storeName: '', contactEmail: 'a@b.example', language: 'ja' },
        { storeName: 'x', contactEmail: 'a@b.example', language: 'ja', extra: 1 },
      ]) {
        const answer = await call('PUT', `/sellers/${sellerId}/profile`, { token: await operator(), body });
        expect(answer.status).toBe(400);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.body.errors.length).toBeGreaterThan(0);
      }
      expect((await call('GET', `/sellers/${sellerId}/profile`, { token: await operator() })).body.storeName).toBe(
        `Store ${sellerId}`,
      );
      const nobody = uniqueNo('S');
      expect(
        (await call('GET', `/sellers/${nobody}/profile`, { token: await token('seller', nobody) })).body,
      ).toMatchObject({ status: 404, detail: expect.stringContaining('operator sets it up') });
    },
  );

  it(
    'order intake refuses an order of a seller without a profile (422 SELLER_PROFILE_MISSING): nobody could be ' +
      'told of its buyer’s requests',
    async () => {
      const order = anOrderRegistration({ sellerId: uniqueNo('S') });
      const refused = await call('POST', '/orders', { token: await operator(), body: order });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'SELLER_PROFILE_MISSING' });
      expect((await call('GET', `/orders/${order.orderNo}`, { token: await operator() })).status).toBe(404);
    },
  );

  it(
    'a buyer’s request reaches the seller’s profile address in its language (Korean), addressed to the ' + 'store',
    async () => {
      const { sellerId, sellerEmail } = await aSeller({ storeName: '서울 머그', language: 'ko' });
      const order = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
        token: await token('buyer', order.buyer.id),
        body: { message: 'please' },
      });
      expect(asked.status).toBe(202);
      const [notice] = await eventually(
        () => emailsTo(sellerEmail),
        (found) => found.length === 1,
      );
      expect(notice!.subject).toBe(`[Qoo10 QSM] 구매자의 취소 요청이 접수되었습니다: 주문 ${order.orderNo}`);
      expect(notice!.body.text?.split('\n')[0]).toBe('서울 머그 판매자님');
    },
  );
});

describe('inquiries to the operator', () => {
  it(
    'an order the seller cannot cancel: the seller asks, the operator finds it in the queue, completes the claim ' +
      'for the inquiry and answers; both read the history',
    async () => {
      const { sellerId, sellerToken, sellerEmail } = await aSeller();
      const order = await registered({ sellerId, coupon: { code: 'WELCOME10', sellerCancellable: false } });
      const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: sellerToken,
        body: aCancellation(),
      });
      expect(refused.body).toMatchObject({ rule: 'SELLER_CANNOT_CANCEL' });

      const filed = await call('POST', '/inquiries', {
        token: sellerToken,
        body: {
          category: 'ORDER_NOT_CANCELLABLE',
          subject: 'クーポン注文のキャンセル',
          details: '在庫切れです。クーポン利用の注文をキャンセルしてください。',
          orderNos: [order.orderNo],
        },
      });
      expect(filed.status).toBe(201);
      const { inquiryId } = filed.body;
      expect(filed.headers.get('location')).toBe(`/inquiries/${inquiryId}`);
      expect(filed.body).toMatchObject({ status: 'OPEN', allowedActions: ['REPLY', 'CLOSE'] });

      const queue = await call('GET', `/inquiries?status=OPEN&sellerId=${sellerId}`, { token: await operator() });
      expect(queue.body.inquiries.map((i: { inquiryId: string }) => i.inquiryId)).toEqual([inquiryId]);
      const seen = await call('GET', `/inquiries/${inquiryId}`, { token: await operator() });
      expect(seen.body).toMatchObject({
        allowedActions: ['ANSWER', 'CLOSE', 'ACT'],
        orders: [{ orderNo: order.orderNo, status: 'NEW', claimInProgress: refused.body.claimId }],
      });

      const resolved = await call('POST', `/claims/${refused.body.claimId}/resolution`, {
        token: await operator(),
        body: { action: 'COMPLETE', reason: 'Coupon returned to the buyer.', inquiryId },
      });
      expect(resolved.status).toBe(202);
      expect(resolved.body).toMatchObject({ inquiry: { inquiryId, recorded: true } });
      await claimWhenSettled(refused.body.claimId, sellerToken);
      const answered = await call('POST', `/inquiries/${inquiryId}/entries`, {
        token: await operator(),
        body: { text: 'キャンセルしました。クーポンはお客様に返却済みです。', close: true },
      });
      expect(answered.body.status).toBe('CLOSED');
      const [answerMail] = await eventually(
        () => emailsTo(sellerEmail),
        (found) => found.length === 1,
      );
      expect(answerMail!.subject).toBe('[Qoo10 QSM] お問い合わせへの回答（完了）: クーポン注文のキャンセル');
      expect(answerMail!.body.text).toContain('クーポンはお客様に返却済みです。');

      const history = (await call('GET', `/inquiries/${inquiryId}`, { token: sellerToken })).body;
      expect(history.history.map((e: { kind: string }) => e.kind)).toEqual(['FILED', 'ACTION', 'CLOSED']);
      expect(history.history[1].action).toEqual({
        route: `POST /claims/${refused.body.claimId}/resolution`,
        outcome: `COMPLETE: claim ${refused.body.claimId} IN_PROGRESS`,
      });
      expect(history.orders).toEqual([{ orderNo: order.orderNo, status: 'CANCELLED', claimInProgress: null }]);
      expect(
        (
          await call('POST', `/inquiries/${inquiryId}/entries`, {
            token: sellerToken,
            body: { text: 'ありがとうございます' },
          })
        ).status,
      ).toBe(409);
    },
  );

  it(
    'a request on the buyer’s behalf, filed by the operator for the inquiry; a reply reopens it for the ' + 'operator',
    async () => {
      const { sellerId, sellerToken } = await aSeller();
      const order = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const { inquiryId } = (
        await call('POST', '/inquiries', {
          token: sellerToken,
          body: {
            category: 'REQUEST_FOR_BUYER',
            subject: 'Buyer asked by phone',
            details: 'The buyer cannot find the button.',
            orderNos: [order.orderNo],
          },
        })
      ).body;
      expect(
        (
          await call('POST', `/inquiries/${inquiryId}/entries`, {
            token: await operator(),
            body: { text: 'Did the buyer confirm in writing?' },
          })
        ).body.status,
      ).toBe('ANSWERED');
      expect(
        (
          await call('POST', `/inquiries/${inquiryId}/entries`, {
            token: sellerToken,
            body: { text: 'Yes, by message.' },
          })
        ).body.status,
      ).toBe('OPEN');

      const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
        token: await operator(),
        body: { onBehalfReason: 'The buyer asked the seller in writing.', inquiryId },
      });
      expect(asked.status).toBe(202);
      expect(asked.body).toMatchObject({ outcome: 'AWAITING_SELLER', inquiry: { inquiryId, recorded: true } });
      const history = (await call('GET', `/inquiries/${inquiryId}`, { token: sellerToken })).body.history;
      expect(history.map((e: { kind: string }) => e.kind)).toEqual(['FILED', 'ANSWER', 'REPLY', 'ACTION']);
    },
  );

  it('a general question (OTHER) names no order: filed, in the operator’s queue, answered', async () => {
    const { sellerToken } = await aSeller();
    const filed = await call('POST', '/inquiries', {
      token: sellerToken,
      body: {
        category: 'OTHER',
        subject: '返金手数料について',
        details: 'コンビニ払いの返金手数料は誰が負担しますか？',
      },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ category: 'OTHER', orderNos: [], status: 'OPEN' });
    const queue = await call('GET', '/inquiries?status=OPEN&limit=100', { token: await operator() });
    expect(queue.body.inquiries.map((i: { inquiryId: string }) => i.inquiryId)).toContain(filed.body.inquiryId);
    const answered = await call('POST', `/inquiries/${filed.body.inquiryId}/entries`, {
      token: await operator(),
      body: { text: 'The seller, for a seller-fault cancellation.', close: true },
    });
    expect(answered.body.status).toBe('CLOSED');
  });

  it(
    'bad input changes nothing: an inquiry without orders (400), about another seller’s order (404, as an unknown ' +
      'one), an action for an inquiry about other orders (422), by a non-operator (403)',
    async () => {
      const { sellerId, sellerToken } = await aSeller();
      const mine = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const other = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const theirs = await registered({ status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const noOrders = await call('POST', '/inquiries', {
        token: sellerToken,
        body: { category: 'REFUND_NOT_RECEIVED', subject: 's', details: 'd' },
      });
      expect(noOrders.status).toBe(400);
      expect(noOrders.body.errors).toEqual([expect.objectContaining({ path: 'body.orderNos' })]);
      expect(
        (
          await call('POST', '/inquiries', {
            token: sellerToken,
            body: { category: 'REFUND_NOT_RECEIVED', subject: 's', details: 'd', orderNos: [theirs.orderNo] },
          })
        ).status,
      ).toBe(404);
      expect((await call('GET', `/inquiries`, { token: sellerToken })).body.inquiries).toEqual([]);

      const { inquiryId } = (
        await call('POST', '/inquiries', {
          token: sellerToken,
          body: { category: 'REQUEST_FOR_BUYER', subject: 's', details: 'd', orderNos: [mine.orderNo] },
        })
      ).body;
      const wrong = await call('POST', `/orders/${other.orderNo}/cancel-requests`, {
        token: await operator(),
        body: { onBehalfReason: 'The buyer called.', inquiryId },
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toMatchObject({ rule: 'NOT_IN_INQUIRY' });
      expect((await call('GET', `/orders/${other.orderNo}`, { token: sellerToken })).body.status).toBe('PREPARING');
      const byBuyer = await call('POST', `/orders/${mine.orderNo}/cancel-requests`, {
        token: await token('buyer', mine.buyer.id),
        body: { inquiryId },
      });
      expect(byBuyer.status).toBe(403);
      expect((await call('GET', `/orders/${mine.orderNo}`, { token: sellerToken })).body.status).toBe('PREPARING');
      expect((await call('GET', `/inquiries/${inquiryId}`, { token: sellerToken })).body.history).toHaveLength(1);
    },
  );
});
