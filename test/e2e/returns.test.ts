// Returns over HTTP (DOMAIN.md, "After delivery"): the buyer asks, the seller approves or refuses,
// the parcel comes back, receipt refunds the buyer by the payment method; what is not allowed is
// refused with what is, and two steps at once make one outcome and one refund.
import { describe, expect, it } from 'vitest';
import { aSeller, call, claimWhenSettled, registered, token } from '../support/http.js';

async function aDeliveredOrder() {
  const { sellerId } = await aSeller();
  const order = await registered({ status: 'IN_TRANSIT', sellerId });
  const delivered = await call('POST', `/orders/${order.orderNo}/delivery`, { token: await token('operator', 'OP-1') });
  expect(delivered.status).toBe(200);
  return { order, buyer: await token('buyer', order.buyer.id), seller: await token('seller', sellerId) };
}

const ask = (orderNo: string, buyer: string, reason = 'CHANGED_MIND') =>
  call('POST', `/orders/${orderNo}/returns`, {
    token: buyer,
    body: { reason, message: 'サイズが合いませんでした' },
  });
const approve = (claimId: string, seller: string) =>
  call('POST', `/claims/${claimId}/return-decision`, {
    token: seller,
    body: {
      decision: 'APPROVE',
      returnAddress: '東京都港区1-2-3 返品センター',
      instructions: '元の箱で',
    },
  });
const shipBack = (claimId: string, buyer: string) =>
  call('POST', `/claims/${claimId}/return-shipment`, {
    token: buyer,
    body: { carrier: 'ヤマト運輸', trackingNo: '1234-5678-9012' },
  });
const receive = (claimId: string, seller: string, outcome = 'RECEIVED') =>
  call('POST', `/claims/${claimId}/return-receipt`, { token: seller, body: { outcome } });

describe('a return, end to end', () => {
  it.each([
    ['CHANGED_MIND', 'BUYER', 2400, [{ kind: 'RETURN_SHIPPING', amount: { amount: 800, currency: 'JPY' } }]],
    ['DEFECTIVE', 'SELLER', 3200, undefined],
  ] as const)(
    '%s: approved, sent back, received; refunded %s-fault (%s JPY), the order RETURNED',
    async (reason, fault, refunded, deductions) => {
      const { order, buyer, seller } = await aDeliveredOrder();
      const asked = await ask(order.orderNo, buyer, reason);
      expect(asked.status).toBe(202);
      expect(asked.body).toMatchObject({
        claimId: expect.stringMatching(/^C-/),
        status: 'AWAITING_APPROVAL',
        reason,
        fault,
        windowEndsAt: expect.any(String),
      });
      const claimId = asked.body.claimId as string;
      expect((await approve(claimId, seller)).body).toEqual({ claimId, status: 'AWAITING_RETURN' });
      expect((await shipBack(claimId, buyer)).body).toEqual({ claimId, status: 'RETURN_IN_TRANSIT' });
      expect((await receive(claimId, seller)).body).toEqual({ claimId, status: 'IN_PROGRESS' });
      const claim = await claimWhenSettled(claimId, seller);
      expect(claim.body).toMatchObject({ status: 'COMPLETED', type: 'RETURN', fault, reason });
      const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
      expect(read.body.status).toBe('RETURNED');
      expect(read.body.refunds).toEqual([
        expect.objectContaining({ status: 'COMPLETED', amount: { amount: refunded, currency: 'JPY' } }),
      ]);
      expect(read.body.refunds[0].deductions).toEqual(deductions);
      expect(read.body.timeline.map((event: { type: string }) => event.type)).toEqual(
        expect.arrayContaining(['RETURN_REQUESTED', 'RETURN_APPROVED', 'RETURN_SHIPPED', 'RETURN_RECEIVED']),
      );
    },
  );

  it('refused: the order free, asking again 422 naming the escalation, which reaches the operator', async () => {
    const { order, buyer, seller } = await aDeliveredOrder();
    const claimId = (await ask(order.orderNo, buyer)).body.claimId as string;
    const refused = await call('POST', `/claims/${claimId}/return-decision`, {
      token: seller,
      body: { decision: 'REFUSE', reason: '使用済みのため' },
    });
    expect(refused.body).toEqual({ claimId, status: 'REFUSED' });
    const again = await ask(order.orderNo, buyer);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      rule: 'RETURN_REFUSED_BEFORE',
      detail: expect.stringContaining(`/claims/${claimId}/escalation`),
    });
    const escalated = await call('POST', `/claims/${claimId}/escalation`, { token: buyer, body: {} });
    expect(escalated.body).toEqual({ claimId, status: 'NEEDS_OPERATOR' });
    expect((await call('GET', `/claims/${claimId}`, { token: seller })).body.status).toBe('NEEDS_OPERATOR');
  });

  it('missing at the seller’s: the operator decides, nothing is refunded meanwhile', async () => {
    const { order, buyer, seller } = await aDeliveredOrder();
    const claimId = (await ask(order.orderNo, buyer, 'WRONG_ITEM')).body.claimId as string;
    await approve(claimId, seller);
    await shipBack(claimId, buyer);
    expect((await receive(claimId, seller, 'MISSING')).body).toEqual({ claimId, status: 'NEEDS_OPERATOR' });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body).toMatchObject({ status: 'DELIVERED', refunds: [] });
  });
});

