// Fuzz, driven by /openapi.json: for every route, requests made from the document's own schemas
// (fast-check, replayable by seed) and then broken the ways careless clients and attackers break
// them — wrong types, missing and extra fields, 1 MB strings, NUL/RTL/emoji, negative, fractional
// and huge amounts, another currency, path traversal and very long ids, malformed percent-escapes,
// wrong content types, reused idempotency keys, forged tokens — while Step Functions throttles or
// is unavailable (StartExecution, SendTask*) and SES throttles or is out of its daily quota, one
// fault every 100 requests. Pass: no 5xx, every error problem+json, every request answered within
// API Gateway's 30 s (past it a client gets 503), and the sentinel data untouched. How slow the
// answers were is a figure of the run, not a pass mark: this machine is shared.
import fc from 'fast-check';
import { inject } from 'vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../local/tokens.js';
import { ROUTES, type RouteSpec } from '../../shared/schemas/routes.js';
import {
  aCancellation,
  call,
  claimWhenSettled,
  registered,
  sesFails,
  stepFunctionsFail,
  token,
} from '../support/http.js';
import { arbitraryOf, HOSTILE, HOSTILE_IDS, mutate, type Document, type Mutation } from './fuzz-values.js';
import { FULL, inPool, rawRequest, record, SEED, size, warmUp } from './support.js';

const TOTAL = size(500, 10_000);
/** An HTTP API's integration timeout: a request not answered by then is a 503 to its client. */
const API_GATEWAY_TIMEOUT_MS = 30_000;
/** One fault of the stand-ins every this many requests. */
const FAULT_EVERY = 100;

/**
 * What the stand-ins are made to refuse meanwhile: Step Functions past the SDK's retries or not, SES's rate and daily
 * quota.
 */
