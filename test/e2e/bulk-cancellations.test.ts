// Bulk cancellation over the public HTTP API on the local stack. The test stack asks an operator's
// approval over 3 orders (50 by default) and waits 8 s for it (7 days by default).
import { describe, expect, it } from 'vitest';
import {
  aSeller,
  OPERATOR_EMAIL,
  call,
  emailsTo,
  eventually,
  registered,
  token,
  uniqueNo,
  type Answer,
} from '../support/http.js';

const notice = {
  title: 'ご注文 {orderNo} キャンセルのお詫び',
  body: '在庫切れのため、ご注文 {orderNo} をキャンセルさせていただきます。',
};
const aBulk = (orderNos: string[], overrides: Record<string, unknown> = {}) => ({
  orders: orderNos.map((orderNo) => ({ orderNo })),
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れのためキャンセルいたします。',
  notice,
  ...overrides,
});

const FINISHED = ['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED', 'REFUSED', 'CANCELLED'];

const seller = () => aSeller();

const finished = (bulkId: string, as: string): Promise<Answer> =>
  eventually(
    () => call('GET', `/bulk-cancellations/${bulkId}`, { token: as }),
    (answer) => FINISHED.includes(answer.body?.status),
    30_000,
  );

describe('bulk cancellation', () => {
  it(
    'a small job runs at once: each order cancelled as a single cancellation, an unknown line reported with why, ' +
      'one summary',
    async () => {
      const { sellerId, sellerToken, sellerEmail } = await seller();
      const card = await registered({ sellerId });
      const cash = await registered({ sellerId, payment: { method: 'CONVENIENCE_STORE' } });
      const unknown = uniqueNo('NONE');

      // One reason for all, and a line with its own.
      const body = {
        ...aBulk([card.orderNo, unknown, cash.orderNo]),
        orders: [
          { orderNo: card.orderNo },
          { orderNo: unknown },
          { orderNo: cash.orderNo, reason: 'UNDELIVERABLE_AREA' },
        ],
      };
      const accepted = await call('POST', '/bulk-cancellations', { token: sellerToken, body });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ bulkId: expect.stringMatching(/^BC-/), status: 'RUNNING', total: 3 });
      expect(accepted.headers.get('location')).toBe(`/bulk-cancellations/${accepted.body.bulkId}`);

      const job = await finished(accepted.body.bulkId, sellerToken);
      expect(job.body).toMatchObject({
        bulkId: accepted.body.bulkId,
        sellerId,
        status: 'COMPLETED_WITH_FAILURES',
        total: 3,
        done: 2,
        failed: 1,
        pending: 0,
      });
      expect(job.body.failures).toEqual([
        { line: 2, orderNo: unknown, code: 'UNKNOWN_ORDER', reason: `No order ${unknown}.` },
      ]);
      expect(job.body.claims).toEqual([
        { orderNo: card.orderNo, claimId: `C-${accepted.body.bulkId}-L00001` },
        { orderNo: cash.orderNo, claimId: `C-${accepted.body.bulkId}-L00003` },
      ]);

      // Each order as a single cancellation: its claim, its refund by its payment method, its buyer told first.
      for (const [order, method, reason] of [
        [card, 'CARD_AUTHORIZATION_CANCEL', 'OUT_OF_STOCK'],
        [cash, 'BALANCE_CREDIT', 'UNDELIVERABLE_AREA'],
      ] as const) {
        const read = await eventually(
          () => call('GET', `/orders/${order.orderNo}`, { token: sellerToken }),
          (answer) => answer.body.claims?.[0]?.status === 'COMPLETED',
        );
        expect(read.body.status).toBe('CANCELLED');
        expect(read.body.claims).toEqual([
          expect.objectContaining({ type: 'SELLER_CANCEL', status: 'COMPLETED', reason, fault: 'SELLER' }),
        ]);
        expect(read.body.refunds).toEqual([expect.objectContaining({ method, status: 'COMPLETED' })]);
        const mails = await eventually(
          () => emailsTo(order.buyer.email),
          (found) => found.length === 3,
        );
        expect(mails[0]!.subject).toContain(`ご注文 ${order.orderNo} キャンセルのお詫び`);
        expect(mails[0]!.body.text).toContain(`ご注文 ${order.orderNo} をキャンセル`);
      }
      // The seller: one summary, not one per order.
      const summaries = await eventually(
        () => emailsTo(sellerEmail),
        (found) => found.length >= 1,
      );
      expect(summaries).toHaveLength(1);
      expect(summaries[0]!.subject).toContain(accepted.body.bulkId);
      // In the language of the seller's profile (Japanese), addressed to the store.
      expect(summaries[0]!.body.text).toContain('対象 3 件 / キャンセル 2 件 / できなかった注文 1 件');
      expect(summaries[0]!.body.text).toContain(`Store ${sellerId} 様`);
      const recorded = await eventually(
        () => call('GET', `/bulk-cancellations/${accepted.body.bulkId}`, { token: sellerToken }),
        (answer) => answer.body.summary !== undefined,
      );
      expect(recorded.body.summary).toMatchObject({ status: 'SENT' });
    },
  );

  it(
    'a line the order’s status does not allow is reported with why, and the job fails when no line can be ' +
      'cancelled',
    async () => {
      const { sellerId, sellerToken } = await seller();
      const shipped = await registered({ sellerId, status: 'IN_TRANSIT' });
      const accepted = await call('POST', '/bulk-cancellations', {
        token: sellerToken,
        body: aBulk([shipped.orderNo]),
      });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ status: 'FAILED', total: 1, failed: 1 });
      const job = await call('GET', `/bulk-cancellations/${accepted.body.bulkId}`, { token: sellerToken });
      expect(job.body.failures).toEqual([
        expect.objectContaining({
          orderNo: shipped.orderNo,
          code: 'NOT_CANCELLABLE',
          reason: expect.stringContaining('has shipped'),
        }),
      ]);
      expect((await call('GET', `/orders/${shipped.orderNo}`, { token: sellerToken })).body.status).toBe('IN_TRANSIT');
    },
  );

  it(
    'over the size it waits for an operator, who is e-mailed and sees it in the counts; a seller cannot approve; ' +
      'the operator approves once',
    async () => {
      const { sellerId, sellerToken } = await seller();
      const orders = await Promise.all(Array.from({ length: 4 }, () => registered({ sellerId })));
      const operator = await token('operator', 'OP-1');

      const accepted = await call('POST', '/bulk-cancellations', {
        token: sellerToken,
        body: aBulk(orders.map((o) => o.orderNo)),
      });
      expect(accepted.body).toMatchObject({ status: 'AWAITING_APPROVAL', total: 4 });
      const { bulkId } = accepted.body;

      const asked = await eventually(
        () => emailsTo(OPERATOR_EMAIL),
        (found) => found.some((mail) => mail.subject.includes(bulkId)),
      );
      expect(asked.filter((mail) => mail.subject.includes(bulkId))).toHaveLength(1);
      expect(
        (await call('GET', `/claims/summary?sellerId=${sellerId}`, { token: operator })).body.bulkAwaitingApproval,
      ).toBe(1);
      const queue = await call('GET', '/bulk-cancellations?status=AWAITING_APPROVAL&limit=100', { token: operator });
      expect(queue.body.bulkCancellations.map((job: { bulkId: string }) => job.bulkId)).toContain(bulkId);
      // Nothing was touched while it waits.
      expect((await call('GET', `/orders/${orders[0]!.orderNo}`, { token: sellerToken })).body.status).toBe('NEW');

      const bySeller = await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
        token: sellerToken,
        body: { decision: 'APPROVE' },
      });
      expect(bySeller.status).toBe(403);
      expect(bySeller.headers.get('content-type')).toBe('application/problem+json');

      const approved = await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
        token: operator,
        body: { decision: 'APPROVE' },
      });
      expect(approved.status).toBe(202);
      expect(approved.body).toEqual({ bulkId, status: 'RUNNING' });
      const again = await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
        token: operator,
        body: { decision: 'APPROVE' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: expect.stringMatching(/RUNNING|COMPLETED/) });

      const job = await finished(bulkId, operator);
      expect(job.body).toMatchObject({
        status: 'COMPLETED',
        done: 4,
        failed: 0,
        decision: { decision: 'APPROVE', by: { role: 'operator', id: 'OP-1' } },
      });
      expect(job.body.claims).toHaveLength(4);
      expect(
        (await call('GET', `/claims/summary?sellerId=${sellerId}`, { token: operator })).body.bulkAwaitingApproval,
      ).toBe(0);
    },
  );

  it(
    'refused with a reason: nothing cancelled, the seller reads why; a refusal without a reason is a ' + '400',
    async () => {
      const { sellerId, sellerToken, sellerEmail } = await seller();
      const orders = await Promise.all(Array.from({ length: 4 }, () => registered({ sellerId })));
      const operator = await token('operator', 'OP-1');
      const { bulkId } = (
        await call('POST', '/bulk-cancellations', { token: sellerToken, body: aBulk(orders.map((o) => o.orderNo)) })
      ).body;

      expect(
        (
          await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
            token: operator,
            body: { decision: 'REFUSE' },
          })
        ).status,
      ).toBe(400);
      const refused = await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
        token: operator,
        body: { decision: 'REFUSE', reason: 'Tell the buyers first, then file it again.' },
      });
      expect(refused.body).toEqual({ bulkId, status: 'REFUSED' });

      const job = await eventually(
        () => call('GET', `/bulk-cancellations/${bulkId}`, { token: sellerToken }),
        (answer) => answer.body.summary !== undefined,
      );
      expect(job.body).toMatchObject({
        status: 'REFUSED',
        done: 0,
        decision: { decision: 'REFUSE', reason: 'Tell the buyers first, then file it again.' },
        summary: { status: 'SENT' },
      });
      const [summary] = await emailsTo(sellerEmail);
      expect(summary!.body.text).toContain('Tell the buyers first');
      for (const order of orders)
        expect((await call('GET', `/orders/${order.orderNo}`, { token: sellerToken })).body.status).toBe('NEW');
    },
  );

  it(
    'its seller calls it off while it waits; approving it afterwards is a 409; another seller cannot call it ' + 'off',
    async () => {
      const { sellerId, sellerToken } = await seller();
      const orders = await Promise.all(Array.from({ length: 4 }, () => registered({ sellerId })));
      const { bulkId } = (
        await call('POST', '/bulk-cancellations', { token: sellerToken, body: aBulk(orders.map((o) => o.orderNo)) })
      ).body;

      // Another seller finds no such job.
      expect(
        (
          await call('POST', `/bulk-cancellations/${bulkId}/cancellation`, {
            token: await token('seller', uniqueNo('S')),
          })
        ).status,
      ).toBe(404);
      const called = await call('POST', `/bulk-cancellations/${bulkId}/cancellation`, { token: sellerToken });
      expect(called.status).toBe(202);
      expect(called.body).toEqual({ bulkId, status: 'CANCELLED' });

      const late = await call('POST', `/bulk-cancellations/${bulkId}/approval`, {
        token: await token('operator', 'OP-1'),
        body: { decision: 'APPROVE' },
      });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ currentStatus: 'CANCELLED' });
      expect((await call('POST', `/bulk-cancellations/${bulkId}/cancellation`, { token: sellerToken })).status).toBe(
        409,
      );
      const job = await eventually(
        () => call('GET', `/bulk-cancellations/${bulkId}`, { token: sellerToken }),
        (answer) => answer.body.summary !== undefined,
      );
      expect(job.body).toMatchObject({ status: 'CANCELLED', done: 0 });
      for (const order of orders)
        expect((await call('GET', `/orders/${order.orderNo}`, { token: sellerToken })).body.status).toBe('NEW');
    },
  );

  it('not approved in time: refused by expiry, nothing cancelled', async () => {
    const { sellerId, sellerToken } = await seller();
    const orders = await Promise.all(Array.from({ length: 4 }, () => registered({ sellerId })));
    const { bulkId } = (
      await call('POST', '/bulk-cancellations', { token: sellerToken, body: aBulk(orders.map((o) => o.orderNo)) })
    ).body;
    const job = await finished(bulkId, sellerToken);
    expect(job.body).toMatchObject({ status: 'REFUSED', done: 0, decision: { decision: 'EXPIRE' } });
    expect((await call('GET', `/orders/${orders[0]!.orderNo}`, { token: sellerToken })).body.status).toBe('NEW');
  }, 40_000);

  it('the failed lines are tried again as a new job (retryOf), once the reason is gone', async () => {
    const { sellerId, sellerToken } = await seller();
    const first = await registered({ sellerId });
    const later = uniqueNo('LATE');
    const { bulkId } = (
      await call('POST', '/bulk-cancellations', { token: sellerToken, body: aBulk([first.orderNo, later]) })
    ).body;
    expect((await finished(bulkId, sellerToken)).body).toMatchObject({
      status: 'COMPLETED_WITH_FAILURES',
      done: 1,
      failed: 1,
    });

    await registered({ sellerId, orderNo: later });
    const retry = await call('POST', '/bulk-cancellations', {
      token: sellerToken,
      body: { retryOf: bulkId, sellerMemo: '在庫切れのためキャンセルいたします。', notice },
    });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ status: 'RUNNING', total: 1 });
    const job = await finished(retry.body.bulkId, sellerToken);
    expect(job.body).toMatchObject({
      status: 'COMPLETED',
      done: 1,
      retryOf: bulkId,
      claims: [{ orderNo: later, claimId: expect.any(String) }],
    });
  });

  it('bad input is a 4xx problem and stores nothing', async () => {
    const { sellerId, sellerToken } = await seller();
    const mine = await registered({ sellerId });
    const theirs = await registered({ sellerId: uniqueNo('S') });
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `N-${i}`);

    const cases: [string, string, unknown, number][] = [
      ['empty list', sellerToken, aBulk([]), 400],
      ['a duplicate', sellerToken, aBulk([mine.orderNo, mine.orderNo]), 400],
      ['over 10,000 lines', sellerToken, aBulk(lines(10_001)), 400],
      ['a buyer-fault reason', sellerToken, aBulk([mine.orderNo], { reason: 'BUYER_CHANGED_MIND' }), 422],
      ['no reason at all', sellerToken, aBulk([mine.orderNo], { reason: undefined }), 400],
      [
        'personal data in the notice',
        sellerToken,
        aBulk([mine.orderNo], { notice: { title: 'お詫び', body: `ご連絡は ${mine.buyer.email} まで` } }),
        422,
      ],
      ['both orders and retryOf', sellerToken, { ...aBulk([mine.orderNo]), retryOf: 'BC-1' }, 400],
      ['a buyer', await token('buyer', 'B-1'), aBulk([mine.orderNo]), 403],
      ['an operator', await token('operator', 'OP-1'), aBulk([mine.orderNo]), 403],
    ];
    for (const [what, as, body, status] of cases) {
      const answer = await call('POST', '/bulk-cancellations', { token: as, body });
      expect({ what, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        what,
        status,
        type: 'application/problem+json',
      });
    }
    expect((await call('GET', '/bulk-cancellations', { token: sellerToken })).body.bulkCancellations).toEqual([]);
    expect((await call('GET', `/orders/${mine.orderNo}`, { token: sellerToken })).body.status).toBe('NEW');
    expect((await call('GET', '/bulk-cancellations/BC-NOSUCH', { token: sellerToken })).status).toBe(404);
    // Another seller's order in a job is a failed line of an unknown order, word for word.
    const probe = await call('POST', '/bulk-cancellations', {
      token: sellerToken,
      body: aBulk([theirs.orderNo, 'NO-SUCH-BULK']),
    });
    expect(probe.status).toBe(202);
    const failures = (await call('GET', `/bulk-cancellations/${probe.body.bulkId}`, { token: sellerToken })).body
      .failures;
    expect(
      failures.map((f: { code: string; reason: string }) => [
        f.code,
        f.reason.replace(theirs.orderNo, 'X').replace('NO-SUCH-BULK', 'X'),
      ]),
    ).toEqual([
      ['UNKNOWN_ORDER', 'No order X.'],
      ['UNKNOWN_ORDER', 'No order X.'],
    ]);
    expect(
      (await call('GET', `/orders/${theirs.orderNo}`, { token: await token('operator', 'OP-1') })).body.claims,
    ).toEqual([]);
    expect(
      (
        await call('POST', '/bulk-cancellations/BC-NOSUCH/approval', {
          token: await token('operator', 'OP-1'),
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(404);
  });

  it('a seller reads only its own jobs; a buyer none', async () => {
    const { sellerId, sellerToken } = await seller();
    const order = await registered({ sellerId });
    const { bulkId } = (await call('POST', '/bulk-cancellations', { token: sellerToken, body: aBulk([order.orderNo]) }))
      .body;
    // Another seller finds no such job; a buyer has no bulk jobs at all (its role).
    expect(
      (await call('GET', `/bulk-cancellations/${bulkId}`, { token: await token('seller', uniqueNo('S')) })).status,
    ).toBe(404);
    expect((await call('GET', `/bulk-cancellations/${bulkId}`, { token: await token('buyer', 'B-1') })).status).toBe(
      403,
    );
    const listed = await call('GET', '/bulk-cancellations', { token: sellerToken });
    expect(listed.body.bulkCancellations.map((job: { bulkId: string }) => job.bulkId)).toEqual([bulkId]);
    expect((await call('GET', `/bulk-cancellations/${bulkId}?cursor=bm9wZQ`, { token: sellerToken })).status).toBe(400);
  });
});
