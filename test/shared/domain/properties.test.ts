// Whatever sellers, buyers and time do, in any order: no illegal status, and never a second refund.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMoveClaim, CLAIM_STATUSES } from '../../../shared/domain/claim.js';
import { marketplaceDate, ORDER_STATUSES, type Order, type OrderStatus } from '../../../shared/domain/order.js';
import { CANCEL_REASONS, type CancelReason } from '../../../shared/domain/reasons.js';
import { planRefund, type Refund } from '../../../shared/domain/refund.js';
import {
  applyClaimToOrder,
  decideBuyerCancel,
  decideDelivery,
  decideSellerCancel,
  decideSellerRefund,
  decideShipDate,
  decideShipment,
  holdForClaim,
  releaseFromClaim,
  type Decision,
} from '../../../shared/domain/transitions.js';
import { anOrder, NOW } from '../../support/fixtures.js';

/** docs/DOMAIN.md's flows, written out independently of the implementation's table. */
const LEGAL_MOVES: Record<OrderStatus, OrderStatus[]> = {
  PROCESSING: ['CANCELLED'],
  NEW: ['PREPARING', 'IN_TRANSIT', 'CANCELLED'],
  PREPARING: ['PREPARING', 'IN_TRANSIT', 'CANCELLED', 'CANCEL_REQUESTED'],
  DELAYED: ['IN_TRANSIT', 'CANCELLED'],
  CANCEL_REQUESTED: ['CANCELLED', 'PREPARING'],
  IN_TRANSIT: ['DELIVERED', 'RETURNED'],
  DELIVERED: ['RETURNED'],
  CANCELLED: [],
  RETURNED: [],
};

type Action =
  | { kind: 'setShipDate'; inDays: number }
  | { kind: 'ship' }
  | { kind: 'deliver' }
  | { kind: 'sellerCancel'; reason: CancelReason; succeeds: boolean }
  | { kind: 'sellerRefund'; reason: CancelReason; succeeds: boolean }
  | { kind: 'buyerCancel' }
  | { kind: 'approve' }
  | { kind: 'withdraw' }
  | { kind: 'daysPass'; days: number };

const reason = fc.constantFrom(...CANCEL_REASONS);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('setShipDate' as const), inDays: fc.integer({ min: -3, max: 5 }) }),
  fc.constant({ kind: 'ship' as const }),
  fc.constant({ kind: 'deliver' as const }),
  fc.record({ kind: fc.constant('sellerCancel' as const), reason, succeeds: fc.boolean() }),
  fc.record({ kind: fc.constant('sellerRefund' as const), reason, succeeds: fc.boolean() }),
  fc.constant({ kind: 'buyerCancel' as const }),
  fc.constant({ kind: 'approve' as const }),
  fc.constant({ kind: 'withdraw' as const }),
  fc.record({ kind: fc.constant('daysPass' as const), days: fc.integer({ min: 1, max: 4 }) }),
);

