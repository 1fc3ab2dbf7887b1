// The defects an adversarial run found (issue: hardening), each pinned by the test that would have
// caught it. The suite that finds the next ones is test/adversarial/.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { signLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../local/tokens.js';
import {
  aCancellation,
  call,
  claimWhenSettled,
  eventually,
  paymentOperations,
  paymentsFail,
  registered,
  sesFails,
  token,
  uniqueNo,
} from '../support/http.js';

describe('a cart belongs to one buyer', () => {
  it(
    'an order of another buyer in the same cart is refused at intake (422), and the cart stays the first ' + 'buyer’s',
    async () => {
      const cartNo = uniqueNo('CART');
      await registered({ cartNo, buyer: { id: 'B-ONE', email: 'one@example.jp', country: 'JP' } });
      const other = await call('POST', '/orders', {
        token: await token('operator', 'OP-1'),
        body: {
          orderNo: uniqueNo(),
          cartNo,
          sellerId: 'S-1',
          buyer: { id: 'B-TWO', email: 'two@example.jp', country: 'JP' },
          item: { code: 'X', name: 'X', quantity: 1 },
          total: { amount: 100, currency: 'JPY' },
          payment: { method: 'CARD' },
        },
      });
      expect(other.status).toBe(422);
      expect(other.body.rule).toBe('CART_OF_ANOTHER_BUYER');
      const same = await registered({ cartNo, buyer: { id: 'B-ONE', email: 'one@example.jp', country: 'JP' } });
      expect(same.cartNo).toBe(cartNo);
    },
  );
});

describe('what a buyer reads', () => {
  it('no raw SES error and no system detail in the buyer’s timeline, messages or refunds', async () => {
    const order = await registered({ payment: { method: 'CONVENIENCE_STORE' } });
    await sesFails(order.buyer.email, 1, 'MessageRejected');
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    await claimWhenSettled(accepted.body.claimId, seller);
    const buyer = await token('buyer', order.buyer.id);
    for (const path of [`/orders/${order.orderNo}`, `/claims/${accepted.body.claimId}`]) {
      const read = await eventually(
        () => call('GET', path, { token: buyer }),
        (a) => a.body.messages?.every((m: { email: string }) => m.email !== 'PENDING'),
      );
      const text = JSON.stringify(read.body);
      expect(text, path).not.toMatch(/MessageRejected|Injected|SES /);
      expect(
        read.body.timeline.every((e: { detail?: string }) => e.detail === undefined),
        path,
      ).toBe(true);
      expect(read.body.refunds[0], path).not.toHaveProperty('fee');
    }
    // The seller still sees why the e-mail failed.
    expect(JSON.stringify((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body)).toContain(
      'MessageRejected',
    );
  });
});

describe('bodies', () => {
  it('JSON sent as text/plain, a form or XML is 415, and nothing changes', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    for (const [type, body] of [
      ['text/plain', JSON.stringify(aCancellation())],
      ['application/x-www-form-urlencoded', 'reason=OUT_OF_STOCK'],
      ['application/xml', '<cancel/>'],
    ]) {
      const answer = await fetch(`${inject('apiUrl')}/orders/${order.orderNo}/cancellations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${seller}`, 'content-type': type! },
        body,
      });
      expect(answer.status, type).toBe(415);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.claims).toEqual([]);
  });

  it('a body where none is expected is 400, and the request does nothing', async () => {
    const order = await registered({ status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
      token: await token('buyer', order.buyer.id),
      body: {},
    });
    const seller = await token('seller', 'S-1');
    const answer = await call('POST', `/claims/${asked.body.claimId}/approval`, {
      token: seller,
      rawBody: '{not json',
    });
    expect(answer.status).toBe(400);
    expect((await call('GET', `/claims/${asked.body.claimId}`, { token: seller })).body.status).toBe(
      'AWAITING_APPROVAL',
    );
    // An empty object, which clients send out of habit, is no body.
    expect((await call('POST', `/claims/${asked.body.claimId}/approval`, { token: seller, body: {} })).status).toBe(
      202,
    );
  });

  it(
    'a title with CR, LF or NUL is 400; a body’s line breaks are normalized and its control characters ' + 'dropped',
    async () => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      for (const title of ['Sorry\r\nBcc: x@example.com', 'a\u0000b', 'evil\u202Etxt']) {
        const answer = await call('POST', `/orders/${order.orderNo}/messages`, {
          token: seller,
          body: { category: 'OTHER', title, body: 'Hello', alsoEmail: false },
        });
        expect(answer.status, JSON.stringify(title)).toBe(400);
      }
      const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
        token: seller,
        body: { category: 'OTHER', title: 'Hello', body: 'line one\r\nline two\u0000\u0007', alsoEmail: false },
      });
      expect(sent.status).toBe(200);
      const read = await call('GET', `/orders/${order.orderNo}`, { token: seller });
      expect(read.body.messages.find((m: { messageId: string }) => m.messageId === sent.body.messageId).body).toBe(
        'line one\nline two',
      );
    },
  );
});

