// The authorization matrix, generated from the route table: every route × every kind of caller
// (the owner seller and buyer, another seller and buyer, an operator, no token, and five forged
// tokens). What each cell should get follows from the route's roles and whose resource it names:
// granted (anything but 401, 403 and a hidden 404), refused for the role (403), or, for another
// seller's or buyer's order, claim, inquiry or bulk job, answered exactly as an unknown id of the
// same kind is (404, the same problem but for the id), so that nobody can probe what exists. Valid
// bodies, so that no other refusal hides a wrong grant.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, mintLocalToken, signLocalToken } from '../../local/tokens.js';
import { ROUTES, type RouteSpec } from '../../shared/schemas/routes.js';
import { aCancellation, anOrderRegistration, call, eventually, registered, token } from '../support/http.js';
import { record } from './support.js';

type Caller =
  | 'owner-seller'
  | 'other-seller'
  | 'owner-buyer'
  | 'other-buyer'
  | 'operator'
  | 'no-token'
  | 'alg-none'
  | 'other-key'
  | 'expired'
  | 'no-exp'
  | 'tampered';
const CALLERS: Caller[] = [
  'owner-seller',
  'other-seller',
  'owner-buyer',
  'other-buyer',
  'operator',
  'no-token',
  'alg-none',
  'other-key',
  'expired',
  'no-exp',
  'tampered',
];
const FORGED: Caller[] = ['no-token', 'alg-none', 'other-key', 'expired', 'no-exp', 'tampered'];

const SELLER = 'S-AZ';
const BUYER = 'B-AZ';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function bearer(caller: Caller): Promise<string | undefined> {
  const now = Math.floor(Date.now() / 1000);
  const claims = (role: string, id: string) => ({
    'custom:role': role,
    'custom:party_id': id,
    token_use: 'access',
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
  });
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
      return new SignJWT(claims('operator', 'OP-X'))
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a key the gateway does not know'));
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
  bulkId: string;
}
let fixture: Fixture;

