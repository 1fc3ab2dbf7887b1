// Order intake, shipping, search and messages over HTTP.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  aCancellation,
  anOrderRegistration,
  call,
  emailsTo,
  eventually,
  registered,
  sellerProfile,
  sesFails,
  token,
} from '../support/http.js';

describe('order intake', () => {
  it('an operator registers an order; registering it again is 409', async () => {
    const operator = await token('operator', 'OP-1');
    const order = anOrderRegistration();
    await sellerProfile(order.sellerId);
    const created = await call('POST', '/orders', { token: operator, body: order });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/orders/${order.orderNo}`);
    const again = await call('POST', '/orders', { token: operator, body: order });
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe('NEW');
  });

  it.each([
    ['money as a float', { total: { amount: 32.5, currency: 'JPY' } }, 'body.total.amount'],
    ['another currency', { total: { amount: 100, currency: 'USD' } }, 'body.total.currency'],
    ['an unknown payment method', { payment: { method: 'BITCOIN' } }, 'body.payment.method'],
    ['a bad e-mail', { buyer: { id: 'B-1', email: 'nope', country: 'JP' } }, 'body.buyer.email'],
    ['a claim status', { status: 'CANCELLED' }, 'body.status'],
    ['a bad date', { expectedShipDate: '2026-13-45' }, 'body.expectedShipDate'],
  ])('%s is 400, and no order is made', async (_case, overrides, path) => {
    const operator = await token('operator', 'OP-1');
    const order = { ...anOrderRegistration(), ...overrides };
    const refused = await call('POST', '/orders', { token: operator, body: order });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: operator })).status).toBe(404);
  });
});

describe('shipping', () => {
  it('ship date NEW → PREPARING, shipment → IN_TRANSIT, delivery → DELIVERED', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const dated = await call('PUT', `/orders/${order.orderNo}/ship-date`, {
      token: seller,
      body: { expectedShipDate: '2099-12-31' },
    });
    expect(dated).toMatchObject({ status: 200, body: { status: 'PREPARING', expectedShipDate: '2099-12-31' } });
    const shipped = await call('POST', `/orders/${order.orderNo}/shipment`, {
      token: seller,
      body: { carrier: 'ヤマト運輸', trackingNumber: '1234-5678-9012' },
    });
    expect(shipped.body).toMatchObject({
      status: 'IN_TRANSIT',
      shipment: { carrier: 'ヤマト運輸', trackingNumber: '1234-5678-9012' },
    });
    expect((await call('POST', `/orders/${order.orderNo}/delivery`, { token: seller })).status).toBe(403);
    expect(
      (await call('POST', `/orders/${order.orderNo}/delivery`, { token: await token('operator', 'OP-1') })).body.status,
    ).toBe('DELIVERED');
    const shipAgain = await call('POST', `/orders/${order.orderNo}/shipment`, { token: seller });
    expect(shipAgain.status).toBe(409);
    expect(shipAgain.body).toMatchObject({ currentStatus: 'DELIVERED', allowedActions: ['SELLER_REFUND'] });
  });

  it('a ship date in the past is 422', async () => {
    const order = await registered();
    const refused = await call('PUT', `/orders/${order.orderNo}/ship-date`, {
      token: await token('seller', 'S-1'),
      body: { expectedShipDate: '2020-01-01' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('SHIP_DATE_IN_PAST');
  });

  it('an order being cancelled cannot ship, and the shipment racing the cancellation leaves one winner', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const [cancel, ship] = await Promise.all([
      call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() }),
      call('POST', `/orders/${order.orderNo}/shipment`, { token: seller }),
    ]);
    expect([
      [202, 409],
      [409, 200],
    ]).toContainEqual([cancel.status, ship.status]);
    const final = await eventually(
      () => call('GET', `/orders/${order.orderNo}`, { token: seller }),
      (answer) => answer.body.status === 'CANCELLED' || answer.body.status === 'IN_TRANSIT',
    );
    if (final.body.status === 'CANCELLED') {
      expect(ship.status).toBe(409);
      expect(final.body.refunds).toHaveLength(1);
    } else {
      expect(cancel.status).toBe(409);
      expect(final.body.refunds).toHaveLength(0);
    }
  });
});

describe('search', () => {
  it('a seller finds its own orders by number, several at once, never another seller’s', async () => {
    const mine = await registered();
    const alsoMine = await registered();
    const theirs = await registered({ sellerId: 'S-2' });
    const answer = await call('GET', `/orders?orderNo=${mine.orderNo},${alsoMine.orderNo},${theirs.orderNo}`, {
      token: await token('seller', 'S-1'),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.orders.map((o: { orderNo: string }) => o.orderNo).sort()).toEqual(
      [mine.orderNo, alsoMine.orderNo].sort(),
    );
  });

  it('by status and order date, with DELAYED derived from the ship date', async () => {
    const sellerId = `S-SEARCH-${Date.now()}`;
    const late = await registered({
      sellerId,
      status: 'PREPARING',
      expectedShipDate: '2020-01-01',
      orderedAt: '2026-11-01T00:00:00.000Z',
    });
    await registered({ sellerId, orderedAt: '2026-11-02T00:00:00.000Z' });
    await registered({ sellerId, orderedAt: '2026-10-01T00:00:00.000Z' });
    const seller = await token('seller', sellerId);
    const delayed = await call('GET', '/orders?status=DELAYED', { token: seller });
    expect(delayed.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([late.orderNo]);
    const november = await call('GET', '/orders?from=2026-11-01&to=2026-11-30', { token: seller });
    expect(november.body.orders).toHaveLength(2);
    const byOperator = await call('GET', `/orders?sellerId=${sellerId}`, { token: await token('operator', 'OP-1') });
    expect(byOperator.body.orders).toHaveLength(3);
  });

  it('the dashboard counts a seller’s orders: awaiting payment, new, shipping requested, delayed', async () => {
    const sellerId = `S-DASH-${Date.now()}`;
    await registered({ sellerId, status: 'PROCESSING' });
    await registered({ sellerId });
    await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-01' });
    await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2020-01-01' });
    await registered({ sellerId, status: 'IN_TRANSIT' });
    const summary = await call('GET', '/orders/summary', { token: await token('seller', sellerId) });
    expect(summary.body).toMatchObject({
      sellerId,
      awaitingPayment: 1,
      new: 1,
      preparing: 1,
      shippingRequested: 4,
      delayed: 1,
      cancelRequested: 0,
      lastTwoWeeks: { cancelRequested: 0 },
    });
    expect((await call('GET', '/orders/summary', { token: await token('operator', 'OP-1') })).status).toBe(400);
    expect(
      (await call('GET', `/orders/summary?sellerId=${sellerId}`, { token: await token('operator', 'OP-1') })).body.new,
    ).toBe(1);
  });

  it('an operator searches every seller’s orders, a page at a time; a bad status or range is 400', async () => {
    const sellerA = `S-A-${Date.now()}`;
    const sellerB = `S-B-${Date.now()}`;
    const orderedAt = '2025-03-15T00:00:00.000Z';
    const a = await registered({ sellerId: sellerA, orderedAt, status: 'IN_TRANSIT' });
    const b = await registered({ sellerId: sellerB, orderedAt, status: 'IN_TRANSIT' });
    const operator = await token('operator', 'OP-1');
    const found = await call('GET', '/orders?from=2025-03-15&to=2025-03-15&status=IN_TRANSIT', { token: operator });
    expect(found.status).toBe(200);
    expect(found.body.orders.map((o: { orderNo: string }) => o.orderNo).sort()).toEqual([a.orderNo, b.orderNo].sort());
    const first = await call('GET', '/orders?from=2025-03-15&to=2025-03-15&status=IN_TRANSIT&limit=1', {
      token: operator,
    });
    expect(first.body.orders).toHaveLength(1);
    const second = await call(
      'GET',
      `/orders?from=2025-03-15&to=2025-03-15&status=IN_TRANSIT&limit=1&cursor=${first.body.nextCursor}`,
      { token: operator },
    );
    expect([...first.body.orders, ...second.body.orders].map((o: { orderNo: string }) => o.orderNo).sort()).toEqual(
      [a.orderNo, b.orderNo].sort(),
    );
    expect((await call('GET', '/orders?status=LOST', { token: await token('seller', 'S-1') })).status).toBe(400);
    expect(
      (await call('GET', '/orders?from=2025-06-02&to=2025-06-01', { token: await token('seller', 'S-1') })).status,
    ).toBe(400);
    expect((await call('GET', '/orders?cursor=not-ours', { token: await token('seller', 'S-1') })).status).toBe(400);
  });

  it(
    'a buyer lists its own orders from every seller, newest first, a page at a time; another buyer’s are ' + '403',
    async () => {
      const buyerId = `B-MINE-${Date.now().toString(36).toUpperCase()}`;
      const buyer = { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' };
      const older = await registered({ buyer, orderedAt: '2026-11-01T00:00:00.000Z' });
      const newer = await registered({
        buyer,
        sellerId: 'S-2',
        orderedAt: '2026-11-02T00:00:00.000Z',
        status: 'IN_TRANSIT',
      });
      await registered({ orderedAt: '2026-11-03T00:00:00.000Z' });
      const mine = await token('buyer', buyerId);
      const listed = await call('GET', `/buyers/${buyerId}/orders`, { token: mine });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({
        orders: [
          { orderNo: newer.orderNo, sellerId: 'S-2', status: 'IN_TRANSIT' },
          { orderNo: older.orderNo, status: 'NEW' },
        ],
        nextCursor: null,
      });
      const first = await call('GET', `/buyers/${buyerId}/orders?limit=1`, { token: mine });
      const second = await call('GET', `/buyers/${buyerId}/orders?limit=1&cursor=${first.body.nextCursor}`, {
        token: mine,
      });
      expect([...first.body.orders, ...second.body.orders].map((o: { orderNo: string }) => o.orderNo)).toEqual([
        newer.orderNo,
        older.orderNo,
      ]);
      expect(
        (await call('GET', `/buyers/${buyerId}/orders`, { token: await token('operator', 'OP-1') })).body.orders,
      ).toHaveLength(2);
      expect((await call('GET', `/buyers/${buyerId}/orders`, { token: await token('buyer', 'B-1') })).status).toBe(403);
      expect((await call('GET', `/buyers/${buyerId}/orders`, { token: await token('seller', 'S-1') })).status).toBe(
        403,
      );
      expect((await call('GET', `/buyers/${buyerId}/orders?limit=0`, { token: mine })).status).toBe(400);
      expect((await call('GET', `/buyers/${buyerId}/orders?cursor=not-ours`, { token: mine })).status).toBe(400);
    },
  );
});

describe('messages to the buyer', () => {
  it('answers how many messages and e-mails were sent and failed', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: seller,
      body: { category: 'SHIPPING', title: '発送のご案内', body: '明日発送いたします。', alsoEmail: true },
    });
    expect(sent).toMatchObject({
      status: 200,
      body: { messages: { sent: 1, failed: 0 }, emails: { sent: 1, failed: 0 }, email: 'SENT' },
    });
    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length === 1,
    );
    expect(mails[0]!.subject).toContain('配送');
  });

  it('a refused e-mail is counted as failed, and the message still reaches My Qoo10', async () => {
    const order = await registered();
    await sesFails(order.buyer.email, 3, 'MessageRejected');
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: await token('seller', 'S-1'),
      body: { category: 'OTHER', title: 'Hello', body: 'A question about your options.', alsoEmail: true },
    });
    expect(sent.body).toMatchObject({
      messages: { sent: 1, failed: 0 },
      emails: { sent: 0, failed: 1 },
      email: 'FAILED',
    });
  });

  it(
    'a failed e-mail is sent again on request; the stored message stands as the cancellation’s notice either ' + 'way',
    async () => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      await sesFails(order.buyer.email, 1, 'MessageRejected');
      const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
        token: seller,
        body: {
          category: 'CANCEL_REFUND',
          title: 'お詫び',
          body: '在庫切れのためキャンセルいたします。',
          alsoEmail: true,
        },
      });
      expect(sent.body.emails).toEqual({ sent: 0, failed: 1 });

      const resent = await call('POST', `/orders/${order.orderNo}/messages/${sent.body.messageId}/resend`, {
        token: seller,
      });
      expect(resent).toMatchObject({
        status: 200,
        body: { email: 'SENT', emailAttempts: 2, emails: { sent: 1, failed: 0 } },
      });
      expect(
        (await call('POST', `/orders/${order.orderNo}/messages/${sent.body.messageId}/resend`, { token: seller })).body
          .rule,
      ).toBe('NOTHING_TO_RESEND');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', noticeMessageId: sent.body.messageId },
      });
      expect(accepted.status).toBe(202);
    },
  );

  it('personal data is 422 and nothing is sent', async () => {
    const order = await registered();
    const refused = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: await token('seller', 'S-1'),
      body: { category: 'OTHER', title: 'Call me', body: 'Call 090-1234-5678', alsoEmail: true },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: 'body', message: expect.stringContaining('PHONE') }]);
    expect(await emailsTo(order.buyer.email)).toEqual([]);
  });
});

describe('the service', () => {
  it('GET /health is 200 once every stand-in is up', async () => {
    const answer = await fetch(`${inject('apiUrl')}/health`);
    expect(answer.status).toBe(200);
  });

  it('GET /openapi.json documents every route, with the request schemas', async () => {
    const answer = await call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/{orderNo}/cancellations', '/claims/{claimId}']),
    );
    const cancel = answer.body.paths['/orders/{orderNo}/cancellations'].post;
    expect(cancel.responses).toHaveProperty('202');
    expect(cancel.responses).toHaveProperty('409');
    expect(cancel.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SellerCancellation',
    });
    expect(answer.body.components.schemas.SellerCancellation.properties.reason.enum).toContain('OUT_OF_STOCK');
  });
});

describe('payment confirmation', () => {
  it(
    'an order awaiting payment becomes NEW when the operator confirms it; a seller may not; a second confirmation ' +
      'is a 409',
    async () => {
      const order = await registered({ status: 'PROCESSING', payment: { method: 'CONVENIENCE_STORE' } });
      const operator = await token('operator', 'OP-1');
      expect(
        (await call('POST', `/orders/${order.orderNo}/payment`, { token: await token('seller', 'S-1') })).status,
      ).toBe(403);

      const paid = await call('POST', `/orders/${order.orderNo}/payment`, { token: operator });
      expect(paid.status).toBe(200);
      expect(paid.body).toEqual({ orderNo: order.orderNo, status: 'NEW', paidAt: expect.any(String) });
      const again = await call('POST', `/orders/${order.orderNo}/payment`, { token: operator });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: 'NEW' });
      const read = await call('GET', `/orders/${order.orderNo}`, { token: operator });
      expect(read.body.timeline.map((event: { type: string }) => event.type)).toContain('PAYMENT_CONFIRMED');
    },
  );
});

describe('money only where money was paid', () => {
  it(
    'only a convenience-store or bank-transfer order can be registered awaiting payment: a card one is ' + '422',
    async () => {
      const refused = await call('POST', '/orders', {
        token: await token('operator', 'OP-1'),
        body: anOrderRegistration({ status: 'PROCESSING', payment: { method: 'CARD' } }),
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'PAYMENT_NOT_DEFERRED' });
    },
  );

  it(
    'an order cancelled unpaid, then paid late at the convenience store: the payment is returned to the balance, ' +
      'once, and the operator sees it',
    async () => {
      const order = await registered({ status: 'PROCESSING', payment: { method: 'CONVENIENCE_STORE' } });
      const seller = await token('seller', order.sellerId);
      const operator = await token('operator', 'OP-1');
      const buyer = await token('buyer', order.buyer.id);
      const before = (await call('GET', `/buyers/${order.buyer.id}/balance`, { token: buyer })).body.balance
        .amount as number;

      const preview = await call('GET', `/orders/${order.orderNo}`, { token: seller });
      expect(preview.body.refundPreview).toEqual({
        amount: { amount: 0, currency: 'JPY' },
        method: 'BALANCE_CREDIT',
        paid: false,
      });
      expect(preview.body.allowedActions).not.toContain('SHIP');
      const cancelled = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      expect(cancelled.status).toBe(202);
      const claim = await eventually(
        () => call('GET', `/claims/${cancelled.body.claimId}`, { token: seller }),
        (read) => read.body.status === 'COMPLETED',
      );
      expect(claim.body.refunds).toEqual([]);

      const late = await call('POST', `/orders/${order.orderNo}/payment`, { token: operator });
      expect(late.status).toBe(200);
      expect(late.body).toMatchObject({
        status: 'CANCELLED',
        returned: { latePayment: true, status: 'COMPLETED', method: 'BALANCE_CREDIT', amount: order.total },
      });
      const again = await call('POST', `/orders/${order.orderNo}/payment`, { token: operator });
      expect(again.status).toBe(409);

      const balance = await call('GET', `/buyers/${order.buyer.id}/balance`, { token: buyer });
      expect(balance.body.balance.amount).toBe(before + order.total.amount);
      const seen = await call('GET', `/orders/${order.orderNo}`, { token: operator });
      expect(seen.body.refunds).toEqual([
        expect.objectContaining({ latePayment: true, claimId: cancelled.body.claimId }),
      ]);
      expect(seen.body.timeline.map((e: { type: string }) => e.type)).toContain('LATE_PAYMENT_RETURNED');
      const told = await eventually(
        () => emailsTo(order.buyer.email),
        (mails) => mails.some((m) => m.subject.includes('お支払いを返金しました')),
      );
      expect(told.some((m) => m.subject.includes(order.orderNo))).toBe(true);
    },
  );
});

describe('messages to several checked orders', () => {
  it('one request, a message and an e-mail per buyer, each counted', async () => {
    const a = await registered();
    const b = await registered({ buyer: { id: 'B-2', email: `kr-${Date.now()}@example.kr`, country: 'KR' } });
    const answer = await call('POST', '/orders/messages', {
      token: await token('seller', 'S-1'),
      body: {
        orderNos: [a.orderNo, b.orderNo],
        category: 'SHIPPING',
        title: '発送遅延のお知らせ',
        body: '発送が2日ほど遅れます。',
        alsoEmail: true,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      messages: { sent: 2, failed: 0 },
      emails: { sent: 2, failed: 0 },
      orders: [{ orderNo: a.orderNo }, { orderNo: b.orderNo }],
    });
    expect(
      await eventually(
        () => emailsTo(a.buyer.email),
        (found) => found.length === 1,
      ),
    ).toHaveLength(1);
    expect((await emailsTo(b.buyer.email))[0]!.subject).toContain('[Qoo10] 주문');
  });
});