describe('tokens', () => {
  it('a token signed with the right key but without an expiry is 401; so is an expired one', async () => {
    const claims = {
      'custom:role': 'operator',
      'custom:party_id': 'OP-1',
      token_use: 'access',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    };
    const forever = await signLocalToken(claims);
    expect((await call('GET', '/orders?limit=1', { token: forever })).status).toBe(401);
    const expired = await signLocalToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await call('GET', '/orders?limit=1', { token: expired })).status).toBe(401);
    // The same claims with a future expiry pass: the refusals above are for the expiry, nothing else.
    const valid = await signLocalToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 });
    expect((await call('GET', '/orders?limit=1', { token: valid })).status).toBe(200);
  });
});

describe('a 409 tells this caller what it may do', () => {
  it('after a hand-over to the operator, the request’s actions are not offered to anybody', async () => {
    const order = await registered({ status: 'PREPARING', expectedShipDate: '2099-01-01' });
    const buyer = await token('buyer', order.buyer.id);
    const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, { token: buyer, body: {} });
    const seller = await token('seller', 'S-1');
    // The approval timing here hands it over after 6 s.
    await eventually(
      () => call('GET', `/claims/${asked.body.claimId}`, { token: seller }),
      (a) => a.body.status === 'NEEDS_OPERATOR',
      20_000,
    );
    const approval = await call('POST', `/claims/${asked.body.claimId}/approval`, { token: seller });
    expect(approval.status).toBe(409);
    expect(approval.body.allowedActions).toEqual([]);
    const withdrawal = await call('POST', `/claims/${asked.body.claimId}/withdrawal`, { token: buyer, body: {} });
    expect(withdrawal.status).toBe(409);
    expect(withdrawal.body.allowedActions).toEqual([]);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.allowedActions).toEqual([]);
  });

  it('a buyer is never offered a seller’s action', async () => {
    const order = await registered({ status: 'IN_TRANSIT' });
    const buyer = await token('buyer', order.buyer.id);
    const refused = await call('POST', `/orders/${order.orderNo}/cancel-requests`, { token: buyer, body: {} });
    expect(refused.status).toBe(409);
    // Only the buyer's own: a shipped order may be reported as not received.
    expect(refused.body.allowedActions).toEqual(['REPORT_NON_RECEIPT']);
  });
});