beforeAll(async () => {
  const buyer = { id: BUYER, email: 'az@example.jp', country: 'JP' };
  const order = await registered({ sellerId: SELLER, buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const shipped = await registered({ sellerId: SELLER, buyer, status: 'IN_TRANSIT' });
  const waiting = await registered({ sellerId: SELLER, buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const asked = await call('POST', `/orders/${waiting.orderNo}/cancel-requests`, {
    token: await token('buyer', BUYER),
    body: {},
  });
  const sent = await call('POST', `/orders/${order.orderNo}/messages`, {
    token: await token('seller', SELLER),
    body: { category: 'OTHER', title: 'Hi', body: 'Hello', alsoEmail: false },
  });
  const inquiry = await call('POST', '/inquiries', {
    token: await token('seller', SELLER),
    body: {
      category: 'ORDER_NOT_CANCELLABLE',
      subject: 'Matrix',
      details: 'The authorization matrix.',
      orderNos: [order.orderNo],
    },
  });
  // A job of the owner's whose only line names no order: it exists, and cancels nothing.
  const bulk = await call('POST', '/bulk-cancellations', {
    token: await token('seller', SELLER),
    body: { orders: [{ orderNo: 'NO-SUCH-AZ' }], ...aCancellation() },
  });
  const operator = await token('operator', 'OP-1');
  await eventually(
    () => call('GET', `/claims/${asked.body.claimId}`, { token: operator }),
    (a) => a.status === 200,
  );
  fixture = {
    ...{
      orderNo: order.orderNo,
      shippedOrderNo: shipped.orderNo,
      claimId: asked.body.claimId,
      messageId: sent.body.messageId,
    },
    ...{ inquiryId: inquiry.body.inquiryId, bulkId: bulk.body.bulkId },
  };
});

const account = { bankName: 'Kookmin', branch: 'Seoul', accountNumber: '12345678', holder: 'Kim' };

/** The ids a route's path names that belong to a seller or buyer, and what an unknown one looks like. */
const OWNED = ['{orderNo}', '{claimId}', '{inquiryId}', '{bulkId}'];
/** Routes on which another seller's {sellerId} is answered as an unknown seller is (404), not refused (403). */
const SELLER_OWNED = ['set-return-window'];
const UNKNOWN_ID = 'NO-SUCH-AZ-9';

/** A request that passes the route's validation, so that only authorization can refuse it. */
function requestOf(
  route: RouteSpec,
  caller: Caller,
  ids: 'fixture' | 'unknown' = 'fixture',
): { path: string; body?: unknown } {
  const operator = caller === 'operator';
  const owned = (id: string) => (ids === 'unknown' ? UNKNOWN_ID : id);
  const path = route.path
    .replace('{orderNo}', owned(route.handler === 'refund-order' ? fixture.shippedOrderNo : fixture.orderNo))
    .replace('{claimId}', owned(fixture.claimId))
    .replace('{buyerId}', BUYER)
    .replace('{messageId}', fixture.messageId)
    .replace('{withdrawalId}', 'W-NONE')
    .replace('{sellerId}', SELLER_OWNED.includes(route.handler) ? owned(SELLER) : SELLER)
    .replace('{inquiryId}', owned(fixture.inquiryId))
    .replace('{bulkId}', owned(fixture.bulkId));
  const bodies: Record<string, unknown> = {
    'register-order': anOrderRegistration({ sellerId: SELLER }),
    'set-ship-date': { expectedShipDate: '2099-02-01' },
    'ship-order': {},
    'message-buyer': { category: 'OTHER', title: 'Hi', body: 'Hello', alsoEmail: false },
    'cancel-order': aCancellation(),
    'refund-order': aCancellation({ reason: 'SHIPPING_DELAY' }),
    'request-cancel': operator
      ? { reason: 'BUYER_CHANGED_MIND', onBehalfReason: 'The buyer called.' }
      : { reason: 'BUYER_CHANGED_MIND' },
    'withdraw-request': operator ? { reason: 'The buyer called.' } : {},
    'request-return': operator ? { reason: 'DEFECTIVE', onBehalfReason: 'The buyer called.' } : { reason: 'DEFECTIVE' },
    'decide-return': { decision: 'REFUSE', reason: 'Authorization matrix.' },
    'ship-return': { carrier: 'Yamato', trackingNo: '1234' },
    'receive-return': { outcome: 'RECEIVED' },
    'escalate-claim': {},
    'report-non-receipt': operator ? { onBehalfReason: 'The buyer called.' } : {},
    'answer-non-receipt': { answer: 'PROOF', note: 'Authorization matrix.' },
    'accept-non-receipt': {},
    'resolve-claim': { action: 'CLOSE', reason: 'Authorization matrix.' },
    'withdraw-balance': { amount: { amount: 1, currency: 'JPY' }, bankAccount: account },
    'set-seller-profile': {
      storeName: 'Store S-AZ',
      contactEmail: 's-az@seller.example',
      language: 'ja',
      returnWindowDays: 14,
    },
    'set-return-window': { days: 14 },
    // About no order: any seller may file one; whose orders an inquiry names is checked like any order.
    'file-inquiry': { category: 'BULK_NOTICE', subject: 'Matrix', details: 'The authorization matrix.' },
    'add-inquiry-entry': { text: 'Matrix.' },
  };
  return { path, ...(route.handler in bodies ? { body: bodies[route.handler] } : {}) };
}

type Expected = 'granted' | 'unauthenticated' | 'refused for the role' | 'answered as unknown';

/** Who may: the route's roles; of a named resource, its owners (an operator owns everything). */
function expectedFor(route: RouteSpec, caller: Caller): Expected {
  if (route.signed) return 'unauthenticated'; // the provider's signature is its credential, never a token
  if (route.roles.length === 0) return 'granted';
  if (FORGED.includes(caller)) return 'unauthenticated';
  const role = caller === 'operator' ? 'operator' : caller.endsWith('seller') ? 'seller' : 'buyer';
  if (!route.roles.includes(role)) return 'refused for the role';
  if (role === 'operator' || caller.startsWith('owner'))
    return route.path.includes('{buyerId}') && role === 'seller' ? 'refused for the role' : 'granted';
  if (OWNED.some((id) => route.path.includes(id)) || SELLER_OWNED.includes(route.handler)) return 'answered as unknown';
  if (route.path.includes('{sellerId}') || route.path.includes('{buyerId}')) return 'refused for the role';
  return 'granted';
}

const problemOf = (body: unknown, id: string) => {
  const { detail, ...rest } = (body ?? {}) as { detail?: string };
  return { ...rest, detail: detail?.replaceAll(id, '<id>') };
};

describe('the authorization matrix', () => {
  it(`every route × ${CALLERS.length} kinds of caller: no wrong grant, no wrong denial, another’s id answered as an ` +
    `unknown one`, async () => {
    const wrong: string[] = [];
    let cells = 0;
    let compared = 0;
    for (const route of ROUTES) {
      for (const caller of CALLERS) {
        const { path, body } = requestOf(route, caller);
        const tokenValue = await bearer(caller);
        const auth = tokenValue ? { token: tokenValue } : {};
        const answer = await call(route.method, path, { ...auth, ...(body !== undefined ? { body } : {}) });
        cells++;
        const expected = expectedFor(route, caller);
        const cell = `${route.method} ${route.path} as ${caller}: ${answer.status}`;
        const got: Expected =
          answer.status === 401
            ? 'unauthenticated'
            : answer.status === 403
              ? 'refused for the role'
              : answer.status === 404 && expected === 'answered as unknown'
                ? 'answered as unknown'
                : 'granted';
        if (got !== expected)
          wrong.push(`${cell} (should be ${expected}) ${JSON.stringify(answer.body).slice(0, 160)}`);
        if (expected === 'answered as unknown') {
          // The same caller naming an id that does not exist gets the same answer, word for word but for the id.
          const unknown = requestOf(route, caller, 'unknown');
          const probe = await call(route.method, unknown.path, {
            ...auth,
            ...(unknown.body !== undefined ? { body: unknown.body } : {}),
          });
          compared++;
          const ids = path.split('/').filter((part) => !unknown.path.split('/').includes(part));
          const theirs = ids.reduce((problem, id) => problemOf(problem, id), answer.body as unknown);
          if (
            probe.status !== answer.status ||
            JSON.stringify(problemOf(probe.body, UNKNOWN_ID)) !== JSON.stringify(theirs)
          ) {
            wrong.push(
              `${cell} differs from an unknown id's ${probe.status}: an existence oracle ` +
                `(${JSON.stringify(answer.body).slice(0, 120)})`,
            );
          }
        }
        if (answer.status >= 500) wrong.push(`${cell}`);
        if (FORGED.includes(caller) && route.roles.length > 0 && answer.status !== 401) wrong.push(`${cell}, not 401`);
      }
    }
    record('authorization', {
      cells,
      wrongGrants: wrong.filter(
        (w) =>
          w.includes('should be refused') ||
          w.includes('should be unauthenticated') ||
          w.includes('should be answered'),
      ).length,
      wrongDenials: wrong.filter((w) => w.includes('should be granted')).length,
      oracles: wrong.filter((w) => w.includes('existence oracle')).length,
      comparedWithUnknown: compared,
      examples: wrong.slice(0, 10),
    });
    expect(wrong).toEqual([]);
    expect(cells).toBe(ROUTES.length * CALLERS.length);
    // Every other seller's and buyer's cell on a route that names an order, claim, inquiry or job (17 today).
    expect(compared).toBe(
      ROUTES.flatMap((route) => CALLERS.filter((caller) => expectedFor(route, caller) === 'answered as unknown'))
        .length,
    );
    expect(compared).toBeGreaterThan(10);
  }, 180_000);
});
