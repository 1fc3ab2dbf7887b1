// What each reader may see of an order's parts: one place for the order and claim views alike.
import { describe, expect, it } from 'vitest';
import { claimSummary, messageFor, orderDetails, refundFor } from '../../../../shared/app/claims/views.js';
import type { Claim } from '../../../../shared/domain/claim.js';
import type { BuyerMessage } from '../../../../shared/domain/message.js';
import type { Refund } from '../../../../shared/domain/refund.js';
import { anOrder } from '../../../support/fixtures.js';
import { NOW } from '../../../support/world-ledger.js';

const refund: Refund = {
  refundId: 'C-1.O-1',
  claimId: 'C-1',
  orderNo: 'O-1',
  buyerId: 'B-1',
  amount: { amount: 3200, currency: 'JPY' },
  fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
  method: 'BALANCE_CREDIT',
  status: 'FAILED',
  attempts: 1,
  failure: { error: 'PaymentDeclined', cause: 'gateway: merchant account 5512 suspended' },
  createdAt: '2026-11-25T00:00:00.000Z',
  failedAt: '2026-11-25T00:10:00.000Z',
  updatedAt: '2026-11-25T00:10:00.000Z',
  version: 3,
};

const message: BuyerMessage = {
  messageId: 'M-1',
  orderNo: 'O-1',
  buyerId: 'B-1',
  kind: 'SELLER_MESSAGE',
  category: 'CANCEL_REFUND',
  title: 'お詫び',
  body: '在庫切れのためキャンセルいたします。',
  alsoEmail: true,
  messageSent: true,
  email: 'BOUNCED',
  emailAttempts: 1,
  emailError: 'Bounce: Permanent/General',
  sesMessageId: 'ses-0101',
  emailFeedbackAt: '2026-11-25T00:05:00.000Z',
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:05:00.000Z',
  version: 2,
};

const claim: Claim = {
  claimId: 'C-1',
  type: 'BUYER_CANCEL',
  status: 'AWAITING_APPROVAL',
  orderNo: 'O-1',
  orderNos: ['O-1'],
  excluded: [],
  cartNo: 'CART-1',
  sellerId: 'S-1',
  buyerId: 'B-1',
  reason: 'BUYER_CHANGED_MIND',
  fault: 'BUYER',
  scope: 'ORDER',
  requestedBy: { role: 'buyer', id: 'B-1' },
  requestedAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  version: 4,
};

describe('views', () => {
  it('a refund for the buyer: no seller’s fee, the failure without the provider’s words, no version', () => {
    expect(refundFor('buyer', refund)).toEqual({
      refundId: 'C-1.O-1',
      claimId: 'C-1',
      orderNo: 'O-1',
      buyerId: 'B-1',
      amount: { amount: 3200, currency: 'JPY' },
      method: 'BALANCE_CREDIT',
      status: 'FAILED',
      attempts: 1,
      failure: { error: 'PaymentDeclined' },
      createdAt: '2026-11-25T00:00:00.000Z',
      failedAt: '2026-11-25T00:10:00.000Z',
      updatedAt: '2026-11-25T00:10:00.000Z',
    });
  });

  it('a refund that did not fail shows the buyer no failure at all', () => {
    const { failure: _f, ...completed } = { ...refund, status: 'COMPLETED' as const };
    expect(refundFor('buyer', completed)).not.toHaveProperty('failure');
  });

  it.each(['seller', 'operator'])('a refund for the %s: everything but the version', (role) => {
    const { version: _v, ...all } = refund;
    expect(refundFor(role, refund)).toEqual(all);
  });

  it('a message for the buyer: its words and delivery, not SES’s words or ids', () => {
    const { version: _v, emailError: _e, sesMessageId: _s, ...forBuyer } = message;
    expect(messageFor('buyer', message)).toEqual(forBuyer);
    expect(messageFor('buyer', message)).toMatchObject({ email: 'BOUNCED', title: 'お詫び' });
  });

  it.each(['seller', 'operator'])('a message for the %s: everything but the version', (role) => {
    const { version: _v, ...all } = message;
    expect(messageFor(role, message)).toEqual(all);
  });

  it('a claim in a list: what it is, where it stands, and whether it is delayed (open over 4 days)', () => {
    expect(claimSummary(claim, NOW)).toEqual({
      claimId: 'C-1',
      type: 'BUYER_CANCEL',
      status: 'AWAITING_APPROVAL',
      reason: 'BUYER_CHANGED_MIND',
      fault: 'BUYER',
      delayed: true,
      requestedAt: '2026-11-20T00:00:00.000Z',
      completedAt: undefined,
    });
    expect(claimSummary({ ...claim, requestedAt: '2026-11-22T00:00:00.000Z' }, NOW).delayed).toBe(false);
    expect(claimSummary({ ...claim, status: 'WITHDRAWN', completedAt: '2026-11-21T00:00:00.000Z' }, NOW)).toMatchObject(
      { delayed: false, completedAt: '2026-11-21T00:00:00.000Z' },
    );
  });

  it(
    'an order in the seller’s claim view: the guide’s fields, the status as every rule reads it, nulls for what ' +
      'has not happened',
    () => {
      const order = anOrder({
        status: 'NEW',
        expectedShipDate: '2026-11-24',
        openClaimId: 'C-1',
        coupon: { code: 'CP', sellerCancellable: true },
      });

      expect(orderDetails(order, NOW)).toEqual({
        orderNo: 'O-1',
        cartNo: 'CART-1',
        orderedAt: '2026-11-20T03:00:00.000Z',
        status: 'DELAYED',
        item: { code: 'TEA-01', name: '抹茶セット', quantity: 1 },
        country: 'JP',
        total: { amount: 3200, currency: 'JPY' },
        payment: { method: 'CARD' },
        buyer: { id: 'B-1', email: 'hanako@example.jp' },
        recipient: null,
        expectedShipDate: '2026-11-24',
        shippedAt: null,
        shipment: null,
        deliveredAt: null,
      });
    },
  );

  it('a shipped order in the claim view carries its shipment and delivery', () => {
    const order = anOrder({
      status: 'DELIVERED',
      shippedAt: '2026-11-21T00:00:00.000Z',
      shipment: { carrier: 'Sagawa', trackingNumber: '1234' },
      deliveredAt: '2026-11-23T00:00:00.000Z',
      recipient: { name: '山田', address: '東京都' },
    });

    expect(orderDetails(order, NOW)).toMatchObject({
      status: 'DELIVERED',
      shippedAt: '2026-11-21T00:00:00.000Z',
      shipment: { carrier: 'Sagawa', trackingNumber: '1234' },
      deliveredAt: '2026-11-23T00:00:00.000Z',
      recipient: { name: '山田', address: '東京都' },
    });
  });
});
