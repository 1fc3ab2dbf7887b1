// The authorization matrix, generated from the route table: every route × every kind of caller
// (the owner seller and buyer, another seller and buyer, an operator, no token, and five forged
// tokens). What each cell should get follows from the route's roles and whose resource it names;
// the API must grant exactly those (granted: anything but 401/403), with valid bodies, so that no
// other refusal hides a wrong grant.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, mintLocalToken, signLocalToken } from '../../infra/local/tokens.js';
import { ROUTES, type RouteSpec } from '../../shared/schemas/routes.js';
import { aCancellation, anOrderRegistration, call, eventually, registered, token } from '../support/http.js';
import { record } from './support.js';

type Caller = 'owner-seller' | 'other-seller' | 'owner-buyer' | 'other-buyer' | 'operator' | 'no-token' | 'alg-none' | 'other-key' | 'expired' | 'no-exp' | 'tampered';
const CALLERS: Caller[] = ['owner-seller', 'other-seller', 'owner-buyer', 'other-buyer', 'operator', 'no-token', 'alg-none', 'other-key', 'expired', 'no-exp', 'tampered'];
const FORGED: Caller[] = ['no-token', 'alg-none', 'other-key', 'expired', 'no-exp', 'tampered'];

const SELLER = 'S-AZ';
const BUYER = 'B-AZ';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function bearer(caller: Caller): Promise<string | undefined> {
  const now = Math.floor(Date.now() / 1000);
  const claims = (role: string, id: string) => ({ 'custom:role': role, 'custom:party_id': id, token_use: 'access', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE });
  switch (caller) {
    case 'owner-seller':
      return mintLocalToken('seller', SELLER);
    case 'other-seller':
      return mintLocalToken('seller', 'S-AZ-OTHER');
    case 'owner-buyer':
      return mintLocalToken('buyer', BUYER);
    case 'other-buyer':
      return mintLocalToken('buyer', 'B-AZ-OTHER');
    case 'operator':
      return mintLocalToken('operator', 'OP-AZ');
    case 'no-token':
      return undefined;
    case 'alg-none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims('operator', 'OP-X'), exp: now + 600 })}.`;
    case 'other-key':
      return new SignJWT(claims('operator', 'OP-X')).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('a key the gateway does not know'));
    case 'expired':
      return signLocalToken({ ...claims('operator', 'OP-X'), exp: now - 60 });
    case 'no-exp':
      return signLocalToken(claims('operator', 'OP-X'));
    case 'tampered': {
      const [header, , signature] = (await mintLocalToken('seller', SELLER)).split('.');
      return `${header}.${b64({ ...claims('operator', 'OP-X'), exp: now + 600 })}.${signature}`;
    }
  }
}

interface Fixture {
  orderNo: string;
  shippedOrderNo: string;
  claimId: string;
  messageId: string;
  inquiryId: string;
}
let fixture: Fixture;

