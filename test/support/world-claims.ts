// The claim side of a world of fakes, for the claim workflows' use cases (requests, approval,
// settle, seller claims): a buyer's request waiting for the seller, a claim over several orders with its notice, a card
// refund the provider knows of, and ways to race a commit once and to look for a task token.
import type { Write } from '../../shared/app/ports/claim-store.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { BuyerMessage } from '../../shared/domain/message.js';
import type { Order } from '../../shared/domain/order.js';
import { paymentKeyOf, type Refund } from '../../shared/domain/refund.js';
import { holdForClaim } from '../../shared/domain/transitions.js';
import type { FakeClaimStore, FakePayments } from './fakes.js';
import { seedClaim, seedOrder } from './worlds.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

/** 10:00 on 2026-11-25 in Japan; the seeded claims were opened an hour before. */
export { NOW } from './fixtures.js';
export const OPENED_AT = '2026-11-25T00:00:00.000Z';

export { BUYER, caught, OPERATOR, OTHER_BUYER, OTHER_SELLER, SELLER } from './principals.js';

/** S-1's contact address (its profile in world()). */
export const SELLER_EMAIL = 'shop-s1@example.jp';

let sequence = 0;

/** A buyer's cancel request on a PREPARING order, waiting for the seller (the order CANCEL_REQUESTED, held). */
export async function seedRequest(
  store: FakeClaimStore,
  options: { order?: Partial<Order>; claim?: Partial<Claim> } = {},
) {
  return seedClaim(store, {
    status: 'AWAITING_APPROVAL',
    order: { status: 'PREPARING', expectedShipDate: '2026-12-01', ...options.order },
    claim: {
      type: 'BUYER_CANCEL',
      reason: 'BUYER_CHANGED_MIND',
      fault: 'BUYER',
      buyerMessage: 'もっと安い商品を見つけたため',
      requestedBy: { role: 'buyer', id: 'B-1' },
      ...options.claim,
    },
  });
}

/** A stored cancel/refund notice to the buyer, its e-mail still to send unless told otherwise. */
export function aNotice(order: Pick<Order, 'orderNo' | 'buyer'>, overrides: Partial<BuyerMessage> = {}): BuyerMessage {
  return {
    messageId: `M-NOTICE-${++sequence}`,
    orderNo: order.orderNo,
    buyerId: order.buyer.id,
    kind: 'SELLER_MESSAGE',
    category: 'CANCEL_REFUND',
    title: '在庫切れのお詫び',
    body: '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
    alsoEmail: true,
    messageSent: true,
    email: 'PENDING',
    emailAttempts: 0,
    createdAt: OPENED_AT,
    sentAt: OPENED_AT,
    updatedAt: OPENED_AT,
    version: 0,
    ...overrides,
  };
}

/**
 * A seller's claim over one or more orders of one cart (the first is the claim's own), as the API
 * opens it: the claim holds every order; with `notice`, the notice is stored on the first order.
 */
export async function seedCartClaim(
  store: FakeClaimStore,
  options: { orders: Partial<Order>[]; claim?: Partial<Claim>; notice?: Partial<BuyerMessage> },
) {
  const n = ++sequence;
  const cartNo = `CART-B${n}`;
  const orders: Order[] = [];
  for (const overrides of options.orders) orders.push(await seedOrder(store, { cartNo, ...overrides }));
  const first = orders[0]!;
  const claimId = `C-B${n}`;
  const notice = options.notice ? aNotice(first, { claimId, ...options.notice }) : undefined;
  const claim: Claim = {
    claimId,
    type: 'SELLER_CANCEL',
    status: 'REQUESTED',
    orderNo: first.orderNo,
    orderNos: orders.map((o) => o.orderNo),
    excluded: [],
    cartNo,
    sellerId: first.sellerId,
    buyerId: first.buyer.id,
    reason: 'OUT_OF_STOCK',
    fault: 'SELLER',
    scope: orders.length > 1 ? 'CART' : 'ORDER',
    sellerMemo: '在庫切れ',
    ...(notice ? { noticeMessageId: notice.messageId } : {}),
    requestedBy: { role: 'seller', id: first.sellerId },
    requestedAt: OPENED_AT,
    updatedAt: OPENED_AT,
    version: 0,
    ...options.claim,
  };
  await store.commit(
    changeOf([
      { entity: 'claim', value: claim, from: null },
      ...orders.map(
        (order): Write => ({ entity: 'order', value: holdForClaim(order, claimId, false), from: order.status }),
      ),
      ...(notice ? [{ entity: 'message', value: notice } as Write] : []),
    ]),
  );
  return {
    claim: (await store.getClaim(claimId))!,
    orders: await store.getOrders(orders.map((o) => o.orderNo)),
    notice: notice && (await store.getMessage(first.orderNo, notice.messageId))!,
  };
}

/** A card refund (applied claim, IN_PROGRESS) that the card side accepted and has not yet confirmed. */
export async function seedPendingCardRefund(
  store: FakeClaimStore,
  payments: FakePayments,
  options: { order?: Partial<Order>; claim?: Partial<Claim> } = {},
) {
  const { claim, order } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true, ...options });
  const refund = (await store.getRefund(order.orderNo, `${claim.claimId}.${order.orderNo}`))!;
  const answer = await payments.cancelAuthorization({ idempotencyKey: paymentKeyOf(refund) });
  payments.calls.length = 0;
  return {
    claim,
    order,
    refund,
    reference: answer.reference,
    ref: { claimId: claim.claimId, orderNo: order.orderNo, refundId: refund.refundId },
  };
}

/** Writes a change to a stored refund (another attempt, an outcome the webhook recorded), as its own commit. */
export async function changeRefund(
  store: FakeClaimStore,
  refund: Pick<Refund, 'orderNo' | 'refundId'>,
  change: (current: Refund) => Refund,
) {
  const current = (await store.getRefund(refund.orderNo, refund.refundId))!;
  await store.commit(changeOf([{ entity: 'refund', value: change(current), from: current.status }]));
  return (await store.getRefund(refund.orderNo, refund.refundId))!;
}

/** Any commit: the race runs before the next one, whatever it writes. */
export const anyCommit = () => true;

/**
 * Runs `race` once, just before the first commit that `when` picks is checked: the race's own
 * writes go first, so that commit finds what it read changed. Commits made by the race itself are
 * not raced again.
 */
export function raceOnce(store: FakeClaimStore, when: (writes: Write[]) => boolean, race: () => Promise<unknown>) {
  let fired = false;
  const result: { value?: unknown; error?: unknown; fired: () => boolean } = { fired: () => fired };
  store.beforeCommit = async (writes) => {
    if (fired || !when(writes)) return;
    fired = true;
    try {
      result.value = await race();
    } catch (error) {
      result.error = error;
    }
  };
  return result;
}

/** Everything a reader of claims, orders, refunds, messages and timelines can see, as text. */
export async function readable(store: FakeClaimStore): Promise<string> {
  const records = await Promise.all([...store.orders.keys()].map((orderNo) => store.orderRecords(orderNo)));
  const claims = await store.getClaims([...store.claims.keys()]);
  return JSON.stringify({ records, claims });
}

/** The kinds of writes of the commits made after `from` (0 is the first). */
export const writesSince = (store: FakeClaimStore, from: number) =>
  store.commits
    .slice(from)
    .map((writes) => writes.map((w) => (w.entity === 'event' ? `event:${w.value.type}` : w.entity)));
