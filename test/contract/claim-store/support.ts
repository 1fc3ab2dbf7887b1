// What the parts of the ClaimStore contract share: fresh ids and entities for each test, paging,
// the assertions on conflicts, and the versioned entities. See claim-store.contract.ts.

import { randomBytes, randomInt } from 'node:crypto';
import { expect } from 'vitest';
import type { ClaimStore, OrderQuery, StatusCounts, TimelineEvent } from '../../../shared/app/ports/claim-store.js';
import type { Page, PageRequest } from '../../../shared/app/ports/pages.js';
import { ConcurrentChangeError } from '../../../shared/app/ports/port-errors.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { Balance, LedgerEntry, Withdrawal } from '../../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../../shared/domain/message.js';
import type { Order, OrderStatus } from '../../../shared/domain/order.js';
import type { Refund } from '../../../shared/domain/refund.js';

export type MakeStore = () => Promise<{ store: ClaimStore; cleanup?: () => Promise<void> }>;

/** A claim's last change, far ahead: never stale for the local stack's reconciler. */
export const NOT_STALE = '2999-12-31T00:00:00.000Z';

/** A year no other test writes orders or claims in: for what is read across sellers. */
export const privateYear = () => 2100 + randomInt(800);

/** Fresh ids and entities for one test. */
export function testData() {
  const tag = randomBytes(5).toString('hex').toUpperCase();
  let sequence = 0;
  // Upper case, digits and '-' only, of one length: their byte order and their locale order agree.
  const id = (prefix: string) => `${prefix}-CT${tag}-${String(++sequence).padStart(3, '0')}`;
  const sellerId = `S-CT${tag}`;
  const buyerId = `B-CT${tag}`;

  const order = (overrides: Partial<Order> = {}): Order => {
    const orderNo = overrides.orderNo ?? id('O');
    return {
      orderNo,
      cartNo: `CART-${orderNo}`,
      sellerId,
      buyer: { id: buyerId, email: 'hanako@example.jp', country: 'JP' },
      item: { code: 'TEA-01', name: '抹茶セット', quantity: 1 },
      total: { amount: 3200, currency: 'JPY' },
      payment: { method: 'CARD' },
      status: 'NEW',
      claimIds: [],
      orderedAt: '2021-03-10T03:00:00.000Z',
      updatedAt: '2021-03-10T03:00:00.000Z',
      version: 0,
      ...overrides,
    };
  };

  const claim = (overrides: Partial<Claim> = {}): Claim => {
    const claimId = overrides.claimId ?? id('C');
    const orderNo = overrides.orderNo ?? id('O');
    return {
      claimId,
      type: 'SELLER_CANCEL',
      status: 'REQUESTED',
      orderNo,
      orderNos: [orderNo],
      excluded: [],
      cartNo: `CART-${orderNo}`,
      sellerId,
      buyerId,
      reason: 'OUT_OF_STOCK',
      fault: 'SELLER',
      scope: 'ORDER',
      sellerMemo: '在庫切れ',
      requestedBy: { role: 'seller', id: sellerId },
      requestedAt: '2021-03-10T04:00:00.000Z',
      updatedAt: NOT_STALE,
      version: 0,
      ...overrides,
    };
  };

  const refund = (orderNo: string, overrides: Partial<Refund> = {}): Refund => {
    const claimId = overrides.claimId ?? id('C');
    return {
      refundId: `${claimId}.${orderNo}`,
      claimId,
      orderNo,
      buyerId,
      amount: { amount: 3200, currency: 'JPY' },
      method: 'CARD_AUTHORIZATION_CANCEL',
      status: 'PENDING',
      attempts: 1,
      createdAt: '2021-03-10T05:00:00.000Z',
      updatedAt: '2021-03-10T05:00:00.000Z',
      version: 0,
      ...overrides,
    };
  };

  const message = (orderNo: string, overrides: Partial<BuyerMessage> = {}): BuyerMessage => ({
    messageId: id('M'),
    orderNo,
    buyerId,
    kind: 'SELLER_MESSAGE',
    category: 'CANCEL_REFUND',
    title: '在庫切れのお知らせ',
    body: '申し訳ございません。',
    alsoEmail: true,
    messageSent: true,
    email: 'PENDING',
    emailAttempts: 0,
    createdAt: '2021-03-10T06:00:00.000Z',
    updatedAt: '2021-03-10T06:00:00.000Z',
    version: 0,
    ...overrides,
  });

  const balance = (amount: number, overrides: Partial<Balance> = {}): Balance => ({
    buyerId,
    balance: { amount, currency: 'JPY' },
    version: 0,
    ...overrides,
  });

  const entry = (amount: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry => {
    const refundId = id('R');
    return {
      entryId: `refund:${refundId}`,
      buyerId,
      kind: 'REFUND_CREDIT',
      amount: { amount, currency: 'JPY' },
      refundId,
      at: '2021-03-10T07:00:00.000Z',
      ...overrides,
    };
  };

  const withdrawal = (amount: number, overrides: Partial<Withdrawal> = {}): Withdrawal => ({
    withdrawalId: id('W'),
    buyerId,
    amount: { amount, currency: 'JPY' },
    bankAccount: { bankName: 'みずほ銀行', branch: '渋谷', accountNumber: '1234567', holder: 'ヤマダ ハナコ' },
    status: 'PENDING',
    requestedAt: '2021-03-10T08:00:00.000Z',
    updatedAt: '2021-03-10T08:00:00.000Z',
    version: 0,
    ...overrides,
  });

  const event = (orderNo: string, at: string, type = 'NOTE'): TimelineEvent => ({
    orderNo,
    at,
    type,
    actor: { role: 'seller', id: sellerId },
    detail: `${type} at ${at}`,
  });

  return { tag, id, sellerId, buyerId, order, claim, refund, message, balance, entry, withdrawal, event };
}
export type TestData = ReturnType<typeof testData>;

/** Every page of a list, with checks that hold for any list: no page over its limit, only the last one short. */
export async function pageAll<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read({ limit, ...(cursor === undefined ? {} : { cursor }) });
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined) expect(page.items.length).toBe(limit);
    items.push(...page.items);
    if (pages > 500) throw new Error('more than 500 pages: the cursor does not move on');
  } while (cursor !== undefined);
  return { items, pages };
}

