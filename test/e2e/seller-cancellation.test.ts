// Flow 1 over the public HTTP API on the local stack, as a seller would do it.
import { describe, expect, it } from 'vitest';
import { aCancellation, call, claimWhenSettled, emailsTo, eventually, registered, token } from '../support/http.js';

describe('a seller cancels an order before shipping', () => {
  it('register → cancel → CANCELLED, the refund recorded and the Japanese e-mails sent to a JP buyer', async () => {
    const order = await registered({ total: { amount: 5400, currency: 'JPY' } });
    const seller = await token('seller', 'S-1');

    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      claimId: expect.stringMatching(/^C-/),
      status: 'REQUESTED',
      orderNos: [order.orderNo],
    });

    const claim = await claimWhenSettled(accepted.body.claimId, seller);
    expect(claim.body).toMatchObject({
      status: 'COMPLETED',
      type: 'SELLER_CANCEL',
      reason: 'OUT_OF_STOCK',
      fault: 'SELLER',
      delayed: false,
    });
    expect(claim.body.notice).toEqual({ messages: { sent: 1, failed: 0 }, emails: { sent: 1, failed: 0 } });

    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.status).toBe('CANCELLED');
    expect(read.body.claims).toEqual([
      expect.objectContaining({
        claimId: accepted.body.claimId,
        type: 'SELLER_CANCEL',
        status: 'COMPLETED',
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
      }),
    ]);
    expect(read.body.refunds).toEqual([
      expect.objectContaining({
        amount: { amount: 5400, currency: 'JPY' },
        method: 'CARD_AUTHORIZATION_CANCEL',
        status: 'COMPLETED',
        providerReference: expect.stringMatching(/^AC-/),
        confirmedAt: expect.any(String),
        completedAt: expect.any(String),
      }),
    ]);
    expect(read.body.timeline.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining([
        'ORDER_REGISTERED',
        'CLAIM_OPENED',
        'EMAIL_SENT',
        'CANCELLED',
        'REFUND_COMPLETED',
        'CLAIM_COMPLETED',
      ]),
    );

    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length === 3,
    );
    // The notice first; then that the cancellation is done (it says the refund's details follow); then the refund.
    expect(mails.map((mail) => mail.subject)).toEqual([
      `【Qoo10】ご注文 ${order.orderNo} について（キャンセル/払い戻し）: 在庫切れのお詫び`,
      `【Qoo10】ご注文 ${order.orderNo} のキャンセルが完了しました`,
      `【Qoo10】ご注文 ${order.orderNo} の返金について`,
    ]);
    expect(mails[0]!.body.text).toContain('在庫切れのため、ご注文をキャンセルさせていただきます。');
    expect(mails[2]!.body.text).toContain('返金額: ￥5,400');
    expect(mails[2]!.body.text).toContain('カード会社');
  });

  it.each([
    ['KR', '[Qoo10] 주문', '취소 완료 안내'],
    ['US', '[Qoo10] About your order', 'is cancelled'],
  ])('a buyer in %s is told in their language', async (country, noticeSubject, doneSubject) => {
    const order = await registered({
      buyer: { id: 'B-9', email: `b9-${country.toLowerCase()}-${Date.now()}@example.com`, country },
    });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({
        sellerMemo: 'Sold out, sorry.',
        notice: { title: 'Sold out', body: 'We are sorry: the item is sold out.' },
      }),
    });
    expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('COMPLETED');
    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length === 3,
    );
    expect(mails[0]!.subject.startsWith(noticeSubject)).toBe(true);
    expect(mails[1]!.subject).toContain(doneSubject);
  });

  it('a cash payment is refunded to the buyer’s balance, and the seller bears the fee', async () => {
    const order = await registered({ payment: { method: 'CONVENIENCE_STORE' } });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    const claim = await claimWhenSettled(accepted.body.claimId, seller);
    expect(claim.body.refunds).toEqual([
      expect.objectContaining({
        amount: { amount: 3200, currency: 'JPY' },
        method: 'BALANCE_CREDIT',
        fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
      }),
    ]);
  });

  it('the notice can be one already sent: the workflow does not send it again', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: seller,
      body: {
        category: 'CANCEL_REFUND',
        title: 'お詫び',
        body: '在庫切れのため、キャンセルいたします。',
        alsoEmail: true,
      },
    });
    expect(sent.status).toBe(200);
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: { reason: 'OUT_OF_STOCK', sellerMemo: '在庫切れ', noticeMessageId: sent.body.messageId },
    });
    expect(accepted.status).toBe(202);
    expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('COMPLETED');
    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length >= 3,
    );
    expect(mails).toHaveLength(3); // the seller's message once, then the refund and completion notices
  });

  it('a notice that is not about cancel/refund cannot stand in front of a cancellation (422)', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
      token: seller,
      body: { category: 'SHIPPING', title: 'Shipping soon', body: 'It ships tomorrow.' },
    });
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: { reason: 'OUT_OF_STOCK', sellerMemo: 'x', noticeMessageId: sent.body.messageId },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('NOTICE_NOT_USABLE');
  });

  it('cart scope cancels every order of the cart the seller can, and reports the rest', async () => {
    const cartNo = `CART-${Date.now()}`;
    const buyer = { id: 'B-5', email: `cart-${Date.now()}@example.jp`, country: 'JP' };
    const first = await registered({ cartNo, buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const second = await registered({ cartNo, buyer, total: { amount: 1000, currency: 'JPY' } });
    const shipped = await registered({ cartNo, buyer, status: 'IN_TRANSIT' });
    const otherSeller = await registered({ cartNo, buyer, sellerId: 'S-2' });
    const seller = await token('seller', 'S-1');

    const accepted = await call('POST', `/orders/${first.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({ scope: 'CART' }),
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.orderNos.sort()).toEqual([first.orderNo, second.orderNo].sort());
    // The seller's shipped order is reported with the reason; another seller's is neither cancelled nor named.
    expect(accepted.body.excluded).toEqual([{ orderNo: shipped.orderNo, reason: expect.stringMatching(/shipped/) }]);
    expect(JSON.stringify(accepted.body)).not.toContain(otherSeller.orderNo);

    const claim = await claimWhenSettled(accepted.body.claimId, seller);
    expect(claim.body.status).toBe('COMPLETED');
    expect(
      claim.body.refunds
        .map((r: { orderNo: string; amount: { amount: number } }) => [r.orderNo, r.amount.amount])
        .sort(),
    ).toEqual(
      [
        [first.orderNo, 3200],
        [second.orderNo, 1000],
      ].sort(),
    );
    for (const [orderNo, status] of [
      [first.orderNo, 'CANCELLED'],
      [second.orderNo, 'CANCELLED'],
      [shipped.orderNo, 'IN_TRANSIT'],
    ] as const) {
      expect((await call('GET', `/orders/${orderNo}`, { token: seller })).body.status).toBe(status);
    }
    expect(
      (await call('GET', `/orders/${otherSeller.orderNo}`, { token: await token('seller', 'S-2') })).body.status,
    ).toBe('NEW');
  });
});

describe('what the seller cannot do', () => {
  it.each(['BUYER_CHANGED_MIND', 'OPTION_CHANGE'])(
    '%s needs the buyer’s own request: 422, nothing changes',
    async (reason) => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation({ reason }),
      });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body).toMatchObject({
        status: 422,
        rule: 'BUYER_REQUEST_REQUIRED',
        title: expect.any(String),
        detail: expect.stringContaining('buyer'),
      });
      const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
      expect(read.body).toMatchObject({ status: 'NEW', claims: [], refunds: [], messages: [], claimInProgress: null });
    },
  );

  it('a shipped order is 409 with its status and what it allows', async () => {
    const order = await registered({ status: 'IN_TRANSIT' });
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: await token('seller', 'S-1'),
      body: aCancellation(),
    });
    expect(refused.status).toBe(409);
    // What this caller may do now: the seller refunds; delivery is the operator's.
    expect(refused.body).toMatchObject({ currentStatus: 'IN_TRANSIT', allowedActions: ['SELLER_REFUND'] });
  });

  it('an order whose ship date has passed is DELAYED for every read and rule', async () => {
    const order = await registered({ status: 'PREPARING', expectedShipDate: '2020-01-01' });
    const seller = await token('seller', 'S-1');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
      status: 'DELAYED',
      storedStatus: 'PREPARING',
    });
    const redate = await call('PUT', `/orders/${order.orderNo}/ship-date`, {
      token: seller,
      body: { expectedShipDate: '2099-01-01' },
    });
    expect(redate.status).toBe(409);
    expect(redate.body.currentStatus).toBe('DELAYED');
  });

  it('personal data in the memo or the notice is 422 naming each field, and nothing changes', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({
        sellerMemo: 'お電話ください 090-1234-5678',
        notice: { title: 'お詫び', body: `ご連絡は ${order.buyer.email} へ` },
      }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('PERSONAL_DATA');
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['notice.body', 'sellerMemo']);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
      status: 'NEW',
      messages: [],
      claims: [],
    });
    expect(await emailsTo(order.buyer.email)).toEqual([]);
  });

  it.each([
    ['no reason', { sellerMemo: 'x', notice: { title: 't', body: 'b' } }, 'body.reason'],
    ['an unknown reason', { reason: 'BORED', sellerMemo: 'x', notice: { title: 't', body: 'b' } }, 'body.reason'],
    ['no notice to the buyer', { reason: 'OUT_OF_STOCK', sellerMemo: 'x' }, 'body.notice'],
    [
      'an empty memo',
      { reason: 'OUT_OF_STOCK', sellerMemo: '  ', notice: { title: 't', body: 'b' } },
      'body.sellerMemo',
    ],
    [
      'an unknown field',
      { reason: 'OUT_OF_STOCK', sellerMemo: 'x', notice: { title: 't', body: 'b' }, refundAmount: 1 },
      'body',
    ],
    [
      'a bad scope',
      { reason: 'OUT_OF_STOCK', scope: 'ALL', sellerMemo: 'x', notice: { title: 't', body: 'b' } },
      'body.scope',
    ],
  ])('%s is 400 naming the field, and nothing changes', async (_case, body, path) => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
      status: 'NEW',
      claims: [],
      messages: [],
    });
  });

  it('a body that is not JSON is 400', async () => {
    const order = await registered();
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: await token('seller', 'S-1'),
      rawBody: '{"reason":',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'body', message: 'not valid JSON' }]);
  });
});

describe('races and retries', () => {
  it('ten concurrent cancellations of one order: exactly one 202, one claim, one refund', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = answers.find((a) => a.status === 202)!;
    await claimWhenSettled(winner.body.claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.claims).toHaveLength(1);
    expect(read.body.refunds).toHaveLength(1);
    expect(read.body.status).toBe('CANCELLED');
  });

  it('the same Idempotency-Key and body answer the first response again and do nothing more', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const key = `key-${order.orderNo}`;
    const first = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
      idempotencyKey: key,
    });
    await claimWhenSettled(first.body.claimId, seller);
    const again = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
      idempotencyKey: key,
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.claims).toHaveLength(1);

    const otherBody = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({ reason: 'UNDELIVERABLE_AREA' }),
      idempotencyKey: key,
    });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body).toMatchObject({
      type: '/problems/rule/idempotency-key-reused',
      rule: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('the same key sent at once: one claim; the others replay it or are told it is in flight (409)', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const key = `burst-${order.orderNo}`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('POST', `/orders/${order.orderNo}/cancellations`, {
          token: seller,
          body: aCancellation(),
          idempotencyKey: key,
        }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((a) => a.body.claimId)).size).toBe(1);
    for (const other of answers.filter((a) => a.status !== 202)) {
      expect(other.status).toBe(409);
      expect(other.body.type).toBe('/problems/idempotency-in-flight');
    }
    await claimWhenSettled(accepted[0]!.body.claimId, seller);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.claims).toHaveLength(1);
  });

  it('an Idempotency-Key is the caller’s own: another seller reusing it gets no one else’s answer', async () => {
    const mine = await registered();
    const theirs = await registered({ sellerId: 'S-2' });
    const key = `shared-${mine.orderNo}`;
    const first = await call('POST', `/orders/${mine.orderNo}/cancellations`, {
      token: await token('seller', 'S-1'),
      body: aCancellation(),
      idempotencyKey: key,
    });
    const second = await call('POST', `/orders/${theirs.orderNo}/cancellations`, {
      token: await token('seller', 'S-2'),
      body: aCancellation(),
      idempotencyKey: key,
    });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.claimId).not.toBe(first.body.claimId);
  });
});

describe('the seller memo’s language', () => {
  it('a memo not in the language of the buyer’s country is accepted with a warning; one that is, without', async () => {
    const seller = await token('seller', 'S-1');
    const english = await registered();
    const warned = await call('POST', `/orders/${english.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({ sellerMemo: 'Sold out, sorry.' }),
    });
    expect(warned.status).toBe(202);
    expect(warned.body.warnings).toEqual([{ code: 'MEMO_LANGUAGE', detail: expect.stringContaining('Japanese') }]);

    const japanese = await registered();
    const clean = await call('POST', `/orders/${japanese.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    expect(clean.status).toBe(202);
    expect(clean.body.warnings).toBeUndefined();
  });
});
