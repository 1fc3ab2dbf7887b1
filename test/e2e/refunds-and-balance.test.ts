// Flow 2, "no refund arrived", the buyer's balance, and the operator's cases, over HTTP.
import { describe, expect, it } from 'vitest';
import {
  aCancellation,
  call,
  claimWhenSettled,
  emailsTo,
  eventually,
  OPERATOR_EMAIL,
  paymentOperations,
  paymentsFail,
  registered,
  token,
} from '../support/http.js';

const aRefund = (overrides: Record<string, unknown> = {}) => ({
  reason: 'SHIPPING_DELAY',
  sellerMemo: '誤って発送済みにしたため、返金いたします。',
  notice: { title: '返金のご案内', body: '在庫切れの商品を誤って発送済みにしておりました。返金いたします。' },
  ...overrides,
});

describe('flow 2: a seller-fault refund after shipping', () => {
  it.each(['IN_TRANSIT', 'DELIVERED'] as const)('a %s order is refunded and ends RETURNED', async (status) => {
    const order = await registered({ status });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/refunds`, { token: seller, body: aRefund() });
    expect(accepted.status).toBe(202);
    const claim = await claimWhenSettled(accepted.body.claimId, seller);
    expect(claim.body).toMatchObject({
      status: 'COMPLETED',
      type: 'SELLER_REFUND',
      reason: 'SHIPPING_DELAY',
      fault: 'SELLER',
    });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toEqual([
      expect.objectContaining({ status: 'COMPLETED', amount: { amount: 3200, currency: 'JPY' } }),
    ]);
    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length === 3,
    );
    expect(mails[1]!.subject).toBe(`【Qoo10】ご注文 ${order.orderNo} の返品・返金が完了しました`);
  });

  it('any reason but SHIPPING_DELAY is 422, and nothing changes', async () => {
    const order = await registered({ status: 'IN_TRANSIT' });
    const seller = await token('seller', 'S-1');
    const refused = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: seller,
      body: aRefund({ reason: 'OUT_OF_STOCK' }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('REFUND_REASON_NOT_ALLOWED');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
      status: 'IN_TRANSIT',
      claims: [],
      messages: [],
    });
  });

  it('a buyer-fault refund is 422 and names the returns process', async () => {
    const order = await registered({ status: 'DELIVERED' });
    const refused = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: await token('seller', 'S-1'),
      body: aRefund({ reason: 'BUYER_CHANGED_MIND' }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: 'RETURNS_PROCESS', detail: expect.stringContaining('returns process') });
  });

  it('an unshipped order is 409 and pointed at the cancellation', async () => {
    const order = await registered();
    const refused = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: await token('seller', 'S-1'),
      body: aRefund(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.allowedActions).toContain('SELLER_CANCEL');
  });
});

describe('“no refund arrived”', () => {
  it('the buyer’s order shows each refund’s method, state and times', async () => {
    const order = await registered({ buyer: { id: 'B-ASK', email: 'ask@example.jp', country: 'JP' } });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    await claimWhenSettled(accepted.body.claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: await token('buyer', 'B-ASK') });
    expect(read.status).toBe(200);
    expect(read.body.refunds).toEqual([
      expect.objectContaining({
        method: 'CARD_AUTHORIZATION_CANCEL',
        status: 'COMPLETED',
        createdAt: expect.any(String),
        confirmedAt: expect.any(String),
        completedAt: expect.any(String),
      }),
    ]);
  });
});

describe('the buyer’s balance', () => {
  async function buyerWithBalance() {
    // One length for every id, so no buyer's id is part of another's: a fault names the buyer's own transfer.
    const buyerId = `B-BAL-${Date.now()}-${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const order = await registered({
      payment: { method: 'CONVENIENCE_STORE' },
      total: { amount: 5000, currency: 'JPY' },
      buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' },
    });
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    await claimWhenSettled(accepted.body.claimId, seller);
    return { buyerId, buyer: await token('buyer', buyerId), own: { ...account, holder: `ヤマダ ハナコ ${buyerId}` } };
  }
  const account = { bankName: 'みずほ銀行', branch: '渋谷支店', accountNumber: '1234567', holder: 'ヤマダ ハナコ' };
  // The payment stand-in's faults are stack-wide, and other files (the console's) withdraw at the same time: a fault
  // matches this buyer's own transfer (its holder), never the next withdrawal of anyone.

  it(
    'a cash refund is in the balance; a withdrawal takes it to the bank; the balance is the sum of its ' + 'entries',
    async () => {
      const { buyerId, buyer } = await buyerWithBalance();
      const withdrawn = await call('POST', `/buyers/${buyerId}/withdrawals`, {
        token: buyer,
        body: { amount: { amount: 3000, currency: 'JPY' }, bankAccount: account },
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({
        status: 'COMPLETED',
        bankReference: expect.stringMatching(/^BT-/),
        bankAccount: { accountNumber: '****567' },
      });
      const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
      expect(balance.body.balance).toEqual({ amount: 2000, currency: 'JPY' });
      expect(
        balance.body.entries.map((e: { kind: string; amount: { amount: number } }) => [e.kind, e.amount.amount]),
      ).toEqual([
        ['REFUND_CREDIT', 5000],
        ['WITHDRAWAL', -3000],
      ]);
    },
  );

  it('more than the balance is 422 and nothing changes', async () => {
    const { buyerId, buyer } = await buyerWithBalance();
    const refused = await call('POST', `/buyers/${buyerId}/withdrawals`, {
      token: buyer,
      body: { amount: { amount: 5001, currency: 'JPY' }, bankAccount: account },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('INSUFFICIENT_BALANCE');
    const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
    expect(balance.body).toMatchObject({ balance: { amount: 5000 }, withdrawals: [] });
  });

  it('a bank that declines: the withdrawal FAILED, a reversal puts the money back', async () => {
    const { buyerId, buyer, own } = await buyerWithBalance();
    await paymentsFail(buyerId, 'decline', 1);
    const refused = await call('POST', `/buyers/${buyerId}/withdrawals`, {
      token: buyer,
      body: { amount: { amount: 1000, currency: 'JPY' }, bankAccount: own },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('WITHDRAWAL_DECLINED');
    const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
    expect(balance.body.balance.amount).toBe(5000);
    expect(balance.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'REFUND_CREDIT',
      'WITHDRAWAL',
      'WITHDRAWAL_REVERSAL',
    ]);
    expect(balance.body.withdrawals).toEqual([expect.objectContaining({ status: 'FAILED' })]);
  });

  it(
    'a bank that does not answer: 202 PENDING, debited once; an operator settles it by asking what became of the ' +
      'key, paid once',
    async () => {
      const { buyerId, buyer, own } = await buyerWithBalance();
      await paymentsFail(buyerId, 'timeout', 1);
      const pending = await call('POST', `/buyers/${buyerId}/withdrawals`, {
        token: buyer,
        body: { amount: { amount: 2000, currency: 'JPY' }, bankAccount: own },
      });
      expect(pending.status).toBe(202);
      expect(pending.body).toMatchObject({ status: 'PENDING', withdrawalId: expect.stringMatching(/^W-/) });
      expect((await call('GET', `/buyers/${buyerId}/balance`, { token: buyer })).body.balance.amount).toBe(3000);

      // The operator's list of withdrawals to settle has it; a buyer may not read that list.
      const toSettle = async () =>
        (await call('GET', '/withdrawals?limit=100', { token: await token('operator', 'OP-1') })).body.withdrawals.map(
          (w: { withdrawalId: string }) => w.withdrawalId,
        );
      expect(await toSettle()).toContain(pending.body.withdrawalId);
      expect((await call('GET', '/withdrawals', { token: buyer })).status).toBe(403);

      const path = `/buyers/${buyerId}/withdrawals/${pending.body.withdrawalId}/settlement`;
      expect((await call('POST', path, { token: buyer })).status).toBe(403);
      const settled = await call('POST', path, { token: await token('operator', 'OP-1') });
      expect(settled).toMatchObject({
        status: 200,
        body: { status: 'COMPLETED', bankReference: expect.stringMatching(/^BT-/) },
      });
      expect(await paymentOperations(`withdrawal:${pending.body.withdrawalId}`)).toEqual([
        expect.objectContaining({ received: 1 }),
      ]);
      expect((await call('POST', path, { token: await token('operator', 'OP-1') })).status).toBe(422);
      expect(await toSettle()).not.toContain(pending.body.withdrawalId);
      const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
      expect(balance.body.balance.amount).toBe(3000);
      expect(balance.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['REFUND_CREDIT', 'WITHDRAWAL']);
    },
  );

  it(
    'a transfer that went through though its answer was lost is never reversed, whatever the gateway is told to do ' +
      'next',
    async () => {
      const { buyerId, buyer, own } = await buyerWithBalance();
      await paymentsFail(buyerId, 'timeout', 1);
      const pending = await call('POST', `/buyers/${buyerId}/withdrawals`, {
        token: buyer,
        body: { amount: { amount: 2000, currency: 'JPY' }, bankAccount: own },
      });
      expect(pending.status).toBe(202);
      // A decline waiting for the next new request must not touch the key that was already processed.
      await paymentsFail(`withdrawal:${pending.body.withdrawalId}`, 'decline', 1);
      const settled = await call('POST', `/buyers/${buyerId}/withdrawals/${pending.body.withdrawalId}/settlement`, {
        token: await token('operator', 'OP-1'),
      });
      expect(settled.body.status).toBe('COMPLETED');
      const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
      expect(balance.body.balance.amount).toBe(3000);
      expect(balance.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['REFUND_CREDIT', 'WITHDRAWAL']);
    },
  );

  it('two withdrawals racing for the same yen: one wins, the balance never goes below zero', async () => {
    const { buyerId, buyer } = await buyerWithBalance();
    const body = { amount: { amount: 4000, currency: 'JPY' }, bankAccount: account };
    const answers = await Promise.all(
      [1, 2, 3].map(() => call('POST', `/buyers/${buyerId}/withdrawals`, { token: buyer, body })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const balance = await call('GET', `/buyers/${buyerId}/balance`, { token: buyer });
    expect(balance.body.balance.amount).toBe(1000);
  });

  it('is the buyer’s own: another buyer is 403, an operator may look', async () => {
    const { buyerId } = await buyerWithBalance();
    expect((await call('GET', `/buyers/${buyerId}/balance`, { token: await token('buyer', 'B-OTHER') })).status).toBe(
      403,
    );
    expect((await call('GET', `/buyers/${buyerId}/balance`, { token: await token('operator', 'OP-1') })).status).toBe(
      200,
    );
    expect(
      (
        await call('POST', `/buyers/${buyerId}/withdrawals`, {
          token: await token('buyer', 'B-OTHER'),
          body: { amount: { amount: 1, currency: 'JPY' }, bankAccount: account },
        })
      ).status,
    ).toBe(403);
  });
});

describe('what only the operator may do', () => {
  const couponOrder = () => registered({ coupon: { code: 'WELCOME10', sellerCancellable: false } });

  it(
    'a coupon that forbids it: the seller gets 422, the case goes to the operator as a claim that holds the ' + 'order',
    async () => {
      const order = await couponOrder();
      const seller = await token('seller', 'S-1');
      const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        rule: 'SELLER_CANNOT_CANCEL',
        claimId: expect.stringMatching(/^C-/),
        detail: expect.stringContaining('WELCOME10'),
      });
      const claim = await call('GET', `/claims/${refused.body.claimId}`, { token: seller });
      expect(claim.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'SellerCannotCancel' } });
      expect((await call('POST', `/orders/${order.orderNo}/shipment`, { token: seller })).status).toBe(409);
      const alerts = await eventually(
        () => emailsTo(OPERATOR_EMAIL),
        (found) => found.some((m) => m.subject.includes(refused.body.claimId)),
      );
      expect(alerts.length).toBeGreaterThan(0);
      expect(await emailsTo(order.buyer.email)).toEqual([]); // nothing reaches the buyer until the operator acts
    },
  );

  it('the operator completes it: the notice goes out, the order is cancelled and refunded', async () => {
    const order = await couponOrder();
    const seller = await token('seller', 'S-1');
    const { body } = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    const resolved = await call('POST', `/claims/${body.claimId}/resolution`, {
      token: await token('operator', 'OP-1'),
      body: { action: 'COMPLETE', reason: 'Coupon returned to the buyer.' },
    });
    expect(resolved.status).toBe(202);
    const claim = await eventually(
      () => call('GET', `/claims/${body.claimId}`, { token: seller }),
      (a) => a.body.status === 'COMPLETED',
    );
    expect(claim.body.status).toBe('COMPLETED');
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.status).toBe('CANCELLED');
    expect(
      await eventually(
        () => emailsTo(order.buyer.email),
        (found) => found.length === 3,
      ),
    ).toHaveLength(3);
  });

  it('the operator closes it: the order is let go, unchanged', async () => {
    const order = await couponOrder();
    const seller = await token('seller', 'S-1');
    const { body } = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    const closed = await call('POST', `/claims/${body.claimId}/resolution`, {
      token: await token('operator', 'OP-1'),
      body: { action: 'CLOSE', reason: 'The buyer keeps the order.' },
    });
    expect(closed.status).toBe(202);
    expect(closed.body.status).toBe('FAILED');
    expect((await call('GET', `/claims/${body.claimId}`, { token: seller })).body.failure).toEqual({
      error: 'ClosedByOperator',
      cause: 'The buyer keeps the order.',
    });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body).toMatchObject({ status: 'NEW', claimInProgress: null, refunds: [] });
  });

  it('only a claim that needs an operator can be resolved, and only by an operator', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    await claimWhenSettled(accepted.body.claimId, seller);
    const path = `/claims/${accepted.body.claimId}/resolution`;
    expect((await call('POST', path, { token: seller, body: { action: 'CLOSE', reason: 'x' } })).status).toBe(403);
    expect(
      (await call('POST', path, { token: await token('operator', 'OP-1'), body: { action: 'CLOSE', reason: 'x' } }))
        .status,
    ).toBe(409);
    expect(
      (await call('POST', path, { token: await token('operator', 'OP-1'), body: { action: 'MAYBE', reason: 'x' } }))
        .status,
    ).toBe(400);
  });
});
