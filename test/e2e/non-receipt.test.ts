// Non-receipt over HTTP (DOMAIN.md, "After delivery"): the buyer reports a shipped order not
// received, the seller answers with proof, a re-shipment or a refund, the buyer accepts or takes it
// to the operator; unanswered, it goes to the operator and is refunded by default. What is not
// allowed is refused with what is; two claims at once make one outcome and at most one refund.
import { describe, expect, it } from 'vitest';
import {
  aSeller,
  call,
  claimWhenSettled,
  emailsTo,
  eventsOf,
  eventually,
  OPERATOR_EMAIL,
  registered,
  token,
  uniqueNo,
} from '../support/http.js';

async function aShippedOrder(status: 'IN_TRANSIT' | 'DELIVERED' = 'IN_TRANSIT', country = 'JP') {
  const { sellerId } = await aSeller();
  const buyer = { id: uniqueNo('B'), email: `${uniqueNo('buyer').toLowerCase()}@example.jp`, country };
  const order = await registered({ status: 'IN_TRANSIT', sellerId, buyer });
  const operator = await token('operator', 'OP-1');
  if (status === 'DELIVERED') {
    expect((await call('POST', `/orders/${order.orderNo}/delivery`, { token: operator })).status).toBe(200);
  }
  return { order, buyer: await token('buyer', buyer.id), seller: await token('seller', sellerId), operator };
}

const report = (orderNo: string, buyer: string) =>
  call('POST', `/orders/${orderNo}/non-receipt`, { token: buyer, body: { message: '届いていません' } });
const answer = (claimId: string, seller: string, body: Record<string, unknown>) =>
  call('POST', `/claims/${claimId}/non-receipt-answer`, { token: seller, body });
const accept = (claimId: string, buyer: string) =>
  call('POST', `/claims/${claimId}/non-receipt-acceptance`, { token: buyer, body: {} });
const escalate = (claimId: string, buyer: string) =>
  call('POST', `/claims/${claimId}/escalation`, { token: buyer, body: {} });
const subjectsTo = async (address: string) => (await emailsTo(address)).map((mail) => mail.subject);

