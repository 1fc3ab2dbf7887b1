// The ClaimStore port's contract: what every store must do, observable through the port alone. It
// runs against the in-memory fake the use-case tests rely on (test/shared/contract) and against the
// DynamoDB store over DynamoDB Local (test/e2e), so that the fake cannot drift from the real store.
//
// The DynamoDB table is shared with every other file of the stack, running at the same time. So:
// - every test makes its own ids (a random tag): sellers, buyers, orders, carts, claims;
// - what spans sellers (the overall counts, the operator's lists) is asserted only on the test's
//   own items, on deltas, or in a time window (a random far year) that only that test writes to;
// - open claims are written as changed far in the future (NOT_STALE), so that the stack's
//   reconciler, which takes open claims unchanged for a few seconds, never touches them.

import { randomBytes, randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Cart,
  ClaimQuery,
  ClaimStore,
  OrderQuery,
  StatusCounts,
  TimelineEvent,
  WaitFor,
  Write,
} from '../../shared/app/ports/claim-store.js';
import type { Page, PageRequest } from '../../shared/app/ports/pages.js';
import { ConcurrentChangeError, InvalidCursorError } from '../../shared/app/ports/port-errors.js';
import type { Claim, ClaimStatus } from '../../shared/domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../shared/domain/message.js';
import type { Order, OrderStatus } from '../../shared/domain/order.js';
import type { Refund } from '../../shared/domain/refund.js';
import { changeOf } from '../../shared/app/change-set.js';

export type MakeStore = () => Promise<{ store: ClaimStore; cleanup?: () => Promise<void> }>;

/** A claim's last change, far ahead: never stale for the local stack's reconciler. */
const NOT_STALE = '2999-12-31T00:00:00.000Z';