const faultArb = fc.oneof(
  fc.record({
    service: fc.constant('stepFunctions' as const),
    operation: fc.constantFrom('StartExecution', 'SendTaskSuccess', 'SendTaskFailure'),
    code: fc.constantFrom('ThrottlingException', 'ServiceUnavailable'),
    count: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({
    service: fc.constant('ses' as const),
    message: fc.constantFrom('Maximum sending rate exceeded.', 'Daily message quota exceeded.'),
    count: fc.integer({ min: 1, max: 6 }),
  }),
);
type InjectedFault = typeof faultArb extends fc.Arbitrary<infer T> ? T : never;

/** On every fuzz request, so that its claims' runs carry it: the Step Functions faults are about them alone. */
const FUZZ_CORRELATION = `fuzz-${SEED}`;
const FUZZ_BUYER = { id: 'B-FZ', email: 'fz@example.jp', country: 'JP' } as const;

/** A fault of the fuzz's own work (its claims' runs, its buyer's e-mails): no other test sharing the stack meets it. */
async function injectFault(fault: InjectedFault): Promise<void> {
  if (fault.service === 'stepFunctions')
    await stepFunctionsFail(fault.operation, fault.count, fault.code, undefined, FUZZ_CORRELATION);
  else await sesFails(FUZZ_BUYER.email, fault.count, 'Throttling', fault.message);
}
const api = () => inject('apiUrl');

interface Fixture {
  /** Orders the fuzz may change (owned by S-FZ, bought by B-FZ). */
  own: string[];
  /** Orders, a claim and a balance that no request may change: checked before and after. */
  sentinel: { orderNos: string[]; claimId: string; buyerId: string };
  claimIds: string[];
}

type Who = 'seller' | 'other-seller' | 'buyer' | 'other-buyer' | 'operator' | 'none' | 'forged';
const WHO: Who[] = ['seller', 'other-seller', 'buyer', 'other-buyer', 'operator', 'none', 'forged'];

async function bearer(who: Who, sentinel: boolean): Promise<string | undefined> {
  const seller = sentinel ? 'S-SENTINEL' : 'S-FZ';
  const buyer = sentinel ? 'B-SENTINEL' : 'B-FZ';
  switch (who) {
    case 'seller':
      return token('seller', seller);
    case 'other-seller':
      return token('seller', 'S-FZ-OTHER');
    case 'buyer':
      return token('buyer', buyer);
    case 'other-buyer':
      return token('buyer', 'B-FZ-OTHER');
    case 'operator':
      return token('operator', 'OP-FZ');
    case 'none':
      return undefined;
    case 'forged':
      return signLocalToken({
        'custom:role': 'operator',
        'custom:party_id': 'OP-X',
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
      });
  }
}

let doc: Document;
let fixture: Fixture;

async function snapshot(): Promise<string> {
  const operator = await token('operator', 'OP-1');
  const reads = await Promise.all([
    ...fixture.sentinel.orderNos.map((orderNo) => call('GET', `/orders/${orderNo}`, { token: operator })),
    call('GET', `/claims/${fixture.sentinel.claimId}`, { token: operator }),
    call('GET', `/buyers/${fixture.sentinel.buyerId}/balance`, { token: operator }),
  ]);
  // `delayed` and the effective status follow the clock, not the requests: left out.
  return JSON.stringify(reads.map((read) => ({ status: read.status, body: { ...read.body, delayed: undefined } })));
}

beforeAll(async () => {
  doc = (await (await fetch(`${api()}/openapi.json`)).json()) as Document;
  const own: string[] = [];
  for (let i = 0; i < 12; i++) {
    const order = await registered({
      sellerId: 'S-FZ',
      buyer: FUZZ_BUYER,
      ...(i % 3 === 1
        ? { status: 'PREPARING', expectedShipDate: '2099-01-01' }
        : i % 3 === 2
          ? { status: 'IN_TRANSIT' }
          : {}),
    });
    own.push(order.orderNo);
  }
  const sentinelSeller = await token('seller', 'S-SENTINEL');
  const buyer = { id: `B-SENTINEL`, email: 'sentinel@example.jp', country: 'JP' };
  const a = await registered({ sellerId: 'S-SENTINEL', buyer, payment: { method: 'CONVENIENCE_STORE' } });
  const b = await registered({ sellerId: 'S-SENTINEL', buyer, status: 'PREPARING', expectedShipDate: '2099-01-01' });
  const cancelled = await call('POST', `/orders/${a.orderNo}/cancellations`, {
    token: sentinelSeller,
    body: aCancellation(),
  });
  await claimWhenSettled(cancelled.body.claimId, sentinelSeller);
  const seller = await token('seller', 'S-FZ');
  const fuzzBuyer = await token('buyer', FUZZ_BUYER.id);
  const operator = await token('operator', 'OP-FZ');
  const claimed = await call('POST', `/orders/${own[0]}/cancellations`, { token: seller, body: aCancellation() });
  // Claims after delivery too, so that their routes are reached with a claim they act on: a return
  // asked of a delivered order, a non-receipt report of one in transit.
  const shipped = await registered({ sellerId: 'S-FZ', buyer: FUZZ_BUYER, status: 'IN_TRANSIT' });
  const delivered = await registered({ sellerId: 'S-FZ', buyer: FUZZ_BUYER, status: 'IN_TRANSIT' });
  await call('POST', `/orders/${delivered.orderNo}/delivery`, { token: operator });
  const returned = await call('POST', `/orders/${delivered.orderNo}/returns`, {
    token: fuzzBuyer,
    body: { reason: 'CHANGED_MIND', message: 'サイズが合いませんでした' },
  });
  const reported = await call('POST', `/orders/${shipped.orderNo}/non-receipt`, { token: fuzzBuyer, body: {} });
  for (const answer of [claimed, returned, reported])
    if (answer.status !== 202) throw new Error(`The fuzz's own claim was answered ${answer.status}`);
  own.push(shipped.orderNo, delivered.orderNo);
  fixture = {
    own,
    sentinel: { orderNos: [a.orderNo, b.orderNo], claimId: cancelled.body.claimId, buyerId: buyer.id },
    claimIds: [claimed.body.claimId, returned.body.claimId, reported.body.claimId],
  };
  await warmUp();
}, 120_000);

interface Planned {
  route: RouteSpec;
  who: Who;
  sentinel: boolean;
  path: string;
  /** The same request at the fuzz's own data, for one that could change a sentinel. */
  ownPath: string;
  contentType?: string;
  body?: string;
  idempotencyKey?: string;
}

/** One request of the plan: a route, who sends it, at what, and how it is broken. */
function plan(): fc.Arbitrary<Planned> {
  return fc
    .record({
      route: fc.constantFrom(...ROUTES),
      who: fc.constantFrom(...WHO),
      sentinel: fc.boolean(),
      idKind: fc.constantFrom('fixture', 'fixture', 'fixture', 'unknown', 'hostile'),
      idPick: fc.nat(),
      mutation: fc.record({
        kind: fc.constantFrom<Mutation['kind']>('drop', 'hostile', 'extra', 'whole', 'nested'),
        key: fc.nat(),
        value: fc.constantFrom(...HOSTILE),
      }),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        undefined,
      ),
      bodyShape: fc.constantFrom('broken', 'broken', 'broken', 'not-json', 'empty'),
      query: fc.dictionary(
        fc.constantFrom('status', 'from', 'to', 'orderNo', 'sellerId', 'limit', 'cursor', 'delayed', 'unknown'),
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE_IDS, '2025-06-02', '0', '101', '-1', 'true')),
        { maxKeys: 3 },
      ),
      reuseKey: fc.boolean(),
      seed: fc.nat(),
    })
    .chain((p) => {
      const operation = doc.paths[p.route.path]?.[p.route.method.toLowerCase()];
      const schema = operation?.requestBody?.content['application/json'].schema;
      return (schema ? arbitraryOf(doc, schema) : fc.constant(undefined)).map((wellFormed) => ({ ...p, wellFormed }));
    })
    .map((p): Planned => {
      const ids = (name: string, sentinel: boolean) => {
        if (p.idKind === 'hostile') return HOSTILE_IDS[p.idPick % HOSTILE_IDS.length]!;
        if (p.idKind === 'unknown') return `NO-SUCH-${p.idPick}`;
        if (name === 'orderNo')
          return sentinel ? fixture.sentinel.orderNos[p.idPick % 2]! : fixture.own[p.idPick % fixture.own.length]!;
        if (name === 'claimId')
          return sentinel ? fixture.sentinel.claimId : fixture.claimIds[p.idPick % fixture.claimIds.length]!;
        if (name === 'buyerId') return sentinel ? fixture.sentinel.buyerId : 'B-FZ';
        return `X-${p.idPick}`;
      };
      // Hostile ids go into the path as they are: escapes and traversal included.
      // (Only what HTTP cannot carry at all is escaped: non-ASCII and spaces.)
      const raw = (value: string) => value.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
      const query = Object.entries(p.query).map(
        ([k, v]) => `${k}=${HOSTILE_IDS.includes(v) ? raw(v) : encodeURIComponent(v)}`,
      );
      const pathFor = (sentinel: boolean) =>
        p.route.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
          p.idKind === 'hostile' ? raw(ids(name, sentinel)) : encodeURIComponent(ids(name, sentinel)),
        ) + (query.length ? `?${query.join('&')}` : '');
      const path = pathFor(p.sentinel);
      const broken = mutate(p.wellFormed ?? {}, p.mutation);
      const body =
        p.bodyShape === 'empty' ? undefined : p.bodyShape === 'not-json' ? '{not json' : JSON.stringify(broken);
      return {
        route: p.route,
        who: p.who,
        sentinel: p.sentinel,
        path,
        ownPath: pathFor(false),
        ...(p.contentType ? { contentType: p.contentType } : {}),
        ...(p.route.method !== 'GET' && body !== undefined ? { body } : {}),
        ...(p.route.method !== 'GET' ? { idempotencyKey: p.reuseKey ? 'fuzz-shared-key' : `fuzz-${p.seed}` } : {}),
      };
    });
}