describe('a non-receipt report, end to end', () => {
  it('re-shipped, accepted: COMPLETED, no refund, the order free; the buyer told at each step', async () => {
    const { order, buyer, seller } = await aShippedOrder();
    const reported = await report(order.orderNo, buyer);
    expect(reported.status).toBe(202);
    expect(reported.body).toEqual({
      claimId: expect.stringMatching(/^C-/),
      status: 'AWAITING_SELLER',
      reason: 'NOT_RECEIVED',
      fault: 'SELLER',
    });
    const claimId = reported.body.claimId as string;
    const answered = await answer(claimId, seller, {
      answer: 'RESHIPPED',
      carrier: 'ヤマト運輸',
      trackingNo: '9999-0000-1111',
      note: '再発送しました',
    });
    expect(answered.body).toEqual({ claimId, status: 'ANSWERED' });
    expect((await accept(claimId, buyer)).body).toEqual({ claimId, status: 'COMPLETED' });

    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body).toMatchObject({ status: 'IN_TRANSIT', refunds: [] });
    expect(read.body.claims).toEqual([expect.objectContaining({ claimId, type: 'NON_RECEIPT', status: 'COMPLETED' })]);
    expect(read.body.timeline.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['NON_RECEIPT_REPORTED', 'NON_RECEIPT_ANSWERED', 'NON_RECEIPT_ACCEPTED']),
    );
    const subjects = await eventually(
      () => subjectsTo(order.buyer.email),
      (all) => all.length >= 3,
    );
    expect(subjects).toEqual([
      expect.stringContaining('未受取のご報告を受け付けました'),
      expect.stringContaining('ショップから回答がありました'),
      expect.stringContaining('未受取のご報告を完了しました'),
    ]);
    const reshipped = (await emailsTo(order.buyer.email))[1]!;
    expect(reshipped.body.text).toContain('9999-0000-1111');
    const events = (await eventsOf(`order:${order.orderNo}`)).map((event) => event.type);
    expect(events).toEqual([
      'claim.requested',
      'claim.non-receipt-reported',
      'claim.non-receipt-answered',
      'claim.completed',
    ]);
    // Accepted moves no money and counts nothing against the seller.
    const summary = await call('GET', '/claims/summary', { token: seller });
    expect(summary.body.standing.sellerFaultOrders).toBe(0);
  });

  it('the seller refunds: in full by the payment method, the order RETURNED, against the seller', async () => {
    const { order, buyer, seller } = await aShippedOrder('DELIVERED');
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    expect((await answer(claimId, seller, { answer: 'REFUND', note: '返金します' })).body).toEqual({
      claimId,
      status: 'IN_PROGRESS',
    });
    expect((await claimWhenSettled(claimId, seller)).body).toMatchObject({ status: 'COMPLETED', type: 'NON_RECEIPT' });
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', amount: order.total })]);
    const summary = await call('GET', '/claims/summary', { token: seller });
    expect(summary.body.standing.sellerFaultOrders).toBe(1);
  });

  it('proof not accepted: escalated to the operator, who refunds it, charged to the seller', async () => {
    const { order, buyer, seller, operator } = await aShippedOrder('DELIVERED');
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    await answer(claimId, seller, { answer: 'PROOF', note: '配達完了の記録があります' });
    expect((await escalate(claimId, buyer)).body).toEqual({ claimId, status: 'NEEDS_OPERATOR' });
    await eventually(
      () => emailsTo(OPERATOR_EMAIL),
      (mails) => mails.some((mail) => mail.subject.includes(claimId)),
    );
    const queue = await call('GET', '/claims?status=NEEDS_OPERATOR', { token: operator });
    expect(queue.body.claims.map((c: { claimId: string }) => c.claimId)).toContain(claimId);
    const resolved = await call('POST', `/claims/${claimId}/resolution`, {
      token: operator,
      body: { action: 'COMPLETE', reason: '配達の証明が不十分' },
    });
    expect(resolved.status).toBe(202);
    expect((await claimWhenSettled(claimId, seller)).body.status).toBe('COMPLETED');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body).toMatchObject({ status: 'RETURNED' });
    expect(read.body.refunds).toHaveLength(1);
  });

  it('escalated and closed by the operator: no refund, the order free again', async () => {
    const { order, buyer, seller, operator } = await aShippedOrder();
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    await answer(claimId, seller, { answer: 'PROOF' });
    await escalate(claimId, buyer);
    const closed = await call('POST', `/claims/${claimId}/resolution`, {
      token: operator,
      body: { action: 'CLOSE', reason: '配達済みを確認' },
    });
    expect(closed.status).toBe(202);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body).toMatchObject({ status: 'IN_TRANSIT', refunds: [] });
    expect((await call('GET', `/claims/${claimId}`, { token: seller })).body.status).toBe('FAILED');
  });

  it('unanswered: to the operator, then refunded by default; the buyer told in English', async () => {
    const { order, buyer, seller } = await aShippedOrder('DELIVERED', 'US');
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    const settled = await eventually(
      () => call('GET', `/claims/${claimId}`, { token: seller }),
      (read) => read.body.status === 'COMPLETED',
      30_000,
    );
    expect(settled.body.type).toBe('NON_RECEIPT');
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.status).toBe('RETURNED');
    expect(read.body.refunds).toHaveLength(1);
    expect(read.body.timeline.map((event: { type: string }) => event.type)).toContain(
      'NON_RECEIPT_REFUNDED_BY_DEFAULT',
    );
    const subjects = await subjectsTo(order.buyer.email);
    expect(subjects).toEqual(expect.arrayContaining([expect.stringContaining('did not answer about order')]));
    expect(await subjectsTo(OPERATOR_EMAIL)).toEqual(expect.arrayContaining([expect.stringContaining(claimId)]));
  });
});

