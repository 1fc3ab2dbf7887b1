// Calling the local stack as a client would: over HTTP, with bearer tokens from the token command's code.
import type { IntegrationEvent } from '../../shared/app/ports/change-set.js';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Role } from '../../shared/app/common/access.js';
import type { RegisterOrder } from '../../shared/schemas/api.js';
import { mintLocalToken } from '../../local/tokens.js';
import { answerProblems } from './openapi-answers.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export const token = (role: Role, id: string) => mintLocalToken(role, id);

/**
 * The API these helpers (and the console's pages, test/support/browser.ts) talk to: the run's one
 * stack, unless a file started a stack of its own (its clocks as in AWS, not shortened) and uses it.
 */
let ownStackApi: string | undefined;
export const useStack = (apiUrl: string): void => {
  ownStackApi = apiUrl;
};
export const apiUrl = (): string => ownStackApi ?? inject('apiUrl');

export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; idempotencyKey?: string; correlationId?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers,
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? 'application/json');
  const body = text ? (json ? JSON.parse(text) : text) : undefined;
  // The answer as the OpenAPI document says it is (status, media type, schema).
  const problems = answerProblems(method, path, response.status, response.headers.get('content-type'), body);
  if (problems.length > 0)
    throw new Error(`The answer differs from docs/openapi.json:\n${problems.join('\n')}\n${text.slice(0, 600)}`);
  return { status: response.status, headers: response.headers, body };
}

/** A fresh order number per test, so tests share the stack without sharing data. */
export const uniqueNo = (prefix = 'T') => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

export function anOrderRegistration(overrides: Partial<RegisterOrder> = {}): RegisterOrder {
  return {
    orderNo: uniqueNo(),
    cartNo: uniqueNo('CART'),
    sellerId: 'S-1',
    buyer: { id: 'B-1', email: `buyer-${randomUUID().slice(0, 8)}@example.jp`, country: 'JP' },
    item: { code: 'TEA-01', name: '抹茶セット', quantity: 1 },
    total: { amount: 3200, currency: 'JPY' },
    // Only a convenience-store or bank-transfer order awaits payment.
    payment: { method: overrides.status === 'PROCESSING' ? 'CONVENIENCE_STORE' : 'CARD' },
    ...overrides,
  };
}

/** Where a seller's notices go in the tests: its own address, so each test finds its own mail. */
export const sellerEmailOf = (sellerId: string) => `${sellerId.toLowerCase()}@seller.example`;

const sellersWithProfiles = new Set<string>();
/**
 * The profile being set up for each seller: orders registered at once for a new seller share the one PUT (two would
 * race: 409).
 */
const profilesUnderWay = new Map<string, Promise<void>>();

/** The seller's profile, as the operator sets it up before the seller's first order (Japanese unless told). */
export async function sellerProfile(
  sellerId: string,
  fields: { storeName?: string; contactEmail?: string; language?: 'ja' | 'ko' | 'en'; returnWindowDays?: number } = {},
): Promise<void> {
  const profile = { storeName: `Store ${sellerId}`, contactEmail: sellerEmailOf(sellerId), language: 'ja', ...fields };
  const answer = await call('PUT', `/sellers/${sellerId}/profile`, {
    token: await token('operator', 'OP-1'),
    body: profile,
  });
  if (answer.status !== 200 && answer.status !== 201)
    throw new Error(`profile of ${sellerId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  sellersWithProfiles.add(sellerId);
}

/** A seller of its own for one test: its id, its profile's address and its token. */
export async function aSeller(fields: Parameters<typeof sellerProfile>[1] = {}) {
  const sellerId = uniqueNo('S');
  await sellerProfile(sellerId, fields);
  return {
    sellerId,
    sellerEmail: fields.contactEmail ?? sellerEmailOf(sellerId),
    sellerToken: await token('seller', sellerId),
  };
}

export async function registered(overrides: Partial<RegisterOrder> = {}): Promise<RegisterOrder> {
  const order = anOrderRegistration(overrides);
  if (!sellersWithProfiles.has(order.sellerId)) {
    if (!profilesUnderWay.has(order.sellerId))
      profilesUnderWay.set(
        order.sellerId,
        sellerProfile(order.sellerId).finally(() => profilesUnderWay.delete(order.sellerId)),
      );
    await profilesUnderWay.get(order.sellerId);
  }
  const answer = await call('POST', '/orders', { token: await token('operator', 'OP-1'), body: order });
  if (answer.status !== 201)
    throw new Error(`register ${order.orderNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return order;
}

export const aCancellation = (overrides: Record<string, unknown> = {}) => ({
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れのためキャンセルいたします。',
  notice: {
    title: '在庫切れのお詫び',
    body: '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
  },
  ...overrides,
});

/**
 * Polls until `done` holds and returns that value; at `timeoutMs` it fails the test with the last
 * value read, so a wait that never ends says what it saw instead of passing it on as if done.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() >= deadline) {
      throw new Error(`eventually: not done after ${timeoutMs} ms; last read ${JSON.stringify(value)?.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export async function claimWhenSettled(claimId: string, sellerToken: string): Promise<Answer> {
  return eventually(
    () => call('GET', `/claims/${claimId}`, { token: sellerToken }),
    (answer) => ['COMPLETED', 'FAILED', 'NEEDS_OPERATOR'].includes(answer.body?.status),
  );
}

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

export async function emailsTo(address: string): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${inject('mailViewerUrl')}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((email) => email.destination.to.includes(address));
}

/**
 * Makes the next `count` SES sends to `to` fail with `code` and SES's `message` (the local SES stand-in's fault
 * switch).
 */
export async function sesFails(to: string, count: number, code: string, message?: string): Promise<void> {
  const answer = await fetch(`${inject('sesEndpoint')}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ count, code, to, ...(message ? { message } : {}) }),
  });
  if (answer.status !== 204) throw new Error(`SES fault switch answered ${answer.status}`);
}

export type PaymentFault =
  | 'decline'
  | 'timeout'
  | 'transient'
  | 'instant'
  | 'pending'
  | 'silent'
  | 'decline-later'
  | 'garbled';

/**
 * Makes the next `count` payment gateway requests that mention `match` decline, time out or fail
 * transiently (the modes of local/payments/payments-local.ts); `delayMs`: when the card side decides.
 */
export async function paymentsFail(match: string, mode: PaymentFault, count = 1, delayMs?: number): Promise<void> {
  const answer = await fetch(`${inject('paymentsEndpoint')}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ match, mode, count, ...(delayMs === undefined ? {} : { delayMs }) }),
  });
  if (answer.status !== 204) throw new Error(`payment fault switch answered ${answer.status}`);
}

