// Flow 3 over HTTP: buyers cancel or ask to cancel, sellers approve, buyers withdraw, time runs out.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { finishedExecution } from '../support/executions.js';
import {
  aSeller,
  call,
  claimWhenSettled,
  emailsTo,
  eventually,
  OPERATOR_EMAIL,
  registered,
  token,
} from '../support/http.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

const future = '2099-01-01';

async function anOrderOf(
  status: 'PROCESSING' | 'NEW' | 'PREPARING' | 'DELAYED' | 'IN_TRANSIT',
  expectedShipDate?: string,
) {
  // A seller of its own per test: its profile's address gets this test's notices only.
  const { sellerId, sellerEmail: shop } = await aSeller();
  const order = await registered({
    status,
    sellerId,
    ...(expectedShipDate ? { expectedShipDate } : status === 'PREPARING' ? { expectedShipDate: future } : {}),
  });
  return { order, shop, buyer: await token('buyer', order.buyer.id), seller: await token('seller', order.sellerId) };
}

const ask = (
  orderNo: string,
  buyer: string,
  body: Record<string, unknown> = { reason: 'BUYER_CHANGED_MIND', message: 'もっと安い商品を見つけたため' },
) => call('POST', `/orders/${orderNo}/cancel-requests`, { token: buyer, body });