interface World {
  order: Order;
  now: Date;
  refunds: Refund[];
  claims: number;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Runs a claim the way the workflows do: hold the order, then apply it and refund, or let it go. */
function runClaim(
  world: World,
  type: 'SELLER_CANCEL' | 'SELLER_REFUND' | 'BUYER_CANCEL',
  fault: 'SELLER' | 'BUYER',
  succeeds: boolean,
): void {
  const claimId = `C-${++world.claims}`;
  const held = holdForClaim(world.order, claimId, false);
  if (!succeeds) {
    world.order = releaseFromClaim(held, claimId, world.now);
    return;
  }
  finishClaim(world, held, claimId, type, fault);
}

function finishClaim(
  world: World,
  held: Order,
  claimId: string,
  type: 'SELLER_CANCEL' | 'SELLER_REFUND' | 'BUYER_CANCEL',
  fault: 'SELLER' | 'BUYER',
): void {
  const applied = applyClaimToOrder(held, { claimId, type }, world.now);
  expect(applied.ok).toBe(true);
  if (!applied.ok) return;
  world.order = applied.value;
  world.refunds.push(planRefund(held, { claimId, fault }, { CONVENIENCE_STORE: 108 }, world.now));
}

function step(world: World, next: Action): void {
  const accept = (decision: Decision<Order>) => {
    if (decision.ok) world.order = decision.value;
  };
  switch (next.kind) {
    case 'setShipDate':
      return accept(decideShipDate(world.order, marketplaceDate(addDays(world.now, next.inDays)), world.now));
    case 'ship':
      return accept(decideShipment(world.order, world.now));
    case 'deliver':
      return accept(decideDelivery(world.order, world.now));
    case 'daysPass':
      world.now = addDays(world.now, next.days);
      return;
    case 'sellerCancel': {
      const decision = decideSellerCancel(world.order, next.reason, world.now);
      if (decision.ok) runClaim(world, 'SELLER_CANCEL', decision.value.fault, next.succeeds);
      return;
    }
    case 'sellerRefund': {
      const decision = decideSellerRefund(world.order, next.reason, world.now);
      if (decision.ok) runClaim(world, 'SELLER_REFUND', decision.value.fault, next.succeeds);
      return;
    }
    case 'buyerCancel': {
      const decision = decideBuyerCancel(world.order, 'BUYER_CHANGED_MIND', world.now);
      if (!decision.ok) return;
      if (decision.value.outcome === 'AWAITING_SELLER')
        world.order = holdForClaim(world.order, `C-${++world.claims}`, true);
      else runClaim(world, 'BUYER_CANCEL', decision.value.fault, true);
      return;
    }
    case 'approve':
      if (world.order.status === 'CANCEL_REQUESTED' && world.order.openClaimId)
        finishClaim(world, world.order, world.order.openClaimId, 'BUYER_CANCEL', 'BUYER');
      return;
    case 'withdraw':
      if (world.order.status === 'CANCEL_REQUESTED' && world.order.openClaimId)
        world.order = releaseFromClaim(world.order, world.order.openClaimId, world.now);
      return;
  }
}

const startStatus = fc.constantFrom<OrderStatus>(
  'PROCESSING',
  'NEW',
  'PREPARING',
  'DELAYED',
  'IN_TRANSIT',
  'DELIVERED',
);
const payment = fc.constantFrom('CARD', 'CONVENIENCE_STORE', 'BANK_TRANSFER', 'BALANCE') as fc.Arbitrary<
  Order['payment']['method']
>;

describe('any sequence of actions', () => {
  it('moves only along the flows of docs/DOMAIN.md and refunds an order at most once, never more than was paid', () => {
    fc.assert(
      fc.property(
        startStatus,
        payment,
        fc.integer({ min: 1, max: 500_000 }),
        fc.array(action, { maxLength: 40 }),
        (status, method, amount, actions) => {
          const world: World = {
            order: anOrder({
              status,
              payment: { method },
              total: { amount, currency: 'JPY' },
              ...(status === 'PREPARING' ? { expectedShipDate: '2026-11-27' } : {}),
            }),
            now: NOW,
            refunds: [],
            claims: 0,
          };
          for (const next of actions) {
            const before = world.order.status;
            step(world, next);
            const after = world.order.status;
            expect(ORDER_STATUSES).toContain(after);
            if (after !== before) expect(LEGAL_MOVES[before]).toContain(after);
            expect(world.refunds.length).toBeLessThanOrEqual(1);
            expect(new Set(world.refunds.map((refund) => refund.refundId)).size).toBe(world.refunds.length); // a claim refunds an order once
            expect(world.refunds.reduce((sum, refund) => sum + refund.amount.amount, 0)).toBeLessThanOrEqual(amount);
            // Refunded exactly when the order ended in a claim; a buyer request always has its claim.
            expect(world.refunds.length).toBe(after === 'CANCELLED' || after === 'RETURNED' ? 1 : 0);
            if (after === 'CANCEL_REQUESTED') expect(world.order.openClaimId).toBeDefined();
            // The buyer gets the whole total back; a fee is the seller's or the marketplace's, never the buyer's.
            for (const refund of world.refunds) expect(refund.amount.amount).toBe(amount);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('claims only move forward, and closed claims never reopen', () => {
    for (const from of CLAIM_STATUSES) {
      for (const to of CLAIM_STATUSES) {
        if (['COMPLETED', 'WITHDRAWN', 'FAILED'].includes(from)) expect(canMoveClaim(from, to)).toBe(false);
        if (to === 'REQUESTED') expect(canMoveClaim(from, to)).toBe(false);
      }
    }
  });
});
