// Claim lists page through a seller's own partition with an opaque cursor; the dashboard's counts
// come from counters kept in the claims' own transactions, so they agree with the lists.
import { describe, expect, it } from 'vitest';
import { aCancellation, call, claimWhenSettled, eventually, registered, token, uniqueNo } from '../support/http.js';

async function pageThrough(path: string, tokenValue: string, limit: number) {
  const seen: { claimId: string; requestedAt: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await call(
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token: tokenValue },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.claims.length).toBeLessThanOrEqual(limit);
    seen.push(...answer.body.claims);
    cursor = answer.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages };
}

describe('claim lists and counts', () => {
  it('a seller’s claims come a page at a time, newest first, each once; the counts agree', async () => {
    const sellerId = `S-PAGES-${Date.now()}`;
    const seller = await token('seller', sellerId);
    const claimIds: string[] = [];
    // The orders first, then the claims: the buyers' requests wait for the seller only seconds here
    // (the test stack's shortened 4 days), so they are asked last, just before they are read.
    const orders: Awaited<ReturnType<typeof registered>>[] = [];
    for (let i = 0; i < 12; i++)
      orders.push(
        await registered({ sellerId, ...(i % 3 === 0 ? { status: 'PREPARING', expectedShipDate: '2099-01-01' } : {}) }),
      );
    const claimOf = async (i: number) => {
      const order = orders[i]!;
      const answer =
        i % 3 === 0
          ? await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
              token: await token('buyer', order.buyer.id),
              body: {},
            })
          : await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() });
      expect(answer.status).toBe(202);
      claimIds[i] = answer.body.claimId;
    };
    for (let i = 0; i < 12; i++) if (i % 3 !== 0) await claimOf(i);
    for (const [i, claimId] of claimIds.entries()) if (i % 3 !== 0) await claimWhenSettled(claimId!, seller);
    for (let i = 0; i < 12; i += 3) await claimOf(i);

    const { seen, pages } = await pageThrough('/claims', seller, 5);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.claimId).sort()).toEqual([...claimIds].sort());
    expect(seen.map((c) => c.requestedAt)).toEqual([...seen.map((c) => c.requestedAt)].sort().reverse());

    const waiting = await pageThrough('/claims?status=AWAITING_APPROVAL', seller, 2);
    expect(waiting.seen.map((c) => c.claimId).sort()).toEqual(claimIds.filter((_, i) => i % 3 === 0).sort());
    const summary = await call('GET', '/claims/summary', { token: seller });
    expect(summary.body).toMatchObject({
      sellerId,
      requested: 4,
      completed: 8,
      inProgress: 0,
      needsOperator: 0,
      lastTwoWeeks: { cancelRequested: 4, inProgress: 0 },
    });
    // The waiting requests are flagged delayed once their (shortened) 4 days pass: the count and the list agree
    // when read together (a request can be flagged between two reads, so both are read until they are).
    const [count, listed] = await eventually(
      async () =>
        [
          (await call('GET', '/claims/summary', { token: seller })).body.delayed as number,
          (await pageThrough('/claims?delayed=true', seller, 3)).seen.length,
        ] as const,
      ([c, l]) => c === l,
    );
    expect(count).toBe(listed);

    const operator = await token('operator', 'OP-1');
    expect((await pageThrough(`/claims?sellerId=${sellerId}`, operator, 100)).seen).toHaveLength(12);
    expect((await call('GET', `/claims/summary?sellerId=${sellerId}`, { token: operator })).body).toMatchObject({
      requested: 4,
      completed: 8,
    });
  });

  it('a cursor that is not one the list gave out, or a page over 100, is 400', async () => {
    const seller = await token('seller', 'S-1');
    expect((await call('GET', '/claims?cursor=bm90LW91cnM', { token: seller })).status).toBe(400);
    expect((await call('GET', '/claims?limit=101', { token: seller })).status).toBe(400);
    expect((await call('GET', '/claims?limit=0', { token: seller })).status).toBe(400);
  });

  it('a cart over the most one claim covers is refused with the limit (422), and nothing changes', async () => {
    const cartNo = `CART-BIG-${Date.now()}`;
    const orders: Awaited<ReturnType<typeof registered>>[] = [];
    for (let i = 0; i < 13; i++)
      orders.push(await registered({ cartNo, buyer: { id: 'B-BIG', email: 'big@example.jp', country: 'JP' } }));
    const seller = await token('seller', 'S-1');
    const refused = await call('POST', `/orders/${orders[0]!.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation({ scope: 'CART' }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: 'CLAIM_TOO_LARGE', limit: 12, orders: 13 });
    const read = await call('GET', `/orders/${orders[0]!.orderNo}`, { token: seller });
    expect(read.body).toMatchObject({ status: 'NEW', claims: [], claimInProgress: null });
    // The order alone, or a smaller group, still can be cancelled.
    const one = await call('POST', `/orders/${orders[0]!.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    expect(one.status).toBe(202);
  });
});