async function waitingRequest() {
  const setup = await anOrderOf('PREPARING');
  const asked = await ask(setup.order.orderNo, setup.buyer);
  expect(asked.body.outcome).toBe('AWAITING_SELLER');
  // The approval workflow has stored its task token once the seller has been told.
  await eventually(
    () => emailsTo(setup.shop),
    (found) => found.length === 1,
  );
  await eventually(
    () =>
      db.send(
        new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${asked.body.claimId}`, sk: 'WAIT' } }),
      ),
    (read) => typeof read.Item?.token === 'string',
  );
  return { ...setup, claimId: asked.body.claimId as string };
}

describe('flow 3: each row of the table', () => {
  it.each([
    ['NEW', undefined, 'BUYER', 'BUYER_CHANGED_MIND'],
    ['DELAYED', undefined, 'SELLER', 'SHIPPING_DELAY'],
    ['PREPARING', '2020-01-01', 'SELLER', 'SHIPPING_DELAY'], // the ship date has passed: DELAYED
  ] as const)(
    '%s (ship date %s): cancelled and refunded at once, %s fault, the seller not e-mailed',
    async (status, shipDate, fault, reason) => {
      const { order, shop, buyer } = await anOrderOf(status, shipDate);
      const asked = await ask(order.orderNo, buyer);
      expect(asked.status).toBe(202);
      expect(asked.body).toMatchObject({
        claimId: expect.stringMatching(/^C-/),
        outcome: 'CANCELLED_IMMEDIATELY',
        fault,
        reason,
      });
      const claim = await claimWhenSettled(asked.body.claimId, buyer);
      expect(claim.body).toMatchObject({
        status: 'COMPLETED',
        type: 'BUYER_CANCEL',
        fault,
        reason,
        buyerMessage: 'もっと安い商品を見つけたため',
      });
      const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
      expect(read.body.status).toBe('CANCELLED');
      expect(read.body.refunds).toEqual([
        expect.objectContaining({ status: 'COMPLETED', amount: { amount: 3200, currency: 'JPY' } }),
      ]);
      expect(await emailsTo(shop)).toEqual([]);
      expect((await emailsTo(order.buyer.email)).map((m) => m.subject)).toEqual(
        expect.arrayContaining([`【Qoo10】ご注文 ${order.orderNo} のキャンセルが完了しました`]),
      );
    },
  );

  it(
    'PROCESSING (not paid yet): cancelled at once on the buyer’s account, nothing refunded, the buyer told nothing ' +
      'was taken',
    async () => {
      const { order, shop, buyer } = await anOrderOf('PROCESSING');
      const asked = await ask(order.orderNo, buyer);
      expect(asked.body).toMatchObject({
        outcome: 'CANCELLED_IMMEDIATELY',
        fault: 'BUYER',
        reason: 'BUYER_CHANGED_MIND',
      });
      const claim = await claimWhenSettled(asked.body.claimId, buyer);
      expect(claim.body).toMatchObject({ status: 'COMPLETED', refunds: [] });
      const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
      expect(read.body).toMatchObject({
        status: 'CANCELLED',
        refunds: [],
        cancelledUnpaid: { claimId: asked.body.claimId },
      });
      expect(await emailsTo(shop)).toEqual([]);
      const done = (await emailsTo(order.buyer.email)).find((m) => m.subject.includes('キャンセルが完了しました'));
      expect(done?.body.text).toContain('お支払い前にキャンセルされました');
    },
  );

  it('PREPARING: the order becomes CANCEL_REQUESTED, waits for the seller, and the seller is e-mailed', async () => {
    const { order, shop, buyer, seller } = await anOrderOf('PREPARING');
    const asked = await ask(order.orderNo, buyer);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ outcome: 'AWAITING_SELLER', status: 'AWAITING_APPROVAL' });
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
      status: 'CANCEL_REQUESTED',
      allowedActions: ['APPROVE_CANCEL_REQUEST'],
    });
    expect((await call('GET', `/orders/${order.orderNo}`, { token: buyer })).body).toMatchObject({
      status: 'CANCEL_REQUESTED',
      allowedActions: ['WITHDRAW_CANCEL_REQUEST'],
    });
    const mails = await eventually(
      () => emailsTo(shop),
      (found) => found.length === 1,
    );
    expect(mails[0]!.subject).toContain(`注文 ${order.orderNo}`);
    expect(mails[0]!.body.text).toContain('もっと安い商品を見つけたため');
  });

  it(
    'the seller’s claim view shows what the guide lists: the order, product, country, total, payment, buyer, ' +
      'recipient, dates, reason and message',
    async () => {
      const order = await registered({
        status: 'PREPARING',
        expectedShipDate: future,
        item: { code: 'TEA-01', name: '抹茶セット', options: '缶入り', quantity: 2 },
        recipient: {
          name: '山田 花子',
          phone: '090-1234-5678',
          postalCode: '150-0001',
          address: '東京都渋谷区神宮前1-1-1',
        },
      });
      const asked = await ask(order.orderNo, await token('buyer', order.buyer.id));
      const view = await call('GET', `/claims/${asked.body.claimId}`, { token: await token('seller', 'S-1') });
      expect(view.body).toMatchObject({
        reason: 'BUYER_CHANGED_MIND',
        buyerMessage: 'もっと安い商品を見つけたため',
        requestedAt: expect.any(String),
        delayed: false,
      });
      expect(view.body.orders).toEqual([
        expect.objectContaining({
          orderNo: order.orderNo,
          cartNo: order.cartNo,
          orderedAt: expect.any(String),
          item: { code: 'TEA-01', name: '抹茶セット', options: '缶入り', quantity: 2 },
          country: 'JP',
          total: { amount: 3200, currency: 'JPY' },
          payment: { method: 'CARD' },
          buyer: { id: order.buyer.id, email: order.buyer.email },
          recipient: {
            name: '山田 花子',
            phone: '090-1234-5678',
            postalCode: '150-0001',
            address: '東京都渋谷区神宮前1-1-1',
          },
          expectedShipDate: future,
          status: 'CANCEL_REQUESTED',
        }),
      ]);
    },
  );

  it.each(['IN_TRANSIT'] as const)('%s: 409, it is the returns process now', async (status) => {
    const { order, buyer } = await anOrderOf(status);
    const refused = await ask(order.orderNo, buyer);
    expect(refused.status).toBe(409);
    expect(refused.body.currentStatus).toBe(status);
  });

  it('a buyer asks only for their own order, with a buyer’s reason', async () => {
    const { order } = await anOrderOf('NEW');
    // Another buyer's order is answered as one that does not exist; a seller is in the wrong role.
    expect((await ask(order.orderNo, await token('buyer', 'B-SOMEONE-ELSE'))).status).toBe(404);
    expect((await ask(order.orderNo, await token('seller', 'S-1'))).status).toBe(403);
    expect((await ask(order.orderNo, await token('buyer', order.buyer.id), { reason: 'OUT_OF_STOCK' })).status).toBe(
      400,
    );
  });
});

describe('the seller decides, or the buyer withdraws', () => {
  it('approval: the order is cancelled and refunded through the same steps as a seller cancellation', async () => {
    const { order, seller, claimId } = await waitingRequest();
    const approved = await call('POST', `/claims/${claimId}/approval`, { token: seller });
    expect(approved.status).toBe(202);
    const claim = await claimWhenSettled(claimId, seller);
    expect(claim.body.status).toBe('COMPLETED');
    expect(claim.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'CANCEL_REQUESTED',
        'CANCEL_REQUEST_APPROVED',
        'CANCELLED',
        'REFUND_COMPLETED',
        'CLAIM_COMPLETED',
      ]),
    );
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body).toMatchObject({ status: 'CANCELLED' });
    expect(read.body.refunds).toHaveLength(1);
    expect((await call('POST', `/claims/${claimId}/approval`, { token: seller })).status).toBe(409);
  });

  it(
    'approving a request on a coupon order only the operator may cancel: 422 with the claim handed over, the ' +
      'approval workflow ends, the operator completes it',
    async () => {
      const { sellerId } = await aSeller();
      const order = await registered({
        sellerId,
        status: 'PREPARING',
        expectedShipDate: future,
        coupon: { code: 'WELCOME10', sellerCancellable: false },
      });
      const seller = await token('seller', sellerId);
      const asked = await ask(order.orderNo, await token('buyer', order.buyer.id));
      expect(asked.body.outcome).toBe('AWAITING_SELLER');
      const claimId = asked.body.claimId as string;
      await eventually(
        () => db.send(new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } })),
        (read) => typeof read.Item?.token === 'string',
      );

      const approved = await call('POST', `/claims/${claimId}/approval`, { token: seller });

      expect(approved.status).toBe(422);
      expect(approved.body).toMatchObject({ rule: 'SELLER_CANNOT_CANCEL', claimId });
      expect((await call('GET', `/claims/${claimId}`, { token: seller })).body).toMatchObject({
        status: 'NEEDS_OPERATOR',
      });
      const { described } = await finishedExecution('approve-cancel-request', claimId);
      expect(described.status).toBe('SUCCEEDED');
      expect(
        await eventually(
          () => emailsTo(OPERATOR_EMAIL),
          (mails) => mails.some((m) => m.subject.includes(claimId)),
        ),
      ).not.toEqual([]);
      const resolved = await call('POST', `/claims/${claimId}/resolution`, {
        token: await token('operator', 'OP-1'),
        body: { action: 'COMPLETE', reason: 'Coupon returned.' },
      });
      expect(resolved.status).toBe(202);
      expect((await claimWhenSettled(claimId, seller)).body).toMatchObject({ status: 'COMPLETED' });
      expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toMatchObject({
        status: 'CANCELLED',
        refunds: [expect.objectContaining({ status: 'COMPLETED' })],
      });
    },
  );

  it('the approval carries the seller’s memo, which the buyer reads in the completion e-mail', async () => {
    const { order, seller, claimId } = await waitingRequest();
    const approved = await call('POST', `/claims/${claimId}/approval`, {
      token: seller,
      body: { sellerMemo: 'ご迷惑をおかけしました。またのご利用をお待ちしております。' },
    });
    expect(approved.status).toBe(202);
    expect((await claimWhenSettled(claimId, seller)).body).toMatchObject({
      status: 'COMPLETED',
      sellerMemo: 'ご迷惑をおかけしました。またのご利用をお待ちしております。',
    });
    const mails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.some((mail) => mail.subject.includes('キャンセルが完了しました')),
    );
    expect(mails.find((mail) => mail.subject.includes('キャンセルが完了しました'))!.body.text).toContain(
      'ご迷惑をおかけしました。',
    );
  });

  it('withdrawal, then shipment: the order is back to PREPARING and ships; buyer and seller are told', async () => {
    const { order, shop, buyer, seller, claimId } = await waitingRequest();
    const withdrawn = await call('POST', `/claims/${claimId}/withdrawal`, { token: buyer, body: {} });
    expect(withdrawn.status).toBe(202);
    expect((await call('GET', `/claims/${claimId}`, { token: buyer })).body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { by: { role: 'buyer' } },
    });
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.status).toBe('PREPARING');
    const shipped = await call('POST', `/orders/${order.orderNo}/shipment`, { token: seller });
    expect(shipped).toMatchObject({ status: 200, body: { status: 'IN_TRANSIT' } });
    expect(
      await eventually(
        () => emailsTo(shop),
        (found) => found.length === 2,
      ),
    ).toHaveLength(2);
    const buyerMails = await eventually(
      () => emailsTo(order.buyer.email),
      (found) => found.length === 1,
    );
    expect(buyerMails[0]!.subject).toContain('キャンセル申請を取り下げました');
    expect((await call('POST', `/claims/${claimId}/approval`, { token: seller })).status).toBe(409);
  });

  it('the seller cannot refuse: only the buyer or an operator withdraws; an operator gives the reason', async () => {
    const { seller, claimId } = await waitingRequest();
    expect((await call('POST', `/claims/${claimId}/withdrawal`, { token: seller, body: {} })).status).toBe(403);
    expect(
      (await call('POST', `/claims/${claimId}/withdrawal`, { token: await token('buyer', 'B-NOT-MINE'), body: {} }))
        .status,
    ).toBe(404);
    const operator = await token('operator', 'OP-1');
    expect((await call('POST', `/claims/${claimId}/withdrawal`, { token: operator, body: {} })).status).toBe(400);
    const withdrawn = await call('POST', `/claims/${claimId}/withdrawal`, {
      token: operator,
      body: { reason: 'The buyer called: they want the order after all.' },
    });
    expect(withdrawn.status).toBe(202);
    expect((await call('GET', `/claims/${claimId}`, { token: operator })).body.withdrawal).toMatchObject({
      by: { role: 'operator', id: 'OP-1' },
      reason: expect.stringContaining('buyer called'),
    });
  });

  it('an operator files a request for a buyer who cannot, saying why', async () => {
    const { order } = await anOrderOf('PREPARING');
    const operator = await token('operator', 'OP-1');
    expect((await ask(order.orderNo, operator)).status).toBe(400);
    const filed = await ask(order.orderNo, operator, {
      reason: 'BUYER_CHANGED_MIND',
      onBehalfReason: 'The buyer cannot reach My Qoo10.',
    });
    expect(filed.status).toBe(202);
    expect(filed.body.outcome).toBe('AWAITING_SELLER');
    expect((await call('GET', `/claims/${filed.body.claimId}`, { token: operator })).body.requestedBy).toEqual({
      role: 'operator',
      id: 'OP-1',
    });
  });
});

describe('races', () => {
  it('approval racing withdrawal: exactly one outcome, at most one refund', async () => {
    const { order, buyer, seller, claimId } = await waitingRequest();
    const [approved, withdrawn] = await Promise.all([
      call('POST', `/claims/${claimId}/approval`, { token: seller }),
      call('POST', `/claims/${claimId}/withdrawal`, { token: buyer, body: {} }),
    ]);
    expect([approved.status, withdrawn.status].sort()).toEqual([202, 409]);
    const final = await eventually(
      () => call('GET', `/claims/${claimId}`, { token: seller }),
      (a) => ['COMPLETED', 'WITHDRAWN'].includes(a.body.status),
    );
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    if (approved.status === 202) {
      expect(final.body.status).toBe('COMPLETED');
      expect(read.body.status).toBe('CANCELLED');
      expect(read.body.refunds).toHaveLength(1);
    } else {
      expect(final.body.status).toBe('WITHDRAWN');
      expect(read.body.status).toBe('PREPARING');
      expect(read.body.refunds).toHaveLength(0);
    }
  });

  it('shipment racing a request: one wins; a CANCEL_REQUESTED order never ships', async () => {
    const { order, buyer, seller } = await anOrderOf('PREPARING');
    const [asked, shipped] = await Promise.all([
      ask(order.orderNo, buyer),
      call('POST', `/orders/${order.orderNo}/shipment`, { token: seller }),
    ]);
    expect([
      [202, 409],
      [409, 200],
    ]).toContainEqual([asked.status, shipped.status]);
    const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
    expect(read.body.status).toBe(asked.status === 202 ? 'CANCEL_REQUESTED' : 'IN_TRANSIT');
    if (asked.status === 202)
      expect((await call('POST', `/orders/${order.orderNo}/shipment`, { token: seller })).status).toBe(409);
  });
});

describe('a request nobody decides', () => {
  it(
    'after the reminder time it is delayed, the seller reminded and the operator told; then it goes to the ' +
      'operator',
    async () => {
      const { shop, seller, claimId } = await waitingRequest();
      const delayed = await eventually(
        () => call('GET', '/claims?delayed=true', { token: seller }),
        (a) => a.body.claims.some((c: { claimId: string }) => c.claimId === claimId),
        10_000,
      );
      expect(delayed.body.claims.find((c: { claimId: string }) => c.claimId === claimId)).toMatchObject({
        status: 'AWAITING_APPROVAL',
        delayed: true,
      });
      const reminders = await eventually(
        () => emailsTo(shop),
        (found) => found.length === 2,
        10_000,
      );
      expect(reminders[1]!.subject).toContain('リマインド');
      const handedOver = await eventually(
        () => call('GET', `/claims/${claimId}`, { token: seller }),
        (a) => a.body.status === 'NEEDS_OPERATOR',
        15_000,
      );
      expect(handedOver.body).toMatchObject({ failure: { error: 'ApprovalTimedOut' }, delayed: true });
      // Delayed, then handed over: the alert follows the hand-over's commit.
      const alerts = await eventually(
        () => emailsTo(OPERATOR_EMAIL),
        (found) => found.filter((m) => m.subject.includes(claimId)).length >= 2,
      );
      expect(alerts.filter((m) => m.subject.includes(claimId)).length).toBe(2);

      // A late approval does not complete it twice: the token is closed, the claim answers 409.
      expect((await call('POST', `/claims/${claimId}/approval`, { token: seller })).status).toBe(409);
      const operator = await token('operator', 'OP-1');
      await call('POST', `/claims/${claimId}/resolution`, {
        token: operator,
        body: { action: 'COMPLETE', reason: 'The seller confirmed by phone.' },
      });
      const done = await eventually(
        () => call('GET', `/claims/${claimId}`, { token: seller }),
        (a) => a.body.status === 'COMPLETED',
        15_000,
      );
      expect(done.body.refunds).toHaveLength(1);
    },
  );
});

describe('claim lists and counts', () => {
  it('a seller lists and counts its own claims; an operator all', async () => {
    const sellerId = `S-LIST-${Date.now()}`;
    const seller = await token('seller', sellerId);
    const preparing = await registered({ sellerId, status: 'PREPARING', expectedShipDate: future });
    const fresh = await registered({ sellerId });
    const asked = await ask(preparing.orderNo, await token('buyer', preparing.buyer.id));
    const cancelled = await ask(fresh.orderNo, await token('buyer', fresh.buyer.id));
    await claimWhenSettled(cancelled.body.claimId, seller);

    const all = await call('GET', '/claims', { token: seller });
    expect(all.body.claims.map((c: { claimId: string }) => c.claimId).sort()).toEqual(
      [asked.body.claimId, cancelled.body.claimId].sort(),
    );
    const waiting = await call('GET', '/claims?status=AWAITING_APPROVAL', { token: seller });
    expect(waiting.body.claims.map((c: { claimId: string }) => c.claimId)).toEqual([asked.body.claimId]);
    const summary = await call('GET', '/claims/summary', { token: seller });
    expect(summary.body).toMatchObject({ sellerId, requested: 1, inProgress: 0, completed: 1 });
    const operatorView = await call('GET', `/claims/summary?sellerId=${sellerId}`, {
      token: await token('operator', 'OP-1'),
    });
    expect(operatorView.body).toMatchObject({ requested: 1, completed: 1 });
    expect(
      (await call('GET', '/claims', { token: await token('operator', 'OP-1') })).body.claims.length,
    ).toBeGreaterThanOrEqual(2);
    expect((await call('GET', '/claims', { token: await token('buyer', 'B-1') })).status).toBe(403);
    expect((await call('GET', '/claims?delayed=maybe', { token: seller })).status).toBe(400);
  });
});

describe('the task token stays in the backend', () => {
  it('no response, e-mail or log line ever carries it', async () => {
    const { order, buyer, seller, shop, claimId } = await waitingRequest();
    const stored = await db.send(
      new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'WAIT' } }),
    );
    const taskToken = stored.Item!.token as string;
    expect(taskToken.length).toBeGreaterThan(40);

    const seen: string[] = [];
    for (const [path, who] of [
      [`/claims/${claimId}`, seller],
      [`/claims/${claimId}`, buyer],
      [`/orders/${order.orderNo}`, seller],
      ['/claims', seller],
      ['/claims/summary', seller],
    ] as const) {
      seen.push(JSON.stringify((await call('GET', path, { token: who })).body));
    }
    const approved = await call('POST', `/claims/${claimId}/approval`, { token: seller });
    seen.push(JSON.stringify(approved.body));
    await claimWhenSettled(claimId, seller);
    seen.push(JSON.stringify((await call('GET', `/claims/${claimId}`, { token: seller })).body));
    for (const address of [shop, order.buyer.email, OPERATOR_EMAIL]) seen.push(JSON.stringify(await emailsTo(address)));
    const logs = readFileSync(inject('logFile'), 'utf8');
    expect(logs.length).toBeGreaterThan(0); // the functions do log; none of it is the token
    seen.push(logs);

    for (const text of seen) expect(text).not.toContain(taskToken);
    expect(seen.join('\n')).not.toMatch(/approvalTaskToken|taskToken/);
  });
});