beforeAll(async () => {
  const buyer = { id: BUYER, email: 'az@example.jp', country: 'JP' };
  const order = await registered({ sellerId: SELLER, buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const shipped = await registered({ sellerId: SELLER, buyer, status: 'IN_TRANSIT' });
  const waiting = await registered({ sellerId: SELLER, buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const asked = await call('POST', `/orders/${waiting.orderNo}/cancel-requests`, { token: await token('buyer', BUYER), body: {} });
  const sent = await call('POST', `/orders/${order.orderNo}/messages`, { token: await token('seller', SELLER), body: { category: 'OTHER', title: 'Hi', body: 'Hello', alsoEmail: false } });
  const inquiry = await call('POST', '/inquiries', { token: await token('seller', SELLER), body: { category: 'ORDER_NOT_CANCELLABLE', subject: 'Matrix', details: 'The authorization matrix.', orderNos: [order.orderNo] } });
  const operator = await token('operator', 'OP-1');
  await eventually(() => call('GET', `/claims/${asked.body.claimId}`, { token: operator }), (a) => a.status === 200);
  fixture = { orderNo: order.orderNo, shippedOrderNo: shipped.orderNo, claimId: asked.body.claimId, messageId: sent.body.messageId, inquiryId: inquiry.body.inquiryId };
});

const account = { bankName: 'Kookmin', branch: 'Seoul', accountNumber: '12345678', holder: 'Kim' };

/** A request that passes the route's validation, so that only authorization can refuse it. */
function requestOf(route: RouteSpec, caller: Caller): { path: string; body?: unknown } {
  const operator = caller === 'operator';
  const path = route.path
    .replace('{orderNo}', route.handler === 'refund-order' ? fixture.shippedOrderNo : fixture.orderNo)
    .replace('{claimId}', fixture.claimId)
    .replace('{buyerId}', BUYER)
    .replace('{messageId}', fixture.messageId)
    .replace('{withdrawalId}', 'W-NONE')
    .replace('{sellerId}', SELLER)
    .replace('{inquiryId}', fixture.inquiryId);
  const bodies: Record<string, unknown> = {
    'register-order': anOrderRegistration({ sellerId: SELLER }),
    'set-ship-date': { expectedShipDate: '2099-02-01' },
    'ship-order': {},
    'message-buyer': { category: 'OTHER', title: 'Hi', body: 'Hello', alsoEmail: false },
    'cancel-order': aCancellation(),
    'refund-order': aCancellation({ reason: 'SHIPPING_DELAY' }),
    'request-cancel': operator ? { reason: 'BUYER_CHANGED_MIND', onBehalfReason: 'The buyer called.' } : { reason: 'BUYER_CHANGED_MIND' },
    'withdraw-request': operator ? { reason: 'The buyer called.' } : {},
    'resolve-claim': { action: 'CLOSE', reason: 'Authorization matrix.' },
    'withdraw-balance': { amount: { amount: 1, currency: 'JPY' }, bankAccount: account },
    'set-seller-profile': { storeName: 'Store S-AZ', contactEmail: 's-az@seller.example', language: 'ja' },
    // About no order: any seller may file one; whose orders an inquiry names is checked like any order.
    'file-inquiry': { category: 'BULK_NOTICE', subject: 'Matrix', details: 'The authorization matrix.' },
    'add-inquiry-entry': { text: 'Matrix.' },
  };
  return { path, ...(route.handler in bodies ? { body: bodies[route.handler] } : {}) };
}

/** Who may: the route's roles, and for a named resource, its owners (an operator owns everything). */
function expectedGrant(route: RouteSpec, caller: Caller): boolean {
  if (route.signed) return false; // the provider's signature is its credential, never a token
  if (route.roles.length === 0) return true;
  if (FORGED.includes(caller)) return false;
  const role = caller === 'operator' ? 'operator' : caller.endsWith('seller') ? 'seller' : 'buyer';
  if (!route.roles.includes(role)) return false;
  if (role === 'operator') return true;
  const owner = caller.startsWith('owner');
  if (route.path.includes('{orderNo}') || route.path.includes('{claimId}') || route.path.includes('{sellerId}') || route.path.includes('{inquiryId}')) return owner;
  if (route.path.includes('{buyerId}')) return owner && role === 'buyer';
  return true;
}

describe('the authorization matrix', () => {
  it(`every route × ${CALLERS.length} kinds of caller: no wrong grant, no wrong denial`, async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of ROUTES) {
      for (const caller of CALLERS) {
        const { path, body } = requestOf(route, caller);
        const tokenValue = await bearer(caller);
        const answer = await call(route.method, path, { ...(tokenValue ? { token: tokenValue } : {}), ...(body !== undefined ? { body } : {}) });
        cells++;
        const granted = answer.status !== 401 && answer.status !== 403;
        const expected = expectedGrant(route, caller);
        if (granted !== expected) wrong.push(`${route.method} ${route.path} as ${caller}: ${answer.status} (${expected ? 'should be granted' : 'should be refused'}) ${JSON.stringify(answer.body).slice(0, 160)}`);
        if (answer.status >= 500) wrong.push(`${route.method} ${route.path} as ${caller}: ${answer.status}`);
        if (FORGED.includes(caller) && route.roles.length > 0 && answer.status !== 401) wrong.push(`${route.method} ${route.path} as ${caller}: ${answer.status}, not 401`);
      }
    }
    record('authorization', {
      cells,
      wrongGrants: wrong.filter((w) => w.includes('should be refused')).length,
      wrongDenials: wrong.filter((w) => w.includes('should be granted')).length,
      examples: wrong.slice(0, 10),
    });
    expect(wrong).toEqual([]);
    expect(cells).toBe(ROUTES.length * CALLERS.length);
  }, 120_000);
});