/**
 * A request at the sentinel data must not be able to change it: it is a read, or its caller may
 * not act there, or its body is refused by the route's own schema. Others are sent at the fuzz's
 * own orders instead.
 */
function harmless(request: Planned): boolean {
  if (request.route.method === 'GET') return true;
  if (['none', 'forged', 'other-seller', 'other-buyer'].includes(request.who)) return true;
  if (!request.route.body) return false;
  if (request.body === undefined) return !request.route.body().safeParse({}).success;
  if (!request.contentType?.startsWith('application/json')) return true;
  try {
    return !request.route.body().safeParse(JSON.parse(request.body)).success;
  } catch {
    return true;
  }
}

describe('fuzz from the OpenAPI document', () => {
  it(
    `${TOTAL} malformed or hostile requests over every route: no 5xx, every error problem+json, all answered, ` +
      `the sentinels untouched`,
    async () => {
      const before = await snapshot();
      const planned = fc
        .sample(plan(), { seed: SEED, numRuns: TOTAL })
        .map((request) =>
          request.sentinel && !harmless(request) ? { ...request, sentinel: false, path: request.ownPath } : request,
        );
      const faults = fc.sample(faultArb, { seed: SEED, numRuns: Math.ceil(TOTAL / FAULT_EVERY) });
      const failures: string[] = [];
      let hangs = 0;
      let slowest = 0;
      let overFiveSeconds = 0;
      const statuses = new Map<number, number>();
      const routesHit = new Set<string>();
      await inPool(planned, 16, async (request, index) => {
        if (index % FAULT_EVERY === 0) await injectFault(faults[index / FAULT_EVERY]!);
        const tokenValue = await bearer(request.who, request.sentinel);
        const headers: Record<string, string> = {
          'x-correlation-id': FUZZ_CORRELATION,
          ...(tokenValue ? { authorization: `Bearer ${tokenValue}` } : {}),
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
          ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
        };
        const answer = await rawRequest(
          api(),
          {
            method: request.route.method,
            path: request.path,
            headers,
            ...(request.body !== undefined ? { body: request.body } : {}),
          },
          API_GATEWAY_TIMEOUT_MS,
        );
        routesHit.add(`${request.route.method} ${request.route.path}`);
        if (answer === 'HANG') {
          hangs++;
          failures.push(`HANG ${request.route.method} ${request.path.slice(0, 120)}`);
          return;
        }
        slowest = Math.max(slowest, answer.ms);
        if (answer.ms > 5000) overFiveSeconds++;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const describe =
          `${answer.status} ${request.route.method} ${request.path.slice(0, 100)} as ${request.who}: ` +
          `${answer.body.slice(0, 200)}`;
        if (answer.status >= 500 || answer.status === 0) failures.push(describe);
        else if (answer.status >= 400) {
          if (answer.contentType !== 'application/problem+json') failures.push(`not problem+json: ${describe}`);
          else if (JSON.parse(answer.body).status !== answer.status)
            failures.push(`problem status differs: ${describe}`);
        }
      });
      // The fuzz's SES faults no send met would only hold its own claims' notices back after it: cleared.
      await fetch(`${inject('sesEndpoint')}/__faults?to=${encodeURIComponent(FUZZ_BUYER.email)}`, { method: 'DELETE' });
      const after = await snapshot();
      record('fuzz', {
        requests: planned.length,
        routes: routesHit.size,
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
        fiveHundreds: [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0),
        violations: failures.length,
        hangs,
        slowestMs: slowest,
        overFiveSeconds,
        sentinelsUnchanged: before === after,
        faults: Object.fromEntries(
          ['stepFunctions', 'ses'].map((service) => [service, faults.filter((f) => f.service === service).length]),
        ),
      });
      expect(failures.slice(0, 20)).toEqual([]);
      expect(hangs).toBe(0);
      expect(routesHit.size).toBe(ROUTES.length);
      expect(after).toBe(before);
    },
    FULL ? 1_800_000 : 240_000,
  );
});