describe('answers that say what they mean', () => {
  it('an order registered with a passed ship date is answered DELAYED, as every read shows it', async () => {
    const answer = await call('POST', '/orders', {
      token: await token('operator', 'OP-1'),
      body: {
        orderNo: uniqueNo(),
        cartNo: uniqueNo('CART'),
        sellerId: 'S-1',
        buyer: { id: 'B-1', email: 'b1@example.jp', country: 'JP' },
        item: { code: 'X', name: 'X', quantity: 1 },
        total: { amount: 100, currency: 'JPY' },
        payment: { method: 'CARD' },
        expectedShipDate: '2020-01-01',
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'DELAYED', storedStatus: 'PREPARING' });
  });
});

describe('an operator always has a way out', () => {
  it(
    'a card refund the provider answers outside the protocol is recorded settled outside, under its reference, and ' +
      'the claim completes',
    async () => {
      const order = await registered({ payment: { method: 'CARD' } });
      await paymentsFail(order.orderNo, 'garbled');
      const seller = await token('seller', 'S-1');
      const operator = await token('operator', 'OP-1');
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      const claimId = accepted.body.claimId as string;
      const path = `/claims/${claimId}/resolution`;
      const wedged = await claimWhenSettled(claimId, seller);
      expect(wedged.body).toMatchObject({ status: 'NEEDS_OPERATOR', failure: { error: 'PaymentUnavailable' } });
      // What was the only way out before: COMPLETE asks again under the same key, and lands here again;
      const completed = await call('POST', path, {
        token: operator,
        body: { action: 'COMPLETE', reason: 'Try again.' },
      });
      expect(completed.status).toBe(202);
      await eventually(
        () => call('GET', `/claims/${claimId}`, { token: operator }),
        (a) => a.body.status === 'NEEDS_OPERATOR' && a.body.resolutions?.length === 1,
        20_000,
      );
      // and CLOSE is refused, since the refund is owed.
      expect(
        (await call('POST', path, { token: operator, body: { action: 'CLOSE', reason: 'Give up.' } })).status,
      ).toBe(409);

      // The operator finds the cancellation in the provider's console: its reference.
      const key = `refund:${claimId}.${order.orderNo}:a1`;
      const [atProvider] = await paymentOperations(key);
      expect(
        (
          await call('POST', path, {
            token: operator,
            body: { action: 'SETTLED_OUTSIDE', reason: 'Confirmed in the console.' },
          })
        ).status,
      ).toBe(400);
      expect(
        (await call('POST', path, { token: operator, body: { action: 'COMPLETE', reason: 'x', reference: 'AC-1' } }))
          .status,
      ).toBe(400);
      const settled = await call('POST', path, {
        token: operator,
        body: { action: 'SETTLED_OUTSIDE', reason: 'Confirmed in the console.', reference: atProvider!.reference },
      });
      expect(settled.status).toBe(202);
      const done = await eventually(
        () => call('GET', `/claims/${claimId}`, { token: operator }),
        (a) => a.body.status === 'COMPLETED',
        20_000,
      );
      expect(done.body.refunds).toEqual([
        expect.objectContaining({
          status: 'COMPLETED',
          attempts: 1,
          providerReference: atProvider!.reference,
          settledOutside: {
            reference: atProvider!.reference,
            by: { role: 'operator', id: 'OP-1' },
            at: expect.any(String),
          },
        }),
      ]);
      expect(done.body.timeline.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['OPERATOR_SETTLED_OUTSIDE', 'REFUND_COMPLETED', 'CLAIM_COMPLETED']),
      );
      // Exactly once: one operation at the provider, under the first key; no second attempt was made.
      expect(await paymentOperations(key)).toHaveLength(1);
      expect(await paymentOperations(`refund:${claimId}.${order.orderNo}:a2`)).toEqual([]);
      // The buyer reads the reference, not who recorded it.
      const buyerView = await call('GET', `/claims/${claimId}`, { token: await token('buyer', order.buyer.id) });
      expect(buyerView.body.refunds[0].settledOutside).toEqual({
        reference: atProvider!.reference,
        at: expect.any(String),
      });
      // Nothing left to settle: a second SETTLED_OUTSIDE finds the claim completed.
      expect(
        (
          await call('POST', path, {
            token: operator,
            body: { action: 'SETTLED_OUTSIDE', reason: 'Again.', reference: 'AC-X' },
          })
        ).status,
      ).toBe(409);
    },
  );
});
