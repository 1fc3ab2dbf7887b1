// Who may do what: roles, ownership, and tokens, over HTTP.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../local/tokens.js';
import { aCancellation, call, registered, token } from '../support/http.js';

async function forged(role: string, id: string) {
  return new SignJWT({ 'custom:role': role, 'custom:party_id': id })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('a key the gateway does not know'));
}

describe('tokens', () => {
  it('no token is 401, as problem+json', async () => {
    const order = await registered();
    const answer = await call('GET', `/orders/${order.orderNo}`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 401, title: expect.any(String), detail: expect.any(String) });
  });

  it('a forged token is 401', async () => {
    const order = await registered();
    expect((await call('GET', `/orders/${order.orderNo}`, { token: await forged('operator', 'OP-1') })).status).toBe(
      401,
    );
  });

  it('a token that is not a JWT is 401', async () => {
    expect((await call('GET', '/orders/X-1', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('an expired token is 401, though signed with the right key', async () => {
    const expired = await signLocalToken({
      'custom:role': 'seller',
      'custom:party_id': 'S-1',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    expect((await call('GET', '/orders/X-1', { token: expired })).status).toBe(401);
  });
});

describe('ownership and roles', () => {
  it(
    'another seller cannot read or cancel the order: 404, as for an order that does not exist; nothing ' + 'changes',
    async () => {
      const order = await registered();
      const other = await token('seller', 'S-2');
      const read = await call('GET', `/orders/${order.orderNo}`, { token: other });
      const unknown = await call('GET', '/orders/NO-SUCH-ORDER', { token: other });
      expect(read.status).toBe(404);
      expect({ ...read.body, detail: read.body.detail.replace(order.orderNo, 'X') }).toEqual({
        ...unknown.body,
        detail: unknown.body.detail.replace('NO-SUCH-ORDER', 'X'),
      });
      const cancel = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: other,
        body: aCancellation(),
      });
      expect(cancel.status).toBe(404);
      expect(
        (await call('GET', `/orders/${order.orderNo}`, { token: await token('operator', 'OP-1') })).body,
      ).toMatchObject({ status: 'NEW', claims: [] });
    },
  );

  it('a buyer reads their own order, not another buyer’s', async () => {
    const order = await registered({ buyer: { id: 'B-77', email: 'b77@example.jp', country: 'JP' } });
    expect((await call('GET', `/orders/${order.orderNo}`, { token: await token('buyer', 'B-77') })).status).toBe(200);
    expect((await call('GET', `/orders/${order.orderNo}`, { token: await token('buyer', 'B-78') })).status).toBe(404);
  });

  it('a buyer cannot use the seller’s routes (403)', async () => {
    const order = await registered({ buyer: { id: 'B-77', email: 'b77@example.jp', country: 'JP' } });
    const buyer = await token('buyer', 'B-77');
    expect(
      (await call('POST', `/orders/${order.orderNo}/cancellations`, { token: buyer, body: aCancellation() })).status,
    ).toBe(403);
    expect((await call('POST', `/orders/${order.orderNo}/shipment`, { token: buyer })).status).toBe(403);
  });

  it('only an operator registers orders', async () => {
    const answer = await call('POST', '/orders', { token: await token('seller', 'S-1'), body: {} });
    expect(answer.status).toBe(403);
  });

  it('an unknown order is 404 for someone allowed to ask', async () => {
    expect((await call('GET', '/orders/NO-SUCH-ORDER', { token: await token('operator', 'OP-1') })).status).toBe(404);
    expect(
      (
        await call('POST', '/orders/NO-SUCH-ORDER/cancellations', {
          token: await token('seller', 'S-1'),
          body: aCancellation(),
        })
      ).status,
    ).toBe(404);
    expect((await call('GET', '/claims/C-NOSUCH', { token: await token('seller', 'S-1') })).status).toBe(404);
  });

  it('a claim is seen by its seller, its buyer and operators only', async () => {
    const order = await registered({ buyer: { id: 'B-88', email: 'b88@example.jp', country: 'JP' } });
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: await token('seller', 'S-1'),
      body: aCancellation(),
    });
    const path = `/claims/${accepted.body.claimId}`;
    expect((await call('GET', path, { token: await token('buyer', 'B-88') })).status).toBe(200);
    expect((await call('GET', path, { token: await token('operator', 'OP-1') })).status).toBe(200);
    // Anyone else finds no such claim.
    expect((await call('GET', path, { token: await token('seller', 'S-2') })).status).toBe(404);
    expect((await call('GET', path, { token: await token('buyer', 'B-89') })).status).toBe(404);
  });

  it('an unknown route is 404 and a wrong method 405, both problem+json', async () => {
    const seller = await token('seller', 'S-1');
    const unknown = await call('GET', '/nowhere', { token: seller });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect((await call('DELETE', '/orders/X-1', { token: seller })).status).toBe(405);
  });
});