describe('what a non-receipt report does not allow', () => {
  it('unshipped 409, twice 422 (naming the first), out of turn 409, RESHIPPED without tracking 400', async () => {
    const { sellerId } = await aSeller();
    const unshipped = await registered({ status: 'NEW', sellerId });
    const early = await report(unshipped.orderNo, await token('buyer', unshipped.buyer.id));
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('has not shipped');

    const { order, buyer, seller } = await aShippedOrder();
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    expect((await accept(claimId, buyer)).body).toMatchObject({
      status: 409,
      currentStatus: 'AWAITING_SELLER',
      allowedActions: ['ANSWER'],
    });
    expect((await answer(claimId, seller, { answer: 'RESHIPPED' })).status).toBe(400);
    expect((await answer(claimId, buyer, { answer: 'PROOF' })).status).toBe(403);
    await answer(claimId, seller, { answer: 'PROOF' });
    const twice = await report(order.orderNo, buyer);
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({
      rule: 'NON_RECEIPT_REPORTED_BEFORE',
      detail: expect.stringContaining(`/claims/${claimId}/escalation`),
    });
    expect((await answer(claimId, seller, { answer: 'REFUND' })).status).toBe(409);
  });

  it('an order refunded already: 409 saying so', async () => {
    const { order, buyer, seller } = await aShippedOrder();
    const refund = await call('POST', `/orders/${order.orderNo}/refunds`, {
      token: seller,
      body: {
        reason: 'SHIPPING_DELAY',
        sellerMemo: '遅延のため返金します',
        notice: { title: '返金のお知らせ', body: '配送遅延のため返金いたします。' },
      },
    });
    await claimWhenSettled(refund.body.claimId, seller);
    const late = await report(order.orderNo, buyer);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('already refunded');
  });

  it('a report racing a return: one claim holds the order', async () => {
    const { order, buyer } = await aShippedOrder('DELIVERED');
    const [reported, returned] = await Promise.all([
      report(order.orderNo, buyer),
      call('POST', `/orders/${order.orderNo}/returns`, { token: buyer, body: { reason: 'DEFECTIVE' } }),
    ]);
    expect([reported.status, returned.status].sort()).toEqual([202, 409]);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.claims).toHaveLength(1);
  });

  it('a report racing the seller’s refund after shipping: one claim holds the order, one refund', async () => {
    const { order, buyer, seller } = await aShippedOrder();
    const notice = { title: '返金のお知らせ', body: '配送遅延のため返金いたします。' };
    const [reported, refunded] = await Promise.all([
      report(order.orderNo, buyer),
      call('POST', `/orders/${order.orderNo}/refunds`, {
        token: seller,
        body: { reason: 'SHIPPING_DELAY', sellerMemo: '遅延のため返金します', notice },
      }),
    ]);
    expect([reported.status, refunded.status].sort()).toEqual([202, 409]);
    if (refunded.status === 202) await claimWhenSettled(refunded.body.claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.claims).toHaveLength(1);
    expect(read.body.refunds.length).toBeLessThanOrEqual(1);
  });

  it('two refund answers at once: one taken, one 409; the buyer refunded once', async () => {
    const { order, buyer, seller } = await aShippedOrder();
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    const answers = await Promise.all([
      answer(claimId, seller, { answer: 'REFUND' }),
      answer(claimId, seller, { answer: 'REFUND' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    await claimWhenSettled(claimId, seller);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.refunds).toEqual([expect.objectContaining({ status: 'COMPLETED', amount: order.total })]);
  });

  it('the buyer’s escalation racing its acceptance: one outcome', async () => {
    const { order, buyer, seller } = await aShippedOrder();
    const claimId = (await report(order.orderNo, buyer)).body.claimId as string;
    await answer(claimId, seller, { answer: 'PROOF' });
    const outcomes = await Promise.all([accept(claimId, buyer), escalate(claimId, buyer)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([202, 409]);
    const winner = outcomes.find((o) => o.status === 202)!.body.status;
    expect((await call('GET', `/claims/${claimId}`, { token: seller })).body.status).toBe(winner);
  });
});