describe('the claim grid', () => {
  it(
    'each row carries its order’s date, ship date, cart and product; filtered by order and by period; exported as ' +
      'CSV, part by part',
    async () => {
      const sellerId = uniqueNo('S');
      const seller = await token('seller', sellerId);
      const orders: Awaited<ReturnType<typeof registered>>[] = [];
      for (let i = 0; i < 3; i++)
        orders.push(
          await registered({
            sellerId,
            status: 'PREPARING',
            expectedShipDate: '2099-01-31',
            item: { code: `GRID-${i}`, name: '湯呑み', quantity: 2 },
          }),
        );
      const claimIds = [];
      for (const order of orders)
        claimIds.push(
          (await call('POST', `/orders/${order.orderNo}/cancellations`, { token: seller, body: aCancellation() })).body
            .claimId as string,
        );

      const listed = await call('GET', '/claims', { token: seller });
      expect(listed.body.claims).toHaveLength(3);
      const row = listed.body.claims.find((c: { orderNo: string }) => c.orderNo === orders[0]!.orderNo);
      expect(row).toMatchObject({
        cartNo: orders[0]!.cartNo,
        expectedShipDate: '2099-01-31',
        item: { code: 'GRID-0' },
        orderedAt: expect.any(String),
      });
      const byOrder = await call('GET', `/claims?orderNo=${orders[1]!.orderNo}`, { token: seller });
      expect(byOrder.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual([claimIds[1]]);
      const foreign = await call('GET', `/claims?orderNo=${orders[1]!.orderNo}`, {
        token: await token('seller', uniqueNo('S')),
      });
      expect(foreign.body.claims).toEqual([]);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
      expect((await call('GET', `/claims?from=${today}&to=${today}`, { token: seller })).body.claims).toHaveLength(3);
      expect((await call('GET', '/claims?from=2020-01-01&to=2020-01-31', { token: seller })).body.claims).toEqual([]);
      expect((await call('GET', `/claims?from=${today}&to=2020-01-01`, { token: seller })).status).toBe(400);

      const exported = await call('GET', '/claims/export', { token: seller });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(exported.headers.get('x-next-cursor')).toBeNull();
      const lines = (exported.body as string).trim().split('\r\n');
      // fetch's text() drops the byte-order mark, as a UTF-8 decoder does; the header row follows it.
      expect(lines[0]!.startsWith('claimId,')).toBe(true);
      expect(
        lines
          .slice(1)
          .map((line) => line.split(',')[0])
          .sort(),
      ).toEqual([...claimIds].sort());
      expect((await call('GET', '/claims/export', { token: await token('buyer', 'B-1') })).status).toBe(403);
    },
  );
});

describe('the seller’s standing', () => {
  it(
    'in orders: every completed seller-fault claim; apart, the orders cancelled while DELAYED and those refunded ' +
      'after shipping for a delay; a buyer’s change of mind does not count',
    async () => {
      const sellerId = uniqueNo('S');
      const seller = await token('seller', sellerId);
      const delayed = await registered({ sellerId, status: 'DELAYED' });
      const sellerCancelled = await registered({ sellerId });
      const changedMind = await registered({ sellerId });
      const shipped = await registered({ sellerId, status: 'IN_TRANSIT' });

      const byBuyer = await call('POST', `/orders/${delayed.orderNo}/cancel-requests`, {
        token: await token('buyer', delayed.buyer.id),
        body: {},
      });
      const bySeller = await call('POST', `/orders/${sellerCancelled.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      const mind = await call('POST', `/orders/${changedMind.orderNo}/cancel-requests`, {
        token: await token('buyer', changedMind.buyer.id),
        body: {},
      });
      const refund = await call('POST', `/orders/${shipped.orderNo}/refunds`, {
        token: seller,
        body: aCancellation({ reason: 'SHIPPING_DELAY' }),
      });
      for (const answer of [byBuyer, bySeller, mind, refund])
        expect((await claimWhenSettled(answer.body.claimId, seller)).body.status).toBe('COMPLETED');

      const standing = { sellerFaultOrders: 3, cancelledWhileDelayed: 1, refundedForDelay: 1 };
      expect((await call('GET', '/claims/summary', { token: seller })).body.standing).toEqual(standing);
      const operatorView = await call('GET', `/claims/summary?sellerId=${sellerId}`, {
        token: await token('operator', 'OP-1'),
      });
      expect(operatorView.body.standing).toEqual(standing);
    },
  );
});