/**
 * Makes the next `count` calls of a Step Functions operation (StartExecution, SendTaskSuccess, …)
 * fail with `code`, as when it throttles or is unavailable (the local endpoint's fault switch).
 * Past the SDK's 3 attempts (`count` 3 or more) the caller sees the failure. With `about`, only
 * the calls about executions whose name or input holds it (a scenario's correlation id).
 */
export async function stepFunctionsFail(
  operation: string,
  count: number,
  code = 'ThrottlingException',
  endpoint = inject('stepFunctionsEndpoint'),
  about?: string,
): Promise<void> {
  const answer = await fetch(`${endpoint}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ operation, count, code, ...(about ? { about } : {}) }),
  });
  if (answer.status !== 204) throw new Error(`Step Functions fault switch answered ${answer.status}`);
}

/** The Step Functions faults no call has met yet (all of them, or those `about` one scenario). */
export async function stepFunctionsFaultsLeft(about?: string): Promise<{ operation: string; count: number }[]> {
  const answer = await fetch(`${inject('stepFunctionsEndpoint')}/__faults`);
  const { faults } = (await answer.json()) as { faults: { operation: string; count: number; about?: string }[] };
  return faults.filter((fault) => about === undefined || fault.about === about);
}

interface GatewayOperation {
  kind: string;
  idempotencyKey: string;
  reference: string;
  received: number;
}

/** What the local payment gateway processed for this idempotency key (at most one operation). */
export async function paymentOperations(idempotencyKey: string): Promise<GatewayOperation[]> {
  const { operations } = (await (await fetch(`${inject('paymentsEndpoint')}/__operations`)).json()) as {
    operations: GatewayOperation[];
  };
  return operations.filter((operation) => operation.idempotencyKey === idempotencyKey);
}

/** The webhooks the local payment gateway sent about this idempotency key, with the status each got. */
export async function webhooksFor(idempotencyKey: string): Promise<{ type: string; status: number | string }[]> {
  const { webhooks } = (await (await fetch(`${inject('paymentsEndpoint')}/__webhooks`)).json()) as {
    webhooks: { idempotencyKey: string; type: string; status: number | string }[];
  };
  return webhooks.filter((webhook) => webhook.idempotencyKey === idempotencyKey);
}

export const OPERATOR_EMAIL = 'operators@orders.example.com';

/**
 * The integration events the local bus has recorded for one partition (`order:<no>`, `buyer:<id>`, `bulk:<id>`), oldest
 * first.
 */
export async function eventsOf(partitionkey: string): Promise<IntegrationEvent[]> {
  const response = await fetch(`${apiUrl()}/__events?partitionkey=${encodeURIComponent(partitionkey)}`);
  return (await response.json()) as IntegrationEvent[];
}