/** Pages of a list shared with other tests, newest first, until the last page or one that goes past `done`. */
export async function pageUntil<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  done: (item: T) => boolean,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await read({ limit, ...(cursor === undefined ? {} : { cursor }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor === undefined || page.items.some(done)) return items;
  }
  throw new Error('more than 500 pages');
}

export const expectConflict = (promise: Promise<unknown>) =>
  expect(promise).rejects.toBeInstanceOf(ConcurrentChangeError);

/** A refusal that is not a conflict: a bug in the caller (too many items, one item twice), not a race to retry. */
export async function expectRefusedAsBug(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(ConcurrentChangeError);
}

export const orderNos = (orders: Order[]) => orders.map((o) => o.orderNo);
export const claimIds = (claims: Claim[]) => claims.map((c) => c.claimId);
export const sorted = (values: string[]) => [...values].sort();
export const newestOrdersFirst = (orders: Order[]) =>
  [...orders].sort((a, b) => (`${a.orderedAt}#${a.orderNo}` < `${b.orderedAt}#${b.orderNo}` ? 1 : -1));
export const newestClaimsFirst = (claims: Claim[]) =>
  [...claims].sort((a, b) => (`${a.requestedAt}#${a.claimId}` < `${b.requestedAt}#${b.claimId}` ? 1 : -1));

/** A search by order date, as the contract's tests put it: the period's bounds, a status read on `today` (Japan). */
export function byOrderDate(query: {
  sellerId?: string;
  from: string;
  to: string;
  status?: OrderStatus;
  today: string;
}): OrderQuery {
  const { sellerId, today, ...criteria } = query;
  return {
    ...(sellerId ? { sellerId } : {}),
    criteria: { dateType: 'ORDERED', ...criteria },
    asOf: new Date(`${today}T12:00:00+09:00`).toISOString(),
  };
}

export const NO_STANDING = { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 };

/** What changed between two readings of the counts: only the counts that moved. */
export function countsDelta(before: StatusCounts, after: StatusCounts): StatusCounts {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)] as const)
        .filter(([, d]) => d !== 0),
    );
  const line = (key: keyof StatusCounts['standing']) => after.standing[key] - before.standing[key];
  const standing = {
    sellerFaultOrders: line('sellerFaultOrders'),
    cancelledWhileDelayed: line('cancelledWhileDelayed'),
    refundedForDelay: line('refundedForDelay'),
  };
  return { orders: diff(before.orders, after.orders), claims: diff(before.claims, after.claims), standing };
}
