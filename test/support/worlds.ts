// A world of fakes for the use cases, and ways to put orders and claims in it as the API would.
import type { Claim, ClaimStatus } from '../../shared/domain/claim.js';
import type { Order } from '../../shared/domain/order.js';
import { planRefund, DEFAULT_REFUND_FEES } from '../../shared/domain/refund.js';
import { DEFAULT_SELLER_CANCEL_POLICY } from '../../shared/domain/seller-policy.js';
import { applyClaimToOrder, holdForClaim } from '../../shared/domain/transitions.js';
import { anOrder, aSellerProfile } from './fixtures.js';
import { FakeClaimStore, FakeMailer, FakePayments, FakeWorkflows } from './fakes.js';
import { FakeSellerStore } from './fake-seller-store.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

export function world() {
  const store = new FakeClaimStore();
  const mailer = new FakeMailer();
  const workflows = new FakeWorkflows();
  const payments = new FakePayments();
  // S-1, every seeded order's seller, has its profile.
  const profiles = new FakeSellerStore();
  profiles.profiles.set('S-1', aSellerProfile());
  return {
    store,
    profiles,
    mailer,
    workflows,
    payments,
    alerts: { mailer, operatorEmail: 'operators@shop.example' },
    timing: {
      reminderAfterSeconds: 4 * 24 * 3600,
      handOverAfterSeconds: 3 * 24 * 3600,
      shipBackSeconds: 14 * 24 * 3600,
      receiptSeconds: 7 * 24 * 3600,
    },
    nonReceiptTiming: { answerSeconds: 3 * 24 * 3600, refundAfterSeconds: 2 * 24 * 3600, buyerSeconds: 7 * 24 * 3600 },
    fees: DEFAULT_REFUND_FEES,
    clock: () => new Date('2026-11-25T01:00:00Z'),
  };
}

/** What the seller's approval needs besides the store and workflows: the default policy, a mailer for the operator. */
export const approvalDeps = (store: FakeClaimStore, workflows: FakeWorkflows, mailer = new FakeMailer()) => ({
  store,
  workflows,
  policy: DEFAULT_SELLER_CANCEL_POLICY,
  mailer,
  operatorEmail: 'operators@shop.example',
});

let sequence = 0;

export async function seedOrder(store: FakeClaimStore, overrides: Partial<Order> = {}): Promise<Order> {
  sequence++;
  const order = anOrder({ orderNo: `O-${sequence}`, cartNo: `CART-${sequence}`, version: 0, ...overrides });
  await store.commit(changeOf([{ entity: 'order', value: order, from: null }]));
  return (await store.getOrder(order.orderNo))!;
}

/**
 * An order with a claim on it, as the API opens claims (the claim holds the order), in the status
 * asked; `applied` also cancels the order and records its refund, as apply-claim does.
 */
export async function seedClaim(
  store: FakeClaimStore,
  options: { status?: ClaimStatus; applied?: boolean; order?: Partial<Order>; claim?: Partial<Claim> } = {},
) {
  const order = await seedOrder(store, options.order);
  const at = '2026-11-25T00:00:00.000Z';
  const claim: Claim = {
    claimId: `C-${sequence}`,
    type: 'SELLER_CANCEL',
    status: options.status ?? 'REQUESTED',
    orderNo: order.orderNo,
    orderNos: [order.orderNo],
    excluded: [],
    cartNo: order.cartNo,
    sellerId: order.sellerId,
    buyerId: order.buyer.id,
    reason: 'OUT_OF_STOCK',
    fault: 'SELLER',
    scope: 'ORDER',
    sellerMemo: '在庫切れ',
    requestedBy: { role: 'seller', id: order.sellerId },
    requestedAt: at,
    updatedAt: at,
    version: 0,
    ...options.claim,
  };
  await store.commit(
    changeOf([
      { entity: 'claim', value: claim, from: null },
      {
        entity: 'order',
        value: holdForClaim(order, claim.claimId, claim.status === 'AWAITING_APPROVAL'),
        from: order.status,
      },
    ]),
  );
  if (options.applied) {
    const held = (await store.getOrder(order.orderNo))!;
    const applied = applyClaimToOrder(held, claim, new Date(at));
    if (!applied.ok) throw new Error(applied.refusal.detail);
    await store.commit(
      changeOf([
        { entity: 'order', value: applied.value, from: held.status },
        { entity: 'refund', value: planRefund(held, claim, DEFAULT_REFUND_FEES, new Date(at)), from: null },
      ]),
    );
  }
  return { order: (await store.getOrder(order.orderNo))!, claim: (await store.getClaim(claim.claimId))! };
}