/** A year no other test writes orders or claims in: for what is read across sellers. */
const privateYear = () => 2100 + randomInt(800);

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
type TestData = ReturnType<typeof testData>;

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
async function pageUntil<T>(
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

const expectConflict = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(ConcurrentChangeError);

/** A refusal that is not a conflict: a bug in the caller (too many items, one item twice), not a race to retry. */
async function expectRefusedAsBug(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(ConcurrentChangeError);
}

const orderNos = (orders: Order[]) => orders.map((o) => o.orderNo);
const claimIds = (claims: Claim[]) => claims.map((c) => c.claimId);
const sorted = (values: string[]) => [...values].sort();
const newestOrdersFirst = (orders: Order[]) =>
  [...orders].sort((a, b) => (`${a.orderedAt}#${a.orderNo}` < `${b.orderedAt}#${b.orderNo}` ? 1 : -1));
const newestClaimsFirst = (claims: Claim[]) =>
  [...claims].sort((a, b) => (`${a.requestedAt}#${a.claimId}` < `${b.requestedAt}#${b.claimId}` ? 1 : -1));

/** A search by order date, as the contract's tests put it: the period's bounds, a status read on `today` (Japan). */
function byOrderDate(query: {
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

const NO_STANDING = { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 };

/** What changed between two readings of the counts: only the counts that moved. */
function countsDelta(before: StatusCounts, after: StatusCounts): StatusCounts {
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

/** One kind of versioned entity, to run the version rules over each. */
interface Versioned<T extends { version: number }> {
  entity: string;
  make(d: TestData): T;
  /** The write of a value read at its version (0: new). */
  write(value: T): Write;
  read(store: ClaimStore, value: T): Promise<T | undefined>;
  /** Some change of content. */
  change(value: T): T;
}

const VERSIONED: Versioned<{ version: number }>[] = [
  {
    entity: 'order',
    make: (d) => d.order(),
    write: (value: Order) => ({ entity: 'order', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Order) => store.getOrder(value.orderNo),
    change: (value: Order) => ({
      ...value,
      item: { ...value.item, quantity: value.item.quantity + 1 },
      updatedAt: '2021-03-11T00:00:00.000Z',
    }),
  } satisfies Versioned<Order>,
  {
    entity: 'claim',
    make: (d) => d.claim(),
    write: (value: Claim) => ({ entity: 'claim', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Claim) => store.getClaim(value.claimId),
    change: (value: Claim) => ({ ...value, sellerMemo: `${value.sellerMemo ?? ''}+` }),
  } satisfies Versioned<Claim>,
  {
    entity: 'refund',
    make: (d) => d.refund(d.id('O')),
    write: (value: Refund) => ({ entity: 'refund', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Refund) => store.getRefund(value.orderNo, value.refundId),
    change: (value: Refund) => ({ ...value, attempts: value.attempts + 1 }),
  } satisfies Versioned<Refund>,
  {
    entity: 'message',
    make: (d) => d.message(d.id('O')),
    write: (value: BuyerMessage) => ({ entity: 'message', value }),
    read: (store, value: BuyerMessage) => store.getMessage(value.orderNo, value.messageId),
    change: (value: BuyerMessage) => ({ ...value, emailAttempts: value.emailAttempts + 1 }),
  } satisfies Versioned<BuyerMessage>,
  {
    entity: 'balance',
    make: (d) => d.balance(1000),
    write: (value: Balance) => ({ entity: 'balance', value }),
    read: async (store, value: Balance) => {
      const { balance } = await store.buyerLedger(value.buyerId);
      return balance.version === 0 ? undefined : balance;
    },
    change: (value: Balance) => ({ ...value, balance: { ...value.balance, amount: value.balance.amount + 100 } }),
  } satisfies Versioned<Balance>,
  {
    entity: 'withdrawal',
    make: (d) => d.withdrawal(500),
    write: (value: Withdrawal) => ({ entity: 'withdrawal', value, from: value.version === 0 ? null : value.status }),
    read: async (store, value: Withdrawal) =>
      (await store.buyerLedger(value.buyerId)).withdrawals.find((w) => w.withdrawalId === value.withdrawalId),
    change: (value: Withdrawal) => ({ ...value, status: 'COMPLETED', bankReference: 'BT-1' }),
  } satisfies Versioned<Withdrawal>,
] as Versioned<{ version: number }>[];

export function claimStoreContract(name: string, makeStore: MakeStore): void {
  describe(`ClaimStore contract: ${name}`, () => {
    let store: ClaimStore;
    let cleanup: (() => Promise<void>) | undefined;
    let d: TestData;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      d = testData();
    });
    afterEach(async () => {
      await cleanup?.();
    });

    const newOrder = async (overrides: Partial<Order> = {}) => {
      const order = d.order(overrides);
      await store.commit(changeOf([{ entity: 'order', value: order, from: null }]));
      return (await store.getOrder(order.orderNo))!;
    };
    const newClaim = async (overrides: Partial<Claim> = {}) => {
      const claim = d.claim(overrides);
      await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
      return (await store.getClaim(claim.claimId))!;
    };
    const newRefund = async (orderNo: string, overrides: Partial<Refund> = {}) => {
      const refund = d.refund(orderNo, overrides);
      await store.commit(changeOf([{ entity: 'refund', value: refund, from: null }]));
      return (await store.getRefund(orderNo, refund.refundId))!;
    };
    /** Writes an order read at its version, in a new status or the same. */
    const moveOrder = (order: Order, changes: Partial<Order>): Write => ({
      entity: 'order',
      value: { ...order, ...changes },
      from: order.status,
    });
    const moveClaim = (claim: Claim, changes: Partial<Claim>): Write => ({
      entity: 'claim',
      value: { ...claim, ...changes },
      from: claim.status,
    });

    describe('versions', () => {
      for (const kind of VERSIONED) {
        it(
          `${kind.entity}: a new one is stored as given at version 1, and each write stores the next ` + `version`,
          async () => {
            const value = kind.make(d);
            expect(await kind.read(store, value)).toBeUndefined();
            await store.commit(changeOf([kind.write(value)]));
            const first = await kind.read(store, value);
            expect(first).toEqual({ ...value, version: 1 });
            const changed = kind.change(first!);
            await store.commit(changeOf([kind.write(changed)]));
            expect(await kind.read(store, value)).toEqual({ ...changed, version: 2 });
          },
        );

        it(
          `${kind.entity}: version 0 means it must not exist yet: a second new one conflicts and changes ` + `nothing`,
          async () => {
            const value = kind.make(d);
            await store.commit(changeOf([kind.write(value)]));
            await expectConflict(store.commit(changeOf([kind.write(kind.change(value))])));
            expect(await kind.read(store, value)).toEqual({ ...value, version: 1 });
          },
        );

        it(`${kind.entity}: a write at any version but the stored one conflicts and changes nothing`, async () => {
          const value = kind.make(d);
          // Not there: no version but 0 may write it.
          await expectConflict(store.commit(changeOf([kind.write({ ...value, version: 1 })])));
          expect(await kind.read(store, value)).toBeUndefined();
          await store.commit(changeOf([kind.write(value)]));
          const first = (await kind.read(store, value))!;
          await store.commit(changeOf([kind.write(kind.change(first))]));
          const second = (await kind.read(store, value))!;
          // Stale (read before the last write), and ahead of the store.
          await expectConflict(store.commit(changeOf([kind.write(kind.change(kind.change(first)))])));
          await expectConflict(store.commit(changeOf([kind.write({ ...kind.change(second), version: 3 })])));
          expect(await kind.read(store, value)).toEqual(second);
          expect(second.version).toBe(2);
        });
      }
    });

    describe('commit', () => {
      it('writes nothing for no writes', async () => {
        const counts = await store.statusCounts();
        await expect(store.commit(changeOf([]))).resolves.toBeUndefined();
        expect(await store.statusCounts()).toEqual(counts);
      });

      // Each case: something that makes the commit fail, prepared beforehand.
      const failures: { what: string; prepare: () => Promise<Write> }[] = [
        {
          what: 'an order written at a stale version',
          prepare: async () => {
            const order = await newOrder();
            await store.commit(changeOf([moveOrder(order, { status: 'PREPARING' })]));
            return moveOrder(order, { status: 'IN_TRANSIT' });
          },
        },
        {
          what: 'a claim that already exists, written as new',
          prepare: async () => ({ entity: 'claim', value: { ...(await newClaim()), version: 0 }, from: null }),
        },
        {
          what: 'a ledger entry already there',
          prepare: async () => {
            const entry = d.entry(700, { buyerId: d.id('B') });
            await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
            return { entity: 'ledger', value: entry };
          },
        },
        {
          what: 'a cart of another buyer',
          prepare: async () => {
            const cart: Cart = { cartNo: d.id('CART'), buyerId: d.id('B') };
            await store.commit(changeOf([{ entity: 'cart', value: cart }]));
            return { entity: 'cart', value: { ...cart, buyerId: d.id('B') } };
          },
        },
        {
          what: 'a wait at a stale version',
          prepare: async () => {
            const claim = await newClaim();
            await store.commit(changeOf([moveClaim(claim, { status: 'IN_PROGRESS' })]));
            return {
              entity: 'wait',
              value: { waitFor: { claimId: claim.claimId }, token: 'stale-token', version: claim.version },
            };
          },
        },
      ];
      for (const failure of failures) {
        it(`is all or nothing: with ${failure.what}, it conflicts and nothing of it is written`, async () => {
          const failing = await failure.prepare();
          const countsBefore = await store.statusCounts(d.sellerId);
          const order = d.order();
          const claim = d.claim({ orderNo: order.orderNo });
          const refund = d.refund(order.orderNo, { claimId: claim.claimId });
          const message = d.message(order.orderNo);
          const buyerId = d.id('B');
          const writes: Write[] = [
            { entity: 'order', value: order, from: null },
            { entity: 'cart', value: { cartNo: order.cartNo, buyerId } },
            { entity: 'claim', value: claim, from: null },
            { entity: 'refund', value: refund, from: null },
            { entity: 'message', value: message },
            { entity: 'event', value: d.event(order.orderNo, '2021-03-10T09:00:00.000Z') },
            { entity: 'ledger', value: d.entry(3200, { buyerId }) },
            { entity: 'balance', value: d.balance(3200, { buyerId }) },
            { entity: 'withdrawal', value: d.withdrawal(100, { buyerId }), from: null },
          ];
          // Wherever the failing write stands.
          await expectConflict(store.commit(changeOf([...writes, failing])));
          await expectConflict(store.commit(changeOf([failing, ...writes])));
          expect(await store.getOrder(order.orderNo)).toBeUndefined();
          expect(await store.orderRecords(order.orderNo)).toBeUndefined();
          expect(await store.getCart(order.cartNo)).toBeUndefined();
          expect(await store.getClaim(claim.claimId)).toBeUndefined();
          expect(await store.getRefund(order.orderNo, refund.refundId)).toBeUndefined();
          expect(await store.getMessage(order.orderNo, message.messageId)).toBeUndefined();
          expect(await store.buyerLedger(buyerId)).toEqual({
            balance: emptyBalance(buyerId),
            entries: [],
            withdrawals: [],
          });
          expect(await store.statusCounts(d.sellerId)).toEqual(countsBefore);
          // And the same writes without the failing one go through.
          await store.commit(changeOf(writes));
          expect(await store.getOrder(order.orderNo)).toEqual({ ...order, version: 1 });
          expect((await store.buyerLedger(buyerId)).entries).toHaveLength(1);
        });
      }

      it('a commit that names one item twice is refused, and nothing of it is written', async () => {
        const claim = await newClaim();
        const order = d.order();
        const entry = d.entry(100);
        const others: Write[] = [
          { entity: 'order', value: order, from: null },
          { entity: 'event', value: d.event(order.orderNo, '2021-03-10T09:00:00.000Z') },
        ];
        await expectRefusedAsBugOrConflict(
          store.commit(changeOf([...others, { entity: 'ledger', value: entry }, { entity: 'ledger', value: entry }])),
        );
        await expectRefusedAsBugOrConflict(
          store.commit(
            changeOf([
              ...others,
              moveClaim(claim, { status: 'IN_PROGRESS' }),
              { entity: 'wait', value: { waitFor: { claimId: claim.claimId }, token: 'T-1', version: claim.version } },
            ]),
          ),
        );
        const again = d.order();
        await expectRefusedAsBugOrConflict(
          store.commit(
            changeOf([
              ...others,
              { entity: 'order', value: again, from: null },
              { entity: 'order', value: { ...again, status: 'PREPARING' }, from: null },
            ]),
          ),
        );
        expect(await store.getOrder(order.orderNo)).toBeUndefined();
        expect(await store.getOrder(again.orderNo)).toBeUndefined();
        expect((await store.buyerLedger(d.buyerId)).entries).toEqual([]);
        expect(await store.getClaim(claim.claimId)).toEqual(claim);
        expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: {},
          claims: { REQUESTED: 1 },
          standing: NO_STANDING,
        });
      });

      /**
       * DynamoDB refuses one item twice (a bug in the caller); DynamoDB Local may report the second write's condition
       * instead.
       */
      async function expectRefusedAsBugOrConflict(promise: Promise<unknown>) {
        await expect(promise).rejects.toBeInstanceOf(Error);
      }

      const events = (orderNo: string, count: number): Write[] =>
        Array.from({ length: count }, (_, i) => ({
          entity: 'event',
          value: d.event(
            orderNo,
            `2021-03-10T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
          ),
        }));

      it(
        'more than 100 items in one commit is an Error, not a conflict, and nothing of it is written; 100 are ' +
          'written',
        async () => {
          const order = await newOrder();
          await expectRefusedAsBug(store.commit(changeOf(events(order.orderNo, 101))));
          expect((await store.orderRecords(order.orderNo))!.timeline).toEqual([]);
          await store.commit(changeOf(events(order.orderNo, 100)));
          expect((await store.orderRecords(order.orderNo))!.timeline).toHaveLength(100);
        },
      );

      it('the counts a commit changes are items of it: one for the seller, one for the whole marketplace', async () => {
        const order = await newOrder();
        const fresh = d.order();
        // 98 events + the new order + its two counts = 101.
        await expectRefusedAsBug(
          store.commit(changeOf([...events(order.orderNo, 98), { entity: 'order', value: fresh, from: null }])),
        );
        expect(await store.getOrder(fresh.orderNo)).toBeUndefined();
        // 97 + 1 + 2 = 100.
        await store.commit(changeOf([...events(order.orderNo, 97), { entity: 'order', value: fresh, from: null }]));
        expect(await store.getOrder(fresh.orderNo)).toMatchObject({ version: 1 });
        // A write that leaves the status as it was changes no count: 99 events + the order = 100.
        await store.commit(
          changeOf([...events(order.orderNo, 99), moveOrder(order, { updatedAt: '2021-03-12T00:00:00.000Z' })]),
        );
        // Moves that cancel out change no count either: 98 + 2 = 100.
        const fresher = (await store.getOrder(fresh.orderNo))!;
        const prepared = (await store.getOrder(order.orderNo))!;
        await store.commit(changeOf([moveOrder(prepared, { status: 'PREPARING' })]));
        const preparing = (await store.getOrder(order.orderNo))!;
        await store.commit(
          changeOf([
            ...events(order.orderNo, 98),
            moveOrder(preparing, { status: 'NEW' }),
            moveOrder(fresher, { status: 'PREPARING' }),
          ]),
        );
        expect((await store.orderRecords(order.orderNo))!.timeline).toHaveLength(97 + 99 + 98);
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 1, PREPARING: 1 },
          claims: {},
          standing: NO_STANDING,
        });
      });

      it('a wait is two items (the token, and its owner’s version)', async () => {
        const order = await newOrder();
        const claim = await newClaim();
        const wait: Write = {
          entity: 'wait',
          value: { waitFor: { claimId: claim.claimId }, token: 'T-100', version: claim.version },
        };
        await expectRefusedAsBug(store.commit(changeOf([...events(order.orderNo, 99), wait])));
        expect(await store.waitToken({ claimId: claim.claimId })).toBeUndefined();
        await store.commit(changeOf([...events(order.orderNo, 98), wait]));
        expect(await store.waitToken({ claimId: claim.claimId })).toBe('T-100');
      });
    });

    describe('append-only entries, and carts', () => {
      it(
        'a ledger entry is only added: a second one with the same id conflicts, and the first stays as it ' + 'was',
        async () => {
          const entry = d.entry(1500);
          await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
          await expectConflict(
            store.commit(
              changeOf([{ entity: 'ledger', value: { ...entry, amount: { amount: 9999, currency: 'JPY' } } }]),
            ),
          );
          await expectConflict(store.commit(changeOf([{ entity: 'ledger', value: entry }])));
          expect((await store.buyerLedger(d.buyerId)).entries).toEqual([entry]);
        },
      );

      it('a ledger entry id is the buyer’s: another buyer’s entry of the same id is another entry', async () => {
        const entry = d.entry(1500);
        const otherBuyer = d.id('B');
        await store.commit(changeOf([{ entity: 'ledger', value: entry }]));
        await store.commit(changeOf([{ entity: 'ledger', value: { ...entry, buyerId: otherBuyer } }]));
        expect((await store.buyerLedger(d.buyerId)).entries).toEqual([entry]);
        expect((await store.buyerLedger(otherBuyer)).entries).toEqual([{ ...entry, buyerId: otherBuyer }]);
      });

      it(
        'timeline events are only added: the same event twice, and events of the same moment, are all ' + 'kept',
        async () => {
          const order = await newOrder();
          const event = d.event(order.orderNo, '2021-03-10T09:00:00.000Z', 'SHIPPED');
          const sameMoment = d.event(order.orderNo, '2021-03-10T09:00:00.000Z', 'MESSAGE_SENT');
          await store.commit(changeOf([{ entity: 'event', value: event }]));
          await store.commit(changeOf([{ entity: 'event', value: event }]));
          await store.commit(changeOf([{ entity: 'event', value: sameMoment }]));
          const { timeline } = (await store.orderRecords(order.orderNo))!;
          expect(timeline).toHaveLength(3);
          expect(timeline).toEqual(expect.arrayContaining([event, event, sameMoment]));
          expect(timeline.filter((e) => e.type === 'SHIPPED')).toEqual([event, event]);
        },
      );

      it(
        'a cart belongs to its first buyer: its buyer may write it again, another buyer’s write conflicts and ' +
          'changes nothing',
        async () => {
          const first = d.order();
          const cart: Cart = { cartNo: first.cartNo, buyerId: d.buyerId };
          expect(await store.getCart(cart.cartNo)).toBeUndefined();
          await store.commit(
            changeOf([
              { entity: 'order', value: first, from: null },
              { entity: 'cart', value: cart },
            ]),
          );
          expect(await store.getCart(cart.cartNo)).toEqual(cart);
          const second = d.order({ cartNo: cart.cartNo });
          await store.commit(
            changeOf([
              { entity: 'order', value: second, from: null },
              { entity: 'cart', value: cart },
            ]),
          );
          const otherBuyer = { id: d.id('B'), email: 'taro@example.jp', country: 'JP' };
          const intruder = d.order({ cartNo: cart.cartNo, buyer: otherBuyer });
          await expectConflict(
            store.commit(
              changeOf([
                { entity: 'order', value: intruder, from: null },
                { entity: 'cart', value: { cartNo: cart.cartNo, buyerId: otherBuyer.id } },
              ]),
            ),
          );
          await expectConflict(
            store.commit(changeOf([{ entity: 'cart', value: { cartNo: cart.cartNo, buyerId: otherBuyer.id } }])),
          );
          expect(await store.getCart(cart.cartNo)).toEqual(cart);
          expect(await store.getOrder(intruder.orderNo)).toBeUndefined();
          expect(sorted(orderNos(await store.ordersOfCart(cart.cartNo)))).toEqual(
            sorted([first.orderNo, second.orderNo]),
          );
        },
      );
    });

    describe('waits', () => {
      it(
        'a wait on a claim stores its token for waitToken and leaves the claim as it was; no read of the claim ' +
          'carries the token',
        async () => {
          const claim = await newClaim();
          const waitFor: WaitFor = { claimId: claim.claimId };
          const token = `token-${d.tag}-secret`;
          expect(await store.waitToken(waitFor)).toBeUndefined();
          await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token, version: claim.version } }]));
          expect(await store.waitToken(waitFor)).toBe(token);
          const after = await store.getClaim(claim.claimId);
          expect(after).toEqual(claim);
          const reads = [
            after,
            await store.getClaims([claim.claimId]),
            await store.listClaims({ sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' }, { limit: 10 }),
          ];
          for (const read of reads) expect(JSON.stringify(read)).not.toContain(token);
          // Another claim has no token.
          expect(await store.waitToken({ claimId: (await newClaim()).claimId })).toBeUndefined();
        },
      );

      it(
        'a wait read before a decision conflicts; a decision after a wait goes through, and finds its ' + 'token',
        async () => {
          const claim = await newClaim({ status: 'AWAITING_APPROVAL' });
          const waitFor: WaitFor = { claimId: claim.claimId };
          await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-1', version: claim.version } }]));
          // The decision read the claim before the token was written: it goes through, and reads the token after its
          // write.
          await store.commit(changeOf([moveClaim(claim, { status: 'IN_PROGRESS' })]));
          expect(await store.waitToken(waitFor)).toBe('T-1');
          // A token written on the claim as read before the decision does not go through.
          await expectConflict(
            store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-2', version: claim.version } }])),
          );
          expect(await store.waitToken(waitFor)).toBe('T-1');
          const decided = (await store.getClaim(claim.claimId))!;
          expect(decided).toMatchObject({ status: 'IN_PROGRESS', version: claim.version + 1 });
          // A later wait, on the claim as it is, replaces the token.
          await store.commit(
            changeOf([{ entity: 'wait', value: { waitFor, token: 'T-3', version: decided.version } }]),
          );
          expect(await store.waitToken(waitFor)).toBe('T-3');
          expect(await store.getClaim(claim.claimId)).toEqual(decided);
        },
      );

      it(
        'a wait on a refund: the token for waitToken, the refund as it was; no read of the refund carries the ' +
          'token; a wait read before a change conflicts',
        async () => {
          const order = await newOrder();
          const refund = await newRefund(order.orderNo);
          const waitFor: WaitFor = { orderNo: order.orderNo, refundId: refund.refundId };
          const token = `token-${d.tag}-card`;
          expect(await store.waitToken(waitFor)).toBeUndefined();
          await store.commit(changeOf([{ entity: 'wait', value: { waitFor, token, version: refund.version } }]));
          expect(await store.waitToken(waitFor)).toBe(token);
          const after = await store.getRefund(order.orderNo, refund.refundId);
          expect(after).toEqual(refund);
          const records = (await store.orderRecords(order.orderNo))!;
          expect(records.refunds).toEqual([after]);
          for (const read of [after, records]) expect(JSON.stringify(read)).not.toContain(token);
          await store.commit(
            changeOf([{ entity: 'refund', value: { ...refund, status: 'COMPLETED' }, from: refund.status }]),
          );
          await expectConflict(
            store.commit(changeOf([{ entity: 'wait', value: { waitFor, token: 'T-OLD', version: refund.version } }])),
          );
          expect(await store.waitToken(waitFor)).toBe(token);
          // The claim waits apart: the same ids as a claim's have no token.
          expect(await store.waitToken({ claimId: refund.claimId })).toBeUndefined();
        },
      );

      it(
        'refunds waited for together: each keeps the token and the list of all; a refund waited for alone lists ' +
          'itself',
        async () => {
          const order = await newOrder();
          const [first, second] = [await newRefund(order.orderNo), await newRefund((await newOrder()).orderNo)];
          const together = [first, second].map((refund) => ({ orderNo: refund.orderNo, refundId: refund.refundId }));
          await store.commit(
            changeOf(
              [first, second].map((refund) => ({
                entity: 'wait' as const,
                value: {
                  waitFor: { orderNo: refund.orderNo, refundId: refund.refundId },
                  token: 'T-BOTH',
                  version: refund.version,
                  together,
                },
              })),
            ),
          );
          for (const waitFor of together)
            expect(await store.refundWait(waitFor)).toEqual({ token: 'T-BOTH', together });
          const alone = await newRefund((await newOrder()).orderNo);
          const waitFor = { orderNo: alone.orderNo, refundId: alone.refundId };
          expect(await store.refundWait(waitFor)).toBeUndefined();
          await store.commit(
            changeOf([{ entity: 'wait', value: { waitFor, token: 'T-ALONE', version: alone.version } }]),
          );
          expect(await store.refundWait(waitFor)).toEqual({ token: 'T-ALONE', together: [waitFor] });
        },
      );

      it('a wait on a claim or a refund that does not exist conflicts, and stores no token', async () => {
        const claimId = d.id('C');
        const orderNo = d.id('O');
        for (const version of [0, 1]) {
          await expectConflict(
            store.commit(changeOf([{ entity: 'wait', value: { waitFor: { claimId }, token: 'T-X', version } }])),
          );
          await expectConflict(
            store.commit(
              changeOf([
                {
                  entity: 'wait',
                  value: { waitFor: { orderNo, refundId: `${claimId}.${orderNo}` }, token: 'T-X', version },
                },
              ]),
            ),
          );
        }
        expect(await store.waitToken({ claimId })).toBeUndefined();
        expect(await store.waitToken({ orderNo, refundId: `${claimId}.${orderNo}` })).toBeUndefined();
        expect(await store.getClaim(claimId)).toBeUndefined();
        expect(await store.getRefund(orderNo, `${claimId}.${orderNo}`)).toBeUndefined();
      });
    });

    describe('reads by id', () => {
      it('getOrder, getClaim, getRefund, getMessage, getCart: undefined for what is not there', async () => {
        const order = await newOrder();
        const refund = await newRefund(order.orderNo);
        expect(await store.getOrder(d.id('O'))).toBeUndefined();
        expect(await store.getClaim(d.id('C'))).toBeUndefined();
        expect(await store.getRefund(order.orderNo, d.id('C'))).toBeUndefined();
        // A refund or a message is its order's: not found under another order.
        expect(await store.getRefund(d.id('O'), refund.refundId)).toBeUndefined();
        const message = d.message(order.orderNo);
        await store.commit(changeOf([{ entity: 'message', value: message }]));
        expect(await store.getMessage(order.orderNo, message.messageId)).toEqual({ ...message, version: 1 });
        expect(await store.getMessage(d.id('O'), message.messageId)).toBeUndefined();
        expect(await store.getCart(d.id('CART'))).toBeUndefined();
      });

      it('getOrders and getClaims: those found, each once, whatever is missing; none for no ids', async () => {
        const orders = [await newOrder(), await newOrder(), await newOrder()];
        const claims = [await newClaim(), await newClaim()];
        const [a, b, c] = orders as [Order, Order, Order];
        const found = await store.getOrders([a.orderNo, d.id('O'), b.orderNo, a.orderNo]);
        expect(sorted(orderNos(found))).toEqual(sorted([a.orderNo, b.orderNo]));
        expect(found.find((o) => o.orderNo === a.orderNo)).toEqual(a);
        expect(await store.getOrders([])).toEqual([]);
        // More ids than one batch read takes.
        const many = [...Array.from({ length: 110 }, () => d.id('O')), c.orderNo, a.orderNo];
        expect(sorted(orderNos(await store.getOrders(many)))).toEqual(sorted([a.orderNo, c.orderNo]));
        const foundClaims = await store.getClaims([
          claims[1]!.claimId,
          d.id('C'),
          claims[0]!.claimId,
          claims[1]!.claimId,
        ]);
        expect(sorted(claimIds(foundClaims))).toEqual(sorted(claimIds(claims)));
        expect(foundClaims.find((x) => x.claimId === claims[0]!.claimId)).toEqual(claims[0]);
        expect(await store.getClaims([])).toEqual([]);
      });

      it('ordersOfCart: every order of the cart, whoever’s seller, and none of another cart', async () => {
        const cartNo = d.id('CART');
        const mine = [await newOrder({ cartNo }), await newOrder({ cartNo, sellerId: d.id('S') })];
        await newOrder({ cartNo: `${cartNo}0` });
        await newOrder();
        const found = await store.ordersOfCart(cartNo);
        expect(sorted(orderNos(found))).toEqual(sorted(orderNos(mine)));
        expect(found.find((o) => o.orderNo === mine[1]!.orderNo)).toEqual(mine[1]);
        expect(await store.ordersOfCart(d.id('CART'))).toEqual([]);
      });

      it(
        'orderRecords: the order with its own refunds, messages and timeline (in time order), nothing of another ' +
          'order; undefined without the order',
        async () => {
          const order = await newOrder();
          const other = await newOrder({ orderNo: `${order.orderNo}0` });
          const refunds = [d.refund(order.orderNo), d.refund(order.orderNo)];
          const messages = [d.message(order.orderNo), d.message(order.orderNo)];
          const times = ['2021-03-10T09:00:03.000Z', '2021-03-10T09:00:01.000Z', '2021-03-10T09:00:02.000Z'];
          await store.commit(
            changeOf([
              { entity: 'refund', value: refunds[1]!, from: null },
              { entity: 'message', value: messages[1]! },
              { entity: 'event', value: d.event(order.orderNo, times[0]!, 'THIRD') },
            ]),
          );
          await store.commit(
            changeOf([
              { entity: 'refund', value: refunds[0]!, from: null },
              { entity: 'event', value: d.event(order.orderNo, times[1]!, 'FIRST') },
            ]),
          );
          await store.commit(
            changeOf([
              { entity: 'message', value: messages[0]! },
              { entity: 'event', value: d.event(order.orderNo, times[2]!, 'SECOND') },
            ]),
          );
          await store.commit(
            changeOf([
              { entity: 'refund', value: d.refund(other.orderNo), from: null },
              { entity: 'message', value: d.message(other.orderNo) },
              { entity: 'event', value: d.event(other.orderNo, '2021-03-10T09:00:00.000Z', 'OTHER') },
            ]),
          );
          // A card refund's token lives beside it, and is not one of the records.
          await store.commit(
            changeOf([
              {
                entity: 'wait',
                value: {
                  waitFor: { orderNo: order.orderNo, refundId: refunds[0]!.refundId },
                  token: 'T-R',
                  version: 1,
                },
              },
            ]),
          );

          const records = (await store.orderRecords(order.orderNo))!;
          expect(records.order).toEqual(order);
          const byRefundId = (r: Refund[]) => [...r].sort((x, y) => (x.refundId < y.refundId ? -1 : 1));
          expect(byRefundId(records.refunds)).toEqual(
            byRefundId([
              { ...refunds[0]!, version: 1 },
              { ...refunds[1]!, version: 1 },
            ]),
          );
          const byMessageId = (m: BuyerMessage[]) => [...m].sort((x, y) => (x.messageId < y.messageId ? -1 : 1));
          expect(byMessageId(records.messages)).toEqual(byMessageId(messages.map((m) => ({ ...m, version: 1 }))));
          expect(records.timeline).toEqual([
            d.event(order.orderNo, times[1]!, 'FIRST'),
            d.event(order.orderNo, times[2]!, 'SECOND'),
            d.event(order.orderNo, times[0]!, 'THIRD'),
          ]);
          expect(await store.orderRecords(d.id('O'))).toBeUndefined();
          // An order without anything yet.
          const bare = await newOrder();
          expect(await store.orderRecords(bare.orderNo)).toEqual({
            order: bare,
            refunds: [],
            messages: [],
            timeline: [],
          });
        },
      );
    });

    describe('searchOrders', () => {
      it(
        'pages in the sort order of the keys (bytes, not the locale): order numbers of mixed case are each listed ' +
          'once',
        async () => {
          const same = '2021-07-01T00:00:00.000Z';
          const lower = await newOrder({ orderNo: `a-${d.id('O')}`, orderedAt: same });
          const upper = await newOrder({ orderNo: `B-${d.id('O')}`, orderedAt: same });
          const query = { sellerId: d.sellerId, from: '2021-07-01', to: '2021-07-01', today: '2021-07-02' };
          const { items } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), 1);
          expect(orderNos(items).sort()).toEqual([lower.orderNo, upper.orderNo].sort());
        },
      );

      it('a cursor from below the range is an empty page, not an error', async () => {
        await newOrder({ orderedAt: '2021-08-01T00:00:00.000Z' });
        const forged = Buffer.from(JSON.stringify({ after: 'ORDER#0' })).toString('base64url');
        expect(
          await store.searchOrders(
            byOrderDate({ sellerId: d.sellerId, from: '2021-08-01', to: '2021-08-31', today: '2021-09-01' }),
            { limit: 10, cursor: forged },
          ),
        ).toEqual({ items: [], nextCursor: null });
      });

      it('by seller: that seller’s orders within the dates, both ends inclusive, newest first', async () => {
        const at = (orderedAt: string) => newOrder({ orderedAt });
        const first = await at('2021-04-01T00:00:00.000Z');
        const middle = await at('2021-04-15T12:00:00.000Z');
        const last = await at('2021-04-30T23:59:59.999Z');
        await at('2021-03-31T23:59:59.999Z');
        await at('2021-05-01T00:00:00.000Z');
        await newOrder({ orderedAt: '2021-04-10T00:00:00.000Z', sellerId: d.id('S') });
        const query = { sellerId: d.sellerId, from: '2021-04-01', to: '2021-04-30T23:59:59.999Z', today: '2021-06-15' };
        const page = await store.searchOrders(byOrderDate(query), { limit: 10 });
        expect(page).toEqual({ items: [last, middle, first], nextCursor: null });
        // A day as `to` runs to that day's end.
        expect(
          orderNos((await store.searchOrders(byOrderDate({ ...query, to: '2021-04-30' }), { limit: 10 })).items),
        ).toEqual(orderNos([last, middle, first]));
        expect(
          (await store.searchOrders(byOrderDate({ ...query, from: '2021-04-16', to: '2021-04-29' }), { limit: 10 }))
            .items,
        ).toEqual([]);
        expect((await store.searchOrders(byOrderDate({ ...query, sellerId: d.id('S') }), { limit: 10 })).items).toEqual(
          [],
        );
      });

      it('by effective status: an unshipped order past its ship date is DELAYED, whatever is stored', async () => {
        const today = '2021-06-15';
        const at = (day: number) => `2021-06-${String(day).padStart(2, '0')}T01:00:00.000Z`;
        const o = {
          pastShipDate: await newOrder({ orderedAt: at(1), status: 'NEW', expectedShipDate: '2021-06-14' }),
          shipsToday: await newOrder({ orderedAt: at(2), status: 'NEW', expectedShipDate: today }),
          noShipDate: await newOrder({ orderedAt: at(3), status: 'NEW' }),
          storedDelayed: await newOrder({ orderedAt: at(4), status: 'DELAYED' }),
          preparing: await newOrder({ orderedAt: at(5), status: 'PREPARING', expectedShipDate: '2021-06-20' }),
          shippedLate: await newOrder({ orderedAt: at(6), status: 'IN_TRANSIT', expectedShipDate: '2021-06-01' }),
          awaitingPaymentLate: await newOrder({
            orderedAt: at(7),
            status: 'PROCESSING',
            expectedShipDate: '2021-06-01',
          }),
          delayedRedated: await newOrder({ orderedAt: at(8), status: 'DELAYED', expectedShipDate: '2099-01-01' }),
        };
        const search = async (status: OrderStatus) =>
          orderNos(
            (
              await store.searchOrders(
                byOrderDate({
                  sellerId: d.sellerId,
                  from: '2021-06-01',
                  to: '2021-06-30T23:59:59.999Z',
                  status,
                  today,
                }),
                { limit: 100 },
              )
            ).items,
          );
        expect(await search('DELAYED')).toEqual(
          orderNos([o.delayedRedated, o.awaitingPaymentLate, o.storedDelayed, o.pastShipDate]),
        );
        expect(await search('NEW')).toEqual(orderNos([o.noShipDate, o.shipsToday]));
        expect(await search('PREPARING')).toEqual(orderNos([o.preparing]));
        expect(await search('IN_TRANSIT')).toEqual(orderNos([o.shippedLate]));
        expect(await search('PROCESSING')).toEqual([]);
      });

      it('a page at a time: newest first, every order once, none missed, only the last page short', async () => {
        const orders = [];
        for (let day = 1; day <= 6; day++)
          orders.push(await newOrder({ orderedAt: `2021-07-${String(day).padStart(2, '0')}T00:00:00.000Z` }));
        // Two of the same moment: the order number decides.
        orders.push(await newOrder({ orderedAt: '2021-07-03T00:00:00.000Z' }));
        await newOrder({ orderedAt: '2021-07-04T00:00:00.000Z', sellerId: d.id('S') });
        const expected = orderNos(newestOrdersFirst(orders));
        const query = { sellerId: d.sellerId, from: '2021-07-01', to: '2021-07-31T23:59:59.999Z', today: '2021-06-01' };
        for (const limit of [1, 2, 3, 7, 8, 100]) {
          const { items, pages } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
          expect(orderNos(items), `limit ${limit}`).toEqual(expected);
          expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        }
      });

      it.each(['PAID', 'SHIPPED'] as const)(
        'by %s date: a seller’s orders of that date within the period, newest first by it, a page at a time; orders ' +
          'without that date yet are not listed',
        async (dateType) => {
          const field = dateType === 'PAID' ? 'paidAt' : 'shippedAt';
          const day = (n: number) => `2021-10-${String(n).padStart(2, '0')}T03:00:00.000Z`;
          // Ordered long before: a period of payment or shipping dates finds them by that date alone.
          const dated = [3, 1, 5, 2].map((n) =>
            newOrder({ orderedAt: '2021-01-01T00:00:00.000Z', status: 'IN_TRANSIT', [field]: day(n) }),
          );
          const orders = await Promise.all(dated);
          await newOrder({ status: 'IN_TRANSIT', [field]: day(20) });
          await newOrder({ status: dateType === 'PAID' ? 'PROCESSING' : 'NEW', orderedAt: day(2) });
          await newOrder({ status: 'IN_TRANSIT', [field]: day(2), sellerId: d.id('S') });
          const query: OrderQuery = {
            sellerId: d.sellerId,
            criteria: { dateType, from: day(1), to: day(10) },
            asOf: day(11),
          };
          const expected = orderNos([...orders].sort((a, b) => (a[field]! < b[field]! ? 1 : -1)));
          for (const limit of [1, 3, 100]) {
            const { items, pages } = await pageAll((page) => store.searchOrders(query, page), limit);
            expect(orderNos(items), `limit ${limit}`).toEqual(expected);
            expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
          }
        },
      );

      it(
        'what the period’s orders must match: a product code, a buyer, a tracking number, a cart, each with a ' +
          'status',
        async () => {
          const at = '2021-11-02T00:00:00.000Z';
          const tea = await newOrder({ orderedAt: at, item: { code: 'TEA-X', name: '抹茶', quantity: 1 } });
          const buyer = { id: d.id('B'), email: 'criteria@example.jp', country: 'JP' };
          const bought = await newOrder({ orderedAt: at, buyer });
          const tracked = await newOrder({
            orderedAt: at,
            status: 'IN_TRANSIT',
            shippedAt: at,
            shipment: { carrier: 'Yamato', trackingNumber: '1234-5678' },
          });
          const carted = await newOrder({ orderedAt: at, cartNo: `CART-${d.id('C')}` });
          const query = (extra: Partial<OrderQuery['criteria']>): OrderQuery => ({
            sellerId: d.sellerId,
            criteria: { dateType: 'ORDERED', from: '2021-11-01', to: '2021-11-03', ...extra },
            asOf: '2021-11-04T00:00:00.000Z',
          });
          const found = async (extra: Partial<OrderQuery['criteria']>) =>
            orderNos((await store.searchOrders(query(extra), { limit: 10 })).items);
          expect(await found({ itemCode: 'TEA-X' })).toEqual([tea.orderNo]);
          expect(await found({ buyerId: buyer.id })).toEqual([bought.orderNo]);
          expect(await found({ trackingNumber: '1234-5678' })).toEqual([tracked.orderNo]);
          expect(await found({ trackingNumber: '1234-5678', status: 'NEW' })).toEqual([]);
          expect(await found({ cartNos: [carted.cartNo] })).toEqual([carted.orderNo]);
          expect(await found({ itemCode: 'NONE' })).toEqual([]);
        },
      );

      it('a buyer’s orders: across sellers, newest first, a page at a time, each once and as stored now', async () => {
        const buyer = { id: d.id('B'), email: 'contract-buyer@example.jp', country: 'JP' };
        const orders = [];
        for (let day = 1; day <= 5; day++)
          orders.push(
            await newOrder({
              buyer,
              orderedAt: `2021-09-${String(day).padStart(2, '0')}T00:00:00.000Z`,
              ...(day === 3 ? { sellerId: d.id('S') } : {}),
            }),
          );
        await newOrder({ orderedAt: '2021-09-02T00:00:00.000Z' });
        // A change after it was indexed shows: the index keeps keys only, the order is read itself.
        const changed = { ...orders[1]!, status: 'PREPARING' as const, expectedShipDate: '2021-09-10' };
        await store.commit(changeOf([moveOrder(orders[1]!, { status: 'PREPARING', expectedShipDate: '2021-09-10' })]));
        const expected = orderNos(newestOrdersFirst(orders));
        for (const limit of [1, 2, 5, 100]) {
          const { items, pages } = await pageAll((page) => store.buyerOrders(buyer.id, page), limit);
          expect(orderNos(items), `limit ${limit}`).toEqual(expected);
          expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
          expect(items.find((o) => o.orderNo === changed.orderNo)?.status).toBe('PREPARING');
        }
        expect(await store.buyerOrders(d.id('B'), { limit: 10 })).toEqual({ items: [], nextCursor: null });
      });

      it('a page at a time with a status: only the orders in that status, each once', async () => {
        const orders = [];
        for (let day = 1; day <= 9; day++)
          orders.push(
            await newOrder({
              orderedAt: `2021-08-${String(day).padStart(2, '0')}T00:00:00.000Z`,
              status: day % 2 ? 'NEW' : 'IN_TRANSIT',
            }),
          );
        const query = {
          sellerId: d.sellerId,
          from: '2021-08-01',
          to: '2021-08-31T23:59:59.999Z',
          status: 'NEW' as const,
          today: '2021-08-01',
        };
        const expected = orderNos(newestOrdersFirst(orders.filter((o) => o.status === 'NEW')));
        for (const limit of [1, 2, 5, 6]) {
          const { items, pages } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
          expect(orderNos(items), `limit ${limit}`).toEqual(expected);
          expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        }
      });

      it(
        'every seller’s orders (an operator’s search) over several months: newest first, each once, a page at a ' +
          'time',
        async () => {
          const year = privateYear();
          const at = (month: number, day: number) =>
            `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`;
          const otherSeller = d.id('S');
          const orders = [
            await newOrder({ orderedAt: at(1, 1) }),
            await newOrder({ orderedAt: at(1, 20), sellerId: otherSeller, status: 'IN_TRANSIT' }),
            await newOrder({ orderedAt: at(2, 5), status: 'IN_TRANSIT' }),
            await newOrder({ orderedAt: at(2, 6), sellerId: otherSeller }),
            await newOrder({ orderedAt: at(4, 30), status: 'IN_TRANSIT' }),
            await newOrder({ orderedAt: at(4, 30) }),
          ];
          await newOrder({ orderedAt: at(5, 1) });
          await newOrder({ orderedAt: `${year - 1}-12-31T23:59:59.999Z` });
          const mine = (items: Order[]) => items.filter((o) => o.sellerId === d.sellerId || o.sellerId === otherSeller);
          const query = { from: `${year}-01-01`, to: `${year}-04-30T23:59:59.999Z`, today: `${year}-01-01` };
          for (const limit of [1, 2, 4, 100]) {
            const { items } = await pageAll((page) => store.searchOrders(byOrderDate(query), page), limit);
            expect(new Set(orderNos(items)).size).toBe(items.length);
            expect(orderNos(mine(items)), `limit ${limit}`).toEqual(orderNos(newestOrdersFirst(orders)));
          }
          const { items: inTransit } = await pageAll(
            (page) => store.searchOrders(byOrderDate({ ...query, status: 'IN_TRANSIT' }), page),
            1,
          );
          expect(orderNos(mine(inTransit))).toEqual(
            orderNos(newestOrdersFirst(orders.filter((o) => o.status === 'IN_TRANSIT'))),
          );
        },
      );

      it('a cursor the store did not give out is an InvalidCursorError, for orders and for claims', async () => {
        await newOrder({ orderedAt: '2021-09-01T00:00:00.000Z' });
        await newOrder({ orderedAt: '2021-09-02T00:00:00.000Z' });
        await newClaim();
        await newClaim();
        const orderQuery = {
          sellerId: d.sellerId,
          from: '2021-09-01',
          to: '2021-09-30T23:59:59.999Z',
          today: '2021-09-01',
        };
        const claimQuery: ClaimQuery = { sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' };
        const orderCursor = (await store.searchOrders(byOrderDate(orderQuery), { limit: 1 })).nextCursor!;
        const claimCursor = (await store.listClaims(claimQuery, { limit: 1 })).nextCursor!;
        expect(orderCursor).toEqual(expect.any(String));
        expect(claimCursor).toEqual(expect.any(String));
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const forged = [
          'not-a-cursor',
          'bm90LW91cnM',
          encode({ after: 5 }),
          encode(['ORDER#']),
          encode(null),
          encode({ before: 'ORDER#2021' }),
          encode({ after: `ORDER#${'9'.repeat(300)}` }),
          encode({ after: `CLAIM#${'9'.repeat(300)}` }),
        ];
        for (const cursor of [...forged, claimCursor]) {
          await expect(
            store.searchOrders(byOrderDate(orderQuery), { limit: 1, cursor }),
            cursor,
          ).rejects.toBeInstanceOf(InvalidCursorError);
        }
        for (const cursor of [...forged, orderCursor]) {
          await expect(store.listClaims(claimQuery, { limit: 1, cursor }), cursor).rejects.toBeInstanceOf(
            InvalidCursorError,
          );
          await expect(
            store.staleOpenClaims('2000-01-01T00:00:00.000Z', { limit: 1, cursor }),
            cursor,
          ).rejects.toBeInstanceOf(InvalidCursorError);
        }
        // Its own cursors it takes.
        expect(
          (await store.searchOrders(byOrderDate(orderQuery), { limit: 1, cursor: orderCursor })).items,
        ).toHaveLength(1);
        expect((await store.listClaims(claimQuery, { limit: 1, cursor: claimCursor })).items).toHaveLength(1);
      });
    });

    describe('overdueOrders', () => {
      it(
        'a seller’s unshipped orders whose ship date is before today, whatever their stored status; they leave ' +
          'once shipped or re-dated',
        async () => {
          const today = '2021-06-15';
          const late = await newOrder({ status: 'NEW', expectedShipDate: '2021-06-14' });
          const lateWhilePreparing = await newOrder({ status: 'PREPARING', expectedShipDate: '2021-06-01' });
          const storedDelayed = await newOrder({ status: 'DELAYED', expectedShipDate: '2021-06-10' });
          const awaitingPayment = await newOrder({ status: 'PROCESSING', expectedShipDate: '2021-05-01' });
          await newOrder({ status: 'PROCESSING', expectedShipDate: today });
          await newOrder({ status: 'NEW' });
          await newOrder({ status: 'DELAYED' });
          await newOrder({ status: 'IN_TRANSIT', expectedShipDate: '2021-06-01' });
          await newOrder({ status: 'CANCELLED', expectedShipDate: '2021-06-01' });
          await newOrder({ status: 'CANCEL_REQUESTED', expectedShipDate: '2021-06-01' });
          await newOrder({ status: 'NEW', expectedShipDate: '2021-06-01', sellerId: d.id('S') });
          const overdue = async () => sorted(orderNos(await store.overdueOrders(d.sellerId, today)));
          expect(await overdue()).toEqual(sorted(orderNos([late, lateWhilePreparing, storedDelayed, awaitingPayment])));
          expect((await store.overdueOrders(d.sellerId, today)).find((o) => o.orderNo === late.orderNo)).toEqual(late);
          await store.commit(
            changeOf([moveOrder(late, { status: 'IN_TRANSIT', shippedAt: '2021-06-15T01:00:00.000Z' })]),
          );
          await store.commit(changeOf([moveOrder(lateWhilePreparing, { expectedShipDate: '2021-07-01' })]));
          expect(await overdue()).toEqual(sorted(orderNos([storedDelayed, awaitingPayment])));
          expect(await store.overdueOrders(d.sellerId, '2021-05-01')).toEqual([]);
          expect(await store.overdueOrders(d.id('S'), today)).toEqual([]);
        },
      );
    });

    describe('listClaims and countClaims', () => {
      const cutoff = '2021-03-10T00:00:00.000Z';

      it('every seller’s closed claims: two years back from now, the same claims whatever the page size', async () => {
        const year = 3000 + Math.floor(Math.random() * 5000);
        const inMonth = (y: number, m: string) => `${y}-${m}-15T00:00:00.000Z`;
        const kept = [
          await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year, '06') }),
          await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year - 1, '07') }),
        ];
        await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year - 3, '06') });
        await newClaim({ status: 'WITHDRAWN', requestedAt: inMonth(year + 1, '01') });
        const query: ClaimQuery = { status: 'WITHDRAWN', delayCutoff: cutoff, asOf: inMonth(year, '06') };
        for (const limit of [1, 2, 100]) {
          const { items } = await pageAll((page) => store.listClaims(query, page), limit);
          expect(
            claimIds(items).filter((id) => kept.some((k) => k.claimId === id)),
            `limit ${limit}`,
          ).toEqual(claimIds(kept));
          expect(items.filter((c) => c.sellerId === d.sellerId).length, `limit ${limit}`).toBe(2);
        }
      });

      it(
        'by seller: that seller’s claims only (not its orders), newest first, every claim once a page at a ' + 'time',
        async () => {
          const claims = [];
          for (let day = 1; day <= 6; day++)
            claims.push(
              await newClaim({
                requestedAt: `2021-03-${String(day).padStart(2, '0')}T00:00:00.000Z`,
                status: day % 2 ? 'REQUESTED' : 'COMPLETED',
              }),
            );
          claims.push(await newClaim({ requestedAt: '2021-03-04T00:00:00.000Z' }));
          await newClaim({ sellerId: d.id('S') });
          await newOrder({ orderedAt: '2021-03-05T00:00:00.000Z' });
          const expected = claimIds(newestClaimsFirst(claims));
          const query: ClaimQuery = { sellerId: d.sellerId, delayCutoff: '2000-01-01T00:00:00.000Z' };
          for (const limit of [1, 2, 3, 7, 8, 100]) {
            const { items, pages } = await pageAll((page) => store.listClaims(query, page), limit);
            expect(claimIds(items), `limit ${limit}`).toEqual(expected);
            expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
          }
          expect((await store.listClaims(query, { limit: 1 })).items).toEqual([claims[5]]);
          expect(await store.countClaims(query)).toBe(claims.length);
          expect(await store.listClaims({ ...query, sellerId: d.id('S') }, { limit: 10 })).toEqual({
            items: [],
            nextCursor: null,
          });
          expect(await store.countClaims({ ...query, sellerId: d.id('S') })).toBe(0);
        },
      );

      it(
        'by status: the claims in that status now; a claim whose status changes moves from one list to the ' + 'other',
        async () => {
          const requested = [
            await newClaim({ requestedAt: '2021-03-01T00:00:00.000Z' }),
            await newClaim({ requestedAt: '2021-03-02T00:00:00.000Z' }),
          ];
          const inProgress = await newClaim({ status: 'IN_PROGRESS', requestedAt: '2021-03-03T00:00:00.000Z' });
          const completed = await newClaim({ status: 'COMPLETED', requestedAt: '2021-03-04T00:00:00.000Z' });
          const list = async (status: ClaimStatus) =>
            claimIds(
              (
                await pageAll(
                  (page) => store.listClaims({ sellerId: d.sellerId, status, delayCutoff: cutoff }, page),
                  1,
                )
              ).items,
            );
          const count = (status: ClaimStatus) =>
            store.countClaims({ sellerId: d.sellerId, status, delayCutoff: cutoff });
          expect(await list('REQUESTED')).toEqual(claimIds([requested[1]!, requested[0]!]));
          expect(await list('IN_PROGRESS')).toEqual([inProgress.claimId]);
          expect(await list('COMPLETED')).toEqual([completed.claimId]);
          expect(await list('FAILED')).toEqual([]);
          await store.commit(
            changeOf([
              moveClaim(requested[0]!, { status: 'IN_PROGRESS' }),
              moveClaim(inProgress, { status: 'COMPLETED', completedAt: '2021-03-05T00:00:00.000Z' }),
            ]),
          );
          expect(await list('REQUESTED')).toEqual([requested[1]!.claimId]);
          expect(await list('IN_PROGRESS')).toEqual([requested[0]!.claimId]);
          expect(await list('COMPLETED')).toEqual(claimIds([completed, inProgress]));
          expect([
            await count('REQUESTED'),
            await count('IN_PROGRESS'),
            await count('COMPLETED'),
            await count('WITHDRAWN'),
          ]).toEqual([1, 1, 2, 0]);
        },
      );

      it(
        'delayed: open claims requested before the cutoff, or flagged delayed; not delayed: every other ' + 'claim',
        async () => {
          const at = (day: number) => `2021-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
          const c = {
            requestedLong: await newClaim({ status: 'REQUESTED', requestedAt: at(1) }),
            needsOperatorLong: await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: at(2) }),
            completedLong: await newClaim({ status: 'COMPLETED', requestedAt: at(3) }),
            withdrawnFlagged: await newClaim({ status: 'WITHDRAWN', requestedAt: at(4), delayedAt: at(8) }),
            inProgressLong: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(9) }),
            atCutoff: await newClaim({ status: 'REQUESTED', requestedAt: cutoff }),
            failedRecent: await newClaim({ status: 'FAILED', requestedAt: at(11) }),
            awaitingFlagged: await newClaim({ status: 'AWAITING_APPROVAL', requestedAt: at(12), delayedAt: at(16) }),
            inProgressRecent: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(13) }),
          };
          const query = (extra: Partial<ClaimQuery>): ClaimQuery => ({
            sellerId: d.sellerId,
            delayCutoff: cutoff,
            ...extra,
          });
          const list = async (extra: Partial<ClaimQuery>, limit = 1) =>
            claimIds((await pageAll((page) => store.listClaims(query(extra), page), limit)).items);
          const delayed = claimIds([c.awaitingFlagged, c.inProgressLong, c.needsOperatorLong, c.requestedLong]);
          const notDelayed = claimIds([
            c.inProgressRecent,
            c.failedRecent,
            c.atCutoff,
            c.withdrawnFlagged,
            c.completedLong,
          ]);
          for (const limit of [1, 3, 100]) {
            expect(await list({ delayed: true }, limit), `limit ${limit}`).toEqual(delayed);
            expect(await list({ delayed: false }, limit), `limit ${limit}`).toEqual(notDelayed);
          }
          expect(await list({ status: 'IN_PROGRESS', delayed: true })).toEqual([c.inProgressLong.claimId]);
          expect(await list({ status: 'IN_PROGRESS', delayed: false })).toEqual([c.inProgressRecent.claimId]);
          expect(await list({ status: 'WITHDRAWN', delayed: true })).toEqual([]);
          expect(await list({ status: 'WITHDRAWN', delayed: false })).toEqual([c.withdrawnFlagged.claimId]);
          expect(await store.countClaims(query({ delayed: true }))).toBe(delayed.length);
          expect(await store.countClaims(query({ delayed: false }))).toBe(notDelayed.length);
          expect(await store.countClaims(query({ status: 'IN_PROGRESS', delayed: true }))).toBe(1);
          // Requested since: inclusive.
          expect(await store.countClaims(query({ requested: { from: at(12) } }))).toBe(2);
          expect(await store.countClaims(query({ requested: { from: at(12) }, delayed: true }))).toBe(1);
          expect(await store.countClaims(query({ requested: { from: at(2) }, status: 'COMPLETED' }))).toBe(1);
          expect(await store.countClaims(query({ requested: { from: at(14) } }))).toBe(0);
          // Requested within a period, both ends inclusive; listed and counted alike.
          const within = newestClaimsFirst(
            Object.values(c).filter((x) => x.requestedAt >= at(9) && x.requestedAt <= at(12)),
          );
          expect(within.length).toBeGreaterThan(2);
          expect(await list({ requested: { from: at(9), to: at(12) } }, 2)).toEqual(claimIds(within));
          expect(await store.countClaims(query({ requested: { from: at(9), to: at(12) } }))).toBe(within.length);
          // A claim that closes is no longer delayed.
          await store.commit(changeOf([moveClaim(c.needsOperatorLong, { status: 'FAILED' })]));
          expect(await list({ delayed: true })).toEqual(
            claimIds([c.awaitingFlagged, c.inProgressLong, c.requestedLong]),
          );
        },
      );

      it(
        'every seller’s claims in an open status (the operator’s queue): newest first, each once; counted since a ' +
          'time',
        async () => {
          const year = privateYear();
          const since = `${year}-01-01T00:00:00.000Z`;
          const countBefore = await store.countClaims({
            status: 'NEEDS_OPERATOR',
            delayCutoff: cutoff,
            requested: { from: since },
          });
          const otherSeller = d.id('S');
          const claims = [
            await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: `${year}-01-02T00:00:00.000Z` }),
            await newClaim({
              status: 'NEEDS_OPERATOR',
              requestedAt: `${year}-02-02T00:00:00.000Z`,
              sellerId: otherSeller,
            }),
            await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: `${year}-02-03T00:00:00.000Z` }),
          ];
          await newClaim({ status: 'IN_PROGRESS', requestedAt: `${year}-02-04T00:00:00.000Z` });
          const mine = (items: Claim[]) => items.filter((x) => x.sellerId === d.sellerId || x.sellerId === otherSeller);
          const oldest = claims[0]!.requestedAt;
          for (const limit of [1, 2, 100]) {
            const items = await pageUntil(
              (page) => store.listClaims({ status: 'NEEDS_OPERATOR', delayCutoff: cutoff }, page),
              limit,
              (x) => x.requestedAt < oldest,
            );
            expect(new Set(claimIds(items)).size).toBe(items.length);
            expect(claimIds(mine(items)), `limit ${limit}`).toEqual(claimIds(newestClaimsFirst(claims)));
          }
          expect(
            await store.countClaims({ status: 'NEEDS_OPERATOR', delayCutoff: cutoff, requested: { from: since } }),
          ).toBe(countBefore + claims.length);
        },
      );
    });

    describe('statusCounts', () => {
      it('a seller with nothing has no counts', async () => {
        expect(await store.statusCounts(d.id('S'))).toEqual({ orders: {}, claims: {}, standing: NO_STANDING });
      });

      it('new orders and claims count in their status, for their seller only', async () => {
        await newOrder({ status: 'NEW' });
        await newOrder({ status: 'NEW' });
        await newOrder({ status: 'PREPARING' });
        await newClaim({ status: 'REQUESTED' });
        const otherSeller = d.id('S');
        await newOrder({ status: 'IN_TRANSIT', sellerId: otherSeller });
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 2, PREPARING: 1 },
          claims: { REQUESTED: 1 },
          standing: NO_STANDING,
        });
        expect(await store.statusCounts(otherSeller)).toEqual({
          orders: { IN_TRANSIT: 1 },
          claims: {},
          standing: NO_STANDING,
        });
      });

      it(
        'a change of status moves a count (one less in the old, one more in the new); a write that keeps the ' +
          'status, or fails, moves none',
        async () => {
          const a = await newOrder({ status: 'NEW' });
          const b = await newOrder({ status: 'NEW' });
          const claim = await newClaim({ status: 'REQUESTED' });
          await store.commit(
            changeOf([
              moveOrder(a, { status: 'PREPARING' }),
              moveClaim(claim, { status: 'IN_PROGRESS' }),
              moveOrder(b, { updatedAt: '2021-03-12T00:00:00.000Z' }),
            ]),
          );
          expect(await store.statusCounts(d.sellerId)).toEqual({
            orders: { NEW: 1, PREPARING: 1 },
            claims: { REQUESTED: 0, IN_PROGRESS: 1 },
            standing: NO_STANDING,
          });
          // Stale: a was read before its move.
          await expectConflict(
            store.commit(
              changeOf([
                moveOrder(a, { status: 'CANCELLED' }),
                { entity: 'order', value: d.order({ status: 'NEW' }), from: null },
              ]),
            ),
          );
          expect(await store.statusCounts(d.sellerId)).toEqual({
            orders: { NEW: 1, PREPARING: 1 },
            claims: { REQUESTED: 0, IN_PROGRESS: 1 },
            standing: NO_STANDING,
          });
          const prepared = (await store.getOrder(a.orderNo))!;
          const inProgress = (await store.getClaim(claim.claimId))!;
          await store.commit(
            changeOf([moveOrder(prepared, { status: 'CANCELLED' }), moveClaim(inProgress, { status: 'COMPLETED' })]),
          );
          expect(await store.statusCounts(d.sellerId)).toEqual({
            orders: { NEW: 1, PREPARING: 0, CANCELLED: 1 },
            claims: { REQUESTED: 0, IN_PROGRESS: 0, COMPLETED: 1 },
            standing: { ...NO_STANDING, sellerFaultOrders: 1 },
          });
        },
      );

      it('moves that cancel out in one commit leave the counts as they were', async () => {
        const a = await newOrder({ status: 'NEW' });
        const b = await newOrder({ status: 'PREPARING' });
        await store.commit(changeOf([moveOrder(a, { status: 'PREPARING' }), moveOrder(b, { status: 'NEW' })]));
        expect(await store.statusCounts(d.sellerId)).toEqual({
          orders: { NEW: 1, PREPARING: 1 },
          claims: {},
          standing: NO_STANDING,
        });
      });

      it(
        'the seller’s standing, in orders: every order of a seller-fault claim completed; apart, those cancelled ' +
          'while DELAYED and those refunded after shipping; buyer-fault claims and rewrites do not count',
        async () => {
          const cart = await newClaim({
            status: 'IN_PROGRESS',
            fault: 'SELLER',
            reason: 'OUT_OF_STOCK',
            orderNos: ['A-1', 'A-2', 'A-3'],
            delayedOrders: ['A-2'],
          });
          // A seller's own choice of SHIPPING_DELAY for an order that was not DELAYED: seller-fault, no delay line.
          const chosen = await newClaim({ status: 'IN_PROGRESS', fault: 'SELLER', reason: 'SHIPPING_DELAY' });
          const refund = await newClaim({
            status: 'IN_PROGRESS',
            fault: 'SELLER',
            reason: 'SHIPPING_DELAY',
            type: 'SELLER_REFUND',
          });
          // Stored before the delayed orders were kept: all its orders, since one was.
          const older = await newClaim({
            status: 'IN_PROGRESS',
            fault: 'SELLER',
            reason: 'OUT_OF_STOCK',
            orderDelayed: true,
          });
          const buyerFault = await newClaim({
            status: 'IN_PROGRESS',
            fault: 'BUYER',
            reason: 'BUYER_CHANGED_MIND',
            type: 'BUYER_CANCEL',
          });
          for (const claim of [cart, chosen, refund, older, buyerFault])
            await store.commit(changeOf([moveClaim(claim, { status: 'COMPLETED' })]));
          // A completed claim written again (a memo, an alert) is not counted twice.
          const completed = (await store.getClaim(cart.claimId))!;
          await store.commit(changeOf([moveClaim(completed, { sellerMemo: 'again' })]));
          expect((await store.statusCounts(d.sellerId)).standing).toEqual({
            sellerFaultOrders: 6,
            cancelledWhileDelayed: 2,
            refundedForDelay: 1,
          });
        },
      );

      it('the whole marketplace’s counts move with every seller’s', async () => {
        // Other tests write to the same store at the same time: the change is measured until one
        // measurement sees this test's commit alone.
        let delta: StatusCounts | undefined;
        const expected: StatusCounts = {
          orders: { NEW: 1, IN_TRANSIT: -1, DELIVERED: 1 },
          claims: { REQUESTED: 1 },
          standing: NO_STANDING,
        };
        for (let attempt = 0; attempt < 8 && !isDeepStrictEqual(delta, expected); attempt++) {
          const shipped = await newOrder({ status: 'IN_TRANSIT', sellerId: d.id('S') });
          const before = await store.statusCounts();
          await store.commit(
            changeOf([
              { entity: 'order', value: d.order({ status: 'NEW' }), from: null },
              { entity: 'claim', value: d.claim({ sellerId: d.id('S') }), from: null },
              moveOrder(shipped, { status: 'DELIVERED', deliveredAt: '2021-03-12T00:00:00.000Z' }),
            ]),
          );
          delta = countsDelta(before, await store.statusCounts());
        }
        expect(delta).toEqual(expected);
      });
    });

    describe('staleOpenClaims', () => {
      it(
        'open claims last changed before the time, newest first, each once, a page at a time; closed and ' +
          'since-changed ones are not',
        async () => {
          const year = privateYear();
          const at = (month: number, day: number) =>
            `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`;
          const changedBefore = at(2, 1);
          const stale = {
            requested: await newClaim({ status: 'REQUESTED', requestedAt: at(1, 1), updatedAt: at(1, 10) }),
            inProgress: await newClaim({ status: 'IN_PROGRESS', requestedAt: at(1, 2), updatedAt: at(1, 5) }),
            awaiting: await newClaim({
              status: 'AWAITING_APPROVAL',
              requestedAt: at(1, 3),
              updatedAt: at(1, 20),
              sellerId: d.id('S'),
            }),
            needsOperator: await newClaim({ status: 'NEEDS_OPERATOR', requestedAt: at(1, 4), updatedAt: at(1, 15) }),
          };
          await newClaim({ status: 'REQUESTED', requestedAt: at(1, 5), updatedAt: at(3, 1) });
          await newClaim({ status: 'IN_PROGRESS', requestedAt: at(1, 6), updatedAt: changedBefore });
          for (const status of ['COMPLETED', 'FAILED', 'WITHDRAWN'] as const)
            await newClaim({ status, requestedAt: at(1, 7), updatedAt: at(1, 7) });
          const ours = new Set([d.sellerId, stale.awaiting.sellerId]);
          const oldest = stale.requested.requestedAt;
          const read = async (limit: number) => {
            const items = await pageUntil(
              (page) => store.staleOpenClaims(changedBefore, page),
              limit,
              (x) => x.requestedAt < oldest,
            );
            expect(new Set(claimIds(items)).size).toBe(items.length);
            for (const item of items)
              expect(
                item.updatedAt < changedBefore && !['COMPLETED', 'FAILED', 'WITHDRAWN'].includes(item.status),
              ).toBe(true);
            return items.filter((x) => ours.has(x.sellerId));
          };
          for (const limit of [1, 3, 100]) {
            expect(claimIds(await read(limit)), `limit ${limit}`).toEqual(
              claimIds([stale.needsOperator, stale.awaiting, stale.inProgress, stale.requested]),
            );
          }
          expect((await read(10)).find((x) => x.claimId === stale.awaiting.claimId)).toEqual(stale.awaiting);
          // Changed since, or closed: no longer stale.
          await store.commit(
            changeOf([
              moveClaim(stale.requested, { updatedAt: at(3, 2) }),
              moveClaim(stale.inProgress, { status: 'COMPLETED', updatedAt: at(1, 6) }),
            ]),
          );
          expect(claimIds(await read(2))).toEqual(claimIds([stale.needsOperator, stale.awaiting]));
        },
      );
    });

    describe('buyerLedger', () => {
      it('a buyer with nothing has an empty balance, and no entries or withdrawals', async () => {
        const buyerId = d.id('B');
        expect(await store.buyerLedger(buyerId)).toEqual({
          balance: emptyBalance(buyerId),
          entries: [],
          withdrawals: [],
        });
      });

      it('the balance, every entry in time order and every withdrawal, of that buyer only', async () => {
        const t = (minute: number) => `2021-03-10T10:${String(minute).padStart(2, '0')}:00.000Z`;
        const credit = d.entry(3000, { at: t(2) });
        const earlierCredit = d.entry(500, { at: t(1) });
        const withdrawal = d.withdrawal(1000, { requestedAt: t(3), updatedAt: t(3) });
        const debit: LedgerEntry = {
          entryId: `withdrawal:${withdrawal.withdrawalId}`,
          buyerId: d.buyerId,
          kind: 'WITHDRAWAL',
          amount: { amount: -1000, currency: 'JPY' },
          withdrawalId: withdrawal.withdrawalId,
          at: t(3),
        };
        const reversal: LedgerEntry = {
          ...debit,
          entryId: `reversal:${withdrawal.withdrawalId}`,
          kind: 'WITHDRAWAL_REVERSAL',
          amount: { amount: 1000, currency: 'JPY' },
          at: t(4),
        };
        const earlierWithdrawal = d.withdrawal(0, {
          requestedAt: t(0),
          updatedAt: t(0),
          status: 'FAILED',
          failure: 'no balance',
        });

        await store.commit(
          changeOf([
            { entity: 'ledger', value: credit },
            { entity: 'balance', value: d.balance(3000) },
          ]),
        );
        await store.commit(
          changeOf([
            { entity: 'ledger', value: earlierCredit },
            { entity: 'balance', value: d.balance(3500, { version: 1 }) },
          ]),
        );
        await store.commit(
          changeOf([
            { entity: 'withdrawal', value: withdrawal, from: null },
            { entity: 'ledger', value: debit },
            { entity: 'balance', value: d.balance(2500, { version: 2 }) },
          ]),
        );
        const failed: Withdrawal = {
          ...withdrawal,
          version: 1,
          status: 'FAILED',
          failure: 'account closed',
          updatedAt: t(4),
        };
        await store.commit(
          changeOf([
            { entity: 'withdrawal', value: failed, from: 'PENDING' },
            { entity: 'ledger', value: reversal },
            { entity: 'balance', value: d.balance(3500, { version: 3 }) },
          ]),
        );
        await store.commit(changeOf([{ entity: 'withdrawal', value: earlierWithdrawal, from: null }]));
        // Another buyer's, whose id starts with this one's.
        const other = `${d.buyerId}0`;
        await store.commit(
          changeOf([
            { entity: 'ledger', value: d.entry(100, { buyerId: other }) },
            { entity: 'balance', value: d.balance(100, { buyerId: other }) },
            { entity: 'withdrawal', value: d.withdrawal(50, { buyerId: other }), from: null },
          ]),
        );

        expect(await store.buyerLedger(d.buyerId)).toEqual({
          balance: { ...d.balance(3500), version: 4 },
          entries: [earlierCredit, credit, debit, reversal],
          withdrawals: [
            { ...earlierWithdrawal, version: 1 },
            { ...failed, version: 2 },
          ],
        });
      });

      it(
        'pending withdrawals: every buyer’s the bank has not answered, newest first, a page at a time; one settled ' +
          'leaves the list',
        async () => {
          const t = (minute: number) => `2021-03-11T10:${String(minute).padStart(2, '0')}:00.000Z`;
          const first = d.withdrawal(100, { requestedAt: t(1) });
          const second = d.withdrawal(200, { requestedAt: t(2), buyerId: d.id('B') });
          const answered = d.withdrawal(300, { requestedAt: t(3), status: 'COMPLETED' });
          for (const w of [first, second, answered])
            await store.commit(changeOf([{ entity: 'withdrawal', value: w, from: null }]));
          // The table is shared with other runs: only this run's withdrawals are looked at.
          const mine = new Set([first, second, answered].map((w) => w.withdrawalId));
          const listed = async (limit: number) =>
            (await pageAll((page) => store.pendingWithdrawals(page), limit)).items.filter((w) =>
              mine.has(w.withdrawalId),
            );
          for (const limit of [1, 2, 100])
            expect(
              (await listed(limit)).map((w) => w.withdrawalId),
              `limit ${limit}`,
            ).toEqual([second.withdrawalId, first.withdrawalId]);
          expect((await listed(100))[0]).toEqual({ ...second, version: 1 });
          await store.commit(
            changeOf([
              {
                entity: 'withdrawal',
                value: { ...second, version: 1, status: 'COMPLETED', updatedAt: t(5) },
                from: 'PENDING',
              },
            ]),
          );
          expect((await listed(100)).map((w) => w.withdrawalId)).toEqual([first.withdrawalId]);
        },
      );

      it(
        'two withdrawals from one balance read: the second conflicts, and neither its withdrawal nor its entry is ' +
          'written',
        async () => {
          await store.commit(
            changeOf([
              { entity: 'ledger', value: d.entry(1000) },
              { entity: 'balance', value: d.balance(1000) },
            ]),
          );
          const read = (await store.buyerLedger(d.buyerId)).balance;
          const withdraw = (w: Withdrawal): Write[] => [
            { entity: 'withdrawal', value: w, from: null },
            {
              entity: 'ledger',
              value: {
                entryId: `withdrawal:${w.withdrawalId}`,
                buyerId: d.buyerId,
                kind: 'WITHDRAWAL',
                amount: { amount: -w.amount.amount, currency: 'JPY' },
                withdrawalId: w.withdrawalId,
                at: '2021-03-10T11:00:00.000Z',
              },
            },
            {
              entity: 'balance',
              value: { ...read, balance: { amount: read.balance.amount - w.amount.amount, currency: 'JPY' } },
            },
          ];
          const first = d.withdrawal(800);
          const second = d.withdrawal(900);
          await store.commit(changeOf(withdraw(first)));
          await expectConflict(store.commit(changeOf(withdraw(second))));
          const ledger = await store.buyerLedger(d.buyerId);
          expect(ledger.balance).toEqual({ ...read, balance: { amount: 200, currency: 'JPY' }, version: 2 });
          expect(ledger.withdrawals.map((w) => w.withdrawalId)).toEqual([first.withdrawalId]);
          expect(ledger.entries.map((e) => e.entryId)).not.toContain(`withdrawal:${second.withdrawalId}`);
          expect(ledger.entries).toHaveLength(2);
        },
      );

      it(
        'a withdrawal id is its buyer’s: another buyer’s withdrawal of the same id is another ' + 'withdrawal',
        async () => {
          const withdrawal = d.withdrawal(300);
          const otherBuyer = d.id('B');
          await store.commit(changeOf([{ entity: 'withdrawal', value: withdrawal, from: null }]));
          await store.commit(
            changeOf([{ entity: 'withdrawal', value: { ...withdrawal, buyerId: otherBuyer }, from: null }]),
          );
          expect((await store.buyerLedger(d.buyerId)).withdrawals).toEqual([{ ...withdrawal, version: 1 }]);
          expect((await store.buyerLedger(otherBuyer)).withdrawals).toEqual([
            { ...withdrawal, buyerId: otherBuyer, version: 1 },
          ]);
        },
      );
    });
  });
}