describe('what a return does not allow', () => {
  it('not delivered, twice, out of turn (naming the awaited step): 409; a buyer on a seller step 403', async () => {
    const { sellerId } = await aSeller();
    const inTransit = await registered({ status: 'IN_TRANSIT', sellerId });
    const early = await ask(inTransit.orderNo, await token('buyer', inTransit.buyer.id));
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('once it is DELIVERED');

    const { order, buyer, seller } = await aDeliveredOrder();
    const claimId = (await ask(order.orderNo, buyer)).body.claimId as string;
    const twice = await ask(order.orderNo, buyer);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain(`Claim ${claimId} is in progress`);
    const outOfTurn = await receive(claimId, seller);
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.body).toMatchObject({ currentStatus: 'AWAITING_APPROVAL', allowedActions: ['DECIDE'] });
    expect(
      (
        await call('POST', `/claims/${claimId}/return-decision`, {
          token: buyer,
          body: { decision: 'REFUSE', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', `/claims/${claimId}/return-decision`, { token: seller, body: { decision: 'APPROVE' } }))
        .status,
    ).toBe(400);
  });

  it('an order refunded already (a seller’s refund after shipping) is 409: nothing to return', async () => {
    const { order, buyer, seller } = await aDeliveredOrder();
    const refund = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: seller,
      body: {
        reason: 'SHIPPING_DELAY',
        sellerMemo: '遅延のため返金します',
        notice: { title: '返金のお知らせ', body: '配送遅延のため返金いたします。' },
      },
    });
    expect(refund.status).toBe(202);
    await claimWhenSettled(refund.body.claimId, seller);
    const late = await ask(order.orderNo, buyer);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('already refunded');
  });

  it('a return racing the seller’s refund after shipping: one claim holds the order, one refund', async () => {
    const { order, buyer, seller } = await aDeliveredOrder();
    const notice = { title: '返金のお知らせ', body: '配送遅延のため返金いたします。' };
    const [asked, refunded] = await Promise.all([
      ask(order.orderNo, buyer, 'DEFECTIVE'),
      call('POST', `/orders/${order.orderNo}/refunds`, {
        token: seller,
        body: { reason: 'SHIPPING_DELAY', sellerMemo: '遅延のため返金します', notice },
      }),
    ]);
    expect([asked.status, refunded.status].sort()).toEqual([202, 409]);
    const winner = asked.status === 202 ? asked : refunded;
    if (winner === refunded) await claimWhenSettled(refunded.body.claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.claims).toHaveLength(1);
    expect(read.body.refunds.length).toBeLessThanOrEqual(1);
  });

  it('two receipts at once: one is taken, the other refused; one refund', async () => {
    const { order, buyer, seller } = await aDeliveredOrder();
    const claimId = (await ask(order.orderNo, buyer, 'DAMAGED')).body.claimId as string;
    await approve(claimId, seller);
    await shipBack(claimId, buyer);
    const answers = await Promise.all([receive(claimId, seller), receive(claimId, seller)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    await claimWhenSettled(claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.refunds).toHaveLength(1);
  });
});
